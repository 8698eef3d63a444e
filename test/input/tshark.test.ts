// tshark's one-line summaries are recognised in src/input (Shape.Tshark) and kept as `meta` records of kind `tshark`,
// never taken for tcpdump packets. Lines are `tshark -r samples/handshake-close/client.pcap` (default and `-t ad`).

import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import { Shape, lineShape } from '../../src/input/line-shape';
import { annotateText } from '../../src/report';

const TSHARK = [
  '    1   0.000000    192.0.2.2 → 198.51.100.2 TCP 74 40001 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=1842952086 TSecr=0 WS=1024',
  '    2   0.000052 198.51.100.2 → 192.0.2.2    TCP 74 80 → 40001 [SYN, ACK] Seq=0 Ack=1 Win=65160 Len=0 MSS=1460 SACK_PERM TSval=3195439506 TSecr=1842952086 WS=1024',
  '    4 2026-11-21 11:19:38.814163    192.0.2.2 → 198.51.100.2 HTTP 152 GET / HTTP/1.1 ',
  '12 0.000067 192.0.2.2 -> 198.51.100.2 TCP 66 40001 -> 80 [ACK] Seq=1 Ack=1 Win=64512 Len=0',
];
// tcpdump lines that start with a number too (`-#`, `-tt`, `-ttt`) stay what they were.
const TCPDUMP = [
  '    1  11:19:38.763609 IP 192.0.2.2.40001 > 198.51.100.2.80: Flags [S], seq 3201954478, win 64240, length 0',
  '1795000000.763609 IP 192.0.2.2.40001 > 198.51.100.2.80: Flags [S], seq 3201954478, win 64240, length 0',
  ' 00:00:00.000052 IP 198.51.100.2.80 > 192.0.2.2.40001: Flags [S.], seq 245189806, ack 3201954479, win 65160, length 0',
];

describe('tshark summary lines', () => {
  it('have their own shape; tcpdump lines do not take it', () => {
    for (const l of TSHARK) expect(lineShape(l)).toBe(Shape.Tshark);
    expect(TCPDUMP.map(lineShape)).toEqual([Shape.Stamped, Shape.Stamped, Shape.Stamped]);
  });

  it('become meta records of kind tshark, one per line, raw kept', () => {
    const recs = parseRecords(recordsFromText(TSHARK.join('\n')));
    expect(recs.map((r) => [r.kind, r.kind === 'meta' ? r.meta : null, r.line])).toEqual([
      ['meta', 'tshark', 1],
      ['meta', 'tshark', 2],
      ['meta', 'tshark', 3],
      ['meta', 'tshark', 4],
    ]);
    expect(recs[2].raw).toBe(TSHARK[2]);
  });

  it('the first one says what to run instead (en, zh-CN), the next ones say so briefly', () => {
    const en = annotateText(TSHARK.slice(0, 2).join('\n'), { lang: 'en' }).flatMap((i) => (i.kind === 'record' ? i.notes.map((n) => n.text) : []));
    expect(en).toEqual([
      "tshark's one-line summary, not tcpdump's text: tcplain does not analyse it. Give tcplain the capture file itself (it runs tcpdump for you), or run tcpdump -r FILE -nn -tttt -v -S | tcplain.",
      "tshark's summary again: not analysed (see the first such line).",
    ]);
    const zh = annotateText(TSHARK.slice(0, 2).join('\n'), { lang: 'zh-CN' }).flatMap((i) => (i.kind === 'record' ? i.notes.map((n) => n.text) : []));
    expect(zh[0]).toBe('tshark 的单行摘要，不是 tcpdump 的文本输出：tcplain 不分析它。请把抓包文件本身交给 tcplain（它会替你运行 tcpdump），或运行 tcpdump -r FILE -nn -tttt -v -S | tcplain。');
    expect(zh[1]).toBe('tshark 的摘要行：不分析（见第一条这样的行）。');
  });
});
