import { readFileSync } from 'node:fs';
import { generateCstDts } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { formatWhere, parseWhere, WHERE_LIMITS, type WhereError, type WhereNode } from '../../../grammar/where/index';
import { whereParser } from '../../../grammar/where/parser';

/** How the expression is read: every test normalised, every nested and/or in parentheses. */
function reading(text: string): string {
  const r = parseWhere(text);
  expect(r.error, text).toBeNull();
  return formatWhere(r.ast!);
}

/** The error: code, [start, end) and the token at it. */
function error(text: string): Pick<WhereError, 'code' | 'start' | 'end' | 'token'> & { field?: string } {
  const r = parseWhere(text);
  expect(r.ast, text).toBeNull();
  const e = r.error!;
  return { code: e.code, start: e.start, end: e.end, token: e.token, ...(e.field ? { field: e.field } : {}) };
}

describe('--where: connectives and precedence', () => {
  it('not binds tighter than and, and tighter than or; parentheses override', () => {
    expect(reading('port 1 or port 2 and port 3')).toBe('port 1 or (port 2 and port 3)');
    expect(reading('port 1 and port 2 or port 3')).toBe('(port 1 and port 2) or port 3');
    expect(reading('(port 1 or port 2) and port 3')).toBe('(port 1 or port 2) and port 3');
    expect(reading('not port 1 and port 2')).toBe('not port 1 and port 2');
    expect(reading('not (port 1 and port 2)')).toBe('not (port 1 and port 2)');
    expect(reading('not not port 1')).toBe('not not port 1');
    expect(reading('port 1 && port 2 || ! port 3')).toBe('(port 1 and port 2) or not port 3');
    expect(reading('PORT 1 AND Port 2 Or NOT port 3')).toBe('(port 1 and port 2) or not port 3');
  });

  it('a chain of one connective is one flat node, also across redundant parentheses', () => {
    const ast = parseWhere('port 1 and (port 2 and port 3) and port 4').ast!;
    if (ast.kind !== 'and') throw new Error(`read as ${ast.kind}`);
    expect(ast.operands.map((o: WhereNode) => formatWhere(o))).toEqual(['port 1', 'port 2', 'port 3', 'port 4']);
    expect(ast.start).toBe(0);
    expect(ast.end).toBe(41);
  });
});

