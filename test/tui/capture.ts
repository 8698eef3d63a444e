// Test helper: runs real tcpdump text through input → grammar → tracker into a CaptureStore, as the viewer does.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import { createTracker } from '../../src/track';
import { CaptureStore, type StoreOptions } from '../../src/tui/state/capture-store';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function sampleText(rel: string): string {
  return readFileSync(new URL(`../../${rel}`, import.meta.url), 'utf8');
}

/** The store after reading `text` to the end (tracker.finish() included), like the viewer once input ends. */
export function storeFromText(text: string, opts: StoreOptions = {}): CaptureStore {
  const store = new CaptureStore({ now: () => 0, ...opts });
  const tracker = createTracker();
  for (const rec of parseRecords(recordsFromText(text))) {
    const { analysis, closed } = tracker.push(rec);
    store.push(rec, analysis, closed);
  }
  store.finish(tracker.finish());
  return store;
}
