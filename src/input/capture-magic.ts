// Tells a binary capture file from tcpdump's text by its first bytes (the file formats' magic numbers).

/** What the first bytes of an input say it is; `null`: not a capture format tcplain knows, so text. */
export type CaptureMagic = 'pcap' | 'pcapng' | 'gzip' | null;

/**
 * pcap (libpcap savefile, pcap/pcap.h): a1b2c3d4 (microseconds) or a1b23c4d (nanoseconds), written in the
 * capturing host's byte order, so also d4c3b2a1 / 4d3cb2a1. pcapng: its Section Header Block type 0a0d0d0a
 * (the same in both byte orders). gzip (RFC 1952): 1f 8b. Four bytes are enough; fewer never match.
 */
export function captureMagic(head: Uint8Array): CaptureMagic {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length < 4) return null;
  const be = ((head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]) >>> 0;
  const le = ((head[3] << 24) | (head[2] << 16) | (head[1] << 8) | head[0]) >>> 0;
  for (const m of [be, le]) if (m === 0xa1b2c3d4 || m === 0xa1b23c4d) return 'pcap';
  if (be === 0x0a0d0d0a) return 'pcapng';
  return null;
}
