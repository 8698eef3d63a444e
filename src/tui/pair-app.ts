// The Ink root of the pair view: one connection pair at a time on a merged timeline, keys to walk rows and pairs.

import type ReactModule from 'react';
import type { PairReport } from '../correlate';
import { pairLines } from './components/pair-lines';
import { label as labelIn, type LabelKey } from './labels';
import { initialPairState, pairKeyAction, reducePair, type PairState } from './state/pair-reducer';
import { fit, fitLine, type Line, type Span } from './text';
import { THEME } from './theme';
import type { ScreenSize } from './components/screen';
import { linesElement, type UiLibs } from './ui-libs';
import type { PairFeed } from './pair-feed';

export interface PairAppProps {
  /** The pairs so far; re-read whenever `feed.version` changes (at most `fps` times a second). */
  feed: PairFeed;
  /** Names of the two inputs, for the title bar. */
  sources: { client: string; server: string };
  initial?: PairState;
  size?: ScreenSize;
  onState?: (s: PairState) => void;
  /** Ctrl-Z (tui-entry.ts session). */
  onSuspend?: () => void;
}

const PAIR_HELP: ReadonlyArray<readonly [string, LabelKey]> = [
  ['↑/↓  j/k  PgUp/PgDn', 'help.move'],
  ['g / G', 'help.home-end'],
  ['Tab ]  /  Shift-Tab [', 'help.pair-next'],
  ['J / K', 'help.pair-evidence'],
  ['r', 'help.numbering'],
  ['l', 'help.lang'],
  ['?  Esc', 'help.help'],
  ['Ctrl-Z', 'help.suspend'],
  ['q  Ctrl-C', 'help.quit'],
];

/** The whole pair screen as styled lines (title, timeline or help, status). */
export function pairScreen(
  report: PairReport,
  sources: { client: string; server: string },
  s: PairState,
  size: ScreenSize,
  progress: { records: { client: number; server: number }; ended: boolean } | null = null,
): Line[] {
  const label = (k: LabelKey): string => labelIn(s.lang, k);
  const { width, height } = size;
  const p = report.pairs[s.pair];
  const title: Span[] = [{ text: ' tcplain ', color: 'black', backgroundColor: 'cyan', bold: true }, { text: ` ${sources.client} ⇄ ${sources.server}` }];
  if (p) title.push({ text: `   ${label('pair.title')} ${s.pair + 1}/${report.pairs.length}${label('punct.colon')}${p.client.conn} ⇄ ${p.server.conn}`, color: 'cyan' });
  const lines: Line[] = [fitLine(title, width)];
  const body = height - 2;
  if (s.help) {
    lines.push(fitLine([{ text: label('help.title'), color: THEME.title, bold: true }], width));
    for (const [k, what] of PAIR_HELP) lines.push(fitLine([{ text: `  ${fit(k, 24)}`, bold: true }, { text: label(what) }], width));
  } else if (p) {
    lines.push(...pairLines(p, { width, height: body, lang: s.lang, numbering: s.numbering, cursor: s.cursor, evidenceScroll: s.evidence, label }));
  } else {
    const none = progress && !progress.ended ? label('pair.reading') : label('pair.none');
    lines.push(fitLine([{ text: `  ${none}`, color: THEME.dim }], width));
  }
  while (lines.length < height - 1) lines.push(fitLine([], width));
  const unpaired = report.unpaired.length;
  const status: Span[] = [
    { text: ` ${report.pairs.length} ${label('pair.title')} · ${unpaired} ${label('pair.unpaired')} · ${label(s.numbering === 'relative' ? 'status.rel' : 'status.abs')} · ${s.lang}` },
  ];
  if (progress) {
    const n = (x: number): string => x.toLocaleString('en-US');
    status.push({ text: ` · ${n(progress.records.client)} + ${n(progress.records.server)} ${label('status.records')} · ${progress.ended ? label('status.ended') : label('status.reading')}`, color: THEME.dim });
  }
  const help = ` ${label('status.help')} `;
  lines.push([...fitLine(status, Math.max(0, width - help.length)), { text: help, color: THEME.dim }]);
  return lines.slice(0, height);
}

/** Builds the PairApp component over the given Ink and React (see ui-libs.ts). */
export function createPairApp(libs: UiLibs): (props: PairAppProps) => ReactModule.ReactElement {
  const { ink, React } = libs;
  const { useLayoutEffect, useState } = React;
  return function PairApp(props: PairAppProps): ReactModule.ReactElement {
    const { exit } = ink.useApp();
    const { stdout } = ink.useStdout();
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
    // Redraw when the feed moved on, at most 20 times a second.
    const [, setFrame] = useState(0);
    const seen = React.useRef(props.feed.version);
    React.useEffect(() => {
      const timer = setInterval(() => {
        if (props.feed.version !== seen.current) {
          seen.current = props.feed.version;
          setFrame((f) => f + 1);
        }
      }, 50);
      return () => clearInterval(timer);
    }, [props.feed]);
    ink.useInput((input, key) => {
      if (key.ctrl && input === 'z') {
        props.onSuspend?.();
        return;
      }
      const keys = !key.ctrl && !key.meta && input.length > 1 ? Array.from(input) : [input];
      const lengths = props.feed.report.pairs.map((p) => p.timeline.length);
      setState((s) =>
        keys.reduce((cur, k) => {
          const a = pairKeyAction(k, key, Math.max(1, size.height - 14));
          return a ? reducePair(cur, a, { lengths, page: size.height }) : cur;
        }, s),
      );
    });
    useLayoutEffect(() => {
      props.onState?.(state);
      if (state.quit) exit();
    }, [state]);
    const { report, records, ended } = props.feed;
    return linesElement(libs, pairScreen(report, props.sources, state, size, { records, ended }), size.width);
  };
}
