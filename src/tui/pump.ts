// Feeds the viewer: record batches → grammar → tracker → capture store, yielding to the event loop between batches.

import type { RawRecord } from '../model';
import { parseRecords } from '../../grammar';
import { createTracker } from '../track';
import { endsMatch, packetWindow, type Selection } from '../report/select';
import type { CaptureStore } from './state/capture-store';

export interface PumpOptions {
  /** Sequence numbers were printed absolute (`-S`), when the caller knows. */
  absolute?: boolean;
  /** Checked between batches: the viewer closed, stop reading. */
  stopped?: () => boolean;
  /**
   * What the viewer shows: -c N stops reading, --from/--to hide packets (still tracked), --conn/--host/--port and a
   * --where on host, port and conn keep only those connections' lines. --verdict, --severity, --only and a --where on
   * verdict fields need the whole connection: the CLI prints text.
   */
  select?: Selection;
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
  const sel = opts.select;
  const window = sel ? packetWindow(sel) : null;
  // A --where on verdict fields never comes here (the CLI prints text): on host, port and conn the ends decide it.
  const picks = sel !== undefined && (sel.conns !== null || sel.hosts !== null || sel.ports !== null || sel.where !== null);
  let cut = false;
  for (;;) {
    const next = await it.next();
    if (next.done) break;
    const recs = parseRecords(next.value);
    for (const rec of recs) {
      const take = window ? window.take(rec) : 'show';
      if (take === 'stop') {
        cut = true;
        break;
      }
      const { analysis, closed, quotes, copy } = tracker.push(rec);
      // A hidden line's verdicts still reach the connections shown (the store ignores the others).
      let hidden = take === 'hide';
      if (!hidden && picks && sel) {
        // Lines of no connection go with --conn/--host/--port, as in the text; an unparsed line always stays.
        if (rec.kind === 'tcp' && analysis !== null) {
          const [client, server] = analysis.dir === 'c2s' ? [rec.src, rec.dst] : [rec.dst, rec.src];
          hidden = !endsMatch(sel, analysis.conn, null, client, server);
        }
        else hidden = rec.kind !== 'unparsed';
      }
      if (hidden) store.addClosed(closed);
      else store.push(rec, analysis, closed, quotes, copy);
    }
    if (cut) break;
    if (opts.stopped?.()) return;
    await nextTick();
    if (opts.stopped?.()) return;
  }
  store.finish(tracker.finish());
}
