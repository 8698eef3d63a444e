// Every object `--format json` writes, for every sample, corpus file and seed, with and without --notes and with
// `file`, is valid against docs/json-schema.json; the schema's code lists are the model's.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES, FINDINGS } from '../../src/model/findings';
import { CAPTURE_LIMITS, VERDICT_CODES, ZEEK_CONN_STATES } from '../../src/model/verdict';
import { TCP_STATES } from '../../src/model/tcp-state';
import { annotateText, formatJson } from '../../src/report';
import { corpusOutFiles, corpusText, seedFiles, seedText, sampleFiles } from '../helpers/fixtures';
import { SchemaValidator } from '../helpers/json-schema';
import { CHAL, GFW, IGN } from '../helpers/synthetic-rst';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schema = JSON.parse(readFileSync(path.join(repoRoot, 'docs/json-schema.json'), 'utf8'));
const validator = new SchemaValidator(schema);


interface Tally {
  kinds: Record<string, number>;
  findings: Set<string>;
  errors: string[];
}

/** Each JSON line of one input, parsed and validated; the first errors kept with the offending line. */
function validateAll(text: string, name: string, notes: boolean, file: string | null, tally: Tally): void {
  for (const item of annotateText(text, { lang: 'en', notes, file: file ?? '-', multi: file !== null })) {
    const line = formatJson(item, { notes, file });
    const obj = JSON.parse(line);
    tally.kinds[obj.kind] = (tally.kinds[obj.kind] ?? 0) + 1;
    for (const f of obj.findings ?? []) tally.findings.add(f.code);
    const errs = validator.errors(obj);
    if (errs.length > 0 && tally.errors.length < 5) tally.errors.push(`${name}: ${errs.slice(0, 3).join('; ')}\n${line}`);
  }
}

const fresh = (): Tally => ({ kinds: {}, findings: new Set(), errors: [] });

describe('docs/json-schema.json validates every object tcplain writes', () => {
  it('every sample, compact (no notes): tcp, other, meta and connection objects', () => {
    const t = fresh();
    for (const f of sampleFiles()) validateAll(readFileSync(f, 'utf8'), path.relative(repoRoot, f), false, null, t);
    expect(t.errors).toEqual([]);
    expect(t.kinds.tcp).toBeGreaterThan(4000);
    expect(t.kinds.connection).toBeGreaterThan(140);
    // The samples exercise most finding codes; each one seen was checked against its own parameter schema.
    expect(t.findings.size).toBeGreaterThanOrEqual(20);
  });

  it('every sample with --notes, and with `file` as when several inputs are explained', () => {
    const t = fresh();
    for (const f of sampleFiles()) validateAll(readFileSync(f, 'utf8'), path.relative(repoRoot, f), true, path.basename(f), t);
    expect(t.errors).toEqual([]);
    expect(t.kinds.tcp).toBeGreaterThan(4000);
  });

  it('every tcpdump test-suite corpus file and seed (every record kind, -v, -e, dumps, unparsed lines)', () => {
    const t = fresh();
    for (const f of corpusOutFiles()) validateAll(corpusText(f, 'latin1'), f, false, null, t);
    for (const f of seedFiles()) validateAll(seedText(f), f, true, null, t);
    expect(t.errors).toEqual([]);
    for (const k of ['tcp', 'other', 'meta', 'text', 'unparsed', 'connection']) expect(t.kinds[k], k).toBeGreaterThan(0);
  });
});