describe('--where: every field and operator', () => {
  const cases: Array<[string, string]> = [
    ['host 192.0.2.2', 'host 192.0.2.2'],
    ['host = 192.0.2.2', 'host 192.0.2.2'],
    ['host != 192.0.2.2', 'host != 192.0.2.2'],
    ['client host 192.0.2.2', 'client host 192.0.2.2'],
    ['src host 192.0.2.2', 'client host 192.0.2.2'],
    ['dst host 2001:db8:2::2', 'server host 2001:db8:2::2'],
    ['host [2001:db8::1]', 'host 2001:db8::1'],
    ['host 198.51.100.0/24', 'host 198.51.100.0/24'],
    ['host 2001:db8::/32', 'host 2001:db8::/32'],
    ['host client', 'host client'],
    ['host "my host"', 'host my host'],
    ['port 80', 'port 80'],
    ['server port 80', 'server port 80'],
    ['port == 80', 'port 80'],
    ['port != 80', 'port != 80'],
    ['port < 1024', 'port < 1024'],
    ['port <= 1024', 'port <= 1024'],
    ['port > 40000', 'port > 40000'],
    ['port >= 40000', 'port >= 40000'],
    ['conn c3', 'conn c3'],
    ['conn concurrent/client.txt#c2', 'conn concurrent/client.txt#c2'],
    ["conn 'a b.txt#c3'", 'conn a b.txt#c3'],
    ['conn != c1', 'conn != c1'],
    ['verdict refused', 'verdict refused'],
    ['verdict != normal-close', 'verdict != normal-close'],
    ['verdict Reset-By-Server', 'verdict reset-by-server'],
    ['state sf', 'state SF'],
    ['conn_state = REJ', 'state REJ'],
    ['conn_state != RSTOS0', 'state != RSTOS0'],
    ['severity >= warn', 'severity >= warn'],
    ['severity = ok', 'severity = ok'],
    ['severity != error', 'severity != error'],
    ['severity < warn', 'severity < warn'],
    ['severity <= notice', 'severity <= notice'],
    ['severity > ok', 'severity > ok'],
    ['severity warn+', 'severity >= warn'],
    // The finding levels' words, as the English summary table prints them: warning = warn, note = notice.
    ['severity >= warning', 'severity >= warn'],
    ['severity = NOTE', 'severity = notice'],
    ['severity warning+', 'severity >= warn'],
    ['finding tcp.dup_ack', 'finding tcp.dup_ack'],
    ['finding dup_ack', 'finding tcp.dup_ack'],
    ['finding dup_ack >= 10', 'finding tcp.dup_ack >= 10'],
    ['finding tcp.rst = 0', 'finding tcp.rst = 0'],
    ['bytes > 1M', 'bytes > 1000000'],
    ['bytes >= 64k', 'bytes >= 64000'],
    ['bytes < 2MiB', 'bytes < 2097152'],
    ['bytes > 1.5kB', 'bytes > 1500'],
    ['client bytes > 60000', 'client bytes > 60000'],
    ['server bytes = 0', 'server bytes = 0'],
    ['packets > 100', 'packets > 100'],
    ['src packets >= 2k', 'client packets >= 2000'],
    ['duration > 2', 'duration > 2'],
    ['duration > 500ms', 'duration > 0.5'],
    ['duration <= 1.5m', 'duration <= 90'],
    ['duration < 250us', 'duration < 0.00025'],
    ['retrans > 0', 'retrans > 0'],
    ['retrans = 12', 'retrans = 12'],
    ['rtt > 100', 'rtt > 0.1'],
    ['rtt > 100ms', 'rtt > 0.1'],
    ['rtt < 0.2s', 'rtt < 0.2'],
  ];
  it.each(cases)('%s', (text, read) => {
    expect(reading(text)).toBe(read);
  });

  it('a keyword inside a longer word is a word: hostname, ports, conn_statex', () => {
    expect(error('hostname x')).toEqual({ code: 'unknown-field', start: 0, end: 8, token: 'hostname' });
    expect(error('conn_statex SF')).toEqual({ code: 'unknown-field', start: 0, end: 11, token: 'conn_statex' });
  });
});

