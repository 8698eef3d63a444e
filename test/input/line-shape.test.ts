// Character-level line tests: where a TCP header ends, and the default timestamp fast path.

import { describe, expect, it } from 'vitest';
import { STAMP_NUMBER, STAMP_TIME, isOpenTcpHeader, stampedStart } from '../../src/input/line-shape';

// Seed 000 (a wrapped blog paste) and bench-data lines.
const CUT = 'IP 172.17.0.2.56878 > 180.101.49.12.443: Flags [S], seq 467889658, win 64240, options [mss 1460,sackOK,TS val';
const HTTP =
  'IP 192.0.2.2.43388 > 198.51.100.2.80: Flags [P.], seq 1:51, ack 1, win 63, options [nop,nop,TS val 3425437443 ecr 3841993321], length 50: HTTP: GET /item/0 HTTP/1.1';

describe('isOpenTcpHeader', () => {
  it('a header is closed by `length N` at the end or before an application summary', () => {
    expect(isOpenTcpHeader(`${CUT} 2060837270 ecr 0,nop,wscale 7], length 0`)).toBe(false);
    expect(isOpenTcpHeader(HTTP)).toBe(false);
  });

  it('a header cut before `length N` stays open, unless tcpdump marked it truncated', () => {
    expect(isOpenTcpHeader(CUT)).toBe(true);
    expect(isOpenTcpHeader('IP 10.0.0.1.80 > 10.0.0.2.1234: Flags [S.], seq 1, ack 2, win 512, options [|tcp]>')).toBe(false);
  });

  it('the last `Flags [` decides when a text holds two headers', () => {
    expect(isOpenTcpHeader(`${HTTP} ${CUT}`)).toBe(true);
    expect(isOpenTcpHeader(`${CUT} ${HTTP}`)).toBe(false);
  });
});

describe('stampedStart', () => {
  it('returns the body index (times 4) and the stamp kind', () => {
    const line = '11:24:52.389447 IP 192.0.2.2.34834 > 198.51.100.2.81: Flags [R.], seq 0, length 0';
    expect(stampedStart(line, 0)).toBe(16 * 4 + STAMP_TIME);
    expect(stampedStart(`  ${line}`, 2)).toBe(18 * 4 + STAMP_TIME);
    expect(stampedStart('    1  2016-11-30 15:35:08.640523 IP (tos 0x0', 4)).toBe(34 * 4 + (STAMP_NUMBER | STAMP_TIME));
  });

  it('needs six fraction digits, a space after them, and a body', () => {
    expect(stampedStart('11:24:52.38944 IP 1.2.3.4', 0)).toBe(-1);
    expect(stampedStart('11:24:52.389447IP 1.2.3.4', 0)).toBe(-1);
    expect(stampedStart('11:24:52.389447 ', 0)).toBe(-1);
    expect(stampedStart('11:24:52.389447123 IP 1.2.3.4', 0)).toBe(19 * 4 + STAMP_TIME);
  });
});
