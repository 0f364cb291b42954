import { defineElement } from '../../base/define.js';
import { CreditByWorkspace } from './credit-by-workspace.js';

defineElement('credit-by-workspace', CreditByWorkspace);

export { CreditByWorkspace };

declare global {
  interface HTMLElementTagNameMap {
    'credit-by-workspace': CreditByWorkspace;
  }
}
