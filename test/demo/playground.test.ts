/**
 * The element playground (demo/playground.html), loaded in an iframe the way
 * a visitor opens it: every element's page shows the element on its own
 * with one control per attribute of the manifest; a control changes the
 * element, the code and the URL; a URL restores them; the simulated failing
 * backend, events, the brand colour and hostile values show as they should.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { DEFAULT_LAYOUT, ELEMENTS } from '../tags.js';

interface ManifestDeclaration {
  tagName?: string;
  attributes?: { name: string }[];
  events?: { name: string }[];
}
interface Manifest {
  modules: { declarations?: ManifestDeclaration[] }[];
}

/** Attributes the elements reflect as output: shown, never controls. */
const OUTPUTS = ['loading', 'state', 'level'];
const HOSTILE = '"><img src=x onerror=alert(1)>';

class PlaygroundPage {
  constructor(readonly frame: HTMLIFrameElement) {}

  get document(): Document {
    return this.frame.contentDocument!;
  }

  get search(): string {
    return this.frame.contentWindow!.location.search;
  }

  /** The previewed element (the only one with its tag on the page). */
  element(tag: string): HTMLElement {
    const found = this.document.querySelectorAll<HTMLElement>(tag);
    expect(found.length, `<${tag}> elements on the page`).to.equal(1);
    return found[0];
  }

  /** The input or select of an attribute's control. */
  control<E extends HTMLInputElement | HTMLSelectElement>(attribute: string): E {
    const control = this.document.querySelector<E>(`[data-attribute="${attribute}"] :is(input, select)`);
    expect(control, `the control of ${attribute}`).to.exist;
    return control!;
  }

  controlNames(): string[] {
    return [...this.document.querySelectorAll<HTMLElement>('[data-attribute]')].map((c) => c.dataset.attribute!);
  }

  get snippet(): string {
    return this.document.querySelector('#snippet')?.textContent ?? '';
  }

  get rendered(): boolean {
    return this.document.documentElement.dataset.rendered === 'true';
  }

  log(): { name: string; text: string }[] {
    return [...this.document.querySelectorAll<HTMLElement>('#event-log li')].map((li) => ({ name: li.dataset.event ?? '', text: li.textContent ?? '' }));
  }

  reflected(name: string): string | undefined {
    return this.document.querySelector<HTMLElement>(`[data-output="${name}"]`)?.dataset.value;
  }

  /** Chooses a value the way a visitor does: the control's value, then its change event. */
  choose(attribute: string, value: string): void {
    const control = this.control(attribute);
    control.value = value;
    control.dispatchEvent(new Event('change', { bubbles: true }));
  }

  async settled(what: string): Promise<void> {
    await waitUntil(() => this.rendered, `the playground did not settle: ${what}`, { timeout: 15000, interval: 50 });
  }
}

async function open(search: string): Promise<PlaygroundPage> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'position:absolute;top:0;left:0;width:1200px;height:1400px;border:0';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `/demo/playground.html${search}`;
  document.body.append(frame);
  await loaded;
  const page = new PlaygroundPage(frame);
  await page.settled(search);
  return page;
}

