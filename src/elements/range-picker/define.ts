import { defineElement } from '../../base/define.js';
import { RangePicker } from './range-picker.js';

defineElement('range-picker', RangePicker);

export { RangePicker };

declare global {
  interface HTMLElementTagNameMap {
    'range-picker': RangePicker;
  }
}
