// Public face of src/report: the annotator and its text and JSON Lines renderers.

export { createAnnotator } from './annotate';
export type { Annotator, AnnotateOptions, RecordView, ConnectionView, TwinsView, ReportItem } from './annotate';
export { formatText, writeText, formatRecordText, formatConnectionText, INPUT_MARK, NOTE_PREFIX, VERDICT_PREFIX } from './format-text';
export { ByteSink } from './byte-sink';
export { escapeJsonControls, showControls } from './terminal-safe';
export type { TextOptions } from './format-text';
export { formatJson, jsonFormatter, jsonWriter, recordJson, connectionJson, compact, findingJson, twinsJson } from './format-json';
export type { JsonOptions } from './format-json';
export { annotateText, renderText } from './render';
export type { RenderOptions } from './render';
export { connLabel } from './conn-id';