describe('element playground', () => {
  let manifest: ManifestDeclaration[] = [];
  let page: PlaygroundPage | undefined;

  before(async () => {
    await setViewport({ width: 1200, height: 1000 });
    const json = (await (await fetch('/custom-elements.json')).json()) as Manifest;
    manifest = json.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
  });

  afterEach(() => {
    page?.frame.remove();
    page = undefined;
  });

  const declaration = (tag: string) => manifest.find((d) => d.tagName === tag)!;

  it('the manifest lists the ten elements', () => {
    expect(ELEMENTS).to.have.length(10);
    expect(manifest.map((d) => d.tagName).sort()).to.deep.equal([...ELEMENTS].sort());
  });

  for (const tag of ELEMENTS) {
    it(`renders <${tag}> on its own, with a control per attribute`, async () => {
      page = await open(`?tag=${tag}`);
      const el = page.element(tag);
      expect(el.getRootNode(), 'in the page itself').to.equal(page.document);
      if (tag !== 'credit-dashboard') expect(el.closest('credit-dashboard'), 'not inside a dashboard').to.equal(null);
      // Every panel has loaded its data; the dashboard and the picker have no state of their own.
      expect(el.getAttribute('state'), 'its state').to.equal(DEFAULT_LAYOUT.includes(tag) ? 'ready' : null);
      expect(el.shadowRoot?.childElementCount, 'rendered its shadow root').to.be.greaterThan(0);

      const wanted = (declaration(tag).attributes ?? []).map((a) => a.name).filter((name) => !OUTPUTS.includes(name));
      expect(page.controlNames()).to.deep.equal(wanted);
      for (const name of wanted) {
        const control = page.control(name);
        // Labelled by the attribute's name, and described by its manifest description.
        expect(control.labels?.[0]?.textContent?.trim(), `the label of ${name}`).to.equal(name);
        const hint = page.document.getElementById(control.getAttribute('aria-describedby') ?? '');
        expect(hint?.textContent?.trim(), `the hint of ${name}`).to.not.be.empty;
      }

      // Outputs are shown, live, not edited.
      for (const name of OUTPUTS) {
        if (!(declaration(tag).attributes ?? []).some((a) => a.name === name)) continue;
        expect(page.reflected(name), `reflected ${name}`).to.equal(name === 'loading' ? 'false' : el.getAttribute(name));
      }

      const links = [...page.document.querySelectorAll<HTMLAnchorElement>('.pg-elements a')];
      expect(links.map((a) => a.textContent?.trim()).sort()).to.deep.equal([...ELEMENTS].sort());
      const current = links.filter((a) => a.getAttribute('aria-current') === 'page');
      expect(current.map((a) => a.textContent?.trim())).to.deep.equal([tag]);
      expect(page.document.querySelector('a[href="./index.html"]')?.textContent?.trim(), 'a link back to the dashboard').to.equal('Full dashboard');

      const entry = tag === 'credit-dashboard' ? "'credit-usage-elements'" : `'credit-usage-elements/${tag}'`;
      expect(page.snippet).to.contain(`import ${entry};`);
      expect(page.snippet).to.contain(`<${tag}></${tag}>`);
      expect(page.search).to.equal(`?tag=${tag}`);
    });
  }

  it('a select sets the attribute, the code and the URL; the default takes it away again', async () => {
    page = await open('');
    const p = page;
    expect(p.search).to.equal('?tag=credit-daily-chart');
    expect(p.control('group-by').value).to.equal('none');

    p.choose('group-by', 'reason');
    await waitUntil(() => p.element('credit-daily-chart').getAttribute('group-by') === 'reason', 'group-by was not set');
    expect(p.snippet).to.contain('<credit-daily-chart group-by="reason"></credit-daily-chart>');
    expect(p.search).to.equal('?tag=credit-daily-chart&group-by=reason');
    await p.settled('grouped by reason');
    expect(p.element('credit-daily-chart').getAttribute('state')).to.equal('ready');

    p.choose('top', '3');
    await waitUntil(() => p.element('credit-daily-chart').getAttribute('top') === '3', 'top was not set');
    expect(p.snippet).to.contain('<credit-daily-chart group-by="reason" top="3"></credit-daily-chart>');
    expect(p.search).to.equal('?tag=credit-daily-chart&group-by=reason&top=3');

    // Back to the default: not written anywhere, and the element has no such attribute.
    p.choose('group-by', 'none');
    await waitUntil(() => !p.element('credit-daily-chart').hasAttribute('group-by'), 'group-by stayed');
    expect(p.snippet).to.contain('<credit-daily-chart top="3"></credit-daily-chart>');
    expect(p.search).to.equal('?tag=credit-daily-chart&top=3');
    await p.settled('back to one bar per day');
    expect(p.element('credit-daily-chart').getAttribute('state')).to.equal('ready');
  });

  it('a URL with attributes restores the controls, the element, the code and the theme', async () => {
    page = await open('?tag=credit-by-reason&variant=bar&theme=dark&locale=de-DE&brand=0e7490');
    const p = page;
    const el = p.element('credit-by-reason');
    expect(p.control('variant').value).to.equal('bar');
    expect(p.control('theme').value).to.equal('dark');
    expect(p.control('locale').value).to.equal('de-DE');
    expect(el.getAttribute('variant')).to.equal('bar');
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(el.getAttribute('locale')).to.equal('de-DE');
    expect(el.style.getPropertyValue('--credit-color-1')).to.equal('#0e7490');
    expect(el.style.getPropertyValue('--credit-color-accent')).to.equal('#0e7490');
    expect(p.document.documentElement.dataset.theme, 'the page follows the element’s theme').to.equal('dark');
    expect(p.snippet).to.contain('variant="bar"');
    expect(p.snippet).to.contain('locale="de-DE"');
    expect(p.snippet).to.contain('theme="dark"');
    expect(p.snippet).to.contain('style="--credit-color-1: #0e7490; --credit-color-accent: #0e7490"');
    // Another element's link keeps the shared settings.
    const summary = p.document.querySelector<HTMLAnchorElement>('.pg-elements a[href*="tag=credit-summary"]')!;
    expect(summary.getAttribute('href')).to.contain('theme=dark').and.to.contain('locale=de-DE').and.not.to.contain('variant');

    // The variant's select sets it in place.
    p.choose('variant', 'doughnut');
    await waitUntil(() => !p.element('credit-by-reason').hasAttribute('variant'), 'variant stayed');
    expect(p.snippet).not.to.contain('variant=');
    expect(p.search).not.to.contain('variant');
    p.choose('variant', 'bar');
    await waitUntil(() => p.element('credit-by-reason').getAttribute('variant') === 'bar', 'variant was not set');
    expect(p.search).to.contain('variant=bar');

    // The brand colour control.
    const colour = p.document.querySelector<HTMLInputElement>('#page-brand')!;
    colour.value = '#be123c';
    colour.dispatchEvent(new Event('input', { bubbles: true }));
    await waitUntil(() => p.element('credit-by-reason').style.getPropertyValue('--credit-color-1') === '#be123c', 'the brand colour was not set');
    expect(p.search).to.contain('brand=be123c');
    expect(p.snippet).to.contain('--credit-color-accent: #be123c');
  });

  it('the empty organisation shows the empty state; Reset brings back every default', async () => {
    page = await open('?tag=credit-daily-chart&group-by=reason&data=empty');
    const p = page;
    expect(p.element('credit-daily-chart').getAttribute('state')).to.equal('empty');
    expect(p.snippet).to.contain('empty: true');
    [...p.document.querySelectorAll<HTMLButtonElement>('.pg-controls button')].find((b) => b.textContent?.trim() === 'Reset')!.click();
    await waitUntil(() => p.element('credit-daily-chart').getAttribute('state') === 'ready', 'the standard organisation did not load');
    expect(p.element('credit-daily-chart').hasAttribute('group-by')).to.equal(false);
    expect(p.control('group-by').value).to.equal('none');
    expect(p.search).to.equal('?tag=credit-daily-chart');
    expect(p.snippet).not.to.contain('empty: true');
  });

  it('the failing backend shows the element’s error state, and recovers', async () => {
    page = await open('?tag=credit-summary&condition=failing');
    const p = page;
    expect(p.element('credit-summary').getAttribute('state')).to.equal('error');
    expect(p.reflected('state')).to.equal('error');
    // The simulated failure's message, and a Retry.
    const error = p.element('credit-summary').shadowRoot?.querySelector('[part~="error"]');
    expect(error?.textContent?.replace(/\s+/g, ' ')).to.contain('The data could not be loaded. The service is unavailable (simulated failure of ');
    expect(error?.querySelector('[part~="retry"]')?.textContent?.trim()).to.equal('Retry');

    const condition = p.document.querySelector<HTMLSelectElement>('#page-condition')!;
    condition.value = 'normal';
    condition.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => p.element('credit-summary').getAttribute('state') === 'ready', 'the summary did not recover');
    expect(p.search).to.equal('?tag=credit-summary');

    condition.value = 'failing';
    condition.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => p.element('credit-summary').getAttribute('state') === 'error', 'the summary did not fail');
    await p.settled('failed');
    expect(p.search).to.equal('?tag=credit-summary&condition=failing');
  });

  it('logs the element’s events, newest first, and follows the value the element sets', async () => {
    page = await open('?tag=range-picker');
    const p = page;
    const picker = p.element('range-picker');
    const preset = picker.shadowRoot!.querySelector<HTMLButtonElement>('[data-preset="30d"]')!;
    preset.click();
    await waitUntil(() => p.log().length === 1, 'range-change was not logged');
    const [entry] = p.log();
    expect(entry.name).to.equal('range-change');
    expect(entry.text).to.contain('"preset":"30d"');
    const log = p.document.querySelector('#event-log')!;
    expect(log.getAttribute('aria-live')).to.equal('polite');
    // A polite live region announces added nodes: each event must be a new <li>, the older ones kept as they are.
    const first = log.querySelector('li')!;
    const added: string[] = [];
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeType === Node.ELEMENT_NODE && (n as Element).localName === 'li') added.push(n.textContent ?? '');
    }).observe(log, { childList: true });
    // The picker reflects its new value: the control, the URL and the code follow.
    await waitUntil(() => p.control('value').value === '30d', 'the value control did not follow the picker');
    expect(p.search).to.equal('?tag=range-picker&value=30d');
    expect(p.snippet).to.contain('<range-picker value="30d"></range-picker>');

    // At most eight entries, the newest first.
    for (let i = 1; i <= 9; i++) {
      picker.dispatchEvent(new CustomEvent('range-change', { detail: { start: '2026-11-01', end: `2026-11-${String(i).padStart(2, '0')}`, preset: 'custom' }, bubbles: true, composed: true }));
    }
    await waitUntil(() => p.log()[0]?.text.includes('2026-11-09'), 'the newest event is not first');
    expect(p.log()).to.have.length(8);
    expect(p.log()[7].text).to.contain('2026-11-02');
    expect(first.isConnected, 'the first entry scrolled out after eight newer ones').to.equal(false);
    await waitUntil(() => added.some((t) => t.includes('2026-11-09')), 'the newest event was not added as a new node');
    expect(added.every((t) => t.includes('range-change')) && added.length >= 1).to.equal(true);
    for (const text of added) expect(text, 'only new events are added').to.not.contain('"preset":"30d"');
  });

  it('writes a hostile attribute value escaped in the code, and injects nothing', async () => {
    page = await open('?tag=credit-daily-chart');
    const p = page;
    let alerted = false;
    p.frame.contentWindow!.alert = () => (alerted = true);
    p.choose('unit', HOSTILE);
    await waitUntil(() => p.element('credit-daily-chart').getAttribute('unit') === HOSTILE, 'unit was not set');
    expect(p.snippet).to.contain('unit="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(p.document.querySelectorAll('img'), 'no <img> in the page').to.have.length(0);
    expect(p.document.querySelector('#snippet')!.querySelectorAll(':not(span)'), 'the code is text in spans').to.have.length(0);
    await p.settled('with a hostile unit');
    expect(p.element('credit-daily-chart').shadowRoot!.querySelectorAll('img')).to.have.length(0);
    expect(new URLSearchParams(p.search).get('unit')).to.equal(HOSTILE);

    // The same value from a URL.
    p.frame.remove();
    page = await open(`?tag=credit-daily-chart&unit=${encodeURIComponent(HOSTILE)}`);
    page.frame.contentWindow!.alert = () => (alerted = true);
    // An injected <img src=x> would fail to load and run its handler by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(page.control('unit').value).to.equal(HOSTILE);
    expect(page.snippet).to.contain('unit="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(page.document.querySelectorAll('img')).to.have.length(0);
    expect(alerted).to.equal(false);
  });
});
