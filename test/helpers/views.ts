// A text annotated as the explain command annotates it, split into its record and connection views.

import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import { annotateText } from '../../src/report';
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

/** The first connection's texts (headline, summary, next step, what the application saw) as explain prints them. */
export function verdictText(text: string, lang: 'en' | 'zh-CN'): ConnectionView['text'] {
  return annotateText(text, { lang }).filter((i): i is ConnectionView => i.kind === 'connection')[0].text;
}

/** The finding notes explain prints under input line `line` of `text`. */
export function findingsAt(text: string, line: number, lang: 'en' | 'zh-CN'): string[] {
  const view = annotateText(text, { lang }).find((i): i is RecordView => i.kind === 'record' && i.rec.line === line);
  if (!view) throw new Error(`no record on line ${line}`);
  return view.notes.filter((n) => n.kind === 'finding').map((n) => n.text);
}
