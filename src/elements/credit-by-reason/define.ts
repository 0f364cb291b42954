import { defineElement } from '../../base/define.js';
import { CreditByReason } from './credit-by-reason.js';

defineElement('credit-by-reason', CreditByReason);

export { CreditByReason };

declare global {
  interface HTMLElementTagNameMap {
    'credit-by-reason': CreditByReason;
  }
}
