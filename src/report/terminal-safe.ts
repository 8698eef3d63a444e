// Control characters made visible for a terminal: a capture is untrusted text, and a terminal obeys what it prints.

/**
 * Characters a terminal acts on instead of showing: C0 controls but TAB and LF (ESC starts `ESC c` reset, `ESC #8`,
 * `ESC ( 0` line drawing, `ESC 7`, `ESC =`; CR rewrites the line; BS erases; BEL rings), DEL, the C1 controls
 * U+0080–U+009F (U+009B is a one-byte CSI, U+009D a one-byte OSC on many terminals), and the bidirectional
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069) that reorder what is shown (CVE-2021-42574).
 */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

function visible(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return `^${String.fromCharCode(code + 64)}`; // caret notation, as `cat -v`: ESC ^[, CR ^M, BS ^H
  if (code === 0x7f) return '^?';
  if (code <= 0x9f) return `\\x${code.toString(16)}`;
  return `\\u${code.toString(16)}`;
}

/**
 * `s` with every control character a terminal would obey shown as text (`^[`, `^M`, `\x9b`, `\u202e`); TAB and
 * LF kept. Pure; the caller decides when (on a terminal: src/cli), since a pipe must get the input's bytes back.
 */
export function showControls(s: string): string {
  CONTROL.lastIndex = 0;
  return CONTROL.test(s) ? s.replace(CONTROL, visible) : s;
}

/** What JSON.stringify leaves raw that a terminal acts on: DEL, the C1 controls, bidi overrides and isolates (C0 it escapes). */
const JSON_RAW_CONTROL = /[\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text for a terminal: every character a terminal would obey that JSON.stringify leaves raw (U+009B, a one-byte
 * CSI; DEL; bidi overrides) written as its `\uXXXX` escape. Such characters occur only inside JSON strings, so the
 * result is valid JSON that parses to the very same values; only the bytes differ (a pipe gets JSON.stringify's).
 */
export function escapeJsonControls(json: string): string {
  JSON_RAW_CONTROL.lastIndex = 0;
  return JSON_RAW_CONTROL.test(json) ? json.replace(JSON_RAW_CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
