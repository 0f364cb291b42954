// Compacts the static text of Lit's `css` and `html` tagged templates before
// bundling: JavaScript minifiers leave template text as it is, and the
// elements' styles and markup are a third of the library's code.
// - css`…` without substitutions: minified by esbuild's CSS minifier (a
//   style sheet, or a list of declarations to interpolate into a rule).
// - html`…`, and css`…` with substitutions: every run of spaces, tabs and
//   line breaks that holds a line break becomes one space, which renders the
//   same (no template sets `white-space: pre`); it works on the source text,
//   so escapes (`\n` in an attribute, `\u00a0`) are kept as written.
// Used by the npm build (rollup), the single-file bundle and the size check.
import { transformSync } from 'esbuild';
import MagicString from 'magic-string';
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

const TAGS = new Set(['css', 'html', 'svg']);

/** Text as it must be written between backticks. */
const escapeTemplate = (text) => text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

const minified = (text) => transformSync(text, { loader: 'css', minify: true, logLevel: 'silent' });

/** A style sheet, or a list of declarations meant to be interpolated into a rule (`css\`--a: 1; --b: 2;\``). */
function minifyCss(text, where) {
  const sheet = minified(text);
  if (sheet.warnings.length === 0) return sheet.code.trim();
  const rule = minified(`x{${text}}`);
  if (rule.warnings.length === 0 && /^x\{.*\}$/s.test(rule.code.trim())) return rule.code.trim().slice(2, -1);
  throw new Error(`${where}: CSS the minifier warns about: ${sheet.warnings[0].text}`);
}

/** A line break and the indentation around it → one space (only spaces, tabs and line breaks: a no-break space is content). */
const collapseMarkup = (text) => text.replace(/[ \t\r]*\n[ \t\r\n]*/g, ' ');

/**
 * The replacements that compact a source's css/html templates, last first.
 * Each replaces one of a literal's text pieces (head, middles, tail), so
 * substitutions are untouched.
 */
export function templateEdits(source, fileName = 'source.ts') {
  if (!/\b(css|html|svg)`/.test(source)) return [];
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const edits = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TAGS.has(node.tag.text)) {
      const template = node.template;
      const where = `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
      if (node.tag.text === 'css' && ts.isNoSubstitutionTemplateLiteral(template)) {
        edits.push({ start: template.getStart(file), end: template.end, text: `\`${escapeTemplate(minifyCss(template.text, where))}\`` });
      } else {
        // Markup, or css with substitutions (the minifier cannot parse around them): line breaks only.
        const pieces = ts.isNoSubstitutionTemplateLiteral(template)
          ? [[template, '`', '`']]
          : [[template.head, '`', '${'], ...template.templateSpans.map((s) => [s.literal, '}', ts.isTemplateTail(s.literal) ? '`' : '${'])];
        for (const [piece, open, close] of pieces) {
          // The source text between the delimiters: escapes such as \n or \u00a0 stay as written.
          const start = piece.getStart(file);
          const raw = source.slice(start + open.length, piece.end - close.length);
          const collapsed = collapseMarkup(raw);
          if (collapsed !== raw) edits.push({ start, end: piece.end, text: `${open}${collapsed}${close}` });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return edits.sort((a, b) => b.start - a.start);
}

/** The source with its css/html templates compacted. */
export function minifyTemplates(source, fileName) {
  let out = source;
  for (const { start, end, text } of templateEdits(source, fileName)) out = out.slice(0, start) + text + out.slice(end);
  return out;
}

const ours = (path) => /[\\/]src[\\/].*\.tsx?$/.test(path) && !/[\\/]node_modules[\\/]/.test(path) && !path.endsWith('.d.ts');

/** esbuild plugin: compacts the templates of the library's own sources. */
export const minifyTemplatesEsbuild = {
  name: 'minify-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, async ({ path }) => {
      if (!ours(path)) return undefined;
      const source = await readFile(path, 'utf8');
      return { contents: minifyTemplates(source, path), loader: path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/** Rollup plugin: the same, before TypeScript is compiled, with a source map. */
export function minifyTemplatesRollup() {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!ours(id)) return null;
      const edits = templateEdits(code, id);
      if (edits.length === 0) return null;
      const out = new MagicString(code);
      for (const { start, end, text } of edits) out.overwrite(start, end, text);
      return { code: out.toString(), map: out.generateMap({ hires: true, source: id }) };
    },
  };
}
