// One capture's segments grouped by connection and direction, the unit the matcher compares.

import type { ConnectionVerdict, FlowDir } from '../model';
import type { CaptureSegment, CaptureView } from './capture-view';

/** The segments of one connection in capture order, split by direction. */
export interface ConnectionSegments {
  verdict: ConnectionVerdict;
  all: CaptureSegment[];
  byDir: Record<FlowDir, CaptureSegment[]>;
}

/** Groups a view's segments by connection, in the order the connections first appear. */
export function connectionsOf(view: CaptureView): ConnectionSegments[] {
  const byConn = new Map<string, ConnectionSegments>();
  const verdictOf = new Map(view.verdicts.map((v) => [v.conn, v]));
  for (const s of view.segments) {
    let c = byConn.get(s.a.conn);
    if (!c) {
      const verdict = verdictOf.get(s.a.conn);
      if (!verdict) continue;
      c = { verdict, all: [], byDir: { c2s: [], s2c: [] } };
      byConn.set(s.a.conn, c);
    }
    c.all.push(s);
    c.byDir[s.a.dir].push(s);
  }
  return [...byConn.values()];
}
