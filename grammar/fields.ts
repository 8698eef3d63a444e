// Converts token images into typed values (numbers, endpoints, the -v IP header) without keeping image substrings.

import type { Checksum, Endpoint, IpHeader } from '../src/model';
import { servicePort } from './services';

/**
 * A copy of `s` that does not share memory with the 64 KB batch text it was sliced from: V8 keeps a sliced
 * string's parent alive, which would pin every batch ever parsed (docs/performance.md "memory trap").
 */
export function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** The decimal number starting at `from` in `s` (stops at the first non-digit); NaN when there is none. */
export function numAt(s: string, from: number): number {
  return readNum(s, from);
}

/** Index just past the digits read by the latest `readNum` (a scratch result, read right after the call). */
export let numEnd = 0;

/**
 * `numAt` that also leaves the end of the digits in `numEnd`: the hot fields (seq, ack, win, TS, length) were
 * each scanned twice, once for the value and once by `skipDigits` for where the next field starts.
 */
export function readNum(s: string, from: number): number {
  let n = 0;
  let i = from;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  numEnd = i;
  return i === from ? NaN : n;
}

/**
 * The 4.x flags between `[` and `]` at `s[from, to)`. The everyday ones (`.`, `S`, `S.`, `P.`, `F.`, `R`, `R.`)
 * are returned as constants: a two-character slice is a fresh string on every line, one allocation per record.
 */
export function flagsAt(s: string, from: number, to: number): string {
  const c = s.charCodeAt(from);
  if (to - from === 1) {
    if (c === 46) return '.';
    if (c === 83) return 'S';
    if (c === 82) return 'R';
  } else if (to - from === 2 && s.charCodeAt(from + 1) === 46) {
    if (c === 80) return 'P.';
    if (c === 83) return 'S.';
    if (c === 70) return 'F.';
    if (c === 82) return 'R.';
  }
  return s.slice(from, to);
}

/** Index just past the digits starting at `from`. */
export function skipDigits(s: string, from: number): number {
  let i = from;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  return i;
}

export function hexAt(s: string, from: number): number {
  let n = 0;
  let i = from;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (d < 0) break;
    n = n * 16 + d;
  }
  return i === from ? NaN : n;
}

/** Owned host text (see `own`). A Map interning hosts cost 3x the copy it saved (measured), so none. */
const host = own;

/**
 * Splits tcpdump's `host.port` join (addrtoname.c: the port is the text after the last dot). A bare IPv4 address
 * (or IPv4-mapped IPv6 tail) has no port. A non-numeric suffix is a service name; when `portExpected` is false
 * (non-TCP lines, where ports may be absent) an unknown name is taken as part of a dotted host name instead.
 * One backward scan, no regex: this runs twice per line.
 */
export function endpoint(s: string, from: number, to: number, portExpected: boolean): Endpoint {
  let dot = -1;
  let numeric = true;
  for (let i = to - 1; i >= from; i--) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      dot = i;
      break;
    }
    if (c === 58) break;
    if (c < 48 || c > 57) numeric = false;
  }
  if (dot < 0 || dot === to - 1) return { host: host(s.slice(from, to)), port: null, service: null };
  if (numeric) {
    // Dots before this one, back to a colon or a non-digit: exactly 3 more means a bare a.b.c.d, no port.
    let dots = 0;
    let quad = true;
    for (let i = dot - 1; i >= from; i--) {
      const c = s.charCodeAt(i);
      if (c === 46) dots++;
      else if (c === 58) break;
      else if (c < 48 || c > 57) {
        quad = false;
        break;
      }
    }
    if (quad && dots === 2) return { host: host(s.slice(from, to)), port: null, service: null };
    return { host: host(s.slice(from, dot)), port: numAt(s, dot + 1), service: null };
  }
  const name = s.slice(dot + 1, to);
  const port = servicePort(name);
  if (port === null && !portExpected) return { host: host(s.slice(from, to)), port: null, service: null };
  return { host: host(s.slice(from, dot)), port, service: host(name) };
}

/** Both endpoints of the `SRC > DST:` that starts at `from` in a token image and ends it. */
export function endpointPair(image: string, from: number, portExpected: boolean): [Endpoint, Endpoint] {
  const gt = image.indexOf(' > ', from);
  return [endpoint(image, from, gt, portExpected), endpoint(image, gt + 3, image.length - 1, portExpected)];
}

/** `cksum 0x1421 (correct)` / `(incorrect -> 0x6674)` / 3.9 `(incorrect (-> 0x6674)`. */
export function checksum(image: string): Checksum {
  const value = hexAt(image, 8);
  const correct = image.endsWith('(correct)');
  const x = image.lastIndexOf('0x');
  return { value, correct, expected: correct || x <= 8 ? null : hexAt(image, x + 2) };
}

/** 3.x `[bad tcp cksum 1234 (->5678)!]`. */
export function oldBadChecksum(image: string): Checksum {
  const value = hexAt(image, 15);
  const arrow = image.indexOf('(->');
  return { value, correct: false, expected: arrow < 0 ? null : hexAt(image, arrow + 3) };
}

const numberAfter = (body: string, re: RegExp): number | null => {
  const m = re.exec(body);
  return m ? Number(m[1]) : null;
};

/**
 * The `-v` IP header summary (print-ip.c `ip_print`, print-ip6.c `ip6_print`), field by field; anything it does
 * not know (`bad cksum ...`, `options (...)`, ECN marks) goes to `extras` verbatim. Runs once per -v line only.
 */
export function ipHeader(image: string, version: 4 | 6): IpHeader {
  const body = image.slice(1, -1);
  const v6 = version === 6 || /\b(?:flowlabel|hlim|next-header)\b/.test(body);
  const proto = /(?:proto|next-header):? (\S+) \((\d+)\)/.exec(body);
  const flags = /flags \[([^\]]*)\]/.exec(body);
  const tos = /(?:tos|class) 0x([0-9a-f]+)/.exec(body);
  const flow = /flowlabel 0x([0-9a-f]+)/.exec(body);
  const extras: string[] = [];
  const ecn = /tos 0x[0-9a-f]+,(ECT\([01]\)|CE)/.exec(body);
  if (ecn) extras.push(ecn[1]);
  const opts = /options \((?:[^()]|\([^()]*\))*\)/.exec(body);
  if (opts) extras.push(own(opts[0]));
  const bad = /bad cksum [^!]*!/.exec(body);
  if (bad) extras.push(own(bad[0]));
  return {
    version: v6 ? 6 : 4,
    tos: tos ? parseInt(tos[1], 16) : null,
    ttl: numberAfter(body, /\bttl +(\d+)/),
    id: numberAfter(body, /\bid (\d+)/),
    offset: numberAfter(body, /\boffset (\d+)/),
    ipFlags: flags ? own(flags[1]) : null,
    proto: proto ? own(proto[1]) : null,
    protoNum: proto ? Number(proto[2]) : null,
    length: numberAfter(body, /(?:^|, |\) )(?:payload )?length:? (\d+)/),
    flowlabel: flow ? parseInt(flow[1], 16) : null,
    hlim: numberAfter(body, /\bhlim (\d+)/),
    extras,
  };
}
