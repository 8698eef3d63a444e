import { describe, expect, it } from 'vitest';
import { explainCommand, formatCommandText, parseCommand } from '../../../src/explain/command/index';
import { cmdEn } from '../../../src/explain/locales/cmd-en';
import { cmdZhCN } from '../../../src/explain/locales/cmd-zh-CN';
import { OPTION_KEYS } from '../../../src/explain/command/tcpdump-options';
import { corpusText, seedFiles, seedText } from '../../helpers/fixtures';

const seedsText = seedFiles().map((f) => seedText(f)).join('\n');

/** The seeds' command lines, cut out of the pasted blog text exactly as written there. */
function seedLine(fragment: string): string {
  const line = seedsText.split('\n').find((l) => l.includes(fragment));
  if (!line) throw new Error(`seed line not found: ${fragment}`);
  const end = line.indexOf(fragment) + fragment.length;
  return line.slice(line.lastIndexOf('tcpdump', end - 1), end);
}

const summary = (line: string) => {
  const e = explainCommand(line, 'en');
  return {
    options: e.options.map((o) => [o.written, o.arg]),
    filter: e.filter ? { text: e.filter.text, readsAs: e.filter.readsAs, errors: e.filter.errors.map((x) => x.code), notes: e.filter.notes.map((x) => x.code) } : null,
    advice: e.advice.map((a) => a.code),
    problems: e.problems.map((p) => p.code),
  };
};

