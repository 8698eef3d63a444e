// Splits a pasted shell command line into pipeline stages and words, as a POSIX shell would, keeping offsets and quoting.

export interface ShellWord {
  /** The word after quote removal. */
  text: string;
  /** Offsets of the raw word in the line, `end` exclusive. */
  start: number;
  end: number;
  /** Any part was quoted or backslash-escaped (the shell will not glob or split it). */
  quoted: boolean;
  /** Unquoted glob characters (`[`, `*`, `?`): bash may expand them to file names, zsh fails with "no matches found". */
  glob: boolean;
}

export interface ShellRedirect {
  op: string;
  target: string;
  start: number;
  end: number;
}

export interface ShellStage {
  words: ShellWord[];
  redirects: ShellRedirect[];
}

export interface ShellLine {
  /** A pasted prompt in front of the command (`~ #`, `[root@Cwg ~]#`, `user@host:~$`), or null. */
  prompt: string | null;
  /** Stages of the first pipeline (`tcpdump ... | tee x | tcplain`). */
  stages: ShellStage[];
  /** Unquoted `(` or `)`: shell syntax, so the shell rejects the line before tcpdump runs. */
  bareParens: Array<{ start: number }>;
  /** The line ended inside quotes. */
  unclosedQuote: boolean;
  /** Text after `;`, `&&`, `||` or `&` that ends the first pipeline, if any. */
  rest: string | null;
  /** Offset in the line where the command (after the prompt) starts. */
  commandStart: number;
}

/** Shell prompts people paste with commands: `[root@Cwg ~]#`, `~ #`, `root@10-23-185-135:/home/ubuntu#`, `$`, `%`. */
const PROMPTS = [
  /^\[[^\]\n]*\][#$]\s*/,
  /^[\w.-]+@[\w.-]+:[^\s#$]*[#$]\s*/,
  /^[\w.-]+@[\w.-]+\s+[^\s#$]*\s*[#$%]\s*/,
  /^~?[\w/.-]*\s*[#$%>]\s+/,
  /^[#$%>]\s+/,
];

function stripPrompt(line: string): { prompt: string | null; start: number } {
  for (const re of PROMPTS) {
    const m = re.exec(line);
    if (m && !/^tcpdump\b/.test(line)) return { prompt: m[0].trimEnd(), start: m[0].length };
  }
  return { prompt: null, start: 0 };
}

/**
 * Word splitting with quote removal (POSIX Shell Command Language §2.2, §2.6.5, §2.7), enough for pasted tcpdump
 * lines: single and double quotes, backslash, `|` pipes, `>`/`<`/`2>` redirects, and list operators that end the pipeline.
 */
export function splitShellLine(line: string): ShellLine {
  const { prompt, start: commandStart } = stripPrompt(line);
  const stages: ShellStage[] = [{ words: [], redirects: [] }];
  const bareParens: Array<{ start: number }> = [];
  let unclosedQuote = false;
  let rest: string | null = null;
  let i = commandStart;
  let pendingRedirect: { op: string; start: number } | null = null;

  const stage = () => stages[stages.length - 1];

  while (i < line.length) {
    const ch = line[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '#') {
      // An unquoted `#` at a word start begins a comment.
      break;
    }
    if (ch === '|' && line[i + 1] !== '|') {
      stages.push({ words: [], redirects: [] });
      i++;
      continue;
    }
    if ((ch === '|' && line[i + 1] === '|') || (ch === '&' && line[i + 1] === '&') || ch === ';' || (ch === '&' && line[i + 1] !== '>')) {
      rest = line.slice(i).trim();
      break;
    }
    if (ch === '(' || ch === ')') {
      bareParens.push({ start: i });
      i++;
      continue;
    }
    const redirect = /^(?:\d?>>|\d?>|&>|<)/.exec(line.slice(i));
    if (redirect) {
      pendingRedirect = { op: redirect[0], start: i };
      i += redirect[0].length;
      continue;
    }
    // A word: up to an unquoted blank or operator character.
    const start = i;
    let text = '';
    let quoted = false;
    let glob = false;
    while (i < line.length) {
      const c = line[i];
      if (c === '\\') {
        quoted = true;
        if (i + 1 < line.length) text += line[i + 1];
        i += 2;
        continue;
      }
      if (c === "'") {
        quoted = true;
        const close = line.indexOf("'", i + 1);
        if (close < 0) {
          unclosedQuote = true;
          text += line.slice(i + 1);
          i = line.length;
          break;
        }
        text += line.slice(i + 1, close);
        i = close + 1;
        continue;
      }
      if (c === '"') {
        quoted = true;
        let j = i + 1;
        let closed = false;
        while (j < line.length) {
          if (line[j] === '\\' && j + 1 < line.length && '$`"\\\n'.includes(line[j + 1])) {
            text += line[j + 1];
            j += 2;
            continue;
          }
          if (line[j] === '"') {
            closed = true;
            break;
          }
          text += line[j];
          j++;
        }
        if (!closed) unclosedQuote = true;
        i = closed ? j + 1 : line.length;
        continue;
      }
      if (' \t\n\r|&;<>()'.includes(c)) break;
      if (c === '[' || c === '*' || c === '?') glob = true;
      text += c;
      i++;
    }
    const word: ShellWord = { text, start, end: i, quoted, glob };
    if (pendingRedirect) {
      stage().redirects.push({ op: pendingRedirect.op, target: text, start: pendingRedirect.start, end: i });
      pendingRedirect = null;
    } else {
      stage().words.push(word);
    }
  }
  return { prompt, stages: stages.filter((s, k) => k === 0 || s.words.length > 0), bareParens, unclosedQuote, rest, commandStart };
}
