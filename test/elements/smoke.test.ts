import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { generateDemoData } from '../../src/data/demo-data.js';
import { MemoryDataSource } from '../../src/data/memory.js';

describe('smoke', () => {
  it('renders a dashboard', async () => {
    const source = new MemoryDataSource(generateDemoData({ seed: 1, members: 10, months: 2, now: Date.UTC(2026, 10, 20, 12) }));
    const el = await fixture(html`<credit-dashboard .dataSource=${source} .now=${Date.UTC(2026, 10, 20, 12)}></credit-dashboard>`);
    const summary = () => el.shadowRoot!.querySelector('credit-summary')!;
    await waitUntil(() => summary()?.state === 'ready', 'summary ready', { timeout: 5000 });
    console.log(summary().shadowRoot!.textContent!.replace(/\s+/g, ' '));
    console.log(el.shadowRoot!.querySelector('range-picker')!.shadowRoot!.textContent!.replace(/\s+/g, ' '));
    expect(summary().state).to.equal('ready');
  });
});
