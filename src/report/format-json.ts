// JSON Lines schema v2 (docs/json-schema.md, docs/json-schema.json): one object per input record in input order, plus
// `kind:"connection"` objects as connections end. Codes and numbers; the prose only with `--notes`.

import type { ReportItem } from './annotate';
import { connectionLine, recordLine, writeConnectionLine, writeRecordLine } from './json-writer';
import type { ByteSink } from './byte-sink';
import { twinsJson, type JsonOptions } from './json-shape';

export { compact, connectionJson, findingJson, recordJson, twinsJson } from './json-shape';
export type { JsonOptions } from './json-shape';

/**
 * One JSON line (with its newline): exactly `JSON.stringify(recordJson(item, opts))` (or connectionJson) and a
 * newline, written by json-writer.ts without building the object (`--format json` is the bulk path).
 */
export function formatJson(item: ReportItem, opts: JsonOptions = {}): string {
  if (item.kind === 'twins') return `${JSON.stringify(twinsJson(item, opts))}\n`;
  return item.kind === 'record' ? recordLine(item, opts) : connectionLine(item, opts);
}

/** formatJson with its options bound, for a renderer called once per item. */
export function jsonFormatter(opts: JsonOptions): (item: ReportItem) => string {
  const o: JsonOptions = { notes: opts.notes === true, file: opts.file ?? null };
  return (item) => formatJson(item, o);
}

/** formatJson with its options bound, writing each line encoded into a sink (the CLI's bulk path: see byte-sink.ts). */
export function jsonWriter(opts: JsonOptions): (item: ReportItem, out: ByteSink) => void {
  const o: JsonOptions = { notes: opts.notes === true, file: opts.file ?? null };
  return (item, out) => {
    if (item.kind === 'record') writeRecordLine(item, o, out);
    else if (item.kind === 'connection') writeConnectionLine(item, o, out);
    else out.text(formatJson(item, o));
  };
}
