// Public face of src/explain: words for segments, records, findings and verdicts in English or Simplified Chinese.

export type { Lang, Catalog, FlagName, MssRewrites, SegmentRole } from './catalog';
export { CATALOGS, LANGS, catalogFor, parseLang, langFromEnv } from './catalogs';
export { explainSegment, explainSegmentNotes, noteText, copiedSegmentNotes, quotedSegmentNotes, untrackedSegmentNotes, segmentFlagBits, segmentRole } from './explain-segment';
export type { Note, NoteKind, SegmentExplainOptions } from './explain-segment';
export { explainRecord, explainRecordNotes } from './explain-record';
export type { RunStats } from './explain-record';
export { explainVerdict, explainVerdictText, describeFinding, findingKindName, findingName } from './explain-verdict';
export type { VerdictText } from './explain-verdict';
export { CLI_WORDS } from './cli-words';
export type { CliWords } from './cli-words';
export { SUMMARY_WORDS, type SummaryCatalog, type SummaryColumn } from './summary-words';
