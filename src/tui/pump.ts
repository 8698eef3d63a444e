// Feeds the viewer: record batches → grammar → tracker → capture store, yielding to the event loop between batches.

import type { RawRecord } from '../model';
import { parseRecords } from '../../grammar';
import { createTracker } from '../track';
import type { CaptureStore } from './state/capture-store';

export interface PumpOptions {
  /** Sequence numbers were printed absolute (`-S`), when the caller knows. */
  absolute?: boolean;
  /** Checked between batches: the viewer closed, stop reading. */
  stopped?: () => boolean;
}

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Analyses every record once, on arrival, in input order: the tracker needs all of them, whatever the screen
 * shows. Between batches it yields so keys and frames are served even while a fast producer keeps the pipe full.
 */
export async function pumpCapture(batches: AsyncIterable<RawRecord[]>, store: CaptureStore, opts: PumpOptions = {}): Promise<void> {
  const tracker = createTracker({ absolute: opts.absolute });
  // Iterated by hand: on stop the iterator is abandoned rather than return()ed, since a reader blocked on an open
  // pipe may not settle return() until the pipe closes; the caller destroys the stream instead (tui-entry.ts).
  const it = batches[Symbol.asyncIterator]();
  for (;;) {
    const next = await it.next();
    if (next.done) break;
    const recs = parseRecords(next.value);
    for (const rec of recs) {
      const { analysis, closed, quotes, copy } = tracker.push(rec);
      store.push(rec, analysis, closed, quotes, copy);
    }
    if (opts.stopped?.()) return;
    await nextTick();
    if (opts.stopped?.()) return;
  }
  store.finish(tracker.finish());
}
