// A pasted tcpdump command line → its options (GNU getopt_long rules, as tcpdump.c calls it) and its filter expression.

import { parseFilter, type FilterParseResult } from '../../../grammar/pcap-filter/index';
import { splitShellLine, type ShellLine, type ShellRedirect, type ShellWord } from './shell-words';
import { findLongOption, OPTION_BY_SHORT, type OptionKey, type TcpdumpOptionSpec } from './tcpdump-options';

export interface ParsedOption {
  key: OptionKey;
  /** How it was written, each occurrence: `-vv`, `-i eth0`, `-ieth0`, `--nano`, `-X` (from `-vvXe`). */
  written: string[];
  /** Occurrences of a counting flag (`-vvv` = 3, `-nn` = 2); 1 for others. */
  count: number;
  /** The argument (last one wins, as in tcpdump), or null. */
  arg: string | null;
}

export type CommandProblemCode = 'invalid-option' | 'missing-argument' | 'ambiguous-option' | 'unexpected-argument' | 'not-tcpdump' | 'empty';

export interface CommandProblem {
  code: CommandProblemCode;
  /** The offending text (`-k`, `--foo`, `-i`). */
  text: string;
  start: number;
  end: number;
}

export interface ParsedCommand {
  /** The line as explained: web-page spaces and curly quotes replaced by what the author meant. */
  line: string;
  /** Characters copied from a web page that a shell does not read as spaces or quotes (U+00A0, U+3000, “ ” ‘ ’), as `U+XXXX`. */
  oddCharacters: string[];
  shell: ShellLine;
  /** `sudo` (or `doas`) in front of tcpdump. */
  privileged: boolean;
  /** The program word as written (`tcpdump`, `/usr/sbin/tcpdump`), or null when no tcpdump was found. */
  program: string | null;
  /** Arguments after the program word, quote-removed. */
  argv: string[];
  options: ParsedOption[];
  /** Words tcpdump joins with spaces into the filter expression. */
  filterWords: ShellWord[];
  /** null when there is no expression (every packet). */
  filter: FilterParseResult | null;
  /** Later pipeline stages, first word each (`tee`, `tcplain`, `grep`). */
  pipeTo: string[];
  redirects: ShellRedirect[];
  problems: CommandProblem[];
}

const WRAPPERS = new Set(['sudo', 'doas', 'env', 'nohup', 'stdbuf', 'timeout', 'time', 'exec', 'command']);

/** Blog posts turn spaces into U+00A0 or U+3000 and quotes into curly ones; shells take them literally. */
const ODD: Record<string, string> = { '\u00a0': ' ', '\u3000': ' ', '\u2002': ' ', '\u2003': ' ', '\u2009': ' ', '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"' };

