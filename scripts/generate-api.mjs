#!/usr/bin/env node
// Everything that is generated from custom-elements.json, so it can never
// disagree with the code:
// - docs/api.md                    the API reference
// - vscode.html-custom-data.json   VS Code HTML completions and hovers
// - web-types.json                 JetBrains IDEs
// - src/jsx.d.ts                   typed tags in JSX (React 19 and others)
//   node scripts/generate-api.mjs          write them
//   node scripts/generate-api.mjs --check  fail when any is out of date (CI)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/** Every element declaration with a tag, sorted by tag. */
const elements = manifest.modules
  .flatMap((mod) => (mod.declarations ?? []).map((d) => ({ ...d, module: mod.path })))
  .filter((d) => d.tagName)
  .sort((a, b) => a.tagName.localeCompare(b.tagName));

const THEME_MODULE = 'src/base/credit-element.ts';
const isThemeToken = (p) => p.inheritedFrom?.module === THEME_MODULE;
const oneLine = (text = '') => text.replace(/\s*\n\s*/g, ' ').trim();
const cell = (text = '') => oneLine(text).replace(/\|/g, '\\|');
const code = (text) => (text ? `\`${String(text).replace(/`/g, "'")}\`` : '');
const publicFields = (el) =>
  (el.members ?? []).filter((m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public' && !m.name.startsWith('#'));
const publicMethods = (el) =>
  (el.members ?? []).filter((m) => m.kind === 'method' && !m.static && (m.privacy ?? 'public') === 'public' && !m.name.startsWith('#'));

// ------------------------------------------------------------------ docs/api.md

function apiMarkdown() {
  const out = [
    '# API reference',
    '',
    '_Generated from `custom-elements.json` by `node scripts/generate-api.mjs`; do not edit by hand._',
    '',
    '| element | what it is |',
    '|---|---|',
    ...elements.map((el) => `| [\`<${el.tagName}>\`](#${el.tagName}) | ${cell(el.summary ?? el.description)} |`),
    '',
  ];
  for (const el of elements) {
    out.push(`## \`<${el.tagName}>\``, '', oneLine(el.description), '');
    out.push(`Class \`${el.name}\` · import \`${pkg.name}/${el.tagName}\` to register just this element.`, '');
    const attrs = el.attributes ?? [];
    if (attrs.length) {
      out.push('### Attributes and properties', '', '| attribute | property | type | default | description |', '|---|---|---|---|---|');
      for (const a of attrs) out.push(`| ${code(a.name)} | ${code(a.fieldName)} | ${code(a.type?.text)} | ${code(a.default)} | ${cell(a.description)} |`);
      out.push('');
    }
    const attrFields = new Set(attrs.map((a) => a.fieldName));
    const props = publicFields(el).filter((f) => !attrFields.has(f.name) && f.description);
    if (props.length) {
      out.push('### Properties only', '', '| property | type | description |', '|---|---|---|');
      for (const p of props) out.push(`| ${code(p.name)} | ${code(p.type?.text)} | ${cell(p.description)} |`);
      out.push('');
    }
    const methods = publicMethods(el).filter((m) => m.description);
    if (methods.length) {
      out.push('### Methods', '', '| method | description |', '|---|---|');
      for (const m of methods) {
        const params = (m.parameters ?? []).map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type?.text ?? 'unknown'}`).join(', ');
        out.push(`| ${code(`${m.name}(${params})${m.return?.type?.text ? `: ${m.return.type.text}` : ''}`)} | ${cell(m.description)} |`);
      }
      out.push('');
    }
    const events = (el.events ?? []).filter((e) => e.name);
    if (events.length) {
      out.push('### Events', '', '| event | detail | description |', '|---|---|---|');
      for (const e of events) out.push(`| ${code(e.name)} | ${code(e.type?.text)} | ${cell(e.description)} |`);
      out.push('');
    }
    if (el.slots?.length) {
      out.push('### Slots', '', '| slot | description |', '|---|---|');
      for (const s of el.slots) out.push(`| ${s.name ? code(s.name) : '(default)'} | ${cell(s.description)} |`);
      out.push('');
    }
    if (el.cssParts?.length) {
      out.push('### CSS parts', '', '| part | description |', '|---|---|');
      for (const p of el.cssParts) out.push(`| ${code(p.name)} | ${cell(p.description)} |`);
      out.push('');
    }
    const own = (el.cssProperties ?? []).filter((p) => !isThemeToken(p));
    out.push('### CSS custom properties', '');
    if (own.length) {
      out.push('| property | default | description |', '|---|---|---|');
      for (const p of own) out.push(`| ${code(p.name)} | ${code(p.default)} | ${cell(p.description)} |`);
      out.push('');
    }
    out.push('And every [theme token](#theme-tokens).', '');
  }
  const tokens = elements.flatMap((el) => el.cssProperties ?? []).filter(isThemeToken);
  const seen = new Set();
  out.push('## Theme tokens', '', 'Every element reads these; set them on the element or any ancestor. Defaults are the light theme; the dark values apply under `prefers-color-scheme: dark` or `theme="dark"`.', '');
  out.push('| property | default | description |', '|---|---|---|');
  for (const p of tokens) {
    if (seen.has(p.name)) continue;
    seen.add(p.name);
    out.push(`| ${code(p.name)} | ${code(p.default)} | ${cell(p.description)} |`);
  }
  out.push('');
  return out.join('\n');
}

// ------------------------------------------------------------------ editor data

const attrValues = (a) => {
  const t = a.type?.text ?? '';
  const literals = [...t.matchAll(/'([^']+)'/g)].map((m) => m[1]);
  return literals.length && !/string(?!\s*&)/.test(t.replace(/'[^']*'/g, '')) ? literals : undefined;
};

function vscodeData() {
  return {
    version: 1.1,
    tags: elements.map((el) => ({
      name: el.tagName,
      description: oneLine(el.summary ?? el.description),
      attributes: (el.attributes ?? []).map((a) => {
        const values = attrValues(a);
        return { name: a.name, description: oneLine(a.description), ...(values ? { values: values.map((name) => ({ name })) } : {}) };
      }),
      references: [{ name: 'API reference', url: `https://www.npmjs.com/package/${pkg.name}#${el.tagName}` }],
    })),
  };
}

