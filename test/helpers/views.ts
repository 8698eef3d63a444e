// A text annotated as the explain command annotates it, split into its record and connection views.

import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import { createAnnotator, type ConnectionView, type RecordView } from '../../src/report/annotate';

export function views(text: string, lang: 'en' | 'zh-CN'): { records: RecordView[]; connections: ConnectionView[] } {
  const an = createAnnotator({ lang });
  const items = parseRecords(recordsFromText(text)).flatMap((r) => an.push(r));
  items.push(...an.finish());
  return {
    records: items.filter((i): i is RecordView => i.kind === 'record'),
    connections: items.filter((i): i is ConnectionView => i.kind === 'connection'),
  };
}
