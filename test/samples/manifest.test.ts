// Checks that samples/MANIFEST and the sample folders agree, and that each text file looks like the tcpdump flags it claims.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const samplesDir = fileURLToPath(new URL('../../samples/', import.meta.url));

interface ManifestEntry {
  file: string;
  flags: string[];
  description: string;
}

function readManifest(): ManifestEntry[] {
  const text = readFileSync(path.join(samplesDir, 'MANIFEST'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const fields = line.split('\t');
      return { file: fields[0], flags: (fields[1] ?? '').split(' ').filter(Boolean), description: fields[2] ?? '' };
    });
}

// samples/*/expected.* are golden files owned by the report stage, not renders.
function renderedTextFiles(): string[] {
  const files: string[] = [];
  for (const scenario of readdirSync(samplesDir)) {
    const dir = path.join(samplesDir, scenario);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.txt') && !name.startsWith('expected.')) files.push(`${scenario}/${name}`);
    }
  }
  return files.sort();
}

// A packet's first line starts at column 0, or with the right-aligned -# number
// ("    1  "), or with the sign column of -ttt/-ttttt (" 00:00:00.000052");
// continuation lines start with TAB or 4 spaces ("    192.0.2.2.40001 > ...").
// (-A payload lines also start at column 0; only first lines are relied on.)
// A live capture (live.txt, stderr merged) adds tcpdump's banner and ^C statistics.
const liveChatter = /^(tcpdump: |listening on |\d+ packets? (captured|received by filter|dropped by kernel)$)/;

function isPacketLine(line: string): boolean {
  if (line === '' || line.startsWith('\t') || liveChatter.test(line)) return false;
  if (!line.startsWith(' ')) return true;
  return /^ *\d+ {2}/.test(line) || /^ \d{2}:\d{2}:\d{2}\./.test(line);
}

function packetLines(file: string): string[] {
  return readFileSync(path.join(samplesDir, file), 'utf8').split('\n').filter(isPacketLine);
}

const entries = readManifest();
const hasFlag = (e: ManifestEntry, flag: string) => e.flags.includes(flag);
const numeric = (e: ManifestEntry) => hasFlag(e, '-n') || hasFlag(e, '-nn');

function timestampPattern(e: ManifestEntry): string {
  const frac = hasFlag(e, '--nano') ? '\\d{9}' : '\\d{6}';
  const hms = `\\d{2}:\\d{2}:\\d{2}\\.${frac} `;
  if (hasFlag(e, '-t')) return '';
  if (hasFlag(e, '-tt')) return `\\d{10}\\.${frac} `;
  if (hasFlag(e, '-ttt') || hasFlag(e, '-ttttt')) return ` ${hms}`;
  if (hasFlag(e, '-tttt')) return `\\d{4}-\\d{2}-\\d{2} ${hms}`;
  return hms;
}

describe('samples/MANIFEST', () => {
  it('has three tab-separated fields per entry, each with flags and a description', () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(e.file, e.file).toMatch(/^[a-z0-9-]+\/[A-Za-z0-9-]+\.txt$/);
      expect(e.flags.length, e.file).toBeGreaterThan(0);
      expect(e.description.length, e.file).toBeGreaterThan(10);
    }
  });

  it('lists files that exist, are not empty, and a pcap sits next to each', () => {
    for (const e of entries) {
      const full = path.join(samplesDir, e.file);
      expect(existsSync(full), e.file).toBe(true);
      expect(packetLines(e.file).length, e.file).toBeGreaterThan(0);
      const pcaps = readdirSync(path.dirname(full)).filter((n) => n.endsWith('.pcap'));
      const base = path.basename(e.file);
      expect(pcaps, e.file).toContain(base.startsWith('server') ? 'server.pcap' : base.startsWith('any') ? 'any.pcap' : 'client.pcap');
    }
  });

  it('lists every rendered text file exactly once', () => {
    const listed = entries.map((e) => e.file).sort();
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toEqual(renderedTextFiles());
  });
});

