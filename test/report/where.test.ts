// --where evaluated on the verdicts of every real capture's client side (samples/*/client.txt, 43 connections), with
// exact connection ids; and the streaming rule: which lines explain prints at once, holds, or drops.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../grammar';
import { parseWhere } from '../../grammar/where';
import { recordsFromText } from '../../src/input';
import type { ConnectionVerdict } from '../../src/model/verdict';
import { annotateText } from '../../src/report';
import type { ReportItem } from '../../src/report/annotate';
import { connLabel } from '../../src/report/conn-id';
import { createItemFilter, evaluateWhere, needsVerdict, SELECT_ALL, type Selection } from '../../src/report/select';
import { createTracker } from '../../src/track';

const FILES = readdirSync('samples', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => `samples/${d.name}/client.txt`)
  .filter((f) => {
    try {
      readFileSync(f);
      return true;
    } catch {
      return false;
    }
  })
  .sort();

function verdictsOf(file: string): ConnectionVerdict[] {
  const tracker = createTracker();
  const out: ConnectionVerdict[] = [];
  for (const rec of parseRecords(recordsFromText(readFileSync(file, 'utf8')))) out.push(...tracker.push(rec).closed);
  out.push(...tracker.finishEach());
  return out;
}

const ALL = FILES.flatMap((file) => verdictsOf(file).map((v) => ({ file, v })));

/** The labels (`scenario/client.txt#c1`) of the connections an expression selects, sorted. */
function selected(expr: string): string[] {
  const r = parseWhere(expr);
  expect(r.error, expr).toBeNull();
  return ALL.filter(({ file, v }) => evaluateWhere(r.ast!, { id: v.conn, file, inputs: FILES, client: v.client, server: v.server, verdict: v }) === true)
    .map(({ file, v }) => connLabel(file, v.conn, true, FILES))
    .sort();
}

const c1 = (...names: string[]): string[] => names.map((n) => `${n}/client.txt#c1`).sort();

