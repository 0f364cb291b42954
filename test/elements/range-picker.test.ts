import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import { MemoryDataSource } from '../../src/data/memory.js';
import type { RangeChangeDetail, RangePicker } from '../../src/elements/range-picker/range-picker.js';
import type { CreditDashboard } from '../../src/elements/credit-dashboard/credit-dashboard.js';
import { account, smallOrg } from '../data/fixtures.js';

/** 2026-11-20 18:00 UTC: a Friday in November's billing month. */
const NOW = Date.UTC(2026, 10, 20, 18);

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** What a person sees and does with one picker. */
function harness(el: RangePicker) {
  const root = el.shadowRoot!;
  const events: RangeChangeDetail[] = [];
  el.addEventListener('range-change', (e) => events.push(e.detail));
  return {
    events,
    presets: () => [...root.querySelectorAll<HTMLButtonElement>('[role="radio"]')],
    labels: () => [...root.querySelectorAll('[role="radio"]')].map((b) => squash(b.textContent)),
    checked: () => [...root.querySelectorAll('[role="radio"][aria-checked="true"]')].map((b) => squash(b.textContent)),
    tabbable: () => [...root.querySelectorAll('[role="radio"][tabindex="0"]')].map((b) => squash(b.textContent)),
    focused: () => squash(root.activeElement?.textContent) || root.activeElement?.getAttribute('name'),
    dates: () => squash(root.querySelector('[part="resolved"]')?.textContent),
    button: (preset: string) => root.querySelector<HTMLButtonElement>(`[data-preset="${preset}"]`)!,
    form: () => root.querySelector<HTMLFormElement>('[part="custom"]'),
    input: (name: 'start' | 'end') => root.querySelector<HTMLInputElement>(`input[name="${name}"]`)!,
    error: () => root.querySelector('[part="error"]'),
    /** Picks a date in a date input, as the browser reports it. */
    async enter(name: 'start' | 'end', value: string) {
      const input = root.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await el.updateComplete;
    },
    async openCustom() {
      root.querySelector<HTMLButtonElement>('[data-preset="custom"]')!.click();
      await el.updateComplete;
    },
  };
}

async function picker(template: ReturnType<typeof html>): Promise<RangePicker> {
  const el = await fixture<RangePicker>(template);
  await el.updateComplete;
  return el;
}

/** A picker in UTC with a billing month starting on the 1st and "now" pinned. */
const utcPicker = () => picker(html`<range-picker time-zone="UTC" billing-cycle-day="1" .now=${NOW} locale="en-US"></range-picker>`);

