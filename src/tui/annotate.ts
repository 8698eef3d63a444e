// Words for what the viewer shows, fetched from src/explain on first display and cached per record, language and numbering.

import type { ConnectionVerdict, Finding, Side } from '../model';
import { copiedSegmentNotes, describeFinding, explainRecord, explainSegment, explainVerdict, noteText, quotedSegmentNotes } from '../explain';
import type { Entry } from './state/capture-store';
import type { Numbering, UiLang } from './state/reducer';

export interface VerdictWords {
  headline: string;
  summary: string;
  nextStep: string;
  appSaw: string[];
}

/** The explanation source the screens read; tests may wrap it, the app uses `explainAnnotator`. */
export interface Annotator {
  /** Explanation lines of a record; the first is the one-line note shown in the list. */
  notes(e: Entry, lang: UiLang, numbering: Numbering): string[];
  finding(f: Finding, lang: UiLang, sender: Side | null): string;
  verdict(v: ConnectionVerdict, lang: UiLang): VerdictWords;
}

/**
 * Explains lazily: only records that reach the screen are worded, so a burst of 100,000 lines/s costs
 * analysis only, and switching language re-words just the visible page.
 */
export const explainAnnotator: Annotator = {
  notes(e, lang, numbering) {
    const key = `${lang}|${numbering}`;
    if (e.notes?.key === key) return e.notes.lines;
    let lines: string[];
    try {
      if (e.quotes !== undefined) lines = quotedSegmentNotes(e.quotes, lang).map(noteText);
      else if (e.copy !== undefined) lines = copiedSegmentNotes(e.copy, lang).map(noteText);
      else lines = e.rec.kind === 'tcp' && e.analysis ? explainSegment(e.rec, e.analysis, lang, { seq: numbering }) : explainRecord(e.rec, lang);
    } catch (err) {
      // A wording bug must not take the viewer down with it: show the failure on the line instead.
      lines = [`[explain failed: ${(err as Error).message}]`];
    }
    e.notes = { key, lines };
    return lines;
  },
  finding: (f, lang, sender) => describeFinding(f, lang, sender),
  verdict: (v, lang) => explainVerdict(v, lang),
};
