// A compact text drawing of the RFC 9293 §3.3.2 state diagram with each end's current state and the transition just taken marked.

import type { EndStates, SegmentAnalysis, Side, TcpState } from '../model';

/** One piece of a diagram line: drawing text, or a state box with who is in it now and who just left it. */
export type DiagramCell =
  | { kind: 'text'; text: string }
  | { kind: 'state'; state: TcpState; text: string; now: Side[]; left: Side[] };

export type DiagramLine = DiagramCell[];

/*
 * Layout (every state once): the opening paths on top (passive open on the left, active on the right), then the
 * active close down the left (FIN_WAIT_1 → FIN_WAIT_2 | CLOSING → TIME_WAIT) and the passive close on the right
 * (CLOSE_WAIT → LAST_ACK), as in Figure 5 of RFC 9293. `{{NAME}}` marks where a state box goes (as wide as the box).
 */
const TEMPLATE = [
  '                {{CLOSED}}',
  '          ┌─────────┴─────────┐',
  '      {{LISTEN}}        {{SYN_SENT}}',
  '          │                   │',
  '   {{SYN_RECEIVED}}           │',
  '          └─────────┬─────────┘',
  '             {{ESTABLISHED}}',
  '          ┌─────────┴──────────┐',
  '    {{FIN_WAIT_1}}       {{CLOSE_WAIT}}',
  '       ┌──┴─────────┐          │',
  '{{FIN_WAIT_2}} {{CLOSING}}{{LAST_ACK}}',
  '       └──────┬─────┘',
  '        {{TIME_WAIT}}',
];

/**
 * Box text, as wide as its `{{NAME}}` placeholder so the drawing never shifts: `C[ESTABLISHED]S` where ends are now,
 * `c(SYN_SENT) ` where an end just left, the bare name elsewhere.
 */
function boxText(state: TcpState, now: Side[], left: Side[]): string {
  const mark = (s: Side): string => (now.includes(s) ? (s === 'client' ? 'C' : 'S') : left.includes(s) ? (s === 'client' ? 'c' : 's') : ' ');
  const [open, close] = now.length > 0 ? ['[', ']'] : left.length > 0 ? ['(', ')'] : [' ', ' '];
  return `${mark('client')}${open}${state}${close}${mark('server')}`;
}

/**
 * The diagram for `states` (after a segment) and the `transitions` it caused: capital C/S beside the state each end
 * is in now (in brackets), small c/s beside the state it just left (in parentheses). Unknown states (capture started mid-connection) are not marked.
 */
export function stateDiagram(states: EndStates, transitions: SegmentAnalysis['transitions'] = []): DiagramLine[] {
  return TEMPLATE.map((row) => {
    const cells: DiagramCell[] = [];
    const re = /\{\{([A-Z_0-9]+)\}\}/g;
    let last = 0;
    for (let m = re.exec(row); m; m = re.exec(row)) {
      if (m.index > last) cells.push({ kind: 'text', text: row.slice(last, m.index) });
      const state = m[1] as TcpState;
      const now = (['client', 'server'] as const).filter((s) => states[s] === state);
      const left = (['client', 'server'] as const).filter((s) => transitions.some((t) => t.end === s && t.from === state && t.from !== states[s]));
      cells.push({ kind: 'state', state, text: boxText(state, now, left), now, left });
      last = m.index + m[0].length;
    }
    if (last < row.length) cells.push({ kind: 'text', text: row.slice(last) });
    return cells;
  });
}

/** The diagram as plain lines (non-interactive output and tests). */
export function stateDiagramText(states: EndStates, transitions: SegmentAnalysis['transitions'] = []): string[] {
  return stateDiagram(states, transitions).map((cells) => cells.map((c) => c.text).join('').trimEnd());
}