describe('range-picker', () => {
  describe('presets', () => {
    it('offers every preset, chooses the current billing month and shows its dates in the locale', async () => {
      const el = await utcPicker();
      const p = harness(el);
      expect(p.labels()).to.deep.equal([
        'Last 7 days',
        'Last 14 days',
        'Last 30 days',
        'Last 90 days',
        'Current billing month',
        'Previous billing month',
        'Custom range',
      ]);
      expect(p.checked()).to.deep.equal(['Current billing month']);
      expect(p.dates()).to.equal('Nov 1 – 30, 2026');
      expect(el.shadowRoot!.querySelector('[role="radiogroup"]')!.getAttribute('aria-label')).to.equal('Date range');

      el.locale = 'de-DE';
      await el.updateComplete;
      expect(p.dates()).to.equal('1.–30. Nov. 2026');
    });

    it('fires range-change with the resolved dates, bubbling out of shadow roots', async () => {
      const el = await utcPicker();
      const p = harness(el);
      const host = el.parentElement!;
      setTimeout(() => p.button('14d').click());
      const event = await oneEvent(host, 'range-change');
      expect(event.detail).to.deep.equal({ start: '2026-11-07', end: '2026-11-20', preset: '14d' });
      expect(event.bubbles && event.composed).to.equal(true);
      expect(p.checked()).to.deep.equal(['Last 14 days']);
      expect(el.getAttribute('value')).to.equal('14d');
      expect(p.dates()).to.equal('Nov 7 – 20, 2026');

      p.button('previous-billing-month').click();
      p.button('90d').click();
      expect(p.events.slice(1)).to.deep.equal([
        { start: '2026-10-01', end: '2026-10-31', preset: 'previous-billing-month' },
        { start: '2026-08-23', end: '2026-11-20', preset: '90d' },
      ]);
    });

    it('fires nothing when the chosen preset is applied again', async () => {
      const el = await utcPicker();
      const p = harness(el);
      p.button('billing-month').click();
      p.button('7d').click();
      p.button('7d').click();
      expect(p.events).to.deep.equal([{ start: '2026-11-14', end: '2026-11-20', preset: '7d' }]);
    });

    it('offers only the presets the presets attribute names, in their usual order', async () => {
      const el = await picker(html`<range-picker presets="custom, 30d 7d" time-zone="UTC" billing-cycle-day="1" .now=${NOW}></range-picker>`);
      const p = harness(el);
      expect(p.labels()).to.deep.equal(['Last 7 days', 'Last 30 days', 'Custom range']);
      // The default range is not among them: none is checked, and the first one takes the Tab stop.
      expect(p.checked()).to.deep.equal([]);
      expect(p.tabbable()).to.deep.equal(['Last 7 days']);
      expect(p.dates()).to.equal('Nov 1 – 30, 2026');

      el.presets = 'billing-month previous-billing-month';
      await el.updateComplete;
      expect(p.labels()).to.deep.equal(['Current billing month', 'Previous billing month']);
      expect(p.checked()).to.deep.equal(['Current billing month']);
      expect(p.tabbable()).to.deep.equal(['Current billing month']);
    });
  });

  describe('value', () => {
    it('reads the value attribute in string form and reflects what is applied', async () => {
      const el = await picker(html`<range-picker value="2026-10-01/2026-10-31" time-zone="UTC" billing-cycle-day="1" .now=${NOW}></range-picker>`);
      const p = harness(el);
      expect(p.checked()).to.deep.equal(['Custom range']);
      expect(p.dates()).to.equal('Oct 1 – 31, 2026');

      el.setAttribute('value', '30d');
      await el.updateComplete;
      expect(el.value).to.equal('30d');
      expect(p.checked()).to.deep.equal(['Last 30 days']);
      expect(p.dates()).to.equal('Oct 22 – Nov 20, 2026');

      el.value = 'previous-billing-month';
      await el.updateComplete;
      expect(el.getAttribute('value')).to.equal('previous-billing-month');
      expect(p.checked()).to.deep.equal(['Previous billing month']);

      p.button('7d').click();
      await el.updateComplete;
      expect(el.getAttribute('value')).to.equal('7d');
      expect(p.events).to.have.length(1);
    });

    it('shows the current billing month for a value it cannot read, without breaking', async () => {
      const el = await picker(html`<range-picker value="next week" time-zone="Not/AZone" billing-cycle-day="40" .now=${NOW}></range-picker>`);
      const p = harness(el);
      expect(p.checked()).to.deep.equal(['Current billing month']);
      expect(p.dates()).to.match(/^Nov 1 – 30, 2026$/);
    });
  });

  describe('time zones', () => {
    /** Applies the 7-day preset of a picker in `zone` at `now`; returns the event's detail and the dates shown. */
    async function lastWeek(zone: string, now: number) {
      const el = await picker(html`<range-picker time-zone=${zone} billing-cycle-day="1" .now=${now} locale="en-US"></range-picker>`);
      const p = harness(el);
      p.button('7d').click();
      await el.updateComplete;
      return { detail: p.events[0], dates: p.dates() };
    }

    it('ends "last 7 days" on today in the zone, across the spring DST change in Los Angeles', async () => {
      // 2026-03-10 06:30 UTC is 23:30 on 9 March in Los Angeles (PDT since 8 March).
      const { detail, dates } = await lastWeek('America/Los_Angeles', Date.UTC(2026, 2, 10, 6, 30));
      expect(detail).to.deep.equal({ start: '2026-03-03', end: '2026-03-09', preset: '7d' });
      expect(dates).to.equal('Mar 3 – 9, 2026');
    });

    it('ends "last 7 days" on today in the zone, across the autumn DST change in Los Angeles', async () => {
      // 2026-11-02 07:30 UTC is 23:30 on 1 November in Los Angeles (PST since 02:00 that day).
      const { detail } = await lastWeek('America/Los_Angeles', Date.UTC(2026, 10, 2, 7, 30));
      expect(detail).to.deep.equal({ start: '2026-10-26', end: '2026-11-01', preset: '7d' });
    });

    it('ends "last 7 days" on today in London, the night summer time starts', async () => {
      // 2026-03-29 23:30 UTC is 00:30 on 30 March in London (BST since 01:00 UTC).
      const { detail } = await lastWeek('Europe/London', Date.UTC(2026, 2, 29, 23, 30));
      expect(detail).to.deep.equal({ start: '2026-03-24', end: '2026-03-30', preset: '7d' });
      // The same instant in UTC is still the 29th.
      expect((await lastWeek('UTC', Date.UTC(2026, 2, 29, 23, 30))).detail.end).to.equal('2026-03-29');
    });

    it('clamps a billing cycle day of 31 to the end of February', async () => {
      const mid = await picker(html`<range-picker time-zone="UTC" billing-cycle-day="31" .now=${Date.UTC(2026, 1, 15, 12)}></range-picker>`);
      const p = harness(mid);
      expect(p.dates()).to.equal('Jan 31 – Feb 27, 2026');
      p.button('previous-billing-month').click();
      expect(p.events[0]).to.deep.equal({ start: '2025-12-31', end: '2026-01-30', preset: 'previous-billing-month' });

      const late = await picker(html`<range-picker time-zone="UTC" billing-cycle-day="31" .now=${Date.UTC(2026, 1, 28, 12)}></range-picker>`);
      expect(harness(late).dates()).to.equal('Feb 28 – Mar 30, 2026');
    });
  });

  describe('keyboard', () => {
    async function inPage(template: ReturnType<typeof html>) {
      const wrapper = await fixture<HTMLElement>(html`<div><button id="before">Before</button>${template}<button id="after">After</button></div>`);
      const el = wrapper.querySelector<RangePicker>('range-picker')!;
      await el.updateComplete;
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
      return { el, p: harness(el), wrapper };
    }

    it('moves with the arrow keys, Home and End through one Tab stop, and applies with Enter', async () => {
      const { el, p, wrapper } = await inPage(html`<range-picker time-zone="UTC" billing-cycle-day="1" .now=${NOW}></range-picker>`);
      await sendKeys({ press: 'Tab' });
      expect(p.focused()).to.equal('Current billing month');
      expect(p.tabbable()).to.deep.equal(['Current billing month']);

      const path: string[] = [];
      for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowLeft', 'Home', 'End', 'ArrowDown', 'ArrowUp']) {
        await sendKeys({ press: key });
        path.push(p.focused()!);
      }
      expect(path).to.deep.equal([
        'Previous billing month',
        'Custom range',
        'Last 7 days', // wraps around
        'Custom range',
        'Last 7 days',
        'Custom range',
        'Last 7 days',
        'Custom range',
      ]);
      // Moving does not apply: nothing fired, the checked preset is unchanged, the focused one is the Tab stop.
      expect(p.events).to.deep.equal([]);
      expect(p.checked()).to.deep.equal(['Current billing month']);
      expect(p.tabbable()).to.deep.equal(['Custom range']);

      await sendKeys({ press: 'Home' });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      expect(p.focused()).to.equal('Last 30 days');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(p.events).to.deep.equal([{ start: '2026-10-22', end: '2026-11-20', preset: '30d' }]);
      expect(p.checked()).to.deep.equal(['Last 30 days']);

      // Browse without applying, leave, come back: Tab lands on the chosen preset again.
      await sendKeys({ press: 'ArrowLeft' });
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement).to.equal(wrapper.querySelector('#after'));
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(p.focused()).to.equal('Last 30 days');
      expect(p.tabbable()).to.deep.equal(['Last 30 days']);
    });

    it('applies the focused preset with Space too', async () => {
      const { el, p } = await inPage(html`<range-picker time-zone="UTC" billing-cycle-day="1" .now=${NOW}></range-picker>`);
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Home' });
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(p.events).to.deep.equal([{ start: '2026-11-14', end: '2026-11-20', preset: '7d' }]);
    });

    it('reverses left and right in a right-to-left page', async () => {
      const { p } = await inPage(html`<div dir="rtl"><range-picker time-zone="UTC" billing-cycle-day="1" .now=${NOW}></range-picker></div>`);
      await sendKeys({ press: 'Tab' });
      expect(p.focused()).to.equal('Current billing month');
      await sendKeys({ press: 'ArrowLeft' });
      expect(p.focused()).to.equal('Previous billing month');
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      expect(p.focused()).to.equal('Last 90 days');
      // Up and down keep their meaning.
      await sendKeys({ press: 'ArrowDown' });
      expect(p.focused()).to.equal('Current billing month');
      // The presets are laid out from the right: the first one is right of the second.
      const [first, second] = p.presets();
      expect(first.getBoundingClientRect().left).to.be.greaterThan(second.getBoundingClientRect().left);
    });

    it('opens the custom form with the focus in the start date; Enter applies it, Escape closes it', async () => {
      const { el, p } = await inPage(html`<range-picker time-zone="UTC" billing-cycle-day="1" .now=${NOW}></range-picker>`);
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'End' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => p.focused() === 'start', 'the focus moves to the start date');
      expect(p.checked()).to.deep.equal(['Custom range']);
      // The form starts from the range shown.
      expect([p.input('start').value, p.input('end').value]).to.deep.equal(['2026-11-01', '2026-11-30']);
      expect(p.input('start').labels![0].textContent).to.contain('Start date');
      expect(p.input('end').labels![0].textContent).to.contain('End date');
      expect(p.events).to.deep.equal([]);

      await p.enter('start', '2026-10-05');
      await p.enter('end', '2026-10-25');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(p.events).to.deep.equal([{ start: '2026-10-05', end: '2026-10-25', preset: 'custom' }]);
      expect(el.value).to.equal('2026-10-05/2026-10-25');
      expect(p.dates()).to.equal('Oct 5 – 25, 2026');
      // Applied: the form closes and the focus returns to its preset.
      expect(p.form()).to.equal(null);
      await waitUntil(() => p.focused() === 'Custom range', 'the focus returns to Custom range');

      await sendKeys({ press: 'Enter' });
      await waitUntil(() => p.focused() === 'start');
      expect(p.input('start').value).to.equal('2026-10-05');
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(p.form()).to.equal(null);
      expect(p.events).to.have.length(1);
      await waitUntil(() => p.focused() === 'Custom range', 'Escape returns the focus to Custom range');
    });
  });

  describe('custom range validation', () => {
    /** Opens the form, enters the dates and presses Apply. */
    async function attempt(el: RangePicker, start: string, end: string) {
      const p = harness(el);
      if (!p.form()) await p.openCustom();
      await p.enter('start', start);
      await p.enter('end', end);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="apply"]')!.click();
      await el.updateComplete;
      return p;
    }

    const cases: [string, string, string, string, [boolean, boolean]][] = [
      ['a start after the end', '2026-11-10', '2026-11-05', 'The start date must be on or before the end date.', [true, true]],
      ['a range longer than max-days', '2026-09-01', '2026-10-31', 'The range can be at most 31 days.', [true, true]],
      ['an end after today in the time zone', '2026-11-14', '2026-11-21', 'The end date can’t be after today (Nov 20, 2026).', [false, true]],
      ['a date the input cannot hold', '2026-02-30', '2026-03-05', 'Enter a complete, real date.', [true, false]],
    ];
    for (const [what, start, end, message, [startInvalid, endInvalid]] of cases) {
      it(`refuses ${what} with a message beside the inputs, and fires nothing`, async () => {
        const el = await picker(html`<range-picker max-days="31" time-zone="UTC" billing-cycle-day="1" .now=${NOW}></range-picker>`);
        const events: unknown[] = [];
        el.addEventListener('range-change', (e) => events.push(e.detail));
        const p = await attempt(el, start, end);
        const error = p.error()!;
        expect(squash(error.textContent)).to.equal(message);
        expect(error.getAttribute('role')).to.equal('alert');
        expect(p.input('start').getAttribute('aria-invalid')).to.equal(String(startInvalid));
        expect(p.input('end').getAttribute('aria-invalid')).to.equal(String(endInvalid));
        const described = [p.input('start'), p.input('end')].filter((i) => i.getAttribute('aria-describedby') === error.id);
        expect(described).to.have.length(Number(startInvalid) + Number(endInvalid));
        expect(events).to.deep.equal([]);
        expect(el.value).to.equal(undefined);
        expect(p.dates()).to.equal('Nov 1 – 30, 2026');
        expect(p.form()).to.exist;
      });
    }

    it('knows "today" in the account time zone: the 21st is already today in Tokyo', async () => {
      const el = await picker(html`<range-picker time-zone="Asia/Tokyo" billing-cycle-day="1" .now=${NOW}></range-picker>`);
      const p = await attempt(el, '2026-11-14', '2026-11-21');
      expect(p.error()).to.equal(null);
      expect(p.events).to.deep.equal([{ start: '2026-11-14', end: '2026-11-21', preset: 'custom' }]);
    });

    it('updates the message as the dates are corrected, then applies', async () => {
      const el = await picker(html`<range-picker max-days="31" time-zone="UTC" billing-cycle-day="1" .now=${NOW}></range-picker>`);
      const p = harness(el);
      await attempt(el, '2026-11-10', '2026-11-05');
      expect(squash(p.error()!.textContent)).to.equal('The start date must be on or before the end date.');
      await p.enter('start', '2026-09-01');
      expect(squash(p.error()!.textContent)).to.equal('The range can be at most 31 days.');
      await p.enter('start', '2026-10-06');
      expect(p.error()).to.equal(null);
      expect(p.events).to.deep.equal([]);
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="apply"]')!.click();
      expect(p.events).to.deep.equal([{ start: '2026-10-06', end: '2026-11-05', preset: 'custom' }]);
    });

    it('uses replacement strings and the locale in its messages', async () => {
      const el = await picker(html`<range-picker
        max-days="1000"
        time-zone="UTC"
        billing-cycle-day="1"
        locale="de-DE"
        .now=${NOW}
        .strings=${{ rangeTooLong: 'Höchstens {max} Tage.', rangeInFuture: 'Nicht nach heute ({today}).' }}
      ></range-picker>`);
      let p = await attempt(el, '2020-01-01', '2026-11-01');
      expect(squash(p.error()!.textContent)).to.equal('Höchstens 1.000 Tage.');
      p = await attempt(el, '2026-11-01', '2026-12-01');
      expect(squash(p.error()!.textContent)).to.equal('Nicht nach heute (20.11.2026).');
    });
  });

  describe('accessibility', () => {
    it('passes axe with the presets, light and dark', async () => {
      const light = await utcPicker();
      await expect(light).to.be.accessible();
      // Like the dashboard, the picker paints no background of its own: a dark one sits on a dark page.
      const page = await fixture<HTMLElement>(html`<div style="background:#0d1117;padding:8px">
        <range-picker theme="dark" time-zone="UTC" billing-cycle-day="1" .now=${NOW}></range-picker>
      </div>`);
      await expect(page).to.be.accessible();
    });

    it('passes axe with the custom form open and an error shown, light and dark', async () => {
      for (const [theme, background] of [['light', '#ffffff'], ['dark', '#0d1117']]) {
        const page = await fixture<HTMLElement>(html`<div style="background:${background};padding:8px">
          <range-picker theme=${theme} max-days="7" time-zone="UTC" billing-cycle-day="1" .now=${NOW}></range-picker>
        </div>`);
        const el = page.querySelector<RangePicker>('range-picker')!;
        const p = harness(el);
        await p.openCustom();
        await expect(page).to.be.accessible();
        await p.enter('start', '2026-11-01');
        await p.enter('end', '2026-11-20');
        el.shadowRoot!.querySelector<HTMLButtonElement>('[part="apply"]')!.click();
        await el.updateComplete;
        expect(squash(p.error()?.textContent)).to.equal('The range can be at most 7 days.');
        await expect(page).to.be.accessible();
      }
    });

    it('passes axe right to left', async () => {
      const wrapper = await fixture<HTMLElement>(html`<div dir="rtl" lang="ar-EG"><range-picker time-zone="UTC" billing-cycle-day="1" .now=${NOW}></range-picker></div>`);
      const el = wrapper.querySelector<RangePicker>('range-picker')!;
      await el.updateComplete;
      expect(harness(el).dates()).to.equal('١–٣٠ نوفمبر ٢٠٢٦');
      await expect(wrapper).to.be.accessible();
    });
  });

  describe('inside a dashboard', () => {
    /** Auckland is 13 hours ahead in November: 2026-11-20 18:00 UTC is already the 21st there. */
    const source = () => new MemoryDataSource(smallOrg({ account: account({ timeZone: 'Pacific/Auckland', billingCycleDay: 15 }) }));

    async function dashboard(template: ReturnType<typeof html>) {
      const dash = await fixture<CreditDashboard>(template);
      const el = await waitUntil(() => dash.shadowRoot!.querySelector<RangePicker>('range-picker'), 'the dashboard shows its picker').then(
        () => dash.shadowRoot!.querySelector<RangePicker>('range-picker')!,
      );
      const p = harness(el);
      await waitUntil(() => p.dates() !== '', 'the account is loaded');
      return { dash, el, p };
    }

    it('takes the time zone and billing cycle day from the account, and sets the dashboard’s range', async () => {
      const { dash, el, p } = await dashboard(html`<credit-dashboard .dataSource=${source()} .now=${NOW} locale="en-US"></credit-dashboard>`);
      expect(p.checked()).to.deep.equal(['Current billing month']);
      expect(p.dates()).to.equal('Nov 15 – Dec 14, 2026');

      setTimeout(() => p.button('7d').click());
      const event = await oneEvent(dash, 'range-change');
      expect(event.detail).to.deep.equal({ start: '2026-11-15', end: '2026-11-21', preset: '7d' });
      expect(dash.range).to.equal('7d');

      await p.openCustom();
      await p.enter('start', '2026-11-01');
      await p.enter('end', '2026-11-21');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="apply"]')!.click();
      expect(dash.range).to.equal('2026-11-01/2026-11-21');
      await expect(dash).to.be.accessible();
    });

    it('follows the dashboard’s time zone and a range the host sets later', async () => {
      const { dash, el, p } = await dashboard(html`<credit-dashboard .dataSource=${source()} .now=${NOW} time-zone="UTC" range="30d"></credit-dashboard>`);
      expect(p.checked()).to.deep.equal(['Last 30 days']);
      expect(p.dates()).to.equal('Oct 22 – Nov 20, 2026');
      p.button('14d').click();
      await el.updateComplete;
      dash.range = 'previous-billing-month';
      await dash.updateComplete;
      await el.updateComplete;
      expect(p.checked()).to.deep.equal(['Previous billing month']);
      expect(p.dates()).to.equal('Oct 15 – Nov 14, 2026');
    });
  });
});
