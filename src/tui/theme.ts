// Colours and symbols of the viewer: segment kinds, finding severities, lanes and chrome, in one table.

import type { Severity } from '../model';
import type { SegmentKind } from '../report/ladder';

/** Ink colour names (chalk's 16 basic colours survive every terminal and both light and dark themes). */
export const KIND_COLOR: Record<SegmentKind, string> = {
  syn: 'green',
  synack: 'green',
  fin: 'magenta',
  rst: 'red',
  data: 'cyan',
  ack: 'gray',
  other: 'white',
};

export const SEVERITY_COLOR: Record<Severity, string> = {
  error: 'red',
  warning: 'yellow',
  note: 'blue',
  info: 'gray',
};

/** One-column markers, distinguishable without colour (monochrome terminals, screen captures). */
export const SEVERITY_MARK: Record<Severity, string> = {
  error: '■',
  warning: '▲',
  note: '●',
  info: '·',
};

export const THEME = {
  selected: { inverse: true },
  match: 'yellowBright',
  dim: 'gray',
  border: 'gray',
  borderFocus: 'cyan',
  title: 'cyanBright',
  client: 'green',
  server: 'blue',
  state: 'yellow',
} as const;