describe('--where: errors, each at its column', () => {
  const cases: Array<[string, ReturnType<typeof error>]> = [
    ['', { code: 'empty', start: 0, end: 0, token: '' }],
    ['   ', { code: 'empty', start: 0, end: 0, token: '' }],
    ['port 443 & host x', { code: 'lex', start: 9, end: 10, token: '&' }],
    ['prot 443', { code: 'unknown-field', start: 0, end: 4, token: 'prot' }],
    ['port 443 and sevrity >= warn', { code: 'unknown-field', start: 13, end: 20, token: 'sevrity' }],
    ['port 443 and', { code: 'ends-early', start: 12, end: 12, token: '' }],
    ['not', { code: 'ends-early', start: 3, end: 3, token: '' }],
    ['port', { code: 'ends-early', start: 4, end: 4, token: '', field: 'port' }],
    ['bytes >', { code: 'ends-early', start: 7, end: 7, token: '', field: 'bytes' }],
    ['host and port 1', { code: 'syntax', start: 5, end: 8, token: 'and', field: 'host' }],
    ['port 443 host x', { code: 'syntax', start: 9, end: 13, token: 'host' }],
    ['port 1 or or port 2', { code: 'syntax', start: 10, end: 12, token: 'or' }],
    ['()', { code: 'syntax', start: 1, end: 2, token: ')' }],
    ['(port 1 or (port 2)', { code: 'unclosed', start: 0, end: 1, token: '(' }],
    ['port 1)', { code: 'unmatched', start: 6, end: 7, token: ')' }],
    ['client verdict refused', { code: 'no-side', start: 0, end: 6, token: 'client', field: 'verdict' }],
    ['severity warn', { code: 'needs-op', start: 0, end: 8, token: 'severity', field: 'severity' }],
    ['bytes 5', { code: 'needs-op', start: 0, end: 5, token: 'bytes', field: 'bytes' }],
    ['verdict < refused', { code: 'bad-op', start: 8, end: 9, token: '<', field: 'verdict' }],
    ['state >= SF', { code: 'bad-op', start: 6, end: 8, token: '>=', field: 'state' }],
    ['verdict closed_normally', { code: 'bad-verdict', start: 8, end: 23, token: 'closed_normally' }],
    ['severity >= warnings', { code: 'bad-severity', start: 12, end: 20, token: 'warnings' }],
    ['rtt > 5 parsecs', { code: 'bad-unit', start: 8, end: 15, token: 'parsecs', field: 'rtt' }],
    ['duration >= 1.5 days', { code: 'bad-unit', start: 16, end: 20, token: 'days', field: 'duration' }],
    ['state XYZ', { code: 'bad-state', start: 6, end: 9, token: 'XYZ' }],
    ['finding tcp.nope', { code: 'bad-finding', start: 8, end: 16, token: 'tcp.nope' }],
    ['finding dup_ack >= x', { code: 'bad-number', start: 19, end: 20, token: 'x', field: 'finding' }],
    ['bytes > 1X', { code: 'bad-number', start: 8, end: 10, token: '1X', field: 'bytes' }],
    ['packets > 1KiB', { code: 'bad-number', start: 10, end: 14, token: '1KiB', field: 'packets' }],
    ['duration > 2d', { code: 'bad-number', start: 11, end: 13, token: '2d', field: 'duration' }],
    ['rtt > -5', { code: 'bad-number', start: 6, end: 8, token: '-5', field: 'rtt' }],
    ['port 65536', { code: 'bad-port', start: 5, end: 10, token: '65536' }],
    ['conn x3', { code: 'bad-conn', start: 5, end: 7, token: 'x3' }],
    ['host 192.0.2.0/33', { code: 'bad-host', start: 5, end: 17, token: '192.0.2.0/33' }],
    ['host 2001:db8::/129', { code: 'bad-host', start: 5, end: 19, token: '2001:db8::/129' }],
    ['port 1 > 2', { code: 'syntax', start: 7, end: 8, token: '>' }],
  ];
  it.each(cases)('%j', (text, want) => {
    expect(error(text)).toEqual(want);
  });

  it('lists the valid words where a field, verdict, state, severity or finding code is unknown', () => {
    expect(parseWhere('prot 1').error!.known).toEqual(['host', 'port', 'conn', 'verdict', 'severity', 'state', 'conn_state', 'finding', 'bytes', 'packets', 'duration', 'retrans', 'rtt']);
    expect(parseWhere('verdict x').error!.known).toEqual([
      'normal-close', 'refused', 'no-answer', 'reset-by-server', 'reset-by-client', 'idle-reset', 'keepalive-timeout', 'reset-no-connection', 'reset-forged', 'half-closed', 'open', 'incomplete',
    ]);
    expect(parseWhere('severity = x').error!.known).toEqual(['ok', 'notice', 'warn', 'error']);
    expect(parseWhere('state x').error!.known).toEqual(['S0', 'S1', 'SF', 'REJ', 'S2', 'S3', 'RSTO', 'RSTR', 'RSTOS0', 'RSTRH', 'SH', 'SHR', 'OTH']);
    expect(parseWhere('finding x').error!.known).toContain('tcp.zero_window');
    expect(parseWhere('verdict < x').error!.known).toEqual(['=', '!=']);
    expect(parseWhere('client state SF').error!.known).toEqual(['host', 'port', 'bytes', 'packets']);
  });
});

