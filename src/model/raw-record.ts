// One reassembled input record, as src/input hands it to the grammar: the exact text plus its logical header line.

export interface RawRecord {
  /** 1-based input line of the first character, last line, and start column on the first line. */
  line: number;
  endLine: number;
  col: number;
  /** Exact input text of the record (lines joined by "\n"), after CR/BOM/ANSI-colour removal only. */
  raw: string;
  /**
   * The logical header line the grammar parses: a wrapped line re-joined (seed 000), a `-v` IPv4 header joined
   * with its 4-space address line, glued pieces split apart, trailing blanks removed. For prose, the line itself.
   */
  text: string;
  /** Tab-prefixed detail lines under the header (HTTP -v lines, ICMP-quoted packet, BGP detail), without the tab prefix removed. */
  details: string[];
  /** Hex (-x/-X) and ASCII (-A) dump lines belonging to the packet. */
  dump: string[];
  /** Inline commentary removed from the text (`//第一个包...`). */
  comments: string[];
  /**
   * Set by src/input when the line is another tool's text, not tcpdump's: `tshark` = tshark's one-line summary
   * (`    1 0.000000 192.0.2.2 → 198.51.100.2 TCP 74 ...`). The grammar makes it a `meta` record of that kind.
   */
  foreign?: 'tshark';
  /**
   * Set by src/input on hex dump lines (-x/-X, `\t0x0000:  4500 ...`) that arrived after their packet's record was
   * already handed on (a live pipe paused between a header and its dump): the first line of that packet's record.
   * Such lines are known by their form as the dump of the packet before them, never prose (src/input/reassemble.ts
   * LATE DUMP LINES).
   */
  lateDumpOf?: number;
  /**
   * Set by src/input when a terminal cut the header at width `width` and the row ending before `line` can be rejoined
   * two ways (digits on both sides of a trimmed blank): the grammar reads none of its fields rather than a wrong one.
   */
  wrapCut?: { line: number; width: number };
}

/**
 * Longest line the grammar lexes (512 KiB). tcpdump's longest lines are a whole 64 KiB packet decoded on one line
 * (the test suite's telnet-iac-check-oobr: 267 017 characters, ~4 per payload byte); a longer line is kept whole,
 * printed as written and marked `unparsed` as too long, without being lexed, so hostile input cannot make the
 * lexer work on megabytes at once (lexing is linear, but a bound keeps one line's cost small).
 */
export const MAX_PARSED_LINE_CHARS = 512 * 1024;

/**
 * Longest line kept in memory (64 Mi characters, 128 MB as a JS string; V8 cannot build a string above ~512 Mi
 * characters at all). A line longer than this keeps its first MAX_KEPT_LINE_CHARS characters, the rest up to its
 * `\n` is dropped; line numbers stay exact either way.
 */
export const MAX_KEPT_LINE_CHARS = 64 * 1024 * 1024;
