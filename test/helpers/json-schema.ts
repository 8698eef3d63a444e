// A small JSON Schema (draft 2020-12) validator for the subset docs/json-schema.json uses, so tests can check every
// output object against it without a new dependency. A keyword outside the subset throws: a schema using it is never
// silently taken as valid. Tested on its own in test/helpers/json-schema.test.ts.

export type Schema = boolean | { [keyword: string]: unknown };

/** Keywords that only describe (no effect on validity). */
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$defs', '$comment']);
const CHECKED = new Set([
  '$ref',
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'minProperties',
  'items',
  'minItems',
  'maxItems',
  'oneOf',
]);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function hasType(v: unknown, t: string): boolean {
  switch (t) {
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'object':
      return typeOf(v) === 'object';
    default:
      return typeOf(v) === t;
  }
}

/** Deep equality of JSON values (const, enum). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeOf(a) !== typeOf(b) || typeof a !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => same(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export class SchemaValidator {
  constructor(private readonly root: Schema) {}

  /** Every error as `path: message`; empty when the value is valid. */
  errors(value: unknown): string[] {
    const out: string[] = [];
    this.check(this.root, value, '$', out);
    return out;
  }

  private resolve(ref: string): Schema {
    if (!ref.startsWith('#/')) throw new Error(`json-schema helper: only local $ref is supported, got ${ref}`);
    let node: unknown = this.root;
    for (const part of ref.slice(2).split('/')) {
      node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      if (node === undefined) throw new Error(`json-schema helper: $ref ${ref} points nowhere`);
    }
    return node as Schema;
  }

  private check(schema: Schema, v: unknown, path: string, out: string[]): void {
    if (schema === true) return;
    if (schema === false) {
      out.push(`${path}: not allowed`);
      return;
    }
    for (const k of Object.keys(schema)) {
      if (!CHECKED.has(k) && !ANNOTATIONS.has(k)) throw new Error(`json-schema helper: keyword '${k}' is not supported (at ${path})`);
    }
    if (typeof schema.$ref === 'string') this.check(this.resolve(schema.$ref), v, path, out);
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
      if (!types.some((t) => hasType(v, t))) {
        out.push(`${path}: expected ${types.join(' or ')}, got ${typeOf(v)}`);
        return;
      }
    }
    if ('const' in schema && !same(v, schema.const)) out.push(`${path}: expected ${JSON.stringify(schema.const)}, got ${JSON.stringify(v)}`);
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => same(v, e))) out.push(`${path}: ${JSON.stringify(v)} is not one of ${JSON.stringify(schema.enum)}`);
    if (typeOf(v) === 'object') this.checkObject(schema, v as Record<string, unknown>, path, out);
    if (Array.isArray(v)) {
      if (typeof schema.minItems === 'number' && v.length < schema.minItems) out.push(`${path}: ${v.length} items, fewer than ${schema.minItems}`);
      if (typeof schema.maxItems === 'number' && v.length > schema.maxItems) out.push(`${path}: ${v.length} items, more than ${schema.maxItems}`);
      if (schema.items !== undefined) v.forEach((x, i) => this.check(schema.items as Schema, x, `${path}[${i}]`, out));
    }
    if (Array.isArray(schema.oneOf)) this.checkOneOf(schema.oneOf as Schema[], v, path, out);
  }

  private checkObject(schema: { [k: string]: unknown }, o: Record<string, unknown>, path: string, out: string[]): void {
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in o)) out.push(`${path}: missing required '${r}'`);
    const keys = Object.keys(o);
    if (typeof schema.minProperties === 'number' && keys.length < schema.minProperties) out.push(`${path}: ${keys.length} properties, fewer than ${schema.minProperties}`);
    for (const k of keys) {
      if (schema.propertyNames !== undefined) this.check(schema.propertyNames as Schema, k, `${path} key '${k}'`, out);
      if (k in props) this.check(props[k], o[k], `${path}.${k}`, out);
      else if (schema.additionalProperties === false) out.push(`${path}: unexpected key '${k}'`);
      else if (schema.additionalProperties !== undefined) this.check(schema.additionalProperties as Schema, o[k], `${path}.${k}`, out);
    }
  }

  /**
   * Exactly one branch must match. When none does, the errors reported are those of the branch whose `kind` or
   * `code` constant equals the value's (the discriminator the schema uses), else of every branch.
   */
  private checkOneOf(branches: Schema[], v: unknown, path: string, out: string[]): void {
    const results = branches.map((b) => {
      const e: string[] = [];
      this.check(b, v, path, e);
      return e;
    });
    const ok = results.filter((e) => e.length === 0).length;
    if (ok === 1) return;
    if (ok > 1) {
      out.push(`${path}: matches ${ok} branches of oneOf, expected exactly one`);
      return;
    }
    const tag = typeOf(v) === 'object' ? ((v as Record<string, unknown>).kind ?? (v as Record<string, unknown>).code) : undefined;
    const chosen = branches.findIndex((b) => tag !== undefined && this.tagOf(b) === tag);
    if (chosen >= 0) out.push(...results[chosen]);
    else out.push(`${path}: matches no branch of oneOf${tag === undefined ? '' : ` (no branch for ${JSON.stringify(tag)})`}: ${results.map((e) => e[0]).join(' | ')}`);
  }

  private tagOf(b: Schema): unknown {
    const s = typeof b === 'object' && typeof b.$ref === 'string' ? this.resolve(b.$ref) : b;
    if (typeof s !== 'object') return undefined;
    const props = s.properties as Record<string, { const?: unknown }> | undefined;
    return props?.kind?.const ?? props?.code?.const;
  }
}
