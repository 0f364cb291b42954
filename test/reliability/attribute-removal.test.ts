/**
 * Frameworks remove an attribute when its binding becomes null or undefined
 * (Vue, Svelte, lit's `ifDefined`); Lit then sets the property to `null`.
 * For every attribute of every element in custom-elements.json: set it, remove
 * it, and the element must behave as it does by default — settled, no
 * uncaught error, and the same text as an element that never had it.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { generateDemoData } from '../../src/data/demo-data.js';
import { MemoryDataSource } from '../../src/data/memory.js';

interface Attribute { name: string; type?: { text: string }; default?: string }
interface Declaration { tagName?: string; customElement?: boolean; attributes?: Attribute[] }
const OUTPUTS = new Set(['loading', 'state', 'level']);
const NOW = Date.UTC(2026, 10, 20, 18);
const data = generateDemoData({ seed: 3, members: 12, workspaces: 4, months: 3, now: NOW });

/** A value other than the default that the attribute accepts. */
function someValue(attr: Attribute): string {
  const text = attr.type?.text ?? 'string';
  const literals = [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]).filter((v) => `'${v}'` !== attr.default);
  if (literals.length > 0) return literals[0];
  if (text.includes('boolean')) return '';
  if (text.includes('number')) return attr.name === 'billing-cycle-day' ? '15' : '3';
  if (attr.name === 'range' || attr.name === 'value') return '30d';
  if (attr.name === 'locale') return 'de-DE';
  if (attr.name === 'time-zone') return 'Europe/London';
  if (attr.name === 'thresholds') return '50 90';
  if (attr.name === 'selected-day') return '2026-11-10';
  if (attr.name === 'unit') return 'conversation';
  return 'x';
}

/** The element, and every panel a dashboard lays out, has finished loading. */
const settled = (el: Element): boolean =>
  [el, ...(el.shadowRoot?.querySelectorAll('[state]') ?? [])].every((e) => !e.hasAttribute('state') || ['ready', 'empty', 'error'].includes(e.getAttribute('state')!));
/** Settled, and drawn: the chart panels render their data tables once the chart is up. */
async function settle(el: Element, what: string): Promise<void> {
  await new Promise((r) => setTimeout(r, 50));
  await waitUntil(() => settled(el), what, { timeout: 10_000 });
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100)));
}
const textOf = (el: Element): string => {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    const root = (node as Element).shadowRoot;
    if (root) walk(root);
    node.childNodes.forEach(walk);
  };
  walk(el);
  // "Updated 7:44 PM" follows the clock, not the element's inputs.
  return parts.join(' ').replace(/Updated[^\n]*?(AM|PM)/g, 'Updated').replace(/\s+/g, ' ').trim();
};

async function mount(tag: string): Promise<HTMLElement & { dataSource: unknown; now: number }> {
  const el = document.createElement(tag) as HTMLElement & { dataSource: unknown; now: number };
  el.dataSource = new MemoryDataSource(structuredClone(data));
  el.now = NOW;
  el.style.width = '900px';
  await fixture(html`<div>${el}</div>`);
  await settle(el, `${tag} settles`);
  return el;
}

describe('removing an attribute restores the default', () => {
  let declarations: Declaration[] = [];
  before(async () => {
    const manifest = (await (await fetch('/custom-elements.json')).json()) as { modules: { declarations?: Declaration[] }[] };
    declarations = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
    expect(declarations.length).to.equal(10);
  });

  it('for every attribute of every element', async function () {
    this.timeout(120_000);
    const errors: string[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.message);
    const onRejection = (e: PromiseRejectionEvent) => errors.push(String(e.reason));
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    const problems: string[] = [];
    try {
      for (const decl of declarations) {
        const tag = decl.tagName!;
        const plain = await mount(tag);
        const expected = textOf(plain);
        for (const attr of decl.attributes ?? []) {
          if (OUTPUTS.has(attr.name)) continue;
          const el = await mount(tag);
          el.setAttribute(attr.name, someValue(attr));
          await settle(el, `${tag}[${attr.name}] settles`);
          el.removeAttribute(attr.name);
          await settle(el, `${tag} settles after removing ${attr.name}`);
          const state = el.getAttribute('state');
          if (state && state !== plain.getAttribute('state')) problems.push(`${tag}: removing ${attr.name} leaves state "${state}"`);
          else if (textOf(el) !== expected) problems.push(`${tag}: removing ${attr.name} does not restore the default rendering`);
        }
      }
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    }
    expect(problems).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
  });
});
