/**
 * The framework example pages, each loaded in an iframe the way a visitor
 * opens it: the full dashboard on the Acme adapter renders the adapter's
 * data, and the page receives the dashboard's `range-change` and
 * `day-select` events and shows them in its status line.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { ACME_TOTAL_CREDITS, ACME_USAGE } from '../../examples/shared/acme-source.js';
import { DEFAULT_LAYOUT } from '../tags.js';

const PAGES = [
  { name: 'plain HTML', url: '/examples/plain-html/index.html' },
  { name: 'React', url: '/examples/react/index.html' },
  { name: 'Vue', url: '/examples/vue/index.html' },
];

/** The panels of the default layout, all of which have data in the Acme set. */
const PANELS = DEFAULT_LAYOUT;

/** Credits in the Acme records between two days (inclusive): what the summary must show as used. */
const usedBetween = (start: string, end: string) =>
  ACME_USAGE.filter((r) => r.date >= start && r.date <= end).reduce((sum, r) => sum + r.credits, 0);
const digits = (text: string | null | undefined) => (text ?? '').replace(/\D/g, '');

class ExamplePage {
  constructor(readonly frame: HTMLIFrameElement) {}

  get document(): Document {
    return this.frame.contentDocument!;
  }

  get dashboard(): HTMLElement | null {
    return this.document.querySelector('credit-dashboard');
  }

  /** An element inside the dashboard's shadow root. */
  inDashboard<E extends Element = HTMLElement>(selector: string): E | null {
    return this.dashboard?.shadowRoot?.querySelector<E>(selector) ?? null;
  }

  /** An element inside the shadow root of a panel of the dashboard. */
  inPanel<E extends Element = HTMLElement>(panel: string, selector: string): E | null {
    return this.inDashboard(panel)?.shadowRoot?.querySelector<E>(selector) ?? null;
  }

  status(which: 'range' | 'day'): string {
    return this.document.querySelector(`[data-status="${which}"]`)?.textContent?.trim() ?? '';
  }

  panelStates(): string[] {
    return PANELS.map((tag) => this.inDashboard(tag)?.getAttribute('state') ?? 'missing');
  }

  summaryFigure(stat: 'used' | 'remaining' | 'total'): string {
    return this.inPanel('credit-summary', `[data-stat="${stat}"] [part="value"]`)?.textContent?.trim() ?? '';
  }

  /** A real mouse click in the middle of an element inside the frame. */
  async click(element: Element): Promise<void> {
    element.scrollIntoView({ block: 'center' });
    const inner = element.getBoundingClientRect();
    const outer = this.frame.getBoundingClientRect();
    await sendMouse({
      type: 'click',
      position: [Math.round(outer.left + inner.left + inner.width / 2), Math.round(outer.top + inner.top + inner.height / 2)],
    });
  }
}

async function open(url: string): Promise<ExamplePage> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'position:absolute;top:0;left:0;width:1200px;height:1400px;border:0';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = url;
  document.body.append(frame);
  await loaded;
  const page = new ExamplePage(frame);
  await waitUntil(
    () => page.panelStates().every((state) => state === 'ready'),
    `the dashboard's panels did not all become ready: ${PANELS.map((tag, i) => `${tag} ${page.panelStates()[i]}`).join(', ')}`,
    { timeout: 15000, interval: 50 },
  );
  return page;
}

describe('framework examples', () => {
  let page: ExamplePage | undefined;

  before(async () => {
    await setViewport({ width: 1200, height: 1000 });
  });

  afterEach(async () => {
    page?.frame.remove();
    page = undefined;
    await resetMouse();
  });

  for (const { name, url } of PAGES) {
    describe(name, () => {
      it('renders the full dashboard with the Acme adapter’s account and October totals', async () => {
        page = await open(url);
        expect(page.inDashboard('[part="title"]')?.textContent?.trim()).to.equal('Acme Robotics');
        // The default range is the current billing month, 1–31 October 2026 ("today" is the 20th).
        const used = usedBetween('2026-10-01', '2026-10-31');
        expect(used).to.equal(495);
        expect(digits(page.summaryFigure('used'))).to.equal(String(used));
        const remaining = ACME_TOTAL_CREDITS - usedBetween('0000-01-01', '9999-12-31');
        expect(digits(page.summaryFigure('remaining'))).to.equal(String(remaining));
        // Every member with usage in October is listed, by email.
        const table = page.inDashboard('member-usage-table')?.shadowRoot?.textContent ?? '';
        for (const email of ['ana@acme.test', 'ben@acme.test', 'chen@acme.test', 'dana@acme.test']) expect(table).to.contain(email);
        // Nothing picked yet.
        expect(page.status('range')).to.equal('Range: —');
        expect(page.status('day')).to.equal('Day: —');
      });

      it('shows the range-change of a preset clicked in the range picker, and the panels follow it', async () => {
        page = await open(url);
        const preset = page.inPanel<HTMLButtonElement>('range-picker', '[data-preset="7d"]');
        expect(preset, 'the 7-day preset').to.exist;
        await page.click(preset!);
        await waitUntil(() => page!.status('range') === 'Range: 2026-10-14 → 2026-10-20 (7d)', `status line: ${page.status('range')}`, { timeout: 5000 });
        const used = usedBetween('2026-10-14', '2026-10-20');
        expect(used).to.equal(160);
        await waitUntil(() => digits(page!.summaryFigure('used')) === String(used), `summary used: ${page.summaryFigure('used')}`, { timeout: 5000 });
        expect(page.status('day')).to.equal('Day: —');
      });

      it('shows the day-select of a day picked in the daily chart, and its clearing', async () => {
        page = await open(url);
        const box = page.inPanel('credit-daily-chart', '[part="chart"]');
        expect(box, 'the daily chart').to.exist;
        box!.focus();
        // The first day of the range, then Enter selects it.
        await sendKeys({ press: 'Home' });
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => page!.status('day') === 'Day: 2026-10-01', `status line: ${page.status('day')}`, { timeout: 5000 });
        // The dashboard focuses the day: its chip is shown to the user.
        await waitUntil(() => (page!.inDashboard('[part="chips"]')?.textContent ?? '').replace(/\s+/g, ' ').includes('Day: Oct 1, 2026'), 'the focused-day chip', { timeout: 5000 });
        // Enter again clears the selection: the page receives { date: null }.
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => page!.status('day') === 'Day: none', `status line: ${page.status('day')}`, { timeout: 5000 });
        expect(page.status('range')).to.equal('Range: —');
      });
    });
  }
});
