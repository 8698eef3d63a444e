// The selection options shared by explain and summary (--conn, --host, --port, --verdict, --severity, --only,
// --from, --to, -c, --where, --fail-on): read from argv into report/select's Selection, every bad value a clear error.

import { parseWhere, type WhereError, type WhereNode } from '../../grammar/where';
import type { Lang } from '../explain';
import { caretLine } from '../explain/command/format-command';
import { CLI_WORDS } from '../explain';
import { VERDICT_CODES, severityOf, severityRank, type ConnectionSeverity, type VerdictCode } from '../model/verdict';
import type { Selection, TimeBound } from '../report/select';
import { parseTimestamp } from '../track';
import { CliError } from './io';

export interface SelectArgs {
  conn?: unknown;
  host?: unknown;
  port?: unknown;
  verdict?: unknown;
  severity?: unknown;
  only?: unknown;
  from?: unknown;
  to?: unknown;
  count?: number;
  failOn?: unknown;
  where?: unknown;
}

export const FAIL_ON = ['warn', 'error'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Every value given (the option repeated, or a comma list), trimmed; null when the option is absent. */
function values(x: unknown): string[] | null {
  if (x === undefined || x === null) return null;
  const list = (Array.isArray(x) ? x : [x]).flatMap((v) => String(v).split(','));
  return list.map((v) => v.trim());
}

/** The last value of an option given once or more (yargs makes an array of a repeated string option). */
const last = (x: unknown): string | null => (x === undefined || x === null ? null : String(Array.isArray(x) ? x[x.length - 1] : x));

function timeBound(option: string, value: string, lang: Lang): TimeBound {
  const w = CLI_WORDS[lang].errors;
  const t = value.trim().replace(/^(\d{4}-\d\d-\d\d)T/, '$1 ');
  const p = /^\d{1,2}:\d\d:\d\d(\.\d+)?$|^\d{4}-\d\d-\d\d \d{1,2}:\d\d:\d\d(\.\d+)?$/.test(t) ? parseTimestamp(t) : null;
  if (p === null || (p.shape !== 'clock' && p.shape !== 'date')) throw new CliError(w.badTime({ option, value }));
  return { seconds: p.seconds, timeOfDay: p.shape === 'clock' };
}

export function parseSelection(args: SelectArgs, lang: Lang): Selection {
  const w = CLI_WORDS[lang].errors;
  const conns = values(args.conn);
  for (const c of conns ?? []) if (!/^(.+#)?c\d+$/.test(c)) throw new CliError(w.badConn({ value: c }));
  const hosts = values(args.host);
  if (hosts !== null && hosts.some((h) => h === '')) throw new CliError(w.emptyHost);
  const ports = values(args.port)?.map((p) => {
    const n = /^\d{1,5}$/.test(p) ? Number(p) : NaN;
    if (!(n >= 0 && n <= 65535)) throw new CliError(w.badPort({ value: p }));
    return n;
  }) ?? null;
  const verdicts = values(args.verdict)?.map((v) => {
    if (!(VERDICT_CODES as readonly string[]).includes(v)) throw new CliError(w.badVerdict({ value: v, known: VERDICT_CODES.join(', ') }));
    return v as VerdictCode;
  }) ?? null;
  let minSeverity: ConnectionSeverity | null = null;
  const sev = last(args.severity);
  if (sev !== null) {
    const s = severityOf(sev.trim().replace(/\+$/, ''));
    if (s === null) throw new CliError(w.badSeverity({ value: sev }));
    minSeverity = s;
  }
  const only = last(args.only);
  if (only !== null && only.trim() !== 'problems') throw new CliError(w.badOnly({ value: only }));
  const fromText = last(args.from);
  const toText = last(args.to);
  const from = fromText === null ? null : timeBound('--from', fromText, lang);
  const to = toText === null ? null : timeBound('--to', toText, lang);
  if (from !== null && to !== null && from.timeOfDay === to.timeOfDay && from.seconds > to.seconds) {
    throw new CliError(w.timeOrder({ from: fromText ?? '', to: toText ?? '' }));
  }
  if (args.count !== undefined && !(Number.isInteger(args.count) && args.count > 0)) throw new CliError(w.count);
  // --where given more than once: every expression must hold (as the other options are ANDed).
  const wheres = args.where === undefined || args.where === null ? [] : (Array.isArray(args.where) ? args.where : [args.where]).map((x) => whereOf(String(x), lang));
  const where: WhereNode | null = wheres.length === 0 ? null : wheres.length === 1 ? wheres[0] : { kind: 'and', operands: wheres, start: 0, end: 0 };
  return { conns, hosts, ports, verdicts, minSeverity, onlyProblems: only !== null, from, to, count: args.count ?? null, where };
}

const WHERE_EXAMPLES: Record<string, string> = {
  severity: 'severity >= warn',
  bytes: 'bytes > 1M',
  packets: 'packets > 100',
  duration: 'duration > 2s',
  retrans: 'retrans > 0',
  rtt: 'rtt > 100ms',
};

/** One --where error in words (without its column). */
function whereMessage(e: WhereError, lang: Lang): string {
  const w = CLI_WORDS[lang].errors.where;
  // A list in a Chinese sentence takes the enumeration comma 、.
  const known = (e.known ?? []).join(lang === 'en' ? ', ' : '、');
  const token = e.token;
  const field = e.field ?? '';
  switch (e.code) {
    case 'empty':
      return w.empty({ known });
    case 'lex':
      return w.lex({ token });
    case 'syntax':
      if (e.field) return w.missingValue({ token, field });
      if (e.expects === 'connective') return w.syntaxAfterTest({ token });
      if (e.expects === 'test') return e.after ? w.syntaxTestDue({ token, after: e.after }) : w.syntaxAtStart({ token });
      return w.syntax({ token });
    case 'ends-early':
      return e.field ? w.endsEarlyField({ field }) : w.endsEarly({ after: e.after ?? '' });
    case 'bad-unit':
      return w.badUnit({ token, units: w.units[field === 'duration' ? 'duration' : 'rtt'] });
    case 'unclosed':
      return w.unclosed;
    case 'unmatched':
      return w.unmatched;
    case 'too-complex': {
      const l = e.limit ?? { what: 'depth', max: 0 };
      return w[l.what]({ max: l.max });
    }
    case 'unknown-field':
      return w.unknownField({ token, known });
    case 'no-side':
      return w.noSide({ token, field, known });
    case 'needs-op':
      return w.needsOp({ field, known, example: WHERE_EXAMPLES[field] ?? `${field} > 0` });
    case 'bad-op':
      return w.badOp({ token, field, known });
    case 'bad-verdict':
      return w.badVerdict({ token, known });
    case 'bad-severity':
      return w.badSeverity({ token, known });
    case 'bad-state':
      return w.badState({ token, known });
    case 'bad-finding':
      return w.badFinding({ token, known });
    case 'bad-number':
      return w.badNumber({ token, field, forms: w.forms[field as keyof typeof w.forms] });
    case 'bad-port':
      return w.badPort({ token });
    case 'bad-conn':
      return w.badConn({ token });
    case 'bad-host':
      return w.badHost({ token });
  }
}

/**
 * --where's expression parsed, or a usage error: one line with the column, then the expression and a caret under
 * the error (spaces, tabs and line breaks of the expression shown as spaces, so the caret stays under its text).
 */
export function whereOf(text: string, lang: Lang): WhereNode {
  const r = parseWhere(text);
  if (r.error === null) return r.ast!;
  const e = r.error;
  const message = CLI_WORDS[lang].errors.where.prefix({ message: whereMessage(e, lang), column: e.start + 1 });
  // A long expression is shown around the error only (the caret line must fit a terminal).
  const flat = text.replace(/\s/g, ' ');
  const from = Math.max(0, e.start - 60);
  const shown = `${from > 0 ? '…' : ''}${flat.slice(from, e.start + 60)}${e.start + 60 < flat.length ? '…' : ''}`;
  const offset = from > 0 ? 1 - from : 0;
  const start = e.start + offset;
  const end = Math.min(e.end + offset, shown.length);
  throw new CliError(message, 2, true, [`  ${shown}`, caretLine(shown, start, Math.max(end, start + 1), '  ')]);
}

/** --fail-on's value (yargs checked the choices), or null. */
export const failOnOf = (x: unknown): FailOn | null => {
  const v = last(x);
  return v === 'warn' || v === 'error' ? v : null;
};

/** Whether a connection at `severity` makes the run exit 1 under --fail-on. */
export const fails = (failOn: FailOn | null, severity: ConnectionSeverity): boolean => failOn !== null && severityRank(severity) >= severityRank(failOn);