describe('--where: limits (hostile expressions are refused before any recursion)', () => {
  it('nesting past the depth limit, by parentheses or by not', () => {
    const deep = `${'('.repeat(WHERE_LIMITS.depth + 1)}port 1${')'.repeat(WHERE_LIMITS.depth + 1)}`;
    expect(error(deep)).toEqual({ code: 'too-complex', start: WHERE_LIMITS.depth, end: WHERE_LIMITS.depth + 1, token: '(' });
    expect(parseWhere(deep).error!.limit).toEqual({ what: 'depth', max: 100 });
    const atLimit = `${'('.repeat(WHERE_LIMITS.depth)}port 1${')'.repeat(WHERE_LIMITS.depth)}`;
    expect(reading(atLimit)).toBe('port 1');
    const nots = `${'not '.repeat(WHERE_LIMITS.depth + 1)}port 1`;
    expect(error(nots)).toEqual({ code: 'too-complex', start: 400, end: 403, token: 'not' });
  });

  it('more connectives than the limit; longer than the length limit; 9,000 open parentheses answer at once', () => {
    const many = Array.from({ length: WHERE_LIMITS.operators + 2 }, () => 'port 1').join('||');
    const r = parseWhere(many);
    expect(r.error!.code).toBe('too-complex');
    expect(r.error!.limit).toEqual({ what: 'operators', max: 1000 });
    expect(r.error!.start).toBe(1001 * 8 - 2);
    const ok = Array.from({ length: 500 }, (_, i) => `port ${i}`).join(' or ');
    expect(parseWhere(ok).error).toBeNull();
    const long = `host ${'a'.repeat(WHERE_LIMITS.length)}`;
    expect(parseWhere(long).error).toMatchObject({ code: 'too-complex', start: 10000, limit: { what: 'length', max: 10000 } });
    const t0 = performance.now();
    expect(parseWhere('('.repeat(9000)).error!.code).toBe('too-complex');
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('--where on mutated input (seeded): never throws, one error inside the text, or a tree', () => {
  it('20,000 mutations of real expressions', () => {
    const seeds = [
      'port 443 and severity >= warn',
      'not verdict normal-close and bytes > 1M',
      '(client host 192.0.2.0/24 or server host 2001:db8::/32) and not (rtt > 100ms or duration <= 2s)',
      "finding dup_ack >= 10 || conn 'a b.txt#c3' && ! state RSTR",
    ];
    const pieces = ['(', ')', 'and', 'or', 'not', '!', '&&', '||', '=', '!=', '<', '>=', '"', "'", ' ', 'host', 'client', 'port', '1M', '::', '/', '#', '\n', 'é', '&', '|'];
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let trees = 0;
    for (let i = 0; i < 20000; i++) {
      let t = seeds[rnd(seeds.length)];
      for (let k = 0, n = 1 + rnd(4); k < n; k++) {
        const at = rnd(t.length + 1);
        const cut = rnd(3);
        t = t.slice(0, at) + (rnd(2) ? pieces[rnd(pieces.length)] : '') + t.slice(at + cut);
      }
      const r = parseWhere(t);
      if (r.ast) {
        trees++;
        expect(r.error).toBeNull();
      } else {
        const e = r.error!;
        expect(e.start >= 0 && e.start <= e.end && e.end <= t.length + 1, `${JSON.stringify(t)} → ${JSON.stringify(e)}`).toBe(true);
        expect(e.token.startsWith('internal parser fault'), t).toBe(false);
      }
    }
    // Some mutations stay valid expressions, most do not.
    expect(trees).toBeGreaterThan(1000);
    expect(trees).toBeLessThan(19000);
  });
});

describe('cst.d.ts', () => {
  it('is what generateCstDts produces for the parser (never hand-written; npm run grammar:dts)', () => {
    const committed = readFileSync(new URL('../../../grammar/where/cst.d.ts', import.meta.url), 'utf8');
    expect(committed).toBe(generateCstDts(whereParser().getGAstProductions()));
  });
});
