// The Ink root of the pair view: one connection pair at a time on a merged timeline, keys to walk rows and pairs.

import React, { useLayoutEffect, useState } from 'react';
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import type { PairReport } from '../correlate';
import { pairLines } from './components/pair-lines';
import { label as labelIn, type LabelKey } from './labels';
import { initialPairState, pairKeyAction, reducePair, type PairState } from './state/pair-reducer';
import { fit, fitLine, type Line, type Span } from './text';
import { THEME } from './theme';
import type { ScreenSize } from './components/screen';

export interface PairAppProps {
  report: PairReport;
  /** Names of the two inputs, for the title bar. */
  sources: { client: string; server: string };
  initial?: PairState;
  size?: ScreenSize;
  onState?: (s: PairState) => void;
}

const PAIR_HELP: ReadonlyArray<readonly [string, LabelKey]> = [
  ['↑/↓  j/k  PgUp/PgDn', 'help.move'],
  ['g / G', 'help.home-end'],
  ['Tab ]  /  Shift-Tab [', 'help.pair-next'],
  ['r', 'help.numbering'],
  ['l', 'help.lang'],
  ['?  Esc', 'help.help'],
  ['q  Ctrl-C', 'help.quit'],
];

/** The whole pair screen as styled lines (title, timeline or help, status). */
export function pairScreen(report: PairReport, sources: { client: string; server: string }, s: PairState, size: ScreenSize): Line[] {
  const label = (k: LabelKey): string => labelIn(s.lang, k);
  const { width, height } = size;
  const p = report.pairs[s.pair];
  const title: Span[] = [{ text: ' tcplain ', color: 'black', backgroundColor: 'cyan', bold: true }, { text: ` ${sources.client} ⇄ ${sources.server}` }];
  if (p) title.push({ text: `   ${label('pair.title')} ${s.pair + 1}/${report.pairs.length}: ${p.client.conn} ⇄ ${p.server.conn}`, color: 'cyan' });
  const lines: Line[] = [fitLine(title, width)];
  const body = height - 2;
  if (s.help) {
    lines.push(fitLine([{ text: label('help.title'), color: THEME.title, bold: true }], width));
    for (const [k, what] of PAIR_HELP) lines.push(fitLine([{ text: `  ${fit(k, 24)}`, bold: true }, { text: label(what) }], width));
  } else if (p) {
    lines.push(...pairLines(p, { width, height: body, lang: s.lang, numbering: s.numbering, cursor: s.cursor, label }));
  } else {
    lines.push(fitLine([{ text: `  ${label('pair.none')}`, color: THEME.dim }], width));
  }
  while (lines.length < height - 1) lines.push(fitLine([], width));
  const unpaired = report.unpaired.length;
  const status: Span[] = [
    { text: ` ${report.pairs.length} ${label('pair.title')} · ${unpaired} ${label('pair.unpaired')} · ${s.numbering === 'relative' ? 'rel' : 'abs'} · ${s.lang}` },
  ];
  const help = ` ${label('status.help')} `;
  lines.push([...fitLine(status, Math.max(0, width - help.length)), { text: help, color: THEME.dim }]);
  return lines.slice(0, height);
}

export function PairApp(props: PairAppProps): React.JSX.Element {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [term, setTerm] = useState<ScreenSize>({ width: stdout.columns || 80, height: stdout.rows || 24 });
  useLayoutEffect(() => {
    if (props.size) return;
    const onResize = (): void => setTerm({ width: stdout.columns || 80, height: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  const size = props.size ?? term;
  const [state, setState] = useState<PairState>(props.initial ?? initialPairState());
  const lengths = props.report.pairs.map((p) => p.timeline.length);
  useInput((input, key) => {
    const keys = !key.ctrl && !key.meta && input.length > 1 ? Array.from(input) : [input];
    setState((s) => keys.reduce((cur, k) => {
      const a = pairKeyAction(k, key, Math.max(1, size.height - 14));
      return a ? reducePair(cur, a, { lengths, page: size.height }) : cur;
    }, s));
  });
  useLayoutEffect(() => {
    props.onState?.(state);
    if (state.quit) exit();
  }, [state]);
  const lines = pairScreen(props.report, props.sources, state, size);
  return (
    <Box flexDirection="column" width={size.width}>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate">
          {l.map((s, j) => (
            <Text key={j} color={s.color} backgroundColor={s.backgroundColor} bold={s.bold} dimColor={s.dim} inverse={s.inverse} underline={s.underline}>
              {s.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