function webTypes() {
  return {
    $schema: 'https://raw.githubusercontent.com/JetBrains/web-types/master/schema/web-types.json',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elements.map((el) => ({
          name: el.tagName,
          description: oneLine(el.description),
          attributes: (el.attributes ?? []).map((a) => ({ name: a.name, description: oneLine(a.description), value: { type: a.type?.text ?? 'string' } })),
          js: {
            properties: publicFields(el).filter((f) => f.description).map((f) => ({ name: f.name, description: oneLine(f.description), type: f.type?.text })),
            // web-types has no field for an event's type: the description carries it.
            events: (el.events ?? []).filter((e) => e.name).map((e) => ({ name: e.name, description: [oneLine(e.description), e.type?.text && `Type: \`${e.type.text}\`.`].filter(Boolean).join(' ') })),
          },
          slots: (el.slots ?? []).map((s) => ({ name: s.name, description: oneLine(s.description) })),
          css: {
            parts: (el.cssParts ?? []).map((p) => ({ name: p.name, description: oneLine(p.description) })),
            properties: (el.cssProperties ?? []).map((p) => ({ name: p.name, description: oneLine(p.description) })),
          },
        })),
      },
    },
  };
}

// ------------------------------------------------------------------ JSX types

/** `'a' | 'b' | undefined` → `'a' | 'b'`: an attribute's values when the manifest lists them; undefined otherwise. */
function literalUnion(text) {
  const parts = (text ?? '').split('|').map((p) => p.trim()).filter((p) => p && p !== 'undefined');
  return parts.length > 0 && parts.every((p) => /^'[^']*'$|^`[^`]*`$/.test(p)) ? parts.join(' | ') : undefined;
}

