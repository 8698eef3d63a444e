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
}
