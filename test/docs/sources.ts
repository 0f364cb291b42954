/**
 * What the element sources declare — tags, JSDoc parts, custom properties,
 * events — read from the files themselves, so the documentation tests
 * compare the pages with the code as it is now (not with a manifest that
 * may lag behind).
 */
import { source } from './helpers.js';

/** The canonical tags, in the order `src/register.ts` lists them. */
export async function canonicalTags(): Promise<string[]> {
  const register = await source('src/register.ts');
  const map = register.slice(register.indexOf('export const creditElements'));
  return [...map.slice(0, map.indexOf('};')).matchAll(/^\s*'([a-z-]+)':/gm)].map((m) => m[1]);
}

export interface ClassDoc {
  name: string;
  base: string;
  file: string;
  text: string;
  /** The class's JSDoc. */
  doc: string;
}

const BASE_FILES = ['src/base/credit-element.ts', 'src/base/chart-panel.ts'];

/** Every documented class of the element files and the base classes. */
export async function classDocs(): Promise<Map<string, ClassDoc>> {
  const files = [...BASE_FILES, ...(await canonicalTags()).map((t) => `src/elements/${t}/${t}.ts`)];
  const classes = new Map<string, ClassDoc>();
  for (const file of files) {
    const text = await source(file);
    for (const m of text.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export (?:abstract )?class (\w+)(?:<[^>]*>)? extends (\w+)/g)) {
      classes.set(m[2], { name: m[2], base: m[3], file, text, doc: m[1].replace(/^\s*\* ?/gm, '') });
    }
  }
  return classes;
}

/** The element class of each tag. */
export async function elementClasses(): Promise<Map<string, ClassDoc>> {
  const classes = await classDocs();
  const out = new Map<string, ClassDoc>();
  for (const tag of await canonicalTags()) {
    const found = [...classes.values()].find((c) => c.file === `src/elements/${tag}/${tag}.ts`);
    if (!found) throw new Error(`no documented class in src/elements/${tag}/${tag}.ts`);
    out.set(tag, found);
  }
  return out;
}

/** A class's JSDoc tag values (`@csspart name - text` → [name, text]), its bases' included. */
function inherited(classes: Map<string, ClassDoc>, name: string, tag: string): [string, string][] {
  const c = classes.get(name);
  if (!c) return [];
  const own = [...c.doc.matchAll(new RegExp(`^@${tag} (\\S+) - (.*)$`, 'gm'))].map((m): [string, string] => [m[1], m[2]]);
  const names = new Set(own.map(([n]) => n));
  return [...own, ...inherited(classes, c.base, tag).filter(([n]) => !names.has(n))];
}

/** Every part each element documents (its base classes' included). */
export async function partsByTag(): Promise<Map<string, string[]>> {
  const classes = await classDocs();
  const out = new Map<string, string[]>();
  for (const [tag, c] of await elementClasses()) out.set(tag, inherited(classes, c.name, 'csspart').map(([n]) => n));
  return out;
}

/** `@fires name - text` of each element. */
export async function eventsByTag(): Promise<Map<string, [string, string][]>> {
  const out = new Map<string, [string, string][]>();
  for (const [tag, c] of await elementClasses()) out.set(tag, [...c.doc.matchAll(/^@fires (\S+) - (.*)$/gm)].map((m): [string, string] => [m[1], m[2]]));
  return out;
}

/** The theme tokens with their light and dark defaults, from `src/base/theme.styles.ts`. */
export async function themeTokens(): Promise<Map<string, { light: string; dark: string }>> {
  const text = await source('src/base/theme.styles.ts');
  const block = (start: string) => {
    const i = text.indexOf(start);
    if (i < 0) throw new Error(`theme.styles.ts has no ${start}`);
    return text.slice(i, text.indexOf('}', i));
  };
  const read = (b: string) => new Map([...b.matchAll(/--_[\w-]+: var\((--credit-[\w-]+), (.*?)\);/g)].map((m) => [m[1], m[2]]));
  const light = read(block(':host {'));
  // The dark set is one fragment, applied for theme="dark" and for the system preference.
  const fragment = text.indexOf('const darkTokens = css`');
  if (fragment < 0) throw new Error('theme.styles.ts has no darkTokens fragment');
  const dark = read(text.slice(fragment, text.indexOf('`;', fragment)));
  for (const rule of [":host([theme='dark'])", ":host(:not([theme='light']))"]) {
    const applies = new RegExp(`${rule.replace(/[()[\]]/g, '\\$&')}\\s*\\{\\s*\\$\\{darkTokens\\}\\s*\\}`);
    if (!applies.test(text)) throw new Error(`theme.styles.ts: ${rule} does not apply darkTokens`);
  }
  return new Map([...light].map(([name, value]) => [name, { light: value, dark: dark.get(name) ?? value }]));
}

/** Custom properties elements document beyond the theme tokens: name → default. */
export async function elementTokens(): Promise<Map<string, string>> {
  const theme = await themeTokens();
  const out = new Map<string, string>();
  for (const c of (await classDocs()).values()) {
    for (const m of c.doc.matchAll(/^@cssproperty \[(--credit-[\w-]+)=([^\]]*)\]/gm)) {
      if (!theme.has(m[1]) && !out.has(m[1])) out.set(m[1], m[2]);
    }
  }
  return out;
}

/** How each element dispatches an event: `{ name → cancelable }`, read from its `emit` calls. */
export async function emittedEvents(): Promise<Map<string, Map<string, boolean>>> {
  const out = new Map<string, Map<string, boolean>>();
  for (const [tag, c] of await elementClasses()) {
    const events = new Map<string, boolean>();
    for (const m of c.text.matchAll(/this\.emit(?:<\w+>)?\(/g)) {
      // The call's arguments, up to the parenthesis that closes it.
      let depth = 1;
      let i = m.index! + m[0].length;
      for (; i < c.text.length && depth > 0; i++) depth += c.text[i] === '(' ? 1 : c.text[i] === ')' ? -1 : 0;
      const args = c.text.slice(m.index! + m[0].length, i - 1);
      const name = /^'([\w-]+)'/.exec(args.trim())?.[1];
      if (!name) throw new Error(`${c.file}: an emit call without a literal event name`);
      events.set(name, (events.get(name) ?? false) || /\{ cancelable: true \}/.test(args));
    }
    out.set(tag, events);
  }
  return out;
}
