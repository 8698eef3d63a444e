// `--where EXPR` on explain and summary, on real captures: the connections selected (exact ids), how it combines with
// the other selection options and --fail-on, what explain prints, and the errors (caret, column, en and zh-CN, exit 2).

import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../helpers/cli';

const CONC = 'samples/concurrent/client.txt';
const REFUSED = 'samples/refused/server.txt';
const ZW = 'samples/zero-window/client.txt';
const FR = 'samples/fast-retransmit/client.txt';
const NAT_DROPS = 'samples/nat-drops/client.txt';
const RST = 'samples/rst-to-server/client.txt';
const MIDDLEBOX = 'samples/middlebox-reset/client.txt';
const IPV6 = 'samples/ipv6/client.txt';
const ALL = [CONC, REFUSED, ZW, FR, NAT_DROPS, RST, MIDDLEBOX, IPV6];

const run = (args: string[]) => runCliCaptured(args);
const rows = (out: string): string[] => out.split('\n').filter((l) => /^\S*c\d+ /.test(l));
const ids = (out: string): string[] => rows(out).map((l) => l.split(/\s+/)[0]);
const jsonl = (out: string): Array<Record<string, any>> => out.trimEnd().split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('summary --where', () => {
  it('selects exactly the connections the expression holds for (several files: NAME#cN ids)', async () => {
    const sel = async (expr: string): Promise<string[]> => {
      const r = await run(['summary', '--where', expr, ...ALL]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      return ids(r.out);
    };
    expect(await sel('port 80 and severity >= warn')).toEqual([
      'zero-window/client.txt#c1', 'fast-retransmit/client.txt#c1', 'nat-drops/client.txt#c1', 'middlebox-reset/client.txt#c1', 'rst-to-server/client.txt#c1',
    ]);
    expect(await sel('not verdict normal-close and bytes > 1k')).toEqual([]);
    expect(await sel('not verdict normal-close')).toEqual(['server.txt#c1', 'middlebox-reset/client.txt#c1', 'rst-to-server/client.txt#c1']);
    expect(await sel('bytes > 60k')).toEqual(['zero-window/client.txt#c1', 'fast-retransmit/client.txt#c1', 'nat-drops/client.txt#c1']);
    expect(await sel('finding dup_ack >= 28 or verdict refused')).toEqual(['server.txt#c1', 'fast-retransmit/client.txt#c1', 'nat-drops/client.txt#c1']);
    expect(await sel('host 2001:db8:1:0::2 or conn concurrent/client.txt#c3')).toEqual(['ipv6/client.txt#c1', 'concurrent/client.txt#c3']);
    expect(await sel('client port >= 40122 and severity = ok')).toEqual(['concurrent/client.txt#c2', 'concurrent/client.txt#c3']);
    expect(await sel('state RSTR and retrans = 1 and duration < 257ms')).toEqual(['rst-to-server/client.txt#c1']);
    expect(await sel('rtt > 0.1ms')).toEqual(['zero-window/client.txt#c1', 'nat-drops/client.txt#c1']);
  });

  it('ANDs with the other options and with itself when repeated; --fail-on counts only what it selects', async () => {
    const r = await run(['summary', '--where', 'retrans > 0', '--severity', 'error', ...ALL]);
    expect(ids(r.out)).toEqual(['middlebox-reset/client.txt#c1', 'rst-to-server/client.txt#c1']);
    const twice = await run(['summary', '--where', 'retrans > 0', '--where', 'severity = error', ...ALL]);
    expect(twice.out).toBe(r.out);
    const port = await run(['summary', '--port', '81', '--where', 'severity >= warn', ...ALL]);
    expect(ids(port.out)).toEqual(['server.txt#c1']);
    const none = await run(['summary', '--verdict', 'refused', '--where', 'port 80', ...ALL]);
    expect(ids(none.out)).toEqual([]);
    expect((await run(['summary', '--fail-on', 'error', '--where', 'severity < error', ...ALL])).code).toBe(0);
    expect((await run(['summary', '--fail-on', 'warn', '--where', 'severity < error', ...ALL])).code).toBe(1);
    expect((await run(['summary', '--fail-on', 'error', '--where', 'port 81', ...ALL])).code).toBe(1);
  });

  it('--format csv: the selected rows only', async () => {
    const r = await run(['summary', '--format', 'csv', '--where', 'client bytes > 60k and server bytes < 100', ZW, FR, NAT_DROPS, CONC]);
    expect(r.out.split('\r\n').slice(1, -1).map((l) => l.split(',').slice(0, 1)[0])).toEqual([
      'zero-window/client.txt#c1', 'fast-retransmit/client.txt#c1', 'nat-drops/client.txt#c1',
    ]);
  });
});

describe('explain --where', () => {
  it('on host, port and conn: the lines of the connections picked, at once (as --conn)', async () => {
    const where = await run(['--format', 'json', '--where', 'client port 40122', CONC]);
    const conn = await run(['--format', 'json', '--conn', 'c2', CONC]);
    expect(where.out).toBe(conn.out);
    expect(jsonl(where.out).map((x) => (x.kind === 'connection' ? `verdict ${x.conn}` : `line ${x.line}`))).toEqual([
      'line 4', 'line 5', 'line 6', 'line 14', 'line 15', 'line 16', 'line 17', 'line 23', 'line 26', 'line 30', 'line 31', 'verdict c2',
    ]);
  });

  it('on verdict fields: a connection\'s lines come with its verdict, as --verdict/--severity', async () => {
    const r = await run(['--format', 'json', '--where', 'verdict refused or state REJ', CONC, REFUSED]);
    expect(jsonl(r.out).map((x) => (x.kind === 'connection' ? `verdict ${x.conn} ${x.verdict}` : `line ${x.line}`))).toEqual(['line 1', 'line 2', 'verdict server.txt#c1 refused']);
    const sev = await run(['--format', 'json', '--severity', 'error', CONC, REFUSED]);
    expect(r.out).toBe(sev.out);
    const none = await run(['--format', 'json', '--where', 'retrans > 0', CONC]);
    expect(none.code).toBe(0);
    expect(none.out).toBe('');
  });

  it('with --only problems: the problem lines of the connections selected', async () => {
    const r = await run(['--format', 'json', '--only', 'problems', '--where', 'finding zero_window', ZW, CONC]);
    const recs = jsonl(r.out);
    expect(recs.filter((x) => x.kind === 'tcp').length).toBe(31);
    expect(recs.filter((x) => x.kind === 'connection').map((x) => x.conn)).toEqual(['zero-window/client.txt#c1']);
  });

  it('text: every packet line of the connection selected (225 + 189) and its verdict, nothing of the other file', async () => {
    const r = await run(['--format', 'text', '--lang', 'en', '--where', 'severity >= warn and client packets > 100', FR, CONC]);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.filter((l) => l.startsWith('2026-')).length).toBe(414);
    expect(lines.filter((l) => l.startsWith('==> ') || l.startsWith('──▶ '))).toEqual([
      `==> ${FR} <==`,
      '──▶ Connection fast-retransmit/client.txt#c1 192.0.2.2:40006 → 198.51.100.2:80: Closed normally after recovering from loss: 12 segments retransmitted by the client (12 fast retransmissions with SACK; 99 duplicate ACKs; repair took 2.092 ms)',
      `==> ${CONC} <==`,
    ]);
  });

  it('is refused with --step, like the other output filters', async () => {
    const r = await run(['--step', '--format', 'text', '--where', 'port 80', CONC]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe('tcplain: --host, --port, --verdict, --severity, --only, --from, --to, --where and --fail-on apply to the explanation and the summary, not to --step or --quiz');
  });
});

describe('--where errors: one line with the column, the expression, a caret; exit 2; nothing read', () => {
  const cases: Array<[string, string[]]> = [
    [
      'prot 443',
      [
        "tcplain: --where, column 1: unknown field 'prot' (fields: host, port, conn, verdict, severity, state, conn_state, finding, bytes, packets, duration, retrans, rtt)",
        '  prot 443',
        '  ^~~~',
      ],
    ],
    [
      'not verdict closed_normally and bytes > 1M',
      [
        "tcplain: --where, column 13: unknown verdict 'closed_normally' (one of: normal-close, refused, no-answer, reset-by-server, reset-by-client, idle-reset, keepalive-timeout, reset-no-connection, reset-forged, half-closed, open, incomplete)",
        '  not verdict closed_normally and bytes > 1M',
        '              ^~~~~~~~~~~~~~~',
      ],
    ],
    ['port 443 and', ["tcplain: --where, column 13: the expression ends after 'and': a test is missing", '  port 443 and', '              ^']],
    ['port 1 or or port 2', ["tcplain: --where, column 11: unexpected 'or': after 'or' a test is expected (e.g. port 80), or not, or (", '  port 1 or or port 2', '            ^~']],
    ['and port 1', ["tcplain: --where, column 1: unexpected 'and': the expression starts with a test (e.g. port 80), not or (", '  and port 1', '  ^~~']],
    ['rtt > 5 parsecs', ["tcplain: --where, column 9: unknown time unit 'parsecs' (us, ms, s)", '  rtt > 5 parsecs', '          ^~~~~~~']],
    ['duration >= 1.5 days', ["tcplain: --where, column 17: unknown time unit 'days' (us, ms, s, m (min), h)", '  duration >= 1.5 days', '                  ^~~~']],
    ['severity >= bogus', ["tcplain: --where, column 13: unknown severity 'bogus' (one of: ok, notice, warn, error; warning = warn, note = notice)", '  severity >= bogus', '              ^~~~~']],
    ['(port 1 or port 2', ["tcplain: --where, column 1: this '(' is never closed", '  (port 1 or port 2', '  ^']],
    ['port 1)', ["tcplain: --where, column 7: this ')' has no '(' to close", '  port 1)', '        ^']],
    ['severity warn', ['tcplain: --where, column 1: severity needs a comparison (=, !=, <, <=, >, >=), e.g. severity >= warn', '  severity warn', '  ^~~~~~~~']],
    ['verdict >= refused', ["tcplain: --where, column 9: verdict compares with =, != only, not '>='", '  verdict >= refused', '          ^~']],
    ['server state SF', ["tcplain: --where, column 1: 'server' (which end) applies to host, port, bytes, packets, not to state", '  server state SF', '  ^~~~~~']],
    ['port 443 host x', ["tcplain: --where, column 10: unexpected 'host': after a test comes and, or, ) or the end", '  port 443 host x', '           ^~~~']],
    ['host and port 1', ["tcplain: --where, column 6: host needs a value here, not 'and'", '  host and port 1', '       ^~~']],
    ['rtt > fast', ["tcplain: --where, column 7: rtt takes a time in milliseconds, or with a unit us, ms, s: 100, 250us, 0.2s, not 'fast'", '  rtt > fast', '        ^~~~']],
    ['port 70000', ["tcplain: --where, column 6: a port is a whole number from 0 to 65535, not '70000'", '  port 70000', '       ^~~~~']],
    ['port 1 | port 2', ["tcplain: --where, column 8: '|' is not part of the language (and, or, not, && || !, parentheses, comparisons = != < <= > >=; quote a value that holds it)", '  port 1 | port 2', '         ^']],
    ['', ["tcplain: --where, column 1: the expression is empty: write a test such as 'port 443' (fields: host, port, conn, verdict, severity, state, conn_state, finding, bytes, packets, duration, retrans, rtt)", '  ', '  ^']],
  ];
  it.each(cases)('%j', async (expr, lines) => {
    for (const cmd of [['summary'], ['--format', 'json']]) {
      const r = await run([...cmd, '--where', expr, CONC]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(`${lines.join('\n')}\nTry 'tcplain --help' for more information.\n`);
    }
  });

  it('too deep or too long: refused with the limit', async () => {
    const deep = await run(['summary', '--where', `${'('.repeat(101)}port 1${')'.repeat(101)}`, CONC]);
    expect(deep.code).toBe(2);
    expect(deep.err.split('\n')[0]).toBe('tcplain: --where, column 101: the expression nests more than 100 levels deep (parentheses and not)');
    // The caret line stays short: the expression is shown around the error.
    expect(deep.err.split('\n')[1]).toBe(`  …${'('.repeat(61)}port 1${')'.repeat(53)}…`);
    expect(deep.err.split('\n')[2]).toBe(`  ${' '.repeat(61)}^`);
    const long = await run(['summary', '--where', `host ${'a'.repeat(20000)}`, CONC]);
    expect(long.err.split('\n')[0]).toBe('tcplain: --where, column 10001: the expression is longer than 10000 characters');
  });

  it('zh-CN: the same errors in Chinese, lists joined with 、', async () => {
    const r = await run(['summary', '--lang', 'zh', '--where', 'port 443 and sevrity >= warn', CONC]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      [
        'tcplain: --where 第 14 列：未知的字段“sevrity”（可用字段：host、port、conn、verdict、severity、state、conn_state、finding、bytes、packets、duration、retrans、rtt）',
        '  port 443 and sevrity >= warn',
        '               ^~~~~~~',
        "运行 'tcplain --help' 查看更多信息。",
        '',
      ].join('\n'),
    );
    const v = await run(['--lang', 'zh', '--format', 'json', '--where', 'verdict closed_normally', CONC]);
    expect(v.err.split('\n')[0]).toBe(
      "tcplain: --where 第 9 列：未知的结论“closed_normally”（可选：normal-close、refused、no-answer、reset-by-server、reset-by-client、idle-reset、keepalive-timeout、reset-no-connection、reset-forged、half-closed、open、incomplete）",
    );
    const op = await run(['summary', '--lang', 'zh', '--where', 'bytes 5', CONC]);
    expect(op.err.split('\n')[0]).toBe('tcplain: --where 第 1 列：bytes 需要一个比较运算符（=、!=、<、<=、>、>=），例如 bytes > 1M');
    const early = await run(['summary', '--lang', 'zh', '--where', '(port 1 or', CONC]);
    expect(early.err.split('\n')[0]).toBe("tcplain: --where 第 11 列：表达式在“or”之后结束：缺少条件");
    const unit = await run(['summary', '--lang', 'zh', '--where', 'rtt > 5 parsecs', CONC]);
    expect(unit.err.split('\n')[0]).toBe("tcplain: --where 第 9 列：未知的时间单位“parsecs”（可选：us、ms、s）");
    const due = await run(['summary', '--lang', 'zh', '--where', 'port 1 or or port 2', CONC]);
    expect(due.err.split('\n')[0]).toBe("tcplain: --where 第 11 列：此处不应出现“or”：“or”之后应为一个条件（如 port 80）、not 或 (");
    const after = await run(['summary', '--lang', 'zh', '--where', 'port 443 host x', CONC]);
    expect(after.err.split('\n')[0]).toBe("tcplain: --where 第 10 列：此处不应出现“host”：条件之后应为 and、or、) 或结尾");
    const sev = await run(['summary', '--lang', 'zh', '--where', 'severity >= bogus', CONC]);
    expect(sev.err.split('\n')[0]).toBe("tcplain: --where 第 13 列：未知的严重度“bogus”（可选：ok、notice、warn、error；warning 即 warn，note 即 notice）");
  });
});