describe('seed command lines', () => {
  it('tcpdump host 131.87.110.XX -i eth0 (options after the expression, masked address)', () => {
    expect(summary(seedLine('host 131.87.110.XX -i eth0'))).toEqual({
      options: [['-i eth0', 'eth0']],
      filter: { text: 'host 131.87.110.XX', readsAs: 'host 131.87.110.XX', errors: [], notes: ['placeholder-address'] },
      advice: ['no-n'],
      problems: [],
    });
  });
  it('tcpdump -vvXe host 112.65.X.X (combined flags)', () => {
    expect(summary(seedLine('tcpdump -vvXe host 112.65.X.X'))).toEqual({
      options: [['-vv', null], ['-X', null], ['-e', null]],
      filter: { text: 'host 112.65.X.X', readsAs: 'host 112.65.X.X', errors: [], notes: ['placeholder-address'] },
      advice: ['no-n', 'no-iface'],
      problems: [],
    });
    const vv = explainCommand('tcpdump -vvXe host 112.65.X.X', 'en').options[0];
    expect(vv).toMatchObject({ key: 'v', count: 2 });
  });
  it('tcpdump -i any -w out.pcap', () => {
    expect(summary(seedLine('tcpdump -i any -w out.pcap'))).toEqual({
      options: [['-i any', 'any'], ['-w out.pcap', 'out.pcap']],
      filter: null,
      advice: ['w-no-text', 'iface-any'],
      problems: [],
    });
  });
  it('tcpdump -i any host 8.8.8.8 -w out.pcap', () => {
    expect(summary(seedLine('tcpdump -i any host 8.8.8.8 -w out.pcap'))).toEqual({
      options: [['-i any', 'any'], ['-w out.pcap', 'out.pcap']],
      filter: { text: 'host 8.8.8.8', readsAs: 'host 8.8.8.8', errors: [], notes: [] },
      advice: ['w-no-text', 'iface-any'],
      problems: [],
    });
  });
  it('~ # tcpdump -n -S -i eth0 host www.baidu.com (prompt pasted along)', () => {
    const line = seedsText.split('\n').find((l) => l.startsWith('~ # tcpdump -n -S -i eth0 host www.baidu.com') && !l.includes('-w'))!;
    const e = explainCommand(line, 'en');
    expect(e.prompt).toBe('~ #');
    expect(summary(line)).toEqual({
      options: [['-n', null], ['-S', null], ['-i eth0', 'eth0']],
      filter: { text: 'host www.baidu.com', readsAs: 'host www.baidu.com', errors: [], notes: ['name-lookup'] },
      advice: [],
      problems: [],
    });
    // -S is often described as "absolute timestamps"; the explanation says what it really does.
    expect(e.options[1].text).toContain('absolute TCP sequence and ack numbers');
    expect(explainCommand(line, 'zh-CN').options[1].text).toContain('不是"绝对时间戳"');
  });
  it('tcpdump -n -S -i eth0 host www.baidu.com -w baidu.pcap: printing flags do nothing with -w', () => {
    const e = explainCommand(seedLine('host www.baidu.com -w baidu.pcap'), 'en');
    expect(e.advice.map((a) => a.code)).toEqual(['w-no-text']);
    expect(e.advice[0].text).toBe(
      '-w baidu.pcap saves raw packets and prints nothing per packet; -n -S only change printed text, so here they do nothing. To explain the capture, read it back as text: tcpdump -nn -tttt -S -r baidu.pcap | tcplain',
    );
  });
  it('tcpdump -r baidu.pcap', () => {
    expect(summary(seedLine('tcpdump -r baidu.pcap'))).toEqual({ options: [['-r baidu.pcap', 'baidu.pcap']], filter: null, advice: ['no-n'], problems: [] });
  });
  it('tcpdump -i eth0 port 8888: without -n, 8888 prints as ddi-tcp-1 (as in the seed output)', () => {
    const e = explainCommand(seedLine('# tcpdump -i eth0 port 8888').replace(/^.*# /, ''), 'en');
    expect(e.filter!.lines.map((l) => [l.source, l.text])).toEqual([['port 8888', 'TCP, UDP or SCTP packets to or from port 8888 (ddi-tcp-1)']]);
    expect(seedsText).toContain('VM_0_9_centos.ddi-tcp-1');
  });
  it('tcpdump host 210.27.48.2 / net 202.0.0.0 / port 23', () => {
    expect(explainCommand(seedLine('tcpdump host 210.27.48.2'), 'en').filter!.lines[0].text).toBe('packets to or from host 210.27.48.2');
    // The seed has a U+00A0 between tcpdump and net (copied from a web page): flagged, then read as meant.
    const netLine = seedLine('net 202.0.0.0');
    expect(netLine).toBe('tcpdump \u00a0net 202.0.0.0');
    expect(explainCommand(netLine, 'en').advice.map((a) => a.code)).toEqual(['odd-characters', 'no-n', 'no-iface']);
    const net = explainCommand(netLine, 'en').filter!;
    expect(net.text).toBe('net 202.0.0.0');
    expect(net.lines[0].text).toBe('packets to or from network 202.0.0.0 (/32)');
    expect(net.notes.map((n) => n.text)).toEqual([
      'a full dotted quad after "net" means mask /32, a single address: this matches only 202.0.0.0. For the whole network write net 202 or net 202.0.0.0/8.',
    ]);
    expect(explainCommand(seedLine('port 23'), 'en').filter!.lines[0].text).toBe('TCP, UDP or SCTP packets to or from port 23 (telnet)');
    expect(explainCommand(seedLine('port 23'), 'zh-CN').filter!.lines[0].text).toBe('进出端口 23（telnet）的 TCP、UDP 或 SCTP 包');
  });
});

describe('getopt rules (GNU getopt_long as tcpdump calls it)', () => {
  it.each([
    ['tcpdump -nnS', [['n', '-nn', 2, null], ['S', '-S', 1, null]]],
    ['tcpdump -ieth0 -s0', [['i', '-ieth0', 1, 'eth0'], ['s', '-s0', 1, '0']]],
    ['tcpdump -v -v -v', [['v', '-vvv', 3, null]]],
    ['tcpdump -tttt', [['t', '-tttt', 4, null]]],
    ['tcpdump --num --snapshot-length=96', [['#', '--number', 1, null], ['s', '--snapshot-length=96', 1, '96']]],
    ['tcpdump -c 100 -- -vv', [['c', '-c 100', 1, '100']]],
  ])('%s', (line, expected) => {
    expect(parseCommand(line).options.map((o) => [o.key, o.written.join(' '), o.count, o.arg])).toEqual(expected);
  });
  it('invalid option, missing argument, ambiguous long option', () => {
    expect(parseCommand('tcpdump -k -i').problems.map((p) => [p.code, p.text])).toEqual([
      ['invalid-option', '-k'],
      ['missing-argument', '-i'],
    ]);
    expect(parseCommand('tcpdump --list').problems.map((p) => p.code)).toEqual(['ambiguous-option']);
    expect(explainCommand('tcpdump -k', 'en').problems[0].text).toBe('tcpdump: invalid option -k');
  });
  it('not a tcpdump command', () => {
    expect(parseCommand('tshark -i eth0').problems.map((p) => [p.code, p.text])).toEqual([['not-tcpdump', 'tshark']]);
  });
  it('sudo and a pipe into tcplain', () => {
    const c = parseCommand("sudo tcpdump -l -nn -i eth0 'tcp port 80' | tcplain --lang zh");
    expect([c.privileged, c.pipeTo, c.filter!.text]).toEqual([true, ['tcplain'], 'tcp port 80']);
  });
});

describe('mistakes', () => {
  const codes = (line: string) => explainCommand(line, 'en').advice.map((a) => a.code);
  it('a pipe without -l', () => expect(codes('tcpdump -nn -i eth0 port 80 | tcplain')).toEqual(['pipe-no-l']));
  it('-l fixes it, -U too', () => {
    expect(codes('tcpdump -l -nn -i eth0 port 80 | tcplain')).toEqual([]);
    expect(codes('tcpdump -U -nn -i eth0 port 80 | tcplain')).toEqual([]);
  });
  it('-w - into tcplain is binary', () => expect(codes('tcpdump -nn -i eth0 -w - | tcplain')[0]).toBe('pipe-binary'));
  it('-w file with a pipe sends nothing', () => expect(codes('tcpdump -nn -i eth0 -w x.pcap | tcplain')[0]).toBe('pipe-empty'));
  it('unquoted > in a relation is a shell redirect', () => {
    const e = explainCommand('tcpdump -nn -i eth0 ip[2:2] > 576', 'en');
    expect(e.advice.map((a) => a.code)).toEqual(['shell-redirect', 'shell-glob']);
    expect(e.filter!.text).toBe('ip[2:2]');
    expect(e.filter!.errors.map((x) => [x.code, x.start])).toEqual([['syntax', 7]]);
  });
  it('unquoted >= splits the filter; a redirect into a file after a complete filter is fine', () => {
    expect(codes('tcpdump -nn -i eth0 ip[16] >= 224')).toEqual(['shell-redirect', 'shell-glob']);
    expect(codes('tcpdump -nn -i eth0 port 80 > capture')).toEqual([]);
  });
  it('an unquoted & ends the command (tcpdump(1) example typed without quotes)', () => {
    const e = explainCommand('tcpdump -nn -i eth0 ether[0] & 1 = 0 and ip[16] >= 224', 'en');
    expect(e.advice.map((a) => a.code)).toEqual(['shell-split', 'shell-glob']);
    expect(e.advice[0].text).toBe('the shell ends the tcpdump command at the unquoted "&" (and runs it in the background); "1 = 0 and ip[16] >= 224" then runs as a separate command. Quote the whole filter.');
  });
  it('unquoted parentheses', () => expect(codes('tcpdump -nn -i eth0 host a and (port 80 or port 443)')[0]).toBe('shell-parens'));
  it('escaped parentheses are fine (tcpdump(1) example)', () => {
    const e = explainCommand('tcpdump -nn -i eth0 host helios and \\( hot or ace \\)', 'en');
    expect(e.advice).toEqual([]);
    expect(e.filter!.readsAs).toBe('host helios and (host hot or host ace)');
  });
  it('-c small, -s small, -q, -t, -nn', () => {
    expect(codes('tcpdump -nn -i eth0 -c 3 -s 40 -q -t')).toEqual(['count-small', 'snaplen-small', 'quiet-loses', 'no-timestamps']);
  });
  it('-C without -w, -r with -i', () => {
    expect(codes('tcpdump -n -i eth0 -C 10')).toEqual(['needs-w']);
    expect(codes('tcpdump -n -r x.pcap -i eth0')).toEqual(['r-ignores-i']);
  });
  it('a $ prompt without sudo', () => expect(codes('user@box:~$ tcpdump -n -i eth0')).toEqual(['not-root']));
});

describe('filter errors point at the bad token', () => {
  it('caret under the second = in tcp[13] = = 2', () => {
    const text = formatCommandText(explainCommand("tcpdump -nn -i eth0 'tcp[13] = = 2'", 'en'));
    expect(text).toContain(['Filter', '  tcp[13] = = 2', '            ^', '  ✗ syntax error at "="'].join('\n'));
  });
  it('ip proto tcp needs \\tcp', () => {
    const e = explainCommand("tcpdump -nn -i eth0 'ip proto tcp'", 'zh-CN');
    expect(e.filter!.errors.map((x) => x.text)).toEqual(['“tcp”在这里是关键字；要写成 \\tcp（放在单引号里，shell 才会保留反斜杠）']);
  });
});

describe('TCP flag idioms', () => {
  const line = (f: string) => explainCommand(`tcpdump -nn -i eth0 '${f}'`, 'en').filter!.lines.map((l) => l.text);
  it.each([
    ['tcp[13] == 2', ['TCP packets whose only flags are SYN']],
    ['tcp[tcpflags] & (tcp-syn|tcp-fin) != 0', ['TCP packets with FIN or SYN set']],
    ['tcp[tcpflags] & (tcp-rst|tcp-ack) == (tcp-rst|tcp-ack)', ['TCP packets with all of RST, ACK set']],
    ['tcp[13] & 4 != 0', ['TCP packets with all of RST set']],
    ['ip[2:2] > 576', ['the 2 bytes at offset 2 of the IPv4 header (IP total length) is greater than 576']],
  ])('%s', (f, expected) => expect(line(f)).toEqual(expected));
});

describe('recipes', () => {
  it('--for pair carries over -i and the filter and lists what the command lacks', () => {
    const e = explainCommand('tcpdump -i eth0 port 8888', 'en', { recipe: 'pair' });
    expect(e.recipe!.steps.map((s) => s.command)).toEqual([
      'sudo tcpdump -l -nn -tttt -v -S -i eth0 port 8888 | tee client.txt',
      'sudo tcpdump -l -nn -tttt -v -S -i eth0 port 8888 | tee server.txt',
      'tcplain pair client.txt server.txt',
    ]);
    expect(e.recipe!.missing).toBe('your command lacks -l -nn -tttt -v -S for this');
  });
  it('quotes a filter that needs it', () => {
    const e = explainCommand("tcpdump -i eth0 'tcp[13] == 2'", 'en', { recipe: 'live' });
    expect(e.recipe!.steps[0].command).toBe("sudo tcpdump -l -nn -tttt -S -i eth0 'tcp[13] == 2' | tcplain");
  });
});

describe('catalogs', () => {
  it('every tcpdump option has words in both languages, different ones', () => {
    for (const k of OPTION_KEYS) {
      const en = cmdEn.option[k]({ count: 1, arg: 'X' });
      const zh = cmdZhCN.option[k]({ count: 1, arg: 'X' });
      expect(en.length, k).toBeGreaterThan(10);
      expect(zh, k).not.toBe(en);
    }
  });
  it('-t counts 1..5 each mean something else', () => {
    const texts = [1, 2, 3, 4, 5].map((count) => cmdEn.option.t({ count, arg: null }));
    expect(new Set(texts).size).toBe(5);
  });
  it('-nn says it is the same as -n since 3.9', () => {
    expect(cmdEn.option.n({ count: 2, arg: null })).toContain('-nn is the same as -n since tcpdump 3.9');
  });
});

describe('tcpdump test-suite command lines (test/fixtures/tcpdump-tests/index.tsv)', () => {
  const index = corpusText('index.tsv').trim().split('\n').slice(1);
  it('every flags column parses as tcpdump options without a problem; its filters parse without an error', () => {
    const filters: string[] = [];
    expect(index.length).toBeGreaterThan(100);
    for (const row of index) {
      const [name, , pcap, flags] = row.split('\t');
      // The upstream harness runs `tcpdump -# -n -r <pcap> -tttt <flags>`, SPECIAL_t meaning "no -tttt added".
      const special = flags.includes('SPECIAL_t');
      const line = `tcpdump -# -n -r ${pcap} ${special ? '' : '-tttt '}${flags.replace('SPECIAL_t', '')}`;
      const c = parseCommand(line);
      expect(c.problems, `${name}: ${line}`).toEqual([]);
      if (c.filter) {
        expect(c.filter.errors, `${name}: ${c.filter.text}`).toEqual([]);
        filters.push(c.filter.text);
      }
      expect(c.options.find((o) => o.key === 'r')?.arg).toBe(pcap);
    }
    expect(filters).toEqual(FILTERS_IN_INDEX);
  });
});

/** The filter expressions index.tsv's flags carry (after `--`), in file order. */
const FILTERS_IN_INDEX = ['geneve and tcp', 'geneve 0xb'];

describe('hostile input', () => {
  it('never throws: 1000 lines from a soup of tcpdump words, filter words, shell characters and Unicode', () => {
    const soup = ['tcpdump', 'sudo', '-nn', '-i', 'eth0', '-w', '-', '-r', 'x.pcap', '-vvXe', '--', '--num', '--snapshot-length=', 'host', 'net', 'port',
      'src', 'dst', 'or', 'and', 'not', '(', ')', '\\(', "'", '"', '|', '&', ';', '>', '<', '>>', 'tcp[13]', '&', '!=', '0', '10.0.0.1/33',
      '::1', 'ff:ff', 'proto', '\\tcp', 'portrange', '1-2', 'vlan', 'less', 'len', '-', '*', '[', ']', '\u00a0', '“', '中文', '$', '#', '~ #', '2>'];
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    for (let k = 0; k < 1000; k++) {
      const words = Array.from({ length: 1 + rand(12) }, () => soup[rand(soup.length)]);
      const line = (rand(3) === 0 ? '' : 'tcpdump ') + words.join(rand(4) === 0 ? '' : ' ');
      for (const lang of ['en', 'zh-CN'] as const) {
        expect(() => formatCommandText(explainCommand(line, lang, { recipe: 'pair' })), line).not.toThrow();
      }
    }
  });
});
