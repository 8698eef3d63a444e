// TCP control bits as tcpdump prints them (print-tcp.c `tcp_flag_values`), and the bit tests analysis needs.

export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;
export const URG = 0x20;
export const ECE = 0x40;
export const CWR = 0x80;
export const AE = 0x100;

/** tcpdump's fixed print order; `.` is ACK in the 4.x `Flags [..]` syntax. */
export const FLAG_CHARS: ReadonlyArray<readonly [string, number]> = [
  ['F', FIN],
  ['S', SYN],
  ['R', RST],
  ['P', PSH],
  ['.', ACK],
  ['U', URG],
  ['E', ECE],
  ['W', CWR],
  ['e', AE],
];

const BIT_OF_CHAR = new Map<string, number>(FLAG_CHARS);

/**
 * Bits of a 4.x bracket text (`S.`, `FP.`, `none`). Returns -1 for text that is not a flag set.
 */
export function flagBitsFromBracket(text: string): number {
  if (text === 'none') return 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const bit = BIT_OF_CHAR.get(text[i]);
    if (bit === undefined || bits & bit) return -1;
    bits |= bit;
  }
  return text.length === 0 ? -1 : bits;
}

/**
 * Bits of a pre-4.0 flag word (`S`, `FP`, `.`): there `.` means "none of S/F/R/P/W/E", and ACK/URG are
 * known only from the presence of the `ack`/`urg` fields (tcpdump 3.x print-tcp.c).
 */
export function flagBitsFromOldStyle(text: string, hasAck: boolean, hasUrg: boolean): number {
  let bits = (hasAck ? ACK : 0) | (hasUrg ? URG : 0);
  if (text === '.') return bits;
  for (const ch of text) {
    switch (ch) {
      case 'S': bits |= SYN; break;
      case 'F': bits |= FIN; break;
      case 'R': bits |= RST; break;
      case 'P': bits |= PSH; break;
      case 'W': bits |= CWR; break;
      case 'E': bits |= ECE; break;
      default: return -1;
    }
  }
  return bits;
}

export const has = (bits: number, bit: number): boolean => (bits & bit) !== 0;