describe('--where on the samples (every connection of samples/*/client.txt)', () => {
  it('reads 43 connections', () => {
    expect(ALL.length).toBe(43);
  });

  it('verdict, state, severity', () => {
    expect(selected('verdict refused')).toEqual(c1('firewall-reject', 'refused'));
    expect(selected('verdict != normal-close and verdict != refused')).toEqual(
      c1('client-reset', 'half-closed', 'idle-reset', 'middlebox-reset', 'nat-forged-rst', 'nat-keepalive-cut', 'no-answer', 'reuse-after-close', 'reuse-before-close', 'rst-both', 'rst-to-server', 'server-abort', 'unread-close'),
    );
    expect(selected('state RSTR')).toEqual(c1('idle-reset', 'middlebox-reset', 'nat-forged-rst', 'reuse-after-close', 'reuse-before-close', 'rst-both', 'rst-to-server', 'server-abort', 'unread-close'));
    expect(selected('conn_state = S0 or state s2')).toEqual(c1('half-closed', 'no-answer'));
    expect(selected('severity = notice')).toEqual(c1('half-closed', 'idle-timeout', 'nagle-writes', 'nodelay-writes', 'offload-on'));
    expect(selected('severity < warn').length).toBe(20);
    expect(selected('severity >= warn').length).toBe(23);
    expect(selected('severity warn+')).toEqual(selected('severity >= warn'));
    expect(selected('severity > warn')).toEqual(selected('severity = error'));
    expect(selected('severity != ok').length).toBe(28);
  });

  it('the issue\'s examples: port and severity; not verdict and bytes', () => {
    // refused (port 81) is the one connection at warn or above not on port 80.
    expect(selected('port 80 and severity >= warn').length).toBe(22);
    expect(selected('port 81 and severity >= warn')).toEqual(c1('refused'));
    expect(selected('not verdict normal-close and bytes > 1k')).toEqual(c1('client-reset', 'rst-both'));
    expect(selected('not verdict normal-close and bytes > 1M')).toEqual([]);
    expect(selected('bytes > 64k')).toEqual(c1('fast-retransmit', 'offload-on', 'zero-window'));
    // zero-window carried 65608 + 78 = 65686 bytes: over 64 KiB (65536), not over 65686.
    expect(selected('bytes >= 64KiB')).toEqual(c1('fast-retransmit', 'offload-on', 'zero-window'));
    expect(selected('bytes > 65686')).toEqual(c1('fast-retransmit', 'offload-on'));
    expect(selected('bytes >= 65686')).toEqual(c1('fast-retransmit', 'offload-on', 'zero-window'));
  });

  it('retrans, finding counts, packets and bytes per side', () => {
    expect(selected('severity >= warn and retrans > 0')).toEqual(
      c1('fast-retransmit', 'middlebox-reset', 'nat-drops', 'nat-drops-down', 'retransmission', 'rst-to-server', 'sack-recovery', 'tail-loss', 'tail-loss-two', 'zero-window'),
    );
    expect(selected('retrans > 0 and not severity >= warn')).toEqual(c1('nagle-writes', 'nodelay-writes', 'offload-on'));
    expect(selected('retrans >= 5')).toEqual(c1('fast-retransmit', 'nat-drops'));
    expect(selected('finding dup_ack >= 10')).toEqual(c1('fast-retransmit', 'nat-drops', 'nat-drops-down', 'sack-recovery'));
    expect(selected('finding tcp.zero_window')).toEqual(c1('zero-window'));
    expect(selected('finding syn_retransmission')).toEqual(c1('no-answer', 'synack-lost'));
    expect(selected('client packets > 50')).toEqual(c1('fast-retransmit', 'nat-drops', 'zero-window'));
    expect(selected('server bytes = 0')).toEqual(
      c1('firewall-reject', 'middlebox-reset', 'nat-forged-rst', 'no-answer', 'refused', 'rst-to-server', 'server-abort'),
    );
    expect(selected('dst packets = 0')).toEqual(c1('no-answer'));
    expect(selected('src bytes > 100 and server bytes < 100')).toEqual(
      c1('fast-retransmit', 'nagle-writes', 'nat-drops', 'nodelay-writes', 'reuse-after-close', 'reuse-before-close', 'unread-close', 'zero-window'),
    );
  });

  it('duration and handshake rtt, with units; no rtt (no handshake completed, or SYN and SYN-ACK both resent: Karn) compares false, and not of it true', () => {
    expect(selected('duration > 3s')).toEqual(c1('idle-reset', 'keepalive', 'nat-keepalive-cut', 'no-answer', 'zero-window'));
    expect(selected('duration > 3')).toEqual(selected('duration > 3000ms'));
    expect(selected('duration < 100us')).toEqual(c1('firewall-reject', 'refused'));
    expect(selected('rtt > 0.2ms')).toEqual(c1('nat-basic', 'nat-drops-down', 'nat-mss-clamp'));
    expect(selected('rtt > 0.2')).toEqual(selected('rtt > 200us'));
    // ipv6's handshake took exactly 100 µs: >= holds, > does not.
    expect(selected('rtt >= 0.1ms')).toEqual(c1('ipv6', 'nat-basic', 'nat-clock-skew', 'nat-drops', 'nat-drops-down', 'nat-forged-rst', 'nat-keepalive-cut', 'nat-mss-clamp', 'nat-router', 'zero-window'));
    expect(selected('rtt > 0.1ms')).not.toContain('ipv6/client.txt#c1');
    expect(selected('rtt > 0')).not.toContain('refused/client.txt#c1');
    expect(selected('not rtt > 0')).toEqual(c1('firewall-reject', 'no-answer', 'refused', 'synack-lost'));
  });

  it('host (either end, a side, IPv6 in any spelling, networks), port, conn', () => {
    expect(selected('host 2001:db8:2:0:0::2')).toEqual(c1('ipv6'));
    expect(selected('host 2001:DB8:2::2')).toEqual(c1('ipv6'));
    expect(selected('host 2001:db8::/32')).toEqual(c1('ipv6'));
    expect(selected('host 198.51.100.0/24').length).toBe(42);
    expect(selected('client host 198.51.100.2')).toEqual([]);
    expect(selected('server host 198.51.100.2').length).toBe(42);
    expect(selected('client host 192.0.2.0/24 and server port != 80')).toEqual(c1('refused'));
    expect(selected('port 81')).toEqual(c1('refused'));
    expect(selected('client port 40021')).toEqual(['port-reuse/client.txt#c1', 'port-reuse/client.txt#c2']);
    expect(selected('server port 40021')).toEqual([]);
    expect(selected('port > 40100')).toEqual(['concurrent/client.txt#c2', 'concurrent/client.txt#c3']);
    expect(selected('port != 80')).toEqual(c1('refused'));
    expect(selected('conn c2')).toEqual(['concurrent/client.txt#c2', 'port-reuse/client.txt#c2']);
    expect(selected('conn concurrent/client.txt#c2')).toEqual(['concurrent/client.txt#c2']);
    expect(selected('conn c3 or conn != c1 and port 40021')).toEqual(['concurrent/client.txt#c3', 'port-reuse/client.txt#c2']);
  });

  it('precedence on real verdicts: and before or, parentheses first', () => {
    expect(selected('verdict refused or verdict no-answer and port 81')).toEqual(c1('firewall-reject', 'refused'));
    expect(selected('(verdict refused or verdict no-answer) and port 81')).toEqual(c1('refused'));
    expect(selected('verdict no-answer or verdict refused and port 81')).toEqual(c1('no-answer', 'refused'));
    expect(selected('not (verdict refused or severity < error)').length).toBe(12);
  });
});

