import { defineElement } from '../../base/define.js';
import { MemberUsageTable } from './member-usage-table.js';

defineElement('member-usage-table', MemberUsageTable);

export { MemberUsageTable };

declare global {
  interface HTMLElementTagNameMap {
    'member-usage-table': MemberUsageTable;
  }
}
