// The end-of-lesson questions with their parameters read from the lesson's own steps, so every answer is the capture's real value.

import type { LessonQuestion, LessonQuestionCode, TeachPoint } from '../explain/locales/lesson-en';
import { ACK, FIN, RST, SYN, has } from '../model';
import { recordFlagBits } from '../report/ladder';
import type { Step, StepModel } from './steps';

type PointOf<C extends TeachPoint['code']> = Extract<TeachPoint, { code: C }>;

/** Points of one code over all steps, including those a lesson does not frame (questions may ask about any of them). */
function allPoints<C extends TeachPoint['code']>(steps: readonly Step[], code: C): Array<{ step: Step; p: PointOf<C> }> {
  const out: Array<{ step: Step; p: PointOf<C> }> = [];
  for (const s of steps) for (const p of s.allPoints) if (p.code === code) out.push({ step: s, p: p as PointOf<C> });
  return out;
}

/**
 * RST evidence that a TCP endpoint with the connection's state built it: continuing timestamps (a netfilter REJECT,
 * nf_send_reset, carries no options) or, with -v, the IP header (TTL, IP id counter). The window is not: any device
 * that sees the traffic can copy it (RFC 5961 §1). A proxy that terminates TCP at that address is such an endpoint too.
 */
const OWN_TS = new Set(['timestamps-continue']);
const OWN_IP = new Set(['ttl-same', 'ip-id-follows']);

const bitsOf = (s: Step): number => recordFlagBits(s.rec) ?? 0;

/**
 * Each requested question whose facts the capture holds; a question whose facts are missing (a teacher's capture
 * without the event) is left out rather than answered wrongly.
 */
export function lessonQuestions(model: StepModel, codes: readonly LessonQuestionCode[]): LessonQuestion[] {
  const steps = model.steps;
  const out: LessonQuestion[] = [];
  const first = <C extends TeachPoint['code']>(code: C) => allPoints(steps, code)[0] ?? null;
  for (const code of codes) {
    switch (code) {
      case 'client-isn': {
        const syn = steps.find((s) => s.analysis.dir === 'c2s' && has(bitsOf(s), SYN) && !has(bitsOf(s), ACK));
        if (syn?.analysis.absSeq != null) out.push({ code, isn: syn.analysis.absSeq });
        break;
      }
      case 'synack-ack': {
        const sa = steps.find((s) => has(bitsOf(s), SYN) && has(bitsOf(s), ACK));
        if (sa && sa.analysis.absAck !== null && sa.analysis.isnReceiver !== null) out.push({ code, ack: sa.analysis.absAck, isn: sa.analysis.isnReceiver });
        break;
      }
      case 'handshake-packets': {
        const start = steps.findIndex((s) => has(bitsOf(s), SYN) && !has(bitsOf(s), ACK));
        const done = steps.findIndex((s) => s.analysis.states.client === 'ESTABLISHED' && s.analysis.states.server === 'ESTABLISHED');
        if (start >= 0 && done >= start) out.push({ code, count: done - start + 1 });
        break;
      }
      case 'next-seq': {
        const d = first('data-range');
        if (d) out.push({ code, side: d.p.side, from: d.p.from, len: d.p.len, next: d.p.to });
        break;
      }
      case 'acked-bytes': {
        const list = allPoints(steps, 'ack-advance');
        const last = list[list.length - 1];
        // Relative numbers start at 1 after the SYN, so ack N acknowledges N − 1 bytes.
        if (last) out.push({ code, side: last.p.side, ack: last.p.ack, bytes: last.p.ack - 1 });
        break;
      }
      case 'window-bytes': {
        const w = allPoints(steps, 'window').find((x) => x.p.scale > 0);
        if (w) out.push({ code, side: w.p.side, printed: w.p.printed, scale: w.p.scale, bytes: w.p.bytes });
        break;
      }
      case 'close-packets': {
        const start = steps.findIndex((s) => has(bitsOf(s), FIN));
        const end = steps.findIndex((s) => s.analysis.transitions.some((t) => t.from === 'LAST_ACK' && t.to === 'CLOSED'));
        if (start >= 0 && end >= start) out.push({ code, count: end - start + 1 });
        break;
      }
      case 'time-wait-end': {
        const t = first('time-wait');
        if (t) out.push({ code, side: t.p.side });
        break;
      }
      case 'fin-ack-value': {
        const f = first('ack-of-fin');
        if (f) out.push({ code, fin: f.p.fin, ack: f.p.ack });
        break;
      }
      case 'rst-sender': {
        const r = first('rst');
        // The tracker's evidence that the end's own TCP built the RST (its window, timestamps, -v TTL or IP id: explain-verdict
        // names the same); without it the client capture shows only whose address the RST carries (RFC 9293 §3.10.7.1).
        const rst = r?.step.analysis.findings.find((f) => f.code === 'tcp.rst');
        const ev = rst !== undefined && rst.code === 'tcp.rst' ? rst.evidence : [];
        const ts = ev.some((e) => OWN_TS.has(e.code));
        const ip = ev.some((e) => OWN_IP.has(e.code));
        if (r) out.push({ code, by: r.p.by, phase: r.p.phase, own: ts || ip, ts, ip });
        break;
      }
      case 'refused-ack': {
        const r = steps.find((s) => has(bitsOf(s), RST) && has(bitsOf(s), ACK));
        if (r && r.analysis.absAck !== null && r.analysis.isnReceiver !== null) out.push({ code, ack: r.analysis.absAck, isn: r.analysis.isnReceiver });
        break;
      }
      case 'idle-seconds': {
        const r = first('rst');
        if (r && r.p.idleSeconds !== null) out.push({ code, seconds: r.p.idleSeconds });
        break;
      }
      case 'forged-evidence': {
        const f = first('pair-forged');
        if (f) out.push({ code, ttlSeen: f.p.ttlSeen, ttlPeer: f.p.ttlPeer, tsMissing: f.p.tsMissing, kernelRst: f.p.kernelRst });
        break;
      }
      case 'mss-values': {
        const m = allPoints(steps, 'mss-rewritten').find((x) => x.p.from === 'client');
        // The largest payload the server sent in the stepped range: the segment size the clamped MSS allowed.
        let segment = 0;
        for (const s of steps) if (s.analysis.dir === 's2c') segment = Math.max(segment, s.rec.len ?? 0);
        if (m && segment > 0) out.push({ code, sent: m.p.sent, received: m.p.received, segment });
        break;
      }
      case 'rto-ms': {
        const r = allPoints(steps, 'retransmission').find((x) => x.p.cause === 'timer' && x.p.afterMs !== null);
        if (r) out.push({ code, ms: r.p.afterMs! });
        break;
      }
      case 'dup-acks-before': {
        const fast = allPoints(steps, 'retransmission').find((x) => x.p.cause === 'fast');
        if (!fast) break;
        const dups = allPoints(steps, 'dup-ack').filter((x) => x.step.index < fast.step.index && x.p.ack === fast.p.from);
        if (dups.length > 0) out.push({ code, count: dups.length, ack: fast.p.from });
        break;
      }
      case 'probe-count': {
        const n = allPoints(steps, 'window-probe').length;
        if (n > 0) out.push({ code, count: n });
        break;
      }
    }
  }
  return out;
}
