import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every `'event-name': CustomEvent<Detail>` declared in GlobalEventHandlersEventMap under src/. */
function declaredEventTypes() {
  const types = new Map();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/'([a-z][a-z-]*)':\s*(CustomEvent<[^;]+>);/g)) types.set(m[1], m[2]);
      }
    }
  };
  walk('src');
  return types;
}

/** Gives each event in the manifest the detail type its element declares for it. */
function eventTypesPlugin() {
  const types = declaredEventTypes();
  return {
    name: 'credit-event-types',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          for (const event of decl.events ?? []) {
            if (!event.type && types.has(event.name)) event.type = { text: types.get(event.name) };
          }
        }
      }
    },
  };
}

/**
 * Spells out the string-literal union behind a type alias (`DailyGroupBy` →
 * `'none' | 'member' | …`) wherever an attribute or field uses it, so editors,
 * the API reference and the playground can offer the values themselves.
 */
function expandAliasesPlugin() {
  const unions = new Map();
  return {
    name: 'credit-expand-aliases',
    analyzePhase({ ts, node }) {
      if (ts.isTypeAliasDeclaration(node) && ts.isUnionTypeNode(node.type) && node.type.types.every((t) => ts.isLiteralTypeNode(t) || ts.isTemplateLiteralTypeNode(t))) {
        unions.set(node.name.getText(), node.type.getText().replace(/\s+/g, ' '));
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const expand = (type) => {
        if (!type?.text) return;
        type.text = type.text.replace(/\b[A-Z]\w*\b/g, (name, at, text) => {
          const union = unions.get(name);
          if (!union) return name;
          // In `Alias[]`, `keyof Alias` or `Other<Alias>` the union needs its parentheses.
          const alone = !/^\s*[[<.]/.test(text.slice(at + name.length)) && !/(?:keyof|typeof|readonly|<)\s*$/.test(text.slice(0, at));
          return alone ? union : `(${union})`;
        });
      };
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          for (const item of [...(decl.attributes ?? []), ...(decl.members ?? [])]) expand(item.type);
        }
      }
    },
  };
}

/**
 * A default written as a module constant (`top = DEFAULT_TOP`) becomes that
 * constant's value (`8`), which is what editors and the playground can show.
 */
function constantDefaultsPlugin() {
  const constants = new Map(); // module path → name → literal text
  return {
    name: 'credit-constant-defaults',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isVariableStatement(node) || !ts.isSourceFile(node.parent)) return;
      for (const decl of node.declarationList.declarations) {
        const init = decl.initializer;
        if (ts.isIdentifier(decl.name) && init && (ts.isNumericLiteral(init) || ts.isStringLiteral(init))) {
          if (!constants.has(moduleDoc.path)) constants.set(moduleDoc.path, new Map());
          constants.get(moduleDoc.path).set(decl.name.text, init.getText());
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        const known = constants.get(mod.path);
        if (!known) continue;
        for (const decl of mod.declarations ?? []) {
          for (const item of [...(decl.attributes ?? []), ...(decl.members ?? [])]) {
            if (item.default && known.has(item.default)) item.default = known.get(item.default);
          }
        }
      }
    },
  };
}

/** Modules in path order: the analyzer reads files concurrently, and the order it finishes in varies. */
function stableOrderPlugin() {
  return {
    name: 'credit-stable-order',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

/** custom-elements.json: the API of every element, read from JSDoc. */
export default {
  globs: ['src/elements/**/*.ts', 'src/base/**/*.ts'],
  exclude: ['**/*.styles.ts', '**/define.ts'],
  outdir: '.',
  // package.json names the manifest itself; the check writes a copy elsewhere and must not repoint it.
  packagejson: false,
  litelement: true,
  plugins: [eventTypesPlugin(), expandAliasesPlugin(), constantDefaultsPlugin(), stableOrderPlugin()],
};
