/**
 * Helpers for the documentation tests: read the pages and the sources they
 * describe, pick code blocks out of Markdown, and run snippets the way a host
 * page would (in an iframe of their own, with the package's entry points
 * mapped onto the source tree).
 */
import { readFile } from '@web/test-runner-commands';

/** A page of the project, as served (the test server serves the project root). */
export async function page(path: string): Promise<string> {
  const response = await fetch(`/${path}`);
  if (!response.ok) throw new Error(`/${path}: ${response.status}`);
  return response.text();
}

/**
 * A file of the project as it is on disk (`.ts` files are served compiled,
 * so they are read through the test runner). `path` is relative to the project root.
 */
export async function source(path: string): Promise<string> {
  const text = await readFile({ path: `../../${path}` });
  if (text === undefined) throw new Error(`${path}: not found`);
  return text;
}

export interface CodeBlock {
  /** The info string's first word: `ts`, `js`, `html`, `sql` … */
  lang: string;
  /** The rest of the info string. */
  meta: string;
  code: string;
  /** The heading the block sits under. */
  heading: string;
}

/** Fenced code blocks (```), in order, with the heading each sits under. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const h = /^#{1,6}\s+(.*)$/.exec(lines[i]);
    if (h) {
      heading = h[1].trim();
      continue;
    }
    const fence = /^([ \t]*)(`{3,})[ \t]*([\w-]*)[ \t]*(.*)$/.exec(lines[i]);
    if (!fence) continue;
    const [, indent, ticks, lang, meta] = fence;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i].startsWith(`${indent}${ticks}`); i++) body.push(lines[i].slice(indent.length));
    blocks.push({ lang, meta: meta.trim(), code: body.join('\n'), heading });
  }
  return blocks;
}

/** The blocks under one heading (exact text), optionally of one language. */
export function blocksUnder(markdown: string, heading: string, lang?: string): CodeBlock[] {
  const found = codeBlocks(markdown).filter((b) => b.heading === heading && (lang === undefined || b.lang === lang));
  if (found.length === 0) throw new Error(`no ${lang ?? ''} code block under the heading "${heading}"`);
  return found;
}

/** The headings of a page. */
export function headings(markdown: string): string[] {
  return codeless(markdown)
    .split('\n')
    .map((line) => /^#{1,6}\s+(.*)$/.exec(line)?.[1].trim())
    .filter((h): h is string => h !== undefined);
}

/** The page without its fenced code blocks. */
export function codeless(markdown: string): string {
  return markdown.replace(/^([ \t]*)(`{3,})[^\n]*\n[\s\S]*?\n\1\2[ \t]*$/gm, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The rows of the first Markdown table whose header row starts with `firstColumn`. */
export function tableRows(markdown: string, firstColumn: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith('|') && cells(l)[0] === firstColumn);
  if (start < 0) throw new Error(`no table starting with the column "${firstColumn}"`);
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(cells(lines[i]));
  return rows;
}

function cells(line: string): string[] {
  return line
    .replace(/^\|/, '')
    .replace(/\|\s*$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** `` `x` `` → `x`. */
export const unquote = (cell: string) => cell.replace(/^`|`$/g, '');

// ------------------------------------------------------------------ running snippets

/** Where the package's entry points are in the source tree. */
export function entryPoint(specifier: string): string {
  const sub = specifier.slice('credit-usage-elements'.length);
  const path =
    sub === ''
      ? '/src/index.ts'
      : sub === '/data'
        ? '/src/data/index.ts'
        : sub === '/mocks'
          ? '/src/mocks/index.ts'
          : sub === '/register'
            ? '/src/register.ts'
            : `/src/elements/${sub.slice(1)}/define.ts`;
  return new URL(path, location.href).href;
}

/** The snippet with every `credit-usage-elements…` import pointing at the source tree. */
export function mapImports(code: string): string {
  return code.replace(/(from\s+|import\s+|import\()(['"])(credit-usage-elements(?:\/[\w-]+)?)\2/g, (_, before, quote, specifier) => `${before}${quote}${entryPoint(specifier)}${quote}`);
}

/** The package entry points a snippet imports. */
export function importedSpecifiers(code: string): string[] {
  return [...code.matchAll(/(?:from\s+|import\s+|import\()(['"])(credit-usage-elements(?:\/[\w-]+)?)\1/g)].map((m) => m[2]);
}

/** Collects the errors a sandboxed page throws, before anything else runs in it. */
const CATCHER = `<script>window.__errors = [];
addEventListener('error', (e) => __errors.push(String(e.message)));
addEventListener('unhandledrejection', (e) => __errors.push(String((e.reason && e.reason.message) || e.reason)));</script>`;

export interface Sandbox {
  frame: HTMLIFrameElement;
  window: Window & typeof globalThis;
  document: Document;
  /** Errors thrown in the page, uncaught rejections included. */
  errors: string[];
  remove(): void;
}

/**
 * A whole HTML page in a fresh iframe: its own custom element registry and
 * module graph, as a host page would have.
 */
export async function sandboxPage(html: string): Promise<Sandbox> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1100px; height: 900px; border: 0';
  const withCatcher = /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}${CATCHER}`) : `${CATCHER}${html}`;
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  frame.srcdoc = withCatcher;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as Window & typeof globalThis & { __errors: string[] };
  return { frame, window: win, document: frame.contentDocument!, errors: win.__errors, remove: () => frame.remove() };
}

/**
 * The sandboxes a test file's tests open, removed after each test: a test
 * pushes every sandbox it opens. Call it at the top level of the file.
 */
export function sandboxesRemovedAfterEach(): Sandbox[] {
  const open: Sandbox[] = [];
  afterEach(() => {
    for (const s of open.splice(0)) s.remove();
  });
  return open;
}

/** A page holding `body`, with `modules` run as `<script type="module">` after it. */
export function sandbox(body: string, modules: string[] = []): Promise<Sandbox> {
  const scripts = modules.map((m) => `<script type="module">${m}</script>`).join('');
  return sandboxPage(`<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>${body}${scripts}</body></html>`);
}

/** Waits until `condition` holds (polling), or fails with `message`. */
export async function until(condition: () => boolean, message: string, timeout = 10_000): Promise<void> {
  const end = performance.now() + timeout;
  while (!condition()) {
    if (performance.now() > end) throw new Error(`timed out: ${message}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The panels a dashboard shows (in its default layout or as children). */
export function panelsOf(dashboard: Element): Element[] {
  return [...(dashboard.shadowRoot?.querySelectorAll('[state]') ?? []), ...dashboard.querySelectorAll('[state]')];
}

/** True when every panel of the dashboard has finished loading without an error. */
export function dashboardReady(dashboard: Element, count = 1): boolean {
  const panels = panelsOf(dashboard);
  return panels.length >= count && panels.every((p) => p.getAttribute('state') === 'ready' || p.getAttribute('state') === 'empty');
}
