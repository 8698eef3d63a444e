// The test validator (test/helpers/json-schema.ts) on its own: what it accepts, what it rejects, and that it refuses
// schema keywords it does not implement instead of passing them silently.

import { describe, expect, it } from 'vitest';
import { SchemaValidator } from './json-schema';

const schema = {
  $defs: {
    side: { enum: ['client', 'server'] },
    a: { type: 'object', properties: { kind: { const: 'a' }, n: { type: 'integer' } }, required: ['kind', 'n'], additionalProperties: false },
    b: { type: 'object', properties: { kind: { const: 'b' }, s: { $ref: '#/$defs/side' } }, required: ['kind'], additionalProperties: false },
  },
  oneOf: [{ $ref: '#/$defs/a' }, { $ref: '#/$defs/b' }],
};
const v = new SchemaValidator(schema);

describe('SchemaValidator', () => {
  it('accepts valid values', () => {
    expect(v.errors({ kind: 'a', n: 3 })).toEqual([]);
    expect(v.errors({ kind: 'b', s: 'server' })).toEqual([]);
    expect(v.errors({ kind: 'b' })).toEqual([]);
  });

  it('rejects a wrong type, an integer that is not, a missing key, an extra key, a value outside an enum', () => {
    expect(v.errors({ kind: 'a', n: '3' })).toEqual(['$.n: expected integer, got string']);
    expect(v.errors({ kind: 'a', n: 1.5 })).toEqual(['$.n: expected integer, got number']);
    expect(v.errors({ kind: 'a', n: null })).toEqual(['$.n: expected integer, got null']);
    expect(v.errors({ kind: 'a' })).toEqual(["$: missing required 'n'"]);
    expect(v.errors({ kind: 'a', n: 1, x: 2 })).toEqual(["$: unexpected key 'x'"]);
    expect(v.errors({ kind: 'b', s: 'middlebox' })).toEqual(['$.s: "middlebox" is not one of ["client","server"]']);
    expect(v.errors({ kind: 'c' })[0]).toMatch(/^\$: matches no branch of oneOf \(no branch for "c"\)/);
    expect(v.errors([1])[0]).toMatch(/^\$: matches no branch of oneOf/);
  });

  it('oneOf: two matching branches is an error too', () => {
    const both = new SchemaValidator({ oneOf: [{ type: 'integer' }, { type: 'number' }] });
    expect(both.errors(3)).toEqual(['$: matches 2 branches of oneOf, expected exactly one']);
    expect(both.errors(3.5)).toEqual([]);
  });

  it('arrays: items, minItems, maxItems; objects: minProperties, propertyNames, additionalProperties as a schema', () => {
    const s = new SchemaValidator({
      type: 'object',
      properties: { xs: { type: 'array', items: { type: 'integer' }, minItems: 1, maxItems: 2 } },
      propertyNames: { enum: ['xs', 'extra'] },
      additionalProperties: { type: 'boolean' },
      minProperties: 1,
    });
    expect(s.errors({ xs: [1, 2] })).toEqual([]);
    expect(s.errors({ xs: [] })).toEqual(['$.xs: 0 items, fewer than 1']);
    expect(s.errors({ xs: [1, 2, 3] })).toEqual(['$.xs: 3 items, more than 2']);
    expect(s.errors({ xs: [1, 'x'] })).toEqual(['$.xs[1]: expected integer, got string']);
    expect(s.errors({})).toEqual(['$: 0 properties, fewer than 1']);
    expect(s.errors({ extra: 1 })).toEqual(['$.extra: expected boolean, got number']);
    expect(s.errors({ other: true })).toEqual([`$ key 'other': "other" is not one of ["xs","extra"]`]);
  });

  it('const compares deeply; false and true schemas', () => {
    expect(new SchemaValidator({ const: { a: [1, 2] } }).errors({ a: [1, 2] })).toEqual([]);
    expect(new SchemaValidator({ const: { a: [1, 2] } }).errors({ a: [2, 1] })).toHaveLength(1);
    expect(new SchemaValidator(false).errors(1)).toEqual(['$: not allowed']);
    expect(new SchemaValidator(true).errors(1)).toEqual([]);
  });

  it('throws on a keyword it does not implement, and on a $ref it cannot follow', () => {
    expect(() => new SchemaValidator({ type: 'string', pattern: '^a' }).errors('b')).toThrow("keyword 'pattern' is not supported");
    expect(() => new SchemaValidator({ $ref: 'http://example.com/s.json' }).errors(1)).toThrow('only local $ref');
    expect(() => new SchemaValidator({ $ref: '#/$defs/none' }).errors(1)).toThrow('points nowhere');
  });
});
