// Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4: "all arithmetic dealing with sequence numbers must be performed modulo 2**32").

const MOD = 0x1_0000_0000;

/** Normalise any integer into [0, 2^32). */
export const seq32 = (n: number): number => ((n % MOD) + MOD) % MOD;

/** a + b mod 2^32. */
export const seqAdd = (a: number, b: number): number => seq32(a + b);

/** Signed distance b - a in (-2^31, 2^31]: positive when b is "after" a. */
export function seqDiff(a: number, b: number): number {
  const d = seq32(b - a);
  return d > 0x7fff_ffff ? d - MOD : d;
}

export const seqLt = (a: number, b: number): boolean => seqDiff(a, b) > 0;
export const seqLe = (a: number, b: number): boolean => seqDiff(a, b) >= 0;
export const seqGt = (a: number, b: number): boolean => seqDiff(a, b) < 0;
export const seqGe = (a: number, b: number): boolean => seqDiff(a, b) <= 0;