describe('--where while a connection is open: three-valued (null: only its verdict can tell)', () => {
  const v = ALL.find((x) => x.file === 'samples/refused/client.txt')!.v;
  const at = (expr: string, verdict: ConnectionVerdict | null) =>
    evaluateWhere(parseWhere(expr).ast!, { id: v.conn, file: null, inputs: [], client: v.client, server: v.server, verdict });
  it('ends decide host/port/conn at once; verdict fields wait; and/or/not as Kleene', () => {
    expect(at('port 81', null)).toBe(true);
    expect(at('verdict refused', null)).toBeNull();
    expect(at('port 80 and verdict refused', null)).toBe(false);
    expect(at('port 81 or verdict refused', null)).toBe(true);
    expect(at('port 81 and verdict refused', null)).toBeNull();
    expect(at('not (port 80 or bytes > 0)', null)).toBeNull();
    expect(at('port 81 and verdict refused', v)).toBe(true);
    expect(at('not (port 80 or bytes > 0)', v)).toBe(true);
  });
});

describe('needsVerdict: which selections hold lines (and keep the viewer to text)', () => {
  const w = (expr: string): Selection => ({ ...SELECT_ALL, where: parseWhere(expr).ast! });
  it('host, port and conn alone do not; any verdict field does, wherever it stands', () => {
    expect(needsVerdict(w('client host 192.0.2.2 or (port 80 and not conn c1)'))).toBe(false);
    expect(needsVerdict(w('port 80 or not (conn c1 and rtt > 1ms)'))).toBe(true);
    for (const f of ['verdict open', 'severity >= warn', 'state SF', 'finding rst', 'bytes > 0', 'packets > 0', 'duration > 0', 'retrans > 0', 'rtt > 0']) expect(needsVerdict(w(f)), f).toBe(true);
    expect(needsVerdict({ ...SELECT_ALL, minSeverity: 'warn' })).toBe(true);
    expect(needsVerdict(SELECT_ALL)).toBe(false);
  });
});

describe('explain under --where: the item filter (what is printed at once, held, dropped)', () => {
  const CONC = readFileSync('samples/concurrent/client.txt', 'utf8');
  const items = annotateText(CONC, { lang: 'en' });
  const sel = (expr: string): Selection => ({ ...SELECT_ALL, where: parseWhere(expr).ast! });
  /** Each item's output at its push: `line N` or `verdict cN`, `|` between pushes that printed something. */
  function pushes(expr: string): string[] {
    const f = createItemFilter(sel(expr), 'samples/concurrent/client.txt');
    const out: string[] = [];
    for (const it of items) {
      const got = f.push(it).map((x: ReportItem) => (x.kind === 'connection' ? `verdict ${x.verdict.conn}` : x.kind === 'record' ? `line ${x.rec.line}` : 'twins'));
      if (got.length > 0) out.push(got.join(' '));
    }
    return out;
  }

  it('ends alone: each line of c2 at once, as --conn c2', () => {
    expect(pushes('conn c2')).toEqual(['line 4', 'line 5', 'line 6', 'line 14', 'line 15', 'line 16', 'line 17', 'line 23', 'line 26', 'line 30', 'line 31', 'verdict c2']);
  });

  it('ends decide true (`conn c2 or verdict refused`): c2 at once; the others held, then dropped at their verdicts', () => {
    expect(pushes('conn c2 or verdict refused')).toEqual(pushes('conn c2'));
  });

  it('a verdict field decides: c2\'s lines held and printed with its verdict, as --verdict does', () => {
    expect(pushes('conn c2 and severity = ok')).toEqual(['line 4 line 5 line 6 line 14 line 15 line 16 line 17 line 23 line 26 line 30 line 31 verdict c2']);
    expect(pushes('conn c2 and verdict refused')).toEqual([]);
    expect(pushes('verdict normal-close and client port >= 40122').length).toBe(2);
  });
});