describe('the SYNTHETIC RST captures (test/helpers/synthetic-rst.ts): tcp.rst_not_taken, own-rst-not-taken, after-forged-rst, had-connection of a RST', () => {
  it('validate, with and without notes, and carry those codes', () => {
    const t = fresh();
    for (const [name, text] of Object.entries({ GFW, CHAL, IGN })) {
      validateAll(text, name, false, null, t);
      validateAll(text, name, true, null, t);
    }
    expect(t.errors).toEqual([]);
    expect(t.findings.has('tcp.rst_not_taken')).toBe(true);
    const lines = [...annotateText(CHAL, { lang: 'en', notes: false, file: '-', multi: false })].map((i) => formatJson(i, { notes: false, file: null }));
    expect(lines.some((l) => l.includes('"code":"own-rst-not-taken"'))).toBe(true);
    const gfw = [...annotateText(GFW, { lang: 'en', notes: false, file: '-', multi: false })].map((i) => formatJson(i, { notes: false, file: null }));
    expect(gfw.some((l) => l.includes('"code":"after-forged-rst"') && l.includes('"what":"rst"'))).toBe(true);
  });
});

describe('the schema lists exactly the model codes', () => {
  const defs = schema.$defs;
  it('finding codes, each with its severity and group from src/model/findings.ts', () => {
    const branches = defs.finding.oneOf as Array<{ properties: { code: { const: string } } }>;
    expect(branches.map((b) => b.properties.code.const).sort()).toEqual([...FINDING_CODES].sort());
    expect([...defs.findingCode.enum].sort()).toEqual([...FINDING_CODES].sort());
    const severities = new Set(Object.values(FINDINGS).map((s) => s.severity));
    const groups = new Set(Object.values(FINDINGS).map((s) => s.group));
    expect([...severities].every((s) => defs.findingSeverity.enum.includes(s))).toBe(true);
    expect([...groups].every((g) => defs.findingGroup.enum.includes(g))).toBe(true);
  });

  it('verdicts, Zeek states, capture limits and TCP states', () => {
    expect(defs.connection.properties.verdict.enum).toEqual([...VERDICT_CODES]);
    expect(defs.connection.properties.connState.enum).toEqual([...ZEEK_CONN_STATES]);
    expect(defs.connection.properties.limits.items.enum).toEqual([...CAPTURE_LIMITS]);
    expect(defs.tcpState.enum).toEqual([...TCP_STATES]);
  });
});

describe('records the schema rejects (real records, one field broken)', () => {
  const items = annotateText(readFileSync(path.join(repoRoot, 'samples/server-abort/n.txt'), 'utf8'), { lang: 'en', notes: false });
  const objs = items.map((i) => JSON.parse(formatJson(i)));
  const rst = objs[5];
  const conn = objs[6];
  it('the real records are valid', () => {
    expect(rst.findings.map((f: { code: string }) => f.code)).toEqual(['tcp.rst']);
    expect(validator.errors(rst)).toEqual([]);
    expect(validator.errors(conn)).toEqual([]);
  });
  it('a null, an empty array, a v1 record, an unknown key, a finding without severity, a bad verdict', () => {
    expect(validator.errors({ ...rst, seq: null })).toContain('$.seq: expected integer, got null');
    expect(validator.errors({ ...rst, warnings: [] })).toContain('$.warnings: 0 items, fewer than 1');
    expect(validator.errors({ ...rst, v: 1 })).toContain('$.v: expected 2, got 1');
    expect(validator.errors({ ...rst, findingDetails: [] })).toContain("$: unexpected key 'findingDetails'");
    const { severity: _s, ...noSeverity } = rst.findings[0];
    expect(validator.errors({ ...rst, findings: [noSeverity] })).toContain("$.findings[0]: missing required 'severity'");
    expect(validator.errors({ ...rst, findings: [{ ...rst.findings[0], by: 'middlebox' }] })).toContain('$.findings[0].by: "middlebox" is not one of ["client","server"]');
    expect(validator.errors({ ...conn, verdict: 'fine' })[0]).toMatch(/^\$\.verdict: "fine" is not one of/);
    expect(validator.errors({ ...conn, headline: null })).toContain('$.headline: expected string, got null');
    expect(validator.errors({ ...conn, kind: 'session' })[0]).toMatch(/no branch for "session"/);
  });
});
