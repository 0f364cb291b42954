import { defineElement } from '../../base/define.js';
import { CreditMonthlyChart } from './credit-monthly-chart.js';

defineElement('credit-monthly-chart', CreditMonthlyChart);

export { CreditMonthlyChart };

declare global {
  interface HTMLElementTagNameMap {
    'credit-monthly-chart': CreditMonthlyChart;
  }
}
