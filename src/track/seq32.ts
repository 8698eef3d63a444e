// Sequence arithmetic mod 2^32 with 32-bit integer operations: the same results as src/model/seq.ts on integer
// inputs (RFC 9293 §3.4), without floating-point `%`, for the tracker's per-segment hot path.

/** Any integer into [0, 2^32): ToUint32 is exactly "mod 2^32" for integers below 2^53. */
export const seq32 = (n: number): number => n >>> 0;

export const seqAdd = (a: number, b: number): number => (a + b) >>> 0;

/** Signed distance b − a as a 32-bit integer: positive when b is after a. */
export const seqDiff = (a: number, b: number): number => (b - a) | 0;

export const seqLt = (a: number, b: number): boolean => ((b - a) | 0) > 0;
export const seqLe = (a: number, b: number): boolean => ((b - a) | 0) >= 0;
export const seqGt = (a: number, b: number): boolean => ((b - a) | 0) < 0;
export const seqGe = (a: number, b: number): boolean => ((b - a) | 0) <= 0;
