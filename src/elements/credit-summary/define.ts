import { defineElement } from '../../base/define.js';
import { CreditSummary } from './credit-summary.js';

defineElement('credit-summary', CreditSummary);

export { CreditSummary };

declare global {
  interface HTMLElementTagNameMap {
    'credit-summary': CreditSummary;
  }
}
