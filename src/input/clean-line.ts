// Removes what a terminal or editor adds to a line but tcpdump never printed: CR of CRLF, a BOM, ANSI colour codes.

/** CSI sequences (colours, cursor moves), OSC sequences (titles, hyperlinks) and two-byte escapes. */
const ANSI_RE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** The line as tcpdump printed it: trailing CRs, a leading BOM and ANSI escape sequences removed; nothing else. */
export function cleanLine(line: string): string {
  let s = line;
  let n = s.length;
  while (n > 0 && s.charCodeAt(n - 1) === 13) n--;
  if (n !== s.length) s = s.slice(0, n);
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  if (s.indexOf('\x1b') !== -1) s = s.replace(ANSI_RE, '');
  return s;
}
