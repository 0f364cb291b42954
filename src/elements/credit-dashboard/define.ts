import { defineElement } from '../../base/define.js';
import { CreditDashboard } from './credit-dashboard.js';

defineElement('credit-dashboard', CreditDashboard);

export { CreditDashboard };

declare global {
  interface HTMLElementTagNameMap {
    'credit-dashboard': CreditDashboard;
  }
}
