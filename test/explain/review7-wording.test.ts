// Sentences review 7 found wrong, misleading or loose, asserted exactly in both languages on real captures.

import { describe, expect, it } from 'vitest';
import { pairCaptures } from '../../src/correlate';
import { formatPairReportText } from '../../src/report/format-pair';
import { sampleText, viewOf } from '../correlate/helpers';

const pairText = (s: string, lang: 'en' | 'zh-CN') => formatPairReportText(pairCaptures(viewOf(sampleText(s, 'client')), viewOf(sampleText(s, 'server'))), lang);

describe('W1 nat-forged-rst pair: only the missing client copy and the TTL prove forgery; IP ID 0 and no TSopt are weak', () => {
  it('en', () => {
    expect(pairText('nat-forged-rst', 'en')).toContain(
      "- The RST the server received (line 23) was never sent by the client: it was forged on the path. Evidence: it is not in the client capture; its TTL was 64 (0 hops from its sender) while the peer's real packets arrived with TTL 63 (1 hop): it came from another place. Its IP ID 0 and missing timestamp option fit a netfilter REJECT but prove nothing alone: a kernel's own no-connection RST has both (like the server's own RST on line 27); RFC 7323 §3.2 does not require TSopt on a RST.\n",
    );
  });
  it('zh-CN', () => {
    expect(pairText('nat-forged-rst', 'zh-CN')).toContain(
      '- 服务端收到的 RST（第 23 行）客户端从未发送过：它是在途中伪造的。证据：客户端抓包里没有它；它的 TTL 是 64（距发送者 0 跳），而对端真实报文到达时 TTL 是 63（1 跳）：它来自别处。IP ID 为 0、没有时间戳选项，与 netfilter 的 REJECT 相符，但单凭这些不能证明伪造：内核自己发出的无连接复位也是如此（如第 27 行服务端自己发出的 RST；RFC 7323 §3.2 并不要求 RST 携带时间戳选项）。\n',
    );
  });
});
