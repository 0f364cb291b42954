// The template compaction the builds apply (scripts/minify-templates.mjs):
// what it changes, and everything it must leave exactly as it was.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { minifyTemplates } from '../../scripts/minify-templates.mjs';

/** Evaluates the templates of a compacted source: each tag returns its cooked strings and values. */
function run(source) {
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText.replace(/^export /gm, '');
  const tag = (strings, ...values) => ({ strings: [...strings], values });
  return new Function('css', 'html', 'svg', `${js}; return out;`)(tag, tag, tag);
}

describe('minifyTemplates', () => {
  it('minifies css templates', () => {
    const out = minifyTemplates("const out = css`\n  :host {\n    display: block; /* a comment */\n    color: red;\n  }\n`;");
    assert.deepEqual(run(out).strings, [':host{display:block;color:red}']);
  });

  it('minifies a css fragment of declarations meant for interpolation into a rule', () => {
    const out = minifyTemplates('const out = css`\n  --a: var(--b, #ffffff);\n  color-scheme: dark;\n`;');
    assert.deepEqual(run(out).strings, ['--a: var(--b, #ffffff);color-scheme:dark']);
  });

  it('only collapses line breaks in css with substitutions, keeping the substitutions', () => {
    const out = minifyTemplates('const x = 1;\nconst out = css`\n  :host {\n    ${x}\n  }\n`;');
    const { strings, values } = run(out);
    assert.deepEqual(strings, [' :host { ', ' } ']);
    assert.deepEqual(values, [1]);
  });

  it('collapses line breaks in html templates to one space and keeps substitutions', () => {
    const out = minifyTemplates('const x = 1;\nconst out = html`\n  <p class="a">\n    ${x} of\n    ${x + 1}\n  </p>\n`;');
    const { strings, values } = run(out);
    assert.deepEqual(strings, [' <p class="a"> ', ' of ', ' </p> ']);
    assert.deepEqual(values, [1, 2]);
  });

  it('keeps spaces inside a line, backslashes, backticks and a literal ${', () => {
    const source = 'const out = html`<b>a  b</b>\n  <i>\\\\ \\` \\${x}</i>`;';
    assert.deepEqual(run(minifyTemplates(source)).strings, ['<b>a  b</b> <i>\\ ` ${x}</i>']);
    const css = 'const out = css`\n  .q::before {\n    content: "\\\\2014";\n  }\n`;';
    assert.deepEqual(run(minifyTemplates(css)).strings, ['.q:before{content:"\\2014"}']);
  });

  it('keeps escapes as written and no-break spaces as content', () => {
    const source = 'const out = html`<p title="a\\nb">x\n  \u00a0y</p>`;';
    assert.deepEqual(run(minifyTemplates(source)).strings, ['<p title="a\nb">x \u00a0y</p>']);
  });

  it('leaves other tagged templates and plain template strings alone', () => {
    const source = 'const sql = (s) => s;\nconst out = [sql`\n  SELECT 1\n`, `\n  keep\n`];';
    assert.equal(minifyTemplates(source), source);
  });

  it('refuses CSS the minifier warns about rather than changing it silently', () => {
    assert.throws(() => minifyTemplates('const out = css`:host { color: red; }}`;', 'bad.styles.ts'), /bad\.styles\.ts:1/);
  });

  it('compacts every source under src/ into TypeScript that still parses', () => {
    const files = [];
    const walk = (dir) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(path) && !path.endsWith('.d.ts')) files.push(path);
      }
    };
    walk('src');
    let changed = 0;
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const out = minifyTemplates(source, file);
      if (out !== source) changed++;
      const { diagnostics } = ts.transpileModule(out, { reportDiagnostics: true, fileName: file, compilerOptions: { target: ts.ScriptTarget.ES2022 } });
      assert.deepEqual(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [], file);
    }
    assert.ok(changed >= 20, `only ${changed} files had templates to compact`);
  });
});
