// The churn input of `npm run bench -- --stage churn`: an endless stream of random TCP connections in `tcpdump -n`
// text (4.99 style), half of them a SYN that is never answered, the other half a whole short exchange (handshake, one
// request, one answer, four-way close). Many connections are in progress at once and their packets interleave.
// `resetShare` (the bench's `--churn-resets S`, default 0) ends that share of connections with a RST instead: an
// unanswered SYN refused (RST+ACK, as a closed port answers), an answered exchange aborted by the server after its
// answer (RST+ACK). Each such connection's verdict waits its reset grace (5 s of capture time, up to 4096 at once).
// Synthetic by design: a kernel will not produce an endless flood of fresh 4-tuples on demand, and the stage measures
// memory under churn, not any analysis. Client addresses come from TEST-NET-1/-3, the server from TEST-NET-2.

/** A deterministic 32-bit generator (mulberry32), so two runs feed the same text. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad2 = (n) => (n < 10 ? '0' : '') + n;
function clock(us) {
  const s = Math.floor(us / 1e6);
  const frac = String(us % 1e6).padStart(6, '0');
  return `${pad2(Math.floor(s / 3600) % 24)}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}.${frac}`;
}

/**
 * Returns `next(maxLines)`: the next lines of the stream joined with '\n' (a trailing one included). `inFlight`
 * connections progress at once; each line advances the capture clock by 20 µs (50,000 packets per capture second).
 */
export function churnStream({ seed = 1, inFlight = 256, unansweredShare = 0.5, resetShare = 0 } = {}) {
  const rand = rng(seed);
  let us = 12 * 3600 * 1e6;
  let serial = 0;
  const fresh = () => {
    serial++;
    const net = rand() < 0.5 ? '192.0.2' : '203.0.113';
    return {
      client: `${net}.${1 + Math.floor(rand() * 254)}.${1024 + Math.floor(rand() * 64000)}`,
      server: `198.51.100.${1 + Math.floor(rand() * 254)}.${rand() < 0.5 ? 80 : 443}`,
      isnC: Math.floor(rand() * 4294967295),
      isnS: Math.floor(rand() * 4294967295),
      ts: Math.floor(rand() * 4000000000),
      unanswered: rand() < unansweredShare,
      reset: rand() < resetShare,
      step: 0,
    };
  };
  const live = Array.from({ length: inFlight }, fresh);
  function lineOf(c) {
    const t = clock(us);
    const cs = `IP ${c.client} > ${c.server}:`;
    const sc = `IP ${c.server} > ${c.client}:`;
    if (c.reset && c.unanswered && c.step === 1) return `${t} ${sc} Flags [R.], seq 0, ack ${(c.isnC + 1) % 4294967296}, win 0, length 0`;
    if (c.reset && c.step === 5) return `${t} ${sc} Flags [R.], seq 1201, ack 101, win 509, length 0`;
    switch (c.step) {
      case 0:
        return `${t} ${cs} Flags [S], seq ${c.isnC}, win 64240, options [mss 1460,sackOK,TS val ${c.ts} ecr 0,nop,wscale 7], length 0`;
      case 1:
        return `${t} ${sc} Flags [S.], seq ${c.isnS}, ack ${(c.isnC + 1) % 4294967296}, win 65160, options [mss 1460,sackOK,TS val ${c.ts + 7} ecr ${c.ts},nop,wscale 7], length 0`;
      case 2:
        return `${t} ${cs} Flags [.], ack 1, win 502, options [nop,nop,TS val ${c.ts + 1} ecr ${c.ts + 7}], length 0`;
      case 3:
        return `${t} ${cs} Flags [P.], seq 1:101, ack 1, win 502, options [nop,nop,TS val ${c.ts + 1} ecr ${c.ts + 7}], length 100`;
      case 4:
        return `${t} ${sc} Flags [P.], seq 1:1201, ack 101, win 509, options [nop,nop,TS val ${c.ts + 8} ecr ${c.ts + 1}], length 1200`;
      case 5:
        return `${t} ${cs} Flags [F.], seq 101, ack 1201, win 501, options [nop,nop,TS val ${c.ts + 2} ecr ${c.ts + 8}], length 0`;
      case 6:
        return `${t} ${sc} Flags [F.], seq 1201, ack 102, win 509, options [nop,nop,TS val ${c.ts + 9} ecr ${c.ts + 2}], length 0`;
      default:
        return `${t} ${cs} Flags [.], ack 1202, win 501, options [nop,nop,TS val ${c.ts + 3} ecr ${c.ts + 9}], length 0`;
    }
  }
  return {
    /** Connections started so far. */
    get started() {
      return serial;
    },
    next(maxLines) {
      let text = '';
      for (let n = 0; n < maxLines; n++) {
        const i = Math.floor(rand() * live.length);
        const c = live[i];
        text += lineOf(c) + '\n';
        us += 20;
        c.step++;
        if ((c.unanswered && c.step === (c.reset ? 2 : 1)) || (c.reset && c.step === 6) || c.step === 8) live[i] = fresh();
      }
      return text;
    },
  };
}
