// Prints a TcpRecord's TCP part back from its typed fields, in tcpdump's own syntax (print-tcp.c field order).

import type { Endpoint, TcpOption, TcpRecord } from '../src/model';

function ep(e: Endpoint): string {
  if (e.service !== null) return `${e.host}.${e.service}`;
  if (e.port !== null) return `${e.host}.${e.port}`;
  return e.host;
}

const hex4 = (n: number): string => '0x' + n.toString(16).padStart(4, '0');

function optionText(o: TcpOption, old: boolean): string {
  let s: string;
  switch (o.kind) {
    case 'nop':
    case 'eol':
    case 'sackOK':
      s = o.kind;
      break;
    case 'mss':
    case 'wscale':
    case 'echo':
    case 'echoreply':
    case 'cc':
    case 'ccnew':
    case 'ccecho':
      s = `${o.kind} ${o.value}`;
      break;
    case 'sack':
      s = `sack ${o.blocks.length} ` + o.blocks.map(([a, b]) => `{${a}:${b}}`).join('');
      break;
    case 'ts':
      s = old ? `timestamp ${o.val} ${o.ecr}` : `TS val ${o.val} ecr ${o.ecr}`;
      break;
    case 'uto':
      s = o.seconds === null ? `uto ${o.raw}` : `uto ${o.raw} ${o.seconds}`;
      break;
    case 'bad-opt':
      return '[bad opt]';
    case 'truncated':
      return o.text;
    default:
      s = o.name + o.text;
  }
  return o.lenMismatch !== undefined ? `${s}[len ${o.lenMismatch}]` : s;
}

/** Items joined by `,`; tcpdump glues `[bad opt]` and `[|tcp]` to whatever precedes them (no separator). */
function optionList(rec: TcpRecord, old: boolean): string {
  const opts = rec.options ?? [];
  let s = '';
  let stop = false;
  for (let i = 0; i < opts.length; i++) {
    const o = opts[i];
    const glued = o.kind === 'bad-opt' || o.kind === 'truncated';
    if (i > 0 && !glued) s += ',';
    s += optionText(o, old);
    if (glued) stop = true;
  }
  if (!stop) return s + (old ? '>' : ']');
  if (rec.warnings.includes('[bad opt]]')) s += ']';
  return s;
}

/** `SRC > DST: Flags [..], ... length N<payload>` (4.x), `SRC > DST: P 1:5(4) ack 1 win 5 <..>` (3.x), `tcp N` (-q). */
export function formatSegment(rec: TcpRecord): string {
  let s = `${ep(rec.src)} > ${ep(rec.dst)}:`;
  if (rec.style === 'quiet') {
    s += ` tcp ${rec.len}`;
    if (rec.payload !== null) s += ' ' + rec.payload;
    return s;
  }
  if (rec.style === 'old') {
    s += ' ' + rec.flags;
    const c = rec.cksum;
    if (c) {
      if (Number.isNaN(c.value)) s += ' [tcp sum ok]';
      else {
        const note = rec.warnings.find((w) => w.startsWith('[bad tcp cksum'));
        if (note) s += ' ' + note;
        else s += `, cksum ${hex4(c.value)} (${c.correct ? 'correct' : `incorrect (-> ${hex4(c.expected ?? 0)}`}),`;
      }
    }
    if (rec.seq !== null) s += ` ${rec.seq}:${rec.end}(${rec.len})`;
    if (rec.ack !== null) s += ` ack ${rec.ack}`;
    if (rec.win !== null) s += ` win ${rec.win}`;
    if (rec.urg !== null) s += ` urg ${rec.urg}`;
    if (rec.options !== null) s += ' <' + optionList(rec, true);
    if (rec.payload !== null) s += rec.payload.startsWith(':') ? rec.payload : ' ' + rec.payload;
    return s;
  }
  if (rec.flags === '') return `${s} ${rec.payload ?? ''}`;
  s += ` Flags [${rec.flags}]`;
  const notes = rec.warnings;
  for (const w of notes) if (w.startsWith('[bad hdr length')) s += ' ' + w;
  if (rec.cksum) {
    const c = rec.cksum;
    s += `, cksum ${hex4(c.value)} (${c.correct ? 'correct' : `incorrect -> ${hex4(c.expected ?? 0)}`})`;
  }
  if (rec.seq !== null) s += rec.end !== null ? `, seq ${rec.seq}:${rec.end}` : `, seq ${rec.seq}`;
  if (rec.ack !== null) s += `, ack ${rec.ack}`;
  for (const w of notes) if (w.startsWith('[ack ')) s += ', ' + w;
  if (rec.win !== null) s += `, win ${rec.win}`;
  if (rec.urg !== null) s += `, urg ${rec.urg}`;
  for (const w of notes) if (w.startsWith('[urg ')) s += ', ' + w;
  if (rec.options !== null) s += ', options [' + optionList(rec, false);
  if (rec.len !== null) s += `, length ${rec.len}${rec.payload ?? ''}`;
  else if (rec.payload !== null) s += ' ' + rec.payload;
  return s;
}