/**
 * JSX tag types. Events are typed as `on<event-name>` — exactly the event's
 * name, which is how React 19 (and Preact) attach listeners to custom
 * elements — and every public property as itself.
 */
function jsxTypes(flavour) {
  const react = flavour === 'react';
  const name = `CreditElements${react ? 'React' : ''}JSX`;
  const byModule = elements.map((el) => ({ el, from: './' + el.module.replace(/^src\//, '').replace(/\.ts$/, '.js') }));
  const lines = [
    '// Generated from custom-elements.json by `node scripts/generate-api.mjs`; do not edit by hand.',
    react
      ? "// Typed tags for React 19's JSX: `import type {} from 'credit-usage-elements/jsx/react'` once in your app."
      : "// Typed tags for JSX runtimes that use the global JSX namespace (Preact, Solid, …): `import type {} from 'credit-usage-elements/jsx'`.",
    ...byModule.map(({ el, from }) => `import type { ${el.name} } from '${from}';`),
    ...(react ? ["import type { DetailedHTMLProps, HTMLAttributes } from 'react';"] : []),
    '',
    react
      ? '/** A tag of this element: React\'s HTML attributes, then the element\'s own properties. */\ntype ElementProps<E> = DetailedHTMLProps<HTMLAttributes<E>, E> & Partial<Omit<E, keyof HTMLElement>>;'
      : '/** A tag of this element: its public properties, and the common HTML attributes. */\ntype ElementProps<E> = Partial<Omit<E, keyof HTMLElement>> & {\n  id?: string;\n  class?: string;\n  slot?: string;\n  style?: string;\n  children?: unknown;\n  [attribute: `data-${string}` | `aria-${string}`]: unknown;\n};',
    '',
    `export interface ${name} {`,
  ];
  for (const { el } of byModule) {
    const attrs = (el.attributes ?? [])
      .filter((a) => !(publicFields(el).some((f) => f.name === a.name)))
      .map((a) => `'${a.name}'?: ${literalUnion(a.type?.text) ?? (a.type?.text?.includes('number') ? 'number | string' : a.type?.text?.includes('boolean') ? 'boolean' : 'string')}`);
    const events = (el.events ?? []).filter((e) => e.name).map((e) => `'on${e.name}'?: (event: GlobalEventHandlersEventMap['${e.name}']) => void`);
    lines.push(`  '${el.tagName}': ElementProps<${el.name}> & { ${[...attrs, ...events].join('; ')} };`);
  }
  lines.push('}', '');
  lines.push(
    react ? "declare module 'react' {" : 'declare global {',
    '  namespace JSX {',
    '    // eslint-disable-next-line @typescript-eslint/no-empty-object-type',
    `    interface IntrinsicElements extends ${name} {}`,
    '  }',
    '}',
    '',
  );
  return lines.join('\n');
}

const files = {
  'docs/api.md': apiMarkdown(),
  'vscode.html-custom-data.json': JSON.stringify(vscodeData(), null, 2) + '\n',
  'web-types.json': JSON.stringify(webTypes(), null, 2) + '\n',
  'src/jsx.d.ts': jsxTypes('global'),
  'src/jsx-react.d.ts': jsxTypes('react'),
};
if (process.argv.includes('--check')) {
  const stale = Object.entries(files).filter(([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text);
  if (stale.length) {
    console.error(`Out of date: ${stale.map(([p]) => p).join(', ')}. Run \`node scripts/generate-api.mjs\` and commit.`);
    process.exit(1);
  }
  console.log(`API reference and editor data are current (${elements.length} elements).`);
} else {
  for (const [path, text] of Object.entries(files)) writeFileSync(path, text);
  console.log(`Wrote ${Object.keys(files).join(', ')} for ${elements.length} elements.`);
}
