// Public face of src/report: the annotator and its text and JSON Lines renderers.

export { createAnnotator } from './annotate';
export type { Annotator, AnnotateOptions, RecordView, ConnectionView, ReportItem } from './annotate';
export { formatText, formatRecordText, formatConnectionText, INPUT_MARK, NOTE_PREFIX, VERDICT_PREFIX } from './format-text';
export { escapeJsonControls, showControls } from './terminal-safe';
export type { TextOptions } from './format-text';
export { formatJson, recordJson, connectionJson } from './format-json';
export { annotateText, renderText } from './render';
export type { RenderOptions } from './render';
