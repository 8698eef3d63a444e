// One verdict per connection pair, naming where the fault lies: the first cross-side finding by severity of consequence.

import type { CorrFinding, PairVerdict, PairVerdictCode } from './findings';

type Rule = { code: PairVerdictCode; when: (f: CorrFinding) => boolean };

/** In PAIR_VERDICT_CODES order: a forged RST ends the connection, loss stalls it, rewrites only shape it. */
const RULES: Rule[] = [
  { code: 'corr.rst-injected', when: (f) => f.code === 'corr.rst_not_sent_by_peer' },
  { code: 'corr.injected', when: (f) => f.code === 'corr.injected' },
  { code: 'corr.lost-in-path', when: (f) => f.code === 'corr.lost_in_path' },
  { code: 'corr.seq-rewritten', when: (f) => f.code === 'corr.seq_rewritten' },
  { code: 'corr.options-stripped', when: (f) => f.code === 'corr.option_stripped' },
  { code: 'corr.wscale-rewritten', when: (f) => f.code === 'corr.wscale_rewritten' },
  { code: 'corr.mss-clamped', when: (f) => f.code === 'corr.mss_rewritten' },
  { code: 'corr.window-rewritten', when: (f) => f.code === 'corr.window_rewritten' },
  { code: 'corr.duplicated', when: (f) => f.code === 'corr.duplicated_in_path' },
  { code: 'corr.nat', when: (f) => f.code === 'corr.nat' && f.kind !== 'name' },
];

const countOf = (f: CorrFinding): number => ('count' in f ? f.count : 1);

/**
 * `unjudged`: segments seen on one side only in a rendering that cannot tell what they were (-q). When nothing
 * worse was found they decide the verdict: "nothing was lost or forged" would be more than the input shows.
 */
export function pairVerdict(findings: readonly CorrFinding[], unjudged = 0): PairVerdict {
  for (const r of RULES) {
    if (r.code === 'corr.nat' && unjudged > 0) return { code: 'corr.not-judged', dir: null, count: unjudged, finding: null };
    const hits = findings.filter(r.when);
    if (hits.length === 0) continue;
    // The largest run speaks for the verdict ("the last 3 keep-alive replies"), the count covers all.
    const main = hits.reduce((a, b) => (countOf(b) > countOf(a) ? b : a));
    return {
      code: r.code,
      dir: 'dir' in main ? main.dir : null,
      count: hits.reduce((n, f) => n + countOf(f), 0),
      finding: main,
    };
  }
  if (unjudged > 0) return { code: 'corr.not-judged', dir: null, count: unjudged, finding: null };
  return { code: 'corr.clean', dir: null, count: 0, finding: null };
}
