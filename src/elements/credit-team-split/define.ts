import { defineElement } from '../../base/define.js';
import { CreditTeamSplit } from './credit-team-split.js';

defineElement('credit-team-split', CreditTeamSplit);

export { CreditTeamSplit };

declare global {
  interface HTMLElementTagNameMap {
    'credit-team-split': CreditTeamSplit;
  }
}
