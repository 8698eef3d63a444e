// The display order of `tcplain summary`'s rows, written once for every form a row is kept in: the columns of the
// rows in memory (summary.ts SummaryRows), the encoded records of a sorted run on disk and the rows decoded from them
// (summary-runs.ts). A run sorted by one and merged by another must agree to the last tie.

export const SUMMARY_SORTS = ['start', 'severity', 'bytes', 'duration'] as const;
export type SummarySort = (typeof SUMMARY_SORTS)[number];

/** Starts at or above this many seconds are Unix times (dated or -tt captures), below it times of day. */
export const EPOCH_SCALE = 1e8;

/** What the order reads of a row `T` (an index into columns, a record's offset, a decoded row). */
export interface OrderKeys<T> {
  /** Seconds, null without a time. */
  start(x: T): number | null;
  /** The severity's rank (verdict.ts severityRank: ok 0 … error 3). */
  rank(x: T): number;
  /** Bytes both ways. */
  bytes(x: T): number;
  duration(x: T): number | null;
  /** Arrival index over the whole run of tcplain: unique, so the order is total. */
  order(x: T): number;
}

/** Unknown values (null) go last. */
const nullsLast = (a: number | null, b: number | null): number => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : 0);

/**
 * The comparison of `sort`: by start (connections without a time last, in input order), or the worst / largest /
 * longest first, ties by start. `dayTime`: some rows have dates and some only times of day, so all are compared by
 * time of day (UTC, as -tttt is read): it depends on every row of the table, so the caller says it. Every comparison
 * ends on the arrival index: a total order, so the result depends neither on the sort's stability nor on how the
 * rows were split into runs.
 */
export function summaryOrder<T>(sort: SummarySort, dayTime: boolean, k: OrderKeys<T>): (a: T, b: T) => number {
  const key = (s: number): number => (dayTime ? s % 86400 : s);
  const byStart = (a: T, b: T): number => {
    const sa = k.start(a);
    const sb = k.start(b);
    return nullsLast(sa, sb) || (sa !== null && sb !== null ? key(sa) - key(sb) : 0) || k.order(a) - k.order(b);
  };
  if (sort === 'start') return byStart;
  if (sort === 'severity') return (a, b) => k.rank(b) - k.rank(a) || byStart(a, b);
  if (sort === 'bytes') return (a, b) => k.bytes(b) - k.bytes(a) || byStart(a, b);
  return (a, b) => {
    const da = k.duration(a);
    const db = k.duration(b);
    return nullsLast(da, db) || (db ?? 0) - (da ?? 0) || byStart(a, b);
  };
}
