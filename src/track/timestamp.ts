// Turns every timestamp format tcpdump prints (time of day, -tt, -ttt, -tttt, -ttttt, nano) into seconds.

/** How the printed time relates to the packet (tcpdump `-t` family, print.c `ts_print`). */
export type TimestampFormat =
  | 'time-of-day' // default: local HH:MM:SS.frac (seconds since midnight)
  | 'epoch' // -tt: Unix seconds.frac
  | 'date' // -tttt: YYYY-MM-DD HH:MM:SS.frac (read as UTC: the reader's TZ is unknowable)
  | 'delta' // -ttt: time since the previous packet
  | 'since-first'; // -ttttt: time since the first packet

export interface ParsedTimestamp {
  /** Seconds in the printed scale: since midnight, since the epoch, or the printed delta (= whole + frac). */
  seconds: number;
  /** Whole seconds and the fraction, kept apart so epoch values keep their µs/ns precision. */
  whole: number;
  frac: number;
  shape: 'clock' | 'epoch' | 'date' | 'micros';
}

function ts(whole: number, frac: number, shape: ParsedTimestamp['shape']): ParsedTimestamp {
  return { seconds: whole + frac, whole, frac, shape };
}

const C0 = 48; // '0'

function digitsValue(text: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - C0;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The fraction after the dot. 6 digits are µs and 9 are ns (`--nano`); tcpdump ≤ 4.99.5 printed an out-of-range
 * µs/ns field as 7+ raw digits (`17:16:10.1000000`), so 7–8 digits are still read as a µs count and 10+ as ns.
 */
function fractionValue(text: string, from: number, to: number): number {
  const n = to - from;
  if (n === 0) return 0;
  const v = digitsValue(text, from, to);
  if (n <= 6) return v / 10 ** n;
  if (n <= 8) return v / 1e6;
  if (n === 9) return v / 1e9;
  return v / 1e9;
}

/** `HH:MM:SS.ffffff` (already shape-checked) in seconds; NaN on a non-digit. */
function clockFast(t: string): number {
  let us = 0;
  for (let i = 9; i < 15; i++) {
    const d = t.charCodeAt(i) - C0;
    if (d < 0 || d > 9) return NaN;
    us = us * 10 + d;
  }
  const h = (t.charCodeAt(0) - C0) * 10 + (t.charCodeAt(1) - C0);
  const m = (t.charCodeAt(3) - C0) * 10 + (t.charCodeAt(4) - C0);
  const sec = (t.charCodeAt(6) - C0) * 10 + (t.charCodeAt(7) - C0);
  if (!(h >= 0 && h < 100 && m >= 0 && m < 100 && sec >= 0 && sec < 100)) return NaN;
  return h * 3600 + m * 60 + sec + us / 1e6;
}

/** Seconds of an `H:M:S[.frac]` clock (hours may exceed 24 in 4.9.x deltas). */
function clockSeconds(text: string, from: number): number {
  const c1 = text.indexOf(':', from);
  if (c1 < 0) return NaN;
  const c2 = text.indexOf(':', c1 + 1);
  if (c2 < 0) return NaN;
  let dot = text.indexOf('.', c2 + 1);
  if (dot < 0) dot = text.length;
  const h = digitsValue(text, from, c1);
  const m = digitsValue(text, c1 + 1, c2);
  const s = digitsValue(text, c2 + 1, dot);
  const f = dot < text.length ? fractionValue(text, dot + 1, text.length) : 0;
  return h * 3600 + m * 60 + s + f;
}

/**
 * Parse one printed timestamp (as the grammar kept it: no sign column, no padding). Returns null for text that is
 * not a timestamp (`[timestamp overflow]`, `[Error converting time]`).
 */
export function parseTimestamp(text: string): ParsedTimestamp | null {
  const t = text.trim();
  if (t.length === 0) return null;
  const sp = t.indexOf(' ');
  if (sp > 0) {
    // -tttt: `2005-07-06 03:57:35.938066`, or 3.x -ttt `2. 000123` (whole seconds, then µs).
    const date = t.slice(0, sp);
    const rest = t.slice(sp + 1).trim();
    if (date.length === 10 && date[4] === '-' && date[7] === '-') {
      const y = digitsValue(date, 0, 4);
      const mo = digitsValue(date, 5, 7);
      const d = digitsValue(date, 8, 10);
      const secs = clockSeconds(rest, 0);
      if (Number.isNaN(y + mo + d + secs)) return null;
      const whole = Math.floor(secs);
      return ts(Date.UTC(y, mo - 1, d) / 1000 + whole, secs - whole, 'date');
    }
    if (date.endsWith('.') && /^\d+$/.test(rest)) {
      const whole = digitsValue(date, 0, date.length - 1);
      const us = digitsValue(rest, 0, rest.length);
      if (Number.isNaN(whole + us)) return null;
      return ts(whole, us / 1e6, 'micros');
    }
    return null;
  }
  if (t.indexOf(':') > 0) {
    const s = clockSeconds(t, 0);
    return Number.isNaN(s) ? null : ts(Math.floor(s), s - Math.floor(s), 'clock');
  }
  const dot = t.indexOf('.');
  if (dot > 0) {
    // -tt `1418145369.924505`.
    const whole = digitsValue(t, 0, dot);
    const f = fractionValue(t, dot + 1, t.length);
    return Number.isNaN(whole + f) ? null : ts(whole, f, 'epoch');
  }
  if (/^\d{6}$/.test(t)) return ts(0, digitsValue(t, 0, 6) / 1e6, 'micros'); // 3.x -ttt `000123`
  return null;
}

/** A packet-prefix shape the clock reads: the printed time and the record's exact text. */
export interface TimedRecord {
  time: string | null;
  raw: string;
}

export interface CaptureClock {
  /** Seconds for this record on one monotone-ish scale (since midnight, epoch, or since the first packet), or null. */
  observe(rec: TimedRecord): number | null;
  /** A pasted `tcpdump` command line: its `-t…` options name the format; a new capture restarts delta sums. */
  command(options: Record<string, string | true> | null): void;
  /** A new capture started (banner line): restart cumulative deltas and the day counter. */
  restart(): void;
  /** The format the last timestamp was read in. */
  readonly format: TimestampFormat | null;
  /**
   * Seconds subtracted from epoch and date readings (midnight UTC of the first one), so differences keep µs/ns
   * precision in a double; add it back for wall-clock times. 0 for times of day and deltas.
   */
  readonly origin: number;
}

const DAY = 86400;

/**
 * A clock for one input. Time of day wraps at midnight (a drop of more than 12 h adds a day); `-ttt` deltas are
 * summed; the sign column tcpdump prints before `-ttt`/`-ttttt` values (print.c `ts_delta_print`: a space, or `-`)
 * tells them from a time of day. Without a command hint, a sign-column clock is read as `-ttttt` until a value goes
 * backwards, which only `-ttt` deltas do.
 */
export function createCaptureClock(): CaptureClock {
  return new Clock();
}

/**
 * A class rather than a closure: its state lives in object fields, where V8 updates a double in place, while a
 * closure variable holding a double gets a fresh heap number on every write. `observe` is only the default-format
 * fast path, small enough to be inlined into the tracker; everything else is in `observeSlow`.
 */
class Clock implements CaptureClock {
  private hinted: 'delta' | 'since-first' | null = null;
  private relMode: 'delta' | 'since-first' = 'since-first';
  private lastRel = -1;
  private sum = 0;
  private day = 0;
  private lastClock = -1;
  private fmt: TimestampFormat | null = null;
  private originAt = -1;

  get format(): TimestampFormat | null {
    return this.fmt;
  }

  get origin(): number {
    return this.originAt < 0 ? 0 : this.originAt;
  }

  restart(): void {
    this.lastRel = -1;
    this.sum = 0;
    this.day = 0;
    this.lastClock = -1;
    this.relMode = this.hinted ?? 'since-first';
  }

  command(options: Record<string, string | true> | null): void {
    this.hinted = null;
    // The grammar lists every prefix of a repeated letter (`-tttt` → t, tt, ttt, tttt): the longest one counts.
    if (options) {
      if (options['ttttt'] !== undefined) this.hinted = 'since-first';
      else if (options['tttt'] === undefined && options['ttt'] !== undefined) this.hinted = 'delta';
    }
    this.restart();
  }

  observe(rec: TimedRecord): number | null {
    const text = rec.time;
    if (text === null) return null;
    // Fast path: the default `HH:MM:SS.ffffff` printed at the start of the record (no sign column).
    // (A record starting with the time's first digit has no sign column before it.)
    if (this.hinted === null && text.length === 15 && text.charCodeAt(2) === 58 && text.charCodeAt(5) === 58 && text.charCodeAt(8) === 46 && rec.raw.charCodeAt(0) === text.charCodeAt(0)) {
      const v = clockFast(text);
      if (!Number.isNaN(v)) {
        this.fmt = 'time-of-day';
        if (this.lastClock >= 0 && v + this.day * DAY < this.lastClock - DAY / 2) this.day++;
        this.lastClock = v + this.day * DAY;
        return this.lastClock;
      }
    }
    return this.observeSlow(rec, text);
  }

  /** Epoch-scale reading relative to the origin, whole and fraction added last. */
  private sinceOrigin(p: ParsedTimestamp): number {
    if (this.originAt < 0) this.originAt = Math.floor(p.whole / DAY) * DAY;
    return p.whole - this.originAt + p.frac;
  }

  private observeSlow(rec: TimedRecord, text: string): number | null {
    const p = parseTimestamp(text);
    if (p === null) return null;
    const negative = signColumn(rec.raw, text);
    if (p.shape === 'epoch') {
      this.fmt = 'epoch';
      return this.sinceOrigin(p);
    }
    if (p.shape === 'date') {
      this.fmt = 'date';
      return this.sinceOrigin(p);
    }
    // An indented time of day also has a space before it; a delta clock starts at (about) zero.
    const relative = p.shape === 'micros' || this.hinted !== null || (negative !== null && (this.lastRel >= 0 || p.seconds < 1));
    if (relative) {
      const v = negative === true ? -p.seconds : p.seconds;
      if (this.hinted === null && this.relMode === 'since-first' && this.lastRel >= 0 && v < this.lastRel) {
        // A since-first clock never goes backwards (short of an out-of-order file), a -ttt delta clock does.
        this.relMode = 'delta';
      }
      this.lastRel = v;
      // Summed all along, so a clock recognised as -ttt only at its first decrease still adds every delta.
      this.sum += v;
      if (this.relMode === 'delta') {
        this.fmt = 'delta';
        return this.sum;
      }
      this.fmt = 'since-first';
      return v;
    }
    this.fmt = 'time-of-day';
    if (this.lastClock >= 0 && p.seconds + this.day * DAY < this.lastClock - DAY / 2) this.day++;
    const s = p.seconds + this.day * DAY;
    this.lastClock = s;
    return s;
  }
}

/**
 * Whether the record printed tcpdump's delta sign column before the time: null when the time starts the record
 * (after an optional `-#` number and its two spaces), false for a space, true for `-`.
 */
export function signColumn(raw: string, time: string): boolean | null {
  const at = raw.indexOf(time);
  if (at <= 0) return null;
  const before = raw.charCodeAt(at - 1);
  if (before !== 32 && before !== 45) return null;
  // What precedes the sign column must be empty or a packet number followed by two spaces.
  let i = at - 2;
  if (i < 0) return before === 45;
  if (raw.charCodeAt(i) !== 32 || raw.charCodeAt(i - 1) !== 32) return null;
  i -= 2;
  let digits = 0;
  while (i >= 0 && raw.charCodeAt(i) >= 48 && raw.charCodeAt(i) <= 57) {
    i--;
    digits++;
  }
  if (digits === 0) return null;
  while (i >= 0 && raw.charCodeAt(i) === 32) i--;
  return i < 0 ? before === 45 : null;
}

/** Round an interval to whole nanoseconds: printed clocks have µs or ns resolution, anything finer is float noise. */
export function roundSeconds(v: number): number {
  return Math.round(v * 1e9) / 1e9;
}
