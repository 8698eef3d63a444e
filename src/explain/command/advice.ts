// Mistakes and consequences a tcpdump command line shows, as typed codes (wording lives in locales/cmd-*.ts).

import { parseFilter } from '../../../grammar/pcap-filter/index';
import { hasOption, type ParsedCommand } from './parse-command';

export type AdviceSeverity = 'error' | 'warning' | 'tip';

export type CommandAdvice =
  | { code: 'pipe-no-l'; to: string }
  | { code: 'pipe-binary'; to: string }
  | { code: 'pipe-empty'; to: string; file: string }
  | { code: 'no-n' }
  | { code: 'w-no-text'; file: string; printOnly: string[] }
  | { code: 'r-ignores-i'; iface: string }
  | { code: 'no-iface' }
  | { code: 'iface-any' }
  | { code: 'count-small'; count: number }
  | { code: 'snaplen-small'; snaplen: number }
  | { code: 'quiet-loses' }
  | { code: 'no-timestamps' }
  | { code: 'A-with-X' }
  | { code: 'needs-w'; option: string }
  | { code: 'v-with-w' }
  | { code: 'F-ignores-expression' }
  | { code: 'shell-redirect'; op: string; target: string }
  | { code: 'shell-parens' }
  | { code: 'shell-split'; op: string; rest: string }
  | { code: 'shell-glob'; word: string }
  | { code: 'unclosed-quote' }
  | { code: 'odd-characters'; chars: string[] }
  | { code: 'not-root' };

export type AdviceCode = CommandAdvice['code'];

export const ADVICE_SEVERITY: Record<AdviceCode, AdviceSeverity> = {
  'pipe-no-l': 'warning',
  'pipe-binary': 'error',
  'pipe-empty': 'error',
  'no-n': 'warning',
  'w-no-text': 'warning',
  'r-ignores-i': 'tip',
  'no-iface': 'tip',
  'iface-any': 'tip',
  'count-small': 'warning',
  'snaplen-small': 'warning',
  'quiet-loses': 'warning',
  'no-timestamps': 'warning',
  'A-with-X': 'tip',
  'needs-w': 'error',
  'v-with-w': 'tip',
  'F-ignores-expression': 'warning',
  'shell-redirect': 'error',
  'shell-parens': 'error',
  'shell-split': 'error',
  'shell-glob': 'warning',
  'unclosed-quote': 'error',
  'odd-characters': 'error',
  'not-root': 'tip',
};

/** Options that change only the printed text: with -w (and no --print) nothing is printed, so they do nothing. */
const PRINT_ONLY = ['n', 'N', 'S', 'v', 'e', 'x', 'X', 'A', 't', 'q', '#', 'l', 'K'] as const;

export function commandAdvice(cmd: ParsedCommand): CommandAdvice[] {
  const out: CommandAdvice[] = [];
  if (cmd.program === null) return out;
  const w = hasOption(cmd, 'w');
  const r = hasOption(cmd, 'r');
  const i = hasOption(cmd, 'i');
  const print = hasOption(cmd, 'print');
  const listsOnly = hasOption(cmd, 'D') || hasOption(cmd, 'L') || hasOption(cmd, 'J') || hasOption(cmd, 'h') || hasOption(cmd, 'version') || hasOption(cmd, 'd');
  const prints = !listsOnly && (!w || print !== undefined);

  // Shell first: these stop the command before tcpdump reads a single option.
  if (cmd.oddCharacters.length > 0) out.push({ code: 'odd-characters', chars: cmd.oddCharacters });
  if (cmd.shell.unclosedQuote) out.push({ code: 'unclosed-quote' });
  if (cmd.shell.bareParens.length > 0) out.push({ code: 'shell-parens' });
  // `tcpdump ip[2:2] > 576`: the shell took `>` as a redirect. Put the redirect back into the expression: if the
  // whole then parses and the rest alone does not, the `>` was meant for the filter (a bare number target too).
  const firstFilter = cmd.filterWords[0];
  for (const rd of cmd.redirects) {
    if (!/^[<>]/.test(rd.op) || !firstFilter || rd.start < firstFilter.start) continue;
    const end = Math.max(rd.end, ...cmd.filterWords.map((w) => w.end));
    const together = parseFilter(cmd.line.slice(firstFilter.start, end));
    const alone = cmd.filter?.errors.length ?? 0;
    if ((together.errors.length === 0 && alone > 0) || /^\d+$/.test(rd.target)) out.push({ code: 'shell-redirect', op: rd.op, target: rd.target });
  }
  // `tcpdump tcp[13] & 2 != 0`: an unquoted `&` (or `;`) ends the command there; the rest runs on its own.
  const rest = cmd.shell.rest;
  if (rest !== null) {
    const op = /^(&&|\|\||&|;)/.exec(rest)![1];
    if (op === '&' || op === ';' || (cmd.filter?.errors.length ?? 0) > 0) out.push({ code: 'shell-split', op, rest: rest.slice(op.length).trim() });
  }
  const globWord = cmd.filterWords.find((x) => x.glob);
  if (globWord) out.push({ code: 'shell-glob', word: globWord.text });

  const to = cmd.pipeTo[0];
  if (to !== undefined) {
    if (w && w.arg === '-') out.push({ code: 'pipe-binary', to });
    else if (w && !print) out.push({ code: 'pipe-empty', to, file: w.arg ?? '' });
    else if (!hasOption(cmd, 'l') && !hasOption(cmd, 'U')) out.push({ code: 'pipe-no-l', to });
  }
  if (w && !print && !listsOnly) {
    const printOnly = PRINT_ONLY.filter((k) => hasOption(cmd, k)).map((k) => hasOption(cmd, k)!.written[0]);
    out.push({ code: 'w-no-text', file: w.arg ?? '', printOnly });
  }
  if (w && hasOption(cmd, 'v') && !r) out.push({ code: 'v-with-w' });
  for (const k of ['C', 'G', 'W', 'z'] as const) {
    const o = hasOption(cmd, k);
    if (o && !w) out.push({ code: 'needs-w', option: o.written[0] });
  }
  const n = hasOption(cmd, 'n');
  if (prints && !n) out.push({ code: 'no-n' });
  if (r && i) out.push({ code: 'r-ignores-i', iface: i.arg ?? '' });
  if (!r && !listsOnly) {
    if (!i) out.push({ code: 'no-iface' });
    else if (i.arg === 'any') out.push({ code: 'iface-any' });
  }
  const c = hasOption(cmd, 'c');
  if (c && Number(c.arg) > 0 && Number(c.arg) < 10) out.push({ code: 'count-small', count: Number(c.arg) });
  const s = hasOption(cmd, 's');
  if (s && Number(s.arg) > 0 && Number(s.arg) < 128) out.push({ code: 'snaplen-small', snaplen: Number(s.arg) });
  if (prints && hasOption(cmd, 'q')) out.push({ code: 'quiet-loses' });
  const t = hasOption(cmd, 't');
  if (prints && t && t.count === 1) out.push({ code: 'no-timestamps' });
  if (hasOption(cmd, 'A') && (hasOption(cmd, 'x') || hasOption(cmd, 'X'))) out.push({ code: 'A-with-X' });
  if (hasOption(cmd, 'F') && cmd.filterWords.length > 0) out.push({ code: 'F-ignores-expression' });
  // A `$` prompt is an ordinary user; live capture needs root (or CAP_NET_RAW, pcap(3PCAP)).
  if (!r && !listsOnly && !cmd.privileged && cmd.shell.prompt !== null && /\$$/.test(cmd.shell.prompt)) out.push({ code: 'not-root' });
  return out;
}
