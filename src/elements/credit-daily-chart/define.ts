import { defineElement } from '../../base/define.js';
import { CreditDailyChart } from './credit-daily-chart.js';

defineElement('credit-daily-chart', CreditDailyChart);

export { CreditDailyChart };

declare global {
  interface HTMLElementTagNameMap {
    'credit-daily-chart': CreditDailyChart;
  }
}