describe.each(entries)('$file', (e) => {
  const lines = packetLines(e.file);
  const first = lines[0];

  // tcpdump's -#, -t..-ttttt and --nano prefixes (print.c, ts_format/ts_date_hmsfrac_format).
  const prefix = new RegExp('^' + (hasFlag(e, '-#') ? ' *1  ' : '') + timestampPattern(e));

  it('first packet line starts with the number and timestamp style of its flags', () => {
    expect(first).toMatch(prefix);
  });

  if (hasFlag(e, '-l')) {
    it('is a live capture: banner first, statistics last, none dropped', () => {
      const raw = readFileSync(path.join(samplesDir, e.file), 'utf8').trimEnd().split('\n');
      expect(raw[0]).toBe('tcpdump: verbose output suppressed, use -v[v]... for full protocol decode');
      expect(raw[1]).toMatch(/^listening on eth0, link-type EN10MB \(Ethernet\), snapshot length \d+ bytes$/);
      expect(raw.at(-3)).toBe(`${lines.length} packets captured`);
      expect(raw.at(-1)).toBe('0 packets dropped by kernel');
    });
  }

  it('shows the link layer its capture and flags imply', () => {
    const afterPrefix = first.replace(prefix, '');
    if (path.basename(e.file).startsWith('any')) {
      expect(afterPrefix).toMatch(hasFlag(e, '-e') ? /^eth0 {2}(Out|In ) ifindex \d+ 02:00:00:00:/ : /^eth0 {2}(Out|In ) IP6? /);
    } else if (path.basename(e.file).startsWith('router')) {
      // The router's -i any capture (SLL2), printed with its own interface names (router.ifaces): the client's SYN in on eth0.
      expect(afterPrefix).toMatch(hasFlag(e, '-v') ? /^eth0 {2}In {2}IP \(/ : /^eth0 {2}In {2}IP \d/);
    } else if (hasFlag(e, '-e')) expect(afterPrefix).toMatch(/^02:00:00:00:[0-9a-f]{2}:[0-9a-f]{2} /);
    else if (hasFlag(e, '-v') || hasFlag(e, '-vv')) expect(afterPrefix).toMatch(/^IP6? \(/);
    else expect(afterPrefix).toMatch(/^IP6? \d/);
  });

  it('names port 80 as http exactly when -n is absent', () => {
    const text = lines.join('\n');
    if (!/[.](80|http)[: ]/.test(text)) return;
    if (numeric(e)) expect(text).not.toMatch(/\.http[: ]/);
    else expect(text).toMatch(/\.http[: ]/);
  });

  it('has a hex dump after the first line exactly when -x, -X or -XX is given', () => {
    const raw = readFileSync(path.join(samplesDir, e.file), 'utf8').split('\n');
    const hex = hasFlag(e, '-X') || hasFlag(e, '-x') || hasFlag(e, '-XX');
    expect(raw[1]?.startsWith('\t0x0000:  ') ?? false).toBe(hex);
  });

  it('is quiet (tcp N, no Flags) exactly when -q is given', () => {
    const text = readFileSync(path.join(samplesDir, e.file), 'utf8');
    expect(text.includes('Flags [')).toBe(!hasFlag(e, '-q'));
    if (hasFlag(e, '-q')) expect(first).toMatch(/: tcp \d+$/);
  });

  it('prints absolute acks exactly when -S is given', () => {
    // Without -S tcpdump prints acks relative to the peer's ISN (print-tcp.c,
    // tcp_seq_hash); the first pure ACK after a handshake then says "ack 1".
    const ackLine = lines.find((l) => /Flags \[\.\], ack \d+/.test(l));
    if (ackLine === undefined) return;
    const ack = Number(/Flags \[\.\], ack (\d+)/.exec(ackLine)![1]);
    if (hasFlag(e, '-S')) expect(ack).toBeGreaterThan(100_000);
    else expect(ack).toBeLessThan(100_000);
  });
});