export function parseCommand(line: string): ParsedCommand {
  const oddCharacters = [...new Set([...line].filter((c) => c in ODD))].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  const text = [...line.replace(/\r?\n/g, ' ')].map((c) => ODD[c] ?? c).join('').trim();
  const shell = splitShellLine(text);
  const first = shell.stages[0]?.words ?? [];
  const problems: CommandProblem[] = [];
  let privileged = false;
  let at = 0;
  // Skip wrappers and their options (`sudo -E`, `timeout 30`, `VAR=x`) up to the tcpdump word.
  while (at < first.length && !/(^|\/)(tcpdump|windump)(\.exe)?$/i.test(first[at].text)) {
    const w = first[at].text;
    if (w === 'sudo' || w === 'doas') privileged = true;
    if (!WRAPPERS.has(w) && !/^-/.test(w) && !/^\w+=/.test(w) && !/^\d+[smh]?$/.test(w)) break;
    at++;
  }
  const base: Omit<ParsedCommand, 'problems'> = {
    line: text,
    oddCharacters,
    shell,
    privileged,
    program: null,
    argv: [],
    options: [],
    filterWords: [],
    filter: null,
    pipeTo: shell.stages.slice(1).map((s) => s.words[0]?.text ?? ''),
    redirects: shell.stages.flatMap((s) => s.redirects),
  };
  if (first.length === 0) return { ...base, problems: [{ code: 'empty', text: '', start: 0, end: 0 }] };
  if (at >= first.length || !/(^|\/)(tcpdump|windump)(\.exe)?$/i.test(first[at].text)) {
    const w = first[Math.min(at, first.length - 1)];
    return { ...base, problems: [{ code: 'not-tcpdump', text: w.text, start: w.start, end: w.end }] };
  }
  const args = first.slice(at + 1);
  const options = new Map<OptionKey, ParsedOption>();
  const filterWords: ShellWord[] = [];
  const record = (o: TcpdumpOptionSpec, written: string, arg: string | null) => {
    const prev = options.get(o.key);
    if (prev) {
      prev.written.push(written);
      prev.count += 1;
      if (arg !== null) prev.arg = arg;
    } else {
      options.set(o.key, { key: o.key, written: [written], count: 1, arg });
    }
  };

  // GNU getopt permutes: options may follow the expression (`tcpdump host x -i eth0`) until a `--`.
  for (let k = 0; k < args.length; k++) {
    const w = args[k];
    const a = w.text;
    if (a === '--') {
      filterWords.push(...args.slice(k + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const found = findLongOption(name);
      if (found === null) {
        problems.push({ code: 'invalid-option', text: a, start: w.start, end: w.end });
        continue;
      }
      if ('ambiguous' in found) {
        problems.push({ code: 'ambiguous-option', text: a, start: w.start, end: w.end });
        continue;
      }
      if (found.spec.arg === 'none') {
        if (eq >= 0) problems.push({ code: 'unexpected-argument', text: a, start: w.start, end: w.end });
        record(found.spec, `--${found.long}`, null);
      } else if (eq >= 0) {
        record(found.spec, a, a.slice(eq + 1));
      } else if (k + 1 < args.length) {
        record(found.spec, `${a} ${args[k + 1].text}`, args[k + 1].text);
        k++;
      } else {
        problems.push({ code: 'missing-argument', text: a, start: w.start, end: w.end });
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && !w.quoted) {
      // A cluster of letters: `-vvXe`, `-nnS`, `-ieth0`, `-s0`.
      for (let c = 1; c < a.length; c++) {
        const o = OPTION_BY_SHORT.get(a[c]);
        if (!o) {
          problems.push({ code: 'invalid-option', text: `-${a[c]}`, start: w.start, end: w.end });
          continue;
        }
        if (o.arg === 'none') {
          record(o, `-${a[c]}`, null);
          continue;
        }
        if (c + 1 < a.length) {
          record(o, `-${a[c]}${a.slice(c + 1)}`, a.slice(c + 1));
        } else if (k + 1 < args.length) {
          record(o, `-${a[c]} ${args[k + 1].text}`, args[k + 1].text);
          k++;
        } else {
          problems.push({ code: 'missing-argument', text: `-${a[c]}`, start: w.start, end: w.end });
        }
        break;
      }
      continue;
    }
    filterWords.push(w);
  }
  // Counting flags written in one cluster read better merged: `-vv` rather than `-v -v`.
  for (const o of options.values()) {
    if (o.written.every((x) => x === `-${o.key}`) && o.written.length > 1) o.written = [`-${o.key.repeat(o.count)}`];
  }
  const filterText = filterWords.map((x) => x.text).join(' ');
  return {
    ...base,
    program: first[at].text,
    argv: args.map((x) => x.text),
    options: [...options.values()],
    filterWords,
    filter: filterWords.length > 0 ? parseFilter(filterText) : null,
    problems,
  };
}

export function hasOption(cmd: ParsedCommand, key: OptionKey): ParsedOption | undefined {
  return cmd.options.find((o) => o.key === key);
}
