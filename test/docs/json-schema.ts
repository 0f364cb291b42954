/**
 * A small JSON Schema (2020-12, as OpenAPI 3.1 uses it) validator: the
 * subset docs/openapi.json is written in. A keyword outside the subset is an
 * error rather than silently ignored, so the document cannot drift into
 * constructs this check would not enforce.
 */

export type Schema = Record<string, unknown>;

/** Keywords that are checked. */
const CHECKED = new Set([
  '$ref', 'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'format',
  'oneOf', 'anyOf', 'allOf', 'not',
]);
/** Keywords that only annotate. */
const ANNOTATIONS = new Set(['description', 'title', 'summary', 'example', 'examples', 'default', 'deprecated']);
const FORMATS = new Set(['date', 'date-time']);

/** Resolves `#/a/b/c` in the document. */
export function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local references are supported, got ${ref}`);
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !(key in node)) throw new Error(`unresolvable reference ${ref}`);
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;

const matchesType = (value: unknown, type: string) => {
  const t = typeOf(value);
  return t === type || (type === 'number' && t === 'integer');
};

/** A real calendar date `YYYY-MM-DD`. */
function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** RFC 3339 date-time: a real date, a time, and `Z` or an offset. */
function isDateTime(value: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/.exec(value);
  return m !== null && isDate(m[1]);
}

/** Checks that a schema only uses the supported keywords (recursively). */
export function checkKeywords(schema: unknown, path = '#'): string[] {
  if (typeof schema === 'boolean') return [];
  if (typeof schema !== 'object' || schema === null) return [`${path}: a schema must be an object or a boolean`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (!CHECKED.has(key) && !ANNOTATIONS.has(key)) problems.push(`${path}: keyword "${key}" is not supported by the check`);
    if (key === 'format' && !FORMATS.has(value as string)) problems.push(`${path}: format "${value}" is not supported by the check`);
    if (key === 'properties') for (const [name, sub] of Object.entries(value as object)) problems.push(...checkKeywords(sub, `${path}/properties/${name}`));
    if (key === 'items' || key === 'additionalProperties' || key === 'not') problems.push(...checkKeywords(value, `${path}/${key}`));
    if (key === 'oneOf' || key === 'anyOf' || key === 'allOf') (value as unknown[]).forEach((sub, i) => problems.push(...checkKeywords(sub, `${path}/${key}/${i}`)));
  }
  return problems;
}

/**
 * What is wrong with `value` under `schema` (an empty list when it is valid).
 * `root` is the document `$ref`s point into.
 */
export function validate(schema: unknown, value: unknown, root: unknown, path = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: no value is allowed here`];
  const s = schema as Schema;
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`${path}: ${message}`);

  for (const key of Object.keys(s)) {
    if (!CHECKED.has(key) && !ANNOTATIONS.has(key)) throw new Error(`unsupported keyword "${key}" at ${path}`);
  }
  if (typeof s.$ref === 'string') problems.push(...validate(resolvePointer(root, s.$ref), value, root, path));

  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => matchesType(value, t))) {
      fail(`must be ${types.join(' or ')}, got ${typeOf(value)} ${JSON.stringify(value)}`);
      return problems;
    }
  }
  if (s.enum !== undefined && !(s.enum as unknown[]).some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    fail(`must be one of ${JSON.stringify(s.enum)}, got ${JSON.stringify(value)}`);
  }
  if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(value)) fail(`must be ${JSON.stringify(s.const)}, got ${JSON.stringify(value)}`);

  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) fail(`must be ≥ ${s.minimum}, got ${value}`);
    if (typeof s.maximum === 'number' && value > s.maximum) fail(`must be ≤ ${s.maximum}, got ${value}`);
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) fail(`must be > ${s.exclusiveMinimum}, got ${value}`);
    if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) fail(`must be < ${s.exclusiveMaximum}, got ${value}`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof s.minLength === 'number' && length < s.minLength) fail(`must have at least ${s.minLength} characters, got ${JSON.stringify(value)}`);
    if (typeof s.maxLength === 'number' && length > s.maxLength) fail(`must have at most ${s.maxLength} characters`);
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) fail(`must match ${s.pattern}, got ${JSON.stringify(value)}`);
    if (s.format === 'date' && !isDate(value)) fail(`must be a real YYYY-MM-DD date, got ${JSON.stringify(value)}`);
    if (s.format === 'date-time' && !isDateTime(value)) fail(`must be an RFC 3339 date-time, got ${JSON.stringify(value)}`);
  }
  if (Array.isArray(value) && s.items !== undefined) {
    value.forEach((item, i) => problems.push(...validate(s.items, item, root, `${path}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    const o = value as Record<string, unknown>;
    const properties = (s.properties ?? {}) as Record<string, unknown>;
    for (const name of (s.required ?? []) as string[]) if (!(name in o)) fail(`is missing the required "${name}"`);
    for (const [name, v] of Object.entries(o)) {
      if (name in properties) problems.push(...validate(properties[name], v, root, `${path}.${name}`));
      else if (s.additionalProperties === false) fail(`has a field not in the schema: "${name}"`);
      else if (s.additionalProperties !== undefined) problems.push(...validate(s.additionalProperties, v, root, `${path}.${name}`));
    }
  }
  if (s.allOf) for (const sub of s.allOf as unknown[]) problems.push(...validate(sub, value, root, path));
  if (s.anyOf && !(s.anyOf as unknown[]).some((sub) => validate(sub, value, root, path).length === 0)) fail('matches none of anyOf');
  if (s.oneOf) {
    const passing = (s.oneOf as unknown[]).filter((sub) => validate(sub, value, root, path).length === 0).length;
    if (passing !== 1) fail(`must match exactly one of oneOf, matches ${passing}`);
  }
  if (s.not !== undefined && validate(s.not, value, root, path).length === 0) fail(`must not match ${JSON.stringify(s.not)}`);
  return problems;
}
