// Turns one TCP option token into its typed form (src/model/tcp-options.ts), following print-tcp.c's names.

import type { TcpOption } from '../src/model';
import { numAt, numEnd, own, readNum, skipDigits } from './fields';

/** `sack 2 {100:200}{300:400}` → [[100,200],[300,400]] (RFC 2018 left/right edges as printed). */
export function sackOption(image: string): TcpOption {
  const blocks: Array<[number, number]> = [];
  let i = image.indexOf('{');
  while (i >= 0) {
    const left = numAt(image, i + 1);
    const colon = skipDigits(image, i + 1);
    blocks.push([left, numAt(image, colon + 1)]);
    i = image.indexOf('{', colon);
  }
  return { kind: 'sack', blocks };
}

/** `TS val 1306300950 ecr 0` (4.x) → ts. */
export function tsOption(image: string): TcpOption {
  const val = numAt(image, 7);
  const ecrAt = skipDigits(image, 7) + 5;
  return { kind: 'ts', val, ecr: numAt(image, ecrAt) };
}

/** 3.x `timestamp 1306300950 0`. */
export function oldTimestampOption(image: string): TcpOption {
  const val = numAt(image, 10);
  return { kind: 'ts', val, ecr: numAt(image, skipDigits(image, 10) + 1) };
}

/** `echo N`, `echoreply N`, `cc N`, `ccnew N`, `ccecho N` (RFC 1072/1644 options tcpdump still names). */
export function numericOption(image: string): TcpOption {
  const sp = image.indexOf(' ');
  const kind = image.slice(0, sp) as 'echo' | 'echoreply' | 'cc' | 'ccnew' | 'ccecho';
  return { kind, value: numAt(image, sp + 1) };
}

/** `uto 0x8258 16684`: raw 16-bit field, then the timeout tcpdump decoded (RFC 5482). */
export function utoOption(image: string): TcpOption {
  const sp = image.indexOf(' ', 4);
  return { kind: 'uto', raw: own(image.slice(4, sp < 0 ? image.length : sp)), seconds: sp < 0 ? null : numAt(image, sp + 1) };
}

const TEXT_KINDS: Record<string, 'md5' | 'mptcp' | 'tfo' | 'tcp-ao' | 'scps'> = {
  md5: 'md5',
  mptcp: 'mptcp',
  tfo: 'tfo',
  'tcp-ao': 'tcp-ao',
  scps: 'scps',
};

/**
 * Items kept as text: the name is the first word (`md5`, `mptcp`, `tfo`, `exp-tfo`, `unknown-99`, 3.x
 * `md5:HEX`/`opt-N:HEX`), `text` the rest exactly as printed, so formatSegment can print it back.
 */
export function textOption(image: string): TcpOption {
  let cut = image.length;
  for (let i = 0; i < image.length; i++) {
    const c = image.charCodeAt(i);
    if (c === 32 || c === 58) {
      cut = i;
      break;
    }
  }
  const name = image.slice(0, cut);
  const text = own(image.slice(cut));
  const kind = TEXT_KINDS[name] ?? (name.startsWith('exp') ? 'exp' : name === 'md5' ? 'md5' : 'unknown');
  return { kind, name: own(name), text };
}

export const mssOption = (image: string): TcpOption => ({ kind: 'mss', value: numAt(image, 4) });
export const wscaleOption = (image: string): TcpOption => ({ kind: 'wscale', value: numAt(image, 7) });

/** The `[len N]` suffix tcpdump glues to an item whose length byte is not the expected one. */
export function markLenMismatch(options: TcpOption[], image: string): void {
  const last = options[options.length - 1];
  if (last && last.kind !== 'bad-opt' && last.kind !== 'truncated') last.lenMismatch = numAt(image, 5);
}


// The argument-less options of a SimpleOptions list, shared by every record (frozen: nothing may annotate them;
// the opts-mode path, where `[len N]` can be glued on, makes its own). Three fewer allocations per SYN.
export const NOP: TcpOption = Object.freeze({ kind: 'nop' });
export const SACK_OK: TcpOption = Object.freeze({ kind: 'sackOK' });
export const EOL: TcpOption = Object.freeze({ kind: 'eol' });

/**
 * Items collect here and leave as an exact-size copy: an array grown by push from empty keeps room for 17
 * elements, and every record keeps its list (measured: parseRecords ~1.1x with the copy, same-run A/B).
 */
const scratch: TcpOption[] = [];

/**
 * The items of a SimpleOptions token (`mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7`) in `s[from, end)`, in one
 * forward pass: each item's length is known from its name or its digits, so no search for commas is needed.
 */
export function simpleOptionList(s: string, from: number, end: number): TcpOption[] {
  // Linux's everyday list after the handshake (RFC 7323 timestamps, padded by two NOPs) as one array literal.
  if (s.charCodeAt(from + 8) === 84 /* T */ && s.startsWith('nop,nop,TS val ', from)) {
    const val = readNum(s, from + 15);
    const ecr = readNum(s, numEnd + 5);
    if (numEnd === end) return [NOP, NOP, { kind: 'ts', val, ecr }];
  }
  const out = scratch;
  out.length = 0;
  let i = from;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c === 110 /* nop */) {
      out.push(NOP);
      i += 4;
    } else if (c === 84 /* TS val N ecr N */) {
      const val = readNum(s, i + 7);
      const ecr = readNum(s, numEnd + 5);
      out.push({ kind: 'ts', val, ecr });
      i = numEnd + 1;
    } else if (c === 109 /* mss N */) {
      out.push({ kind: 'mss', value: readNum(s, i + 4) });
      i = numEnd + 1;
    } else if (c === 119 /* wscale N */) {
      out.push({ kind: 'wscale', value: readNum(s, i + 7) });
      i = numEnd + 1;
    } else if (c === 101 /* eol */) {
      out.push(EOL);
      i += 4;
    } else if (s.charCodeAt(i + 4) === 79 /* sackOK */) {
      out.push(SACK_OK);
      i += 7;
    } else {
      // sack N {a:b}{c:d}
      let j = s.indexOf(',', i);
      if (j < 0 || j > end) j = end;
      out.push(sackOption(s.slice(i, j)));
      i = j + 1;
    }
  }
  return out.slice();
}
