// Whole-text rendering for goldens and tests: the same records → annotator → renderer path the CLI streams through.

import { parseRecords } from '../../grammar';
import { recordsFromText } from '../input';
import type { Lang } from '../explain';
import { createAnnotator } from './annotate';
import type { AnnotateOptions, ReportItem } from './annotate';
import { formatJson } from './format-json';
import { formatText } from './format-text';
import type { ItemFilter, PacketWindow } from './select';

export interface RenderOptions {
  lang: Lang;
  format: 'text' | 'json';
  seq?: 'relative' | 'absolute';
  color?: boolean;
  /** JSON: the notes too (`--notes`). */
  notes?: boolean;
}

/** Every view item for a capture text, in output order (records, verdicts as connections end, then the rest). */
export function annotateText(
  text: string,
  opts: AnnotateOptions & { window?: PacketWindow | null; filter?: ItemFilter },
): ReportItem[] {
  const annotator = createAnnotator(opts);
  const items: ReportItem[] = [];
  const { window, filter } = opts;
  for (const rec of parseRecords(recordsFromText(text))) {
    const take = window ? window.take(rec) : 'show';
    if (take === 'stop') break;
    for (const it of annotator.push(rec)) {
      if (filter) items.push(...filter.push(it, take === 'hide'));
      else if (take === 'show' || it.kind === 'connection') items.push(it);
    }
  }
  if (filter) {
    for (const it of annotator.finish()) items.push(...filter.push(it));
    return items;
  }
  for (const it of annotator.finish()) items.push(it);
  return items;
}

/** The CLI's output for a capture text, as one string. */
export function renderText(text: string, opts: RenderOptions): string {
  const notes = opts.format === 'text' || opts.notes === true;
  const items = annotateText(text, { lang: opts.lang, seq: opts.seq, notes });
  const color = opts.color ?? false;
  return items.map((item) => (opts.format === 'json' ? formatJson(item, { notes: opts.notes === true }) : formatText(item, { lang: opts.lang, color }))).join('');
}
