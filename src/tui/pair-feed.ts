// Pairs two live captures for the pair view: both inputs read at once, pairs and unpaired connections added as src/correlate settles them.

import type { RawRecord } from '../model';
import { parseRecords } from '../../grammar';
import { createPairStream, reportableOffset, type PairReport, type PairStreamEvent } from '../correlate';

/** What the pair view draws; mutated by feedPairs, polled by the app through `version`. */
export interface PairFeed {
  report: PairReport;
  /** Records read from each capture so far. */
  records: { client: number; server: number };
  ended: boolean;
  version: number;
}

export function createPairFeed(): PairFeed {
  return { report: { pairs: [], unpaired: [], clock: null, offset: null }, records: { client: 0, server: 0 }, ended: false, version: 0 };
}

function apply(feed: PairFeed, events: readonly PairStreamEvent[]): void {
  for (const ev of events) {
    if (ev.kind === 'pair') feed.report.pairs.push(ev.pair);
    else feed.report.unpaired.push(ev.unpaired);
  }
}

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads both captures concurrently into one pair stream, so `tcplain pair <(ssh a tcpdump -l) <(ssh b tcpdump -l)`
 * shows each connection pair once both sides have settled it, not only at the end; the end pairs what is left.
 */
export async function feedPairs(
  sides: { client: AsyncIterable<RawRecord[]>; server: AsyncIterable<RawRecord[]> },
  feed: PairFeed,
  opts: { stopped?: () => boolean } = {},
): Promise<void> {
  const stream = createPairStream();
  const read = async (side: 'client' | 'server'): Promise<void> => {
    const it = sides[side][Symbol.asyncIterator]();
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      for (const rec of parseRecords(next.value)) {
        apply(feed, stream.push(side, rec));
        feed.records[side]++;
      }
      feed.report.clock = stream.clock;
  feed.report.offset = reportableOffset(stream.clock?.offset, stream.clocks);
      feed.report.offset = reportableOffset(stream.clock?.offset, stream.clocks);
      feed.version++;
      if (opts.stopped?.()) return;
      await nextTick();
    }
  };
  await Promise.all([read('client'), read('server')]);
  if (opts.stopped?.()) return;
  apply(feed, stream.finish());
  feed.report.clock = stream.clock;
  feed.ended = true;
  feed.version++;
}
