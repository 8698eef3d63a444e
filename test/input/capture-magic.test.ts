// Binary captures told from text by their first bytes (pcap in both byte orders and both precisions, pcapng, gzip).

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { captureMagic } from '../../src/input';

const hex = (h: string) => Buffer.from(h, 'hex');

describe('captureMagic', () => {
  it('a real pcap (samples/handshake-close/client.pcap), and gzip of it', () => {
    const pcap = readFileSync(new URL('../../samples/handshake-close/client.pcap', import.meta.url));
    expect(captureMagic(pcap.subarray(0, 4))).toBe('pcap');
    expect(captureMagic(gzipSync(pcap).subarray(0, 4))).toBe('gzip');
  });

  it('pcap µs and ns magic in both byte orders, pcapng', () => {
    expect(['a1b2c3d4', 'd4c3b2a1', 'a1b23c4d', '4d3cb2a1'].map((m) => captureMagic(hex(m)))).toEqual(['pcap', 'pcap', 'pcap', 'pcap']);
    expect(captureMagic(hex('0a0d0d0a'))).toBe('pcapng');
  });

  it('text, and too few bytes, are not captures', () => {
    expect(captureMagic(Buffer.from('11:19:38.763609 IP 192.0.2.2.40001 > 198.51.100.2.80'))).toBe(null);
    expect(captureMagic(Buffer.from('\ufeff11:'))).toBe(null);
    expect(captureMagic(hex('a1b2c3'))).toBe(null);
    expect(captureMagic(hex(''))).toBe(null);
  });
});
