import { defineElement } from '../../base/define.js';
import { WorkspaceAllocationTable } from './workspace-allocation-table.js';

defineElement('workspace-allocation-table', WorkspaceAllocationTable);

export { WorkspaceAllocationTable };

declare global {
  interface HTMLElementTagNameMap {
    'workspace-allocation-table': WorkspaceAllocationTable;
  }
}
