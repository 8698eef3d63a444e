// English words of the command line itself: --help (commands, options, examples), errors and status lines on stderr.

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const cliEn = {
  /** yargs' own strings (Commands:, Options:, Unknown argument ...): its y18n locale. */
  yargsLocale: 'en',
  usage: "$0 [FILE...]\n\nReads tcpdump's text output and explains it in plain language.",
  tryHelp: "Try 'tcplain --help' for more information.",
  help: {
    helpOption: 'Show help',
    versionOption: 'Show version number',
    lang: 'language of the explanations (default from LC_ALL / LC_MESSAGES / LANG)',
    langShort: 'language (default from LC_ALL / LC_MESSAGES / LANG)',
    color: 'colour the text output: --color=always, --color=never, or --color=auto (on a terminal; FORCE_COLOR and NO_COLOR are honoured); --color alone means always, --no-color never',
    epilogue:
      'Exit status: 0 success; 1 unexpected failure; 2 usage error, unreadable input or a failed tcpdump; 128+N stopped by signal N (130 Ctrl-C), after printing the verdicts of the connections still open.',
    explain: {
      describe: 'Explain tcpdump text output line by line (files, or stdin when none or "-")',
      files: 'tcpdump text files, or pcap/pcapng captures (read through tcpdump; gzip-compressed too); "-" or none reads stdin',
      format: 'text (annotated), json (JSON Lines, schema v2: codes and numbers) or markdown (a handout with a diagram); default: the interactive viewer on a terminal, text otherwise',
      seq: 'sequence numbers quoted in the notes',
      notes: 'with --format json: add the explanations in the chosen language (notes on records; headline, summary, next step, what the application saw on connections)',
      redact: 'replace addresses, host names, MACs and payload with consistent stand-ins, to share a capture publicly',
      step: "step through the capture one segment at a time, with the ladder and both ends' states (text without a terminal)",
      quiz: 'predict-the-next-packet quiz on this capture (with --format markdown: questions and an answer key)',
      conn: 'only this connection (c1, c2, ...; with several files NAME#c1 or c1 of each); with --step/--quiz the one to teach on',
      seed: 'with --quiz: the same seed asks the same questions',
      maxLines: 'interactive viewer: records kept in its history (default 50000); older ones are dropped from the view',
      maxOpen: 'connections tracked open at once (default 10000, about 50 MB); beyond it the one idle longest ends with its verdict as it stands',
      filter: 'pcap files only: a tcpdump filter expression, in one quoted word (e.g. "port 80"), passed to tcpdump',
      count: 'stop after N packets (text too; a pcap file is read with tcpdump -c N)',
      examples: [
        ['tcpdump -l -n -i eth0 port 80 | $0', 'explain a live capture'],
        ['$0 --only problems --severity warn+ capture.txt', 'only the lines with findings, of connections that went wrong'],
        ['$0 --lang zh capture.txt', 'explain a saved text capture in Chinese'],
        ["$0 capture.pcap --filter 'port 80' -c 100", 'a pcap file: tcplain runs tcpdump -r for you'],
        ['$0 --format json capture.txt | jq .', 'JSON Lines for scripts'],
      ],
    },
    select: {
      host: 'only connections with this address (or host name, as tcpdump printed it) at either end; a comma list for several',
      port: 'only connections with this port at either end; a comma list for several',
      verdict: `only connections with this verdict code (a comma list): normal-close, refused, no-answer, reset-by-server, reset-by-client, idle-reset, keepalive-timeout, reset-no-connection, reset-forged, half-closed, open, incomplete`,
      severity: 'only connections at this severity or above: ok, notice, warn, error (warn+ and warn mean the same)',
      only: 'problems: explain prints only the lines with a finding of severity note or above, and the verdicts; summary only the connections above ok',
      from: 'show the packets printed at or after this time, HH:MM:SS[.frac] (time of day) or "YYYY-MM-DD HH:MM:SS[.frac]"; the others are still tracked (ids and verdicts stay the whole capture\'s); summary: the connections with such a packet',
      to: 'show the packets printed at or before this time (same forms and rules as --from)',
      failOn: 'exit status 1 when a connection shown reaches this severity (warn: warn or error; error), else 0; 2 stays usage and input errors',
    },
    summary: {
      describe: 'One row per connection (endpoints, time, packets and bytes, RTT, losses, verdict, Zeek conn_state and history), then every finding kind with its count',
      files: 'tcpdump text files, or pcap/pcapng captures (read through tcpdump); "-" or none reads stdin',
      format: 'text (a table that fits the terminal; piped output is never cut), json (JSON Lines), csv or markdown',
      sort: 'row order: start (default, earliest first), severity (worst first), bytes (most first), duration (longest first)',
      examples: [
        ['$0 summary capture.txt', 'which connections went wrong, and where to look'],
        ['$0 summary --sort severity --severity warn+ capture.pcap', 'only the connections with trouble, worst first'],
        ['$0 summary --fail-on error capture.txt || alert', 'exit status 1 when a connection failed (CI, cron)'],
        ['$0 summary --format csv a.txt b.txt > conns.csv', 'for a spreadsheet; ids are a.txt#c1, b.txt#c1'],
      ],
    },
    pair: {
      describe: 'Pair a client-side and a server-side capture of the same connections (across NAT): what was lost, forged or rewritten on the path',
      client: 'tcpdump text (or a pcap file) captured at (or near) the client; "-" reads stdin',
      server: 'tcpdump text (or a pcap file) captured at (or near) the server; "-" reads stdin',
      format:
        'text (one merged timeline per connection), json (JSON Lines: kind "pair" / "unpaired") or markdown (an issue-ready report with a Mermaid sequence diagram); default: the interactive pair view on a terminal, text otherwise',
      redact: 'replace addresses, host names, MACs and payload with consistent stand-ins on both sides',
      window: 'seconds of capture time a connection closed on one side waits for its twin on the other (default 300)',
      failOn:
        "exit status 1 when a pair's verdict, or the verdict of either of its two connections, reaches this severity (warn: warn or error; error), else 0; a connection found in one capture only does not count; 2 stays usage and input errors",
      filter: 'pcap files only: a tcpdump filter expression applied to both captures',
      examples: [
        ['$0 pair client.txt server.txt', 'what happened between the two ends'],
        ['tcpdump -l -n -tttt -i eth0 port 8888 | $0 pair - server.txt', 'pair a live client capture with a saved server one'],
        ['$0 pair --format json client.txt server.txt | jq .verdict', 'one verdict per connection'],
        ['$0 pair --fail-on error client.txt server.txt || alert', 'exit status 1 when a segment was forged on the path or a connection failed'],
      ],
    },
    diagram: {
      describe: 'Draw a connection as a ladder diagram (Mermaid, SVG, text) or write a Markdown handout',
      file: 'tcpdump text file (or a pcap file); "-" reads stdin',
      conn: 'connection id (c1, c2, ... or capture.txt#c1; default: the first)',
      format: 'mermaid, svg (standalone), text, or markdown (handout: verdicts, diagrams, annotated log)',
      seq: 'sequence numbers on the arrows',
      redact: 'replace addresses, host names, MACs and payload with consistent stand-ins',
      pair: 'server-side capture of the same traffic: FILE is the client side; draws client, path and server (mermaid, svg or text)',
      rows: 'input lines to draw, A..B (A.. or ..B leave an end open); default: a connection longer than 60 segments is drawn as its first and last 30 in svg and mermaid, and 1.. draws all (up to 2000)',
      title: 'heading of the SVG and Mermaid diagram or the Markdown handout (default: the connection, or the file name)',
      legend: 'draw the legend under an SVG (--no-legend leaves it out)',
      examples: [
        ['$0 diagram capture.txt > ladder.mmd', 'Mermaid sequenceDiagram of the first connection'],
        ['$0 diagram capture.txt --conn c2 --format svg > c2.svg', 'a standalone SVG ladder'],
        ['$0 diagram client.txt --pair server.txt', 'one connection seen from both ends: lost and forged segments at the path'],
        ['$0 diagram client.txt --pair server.txt --format svg > pair.svg', 'the same as a standalone SVG with three lanes'],
        ['$0 diagram capture.txt --format markdown --redact --lang zh > handout.md', 'a handout safe to paste into a ticket'],
        ['$0 diagram capture.txt --format svg --rows 8..10 --title "Teardown" > close.svg', 'only input lines 8 to 10, with a heading'],
      ],
    },
    lesson: {
      describe: 'Built-in TCP lessons on real captures: step through segment by segment, or predict the next packet (quiz)',
      name: 'lesson to open: a built-in lesson, or a teacher\'s lesson file (.md, see docs/lessons.md); without it: the list',
      vote: 'with --quiz: class vote (the options are shown, the answer is revealed on Enter)',
      quiz: 'ask what the next segment will be before showing it',
      format: 'auto: the viewer on a terminal, else text; text; markdown (a handout: a section per step, or the quiz with its answer key); slides (Marp Markdown, one step a slide with its ladder so far)',
      seed: 'quiz seed (same seed, same questions)',
      max: 'quiz questions at most',
      examples: [
        ['$0 lesson', 'list the lessons'],
        ['$0 lesson handshake', 'step through the three-way handshake'],
        ['$0 lesson four-way-close --quiz --format markdown > quiz.md', 'a quiz with its answer key, for paper'],
        ['$0 lesson samples/handshake-close/close-lesson.md', 'a teacher\'s own lesson on a capture'],
        ['$0 lesson four-way-close --format slides > close.md', 'slides for Marp or reveal.js, one step a slide'],
      ],
    },
    cmd: {
      describe: 'Explain a tcpdump command line: each option, the filter expression, and likely mistakes',
      line: 'the tcpdump command, quoted (or after --); "-" reads it from stdin',
      format: 'text, or json (parsed options and the filter AST)',
      for: 'also suggest the capture recipe for a task: pair (both ends of a connection), live (piped into tcplain)',
      examples: [
        ['$0 cmd "tcpdump -n -S -i eth0 host www.baidu.com"', 'explain each option and the filter'],
        ['$0 cmd --for pair "tcpdump -i eth0 port 8888"', 'the commands to capture both ends for tcplain pair'],
        ["$0 cmd -- tcpdump -nn 'tcp[tcpflags] & tcp-syn != 0'", 'no outer quotes needed after --'],
        ["$0 cmd -- tcpdump -nn 'host 192.0.2.1 and (port 80 or port 443)'", 'the quoting is kept as the shell passed it'],
      ],
    },
    completion: 'Print a bash completion script (add `source <(tcplain completion)` to ~/.bashrc; zsh: after autoload bashcompinit && bashcompinit)',
  },
  errors: {
    cannotWrite: (c: { detail: string }) => `cannot write the output: ${c.detail}; what was explained is lost`,
    stdoutClosed: 'standard output is closed (EBADF), so the output would be lost: redirect it to a file or a pipe (> /dev/null to discard it)',
    noInput: 'no input: give a FILE, or pipe tcpdump output in (tcpdump -l -n ... | tcplain)',
    noStdinForPair: "no input on stdin: pipe one capture in for '-'",
    cannotRead: (c: { path: string; why: 'missing' | 'denied' | 'directory' | 'other'; detail: string }) =>
      `cannot read '${c.path}': ${c.why === 'missing' ? 'no such file' : c.why === 'denied' ? 'permission denied' : c.why === 'directory' ? 'is a directory' : c.detail}`,
    maxLines: '--max-lines takes a whole number above 0',
    maxOpen: '--max-open takes a whole number above 0',
    count: '--count takes a whole number above 0',
    badPort: (c: { value: string }) => `--port takes port numbers from 0 to 65535, not '${c.value}'`,
    badVerdict: (c: { value: string; known: string }) => `unknown verdict '${c.value}' (one of: ${c.known})`,
    badSeverity: (c: { value: string }) => `unknown severity '${c.value}' (one of: ok, notice, warn, error, each with an optional +)`,
    badOnly: (c: { value: string }) => `--only takes 'problems', not '${c.value}'`,
    badTime: (c: { option: string; value: string }) =>
      `${c.option} takes a time as tcpdump prints it: HH:MM:SS[.frac] or "YYYY-MM-DD HH:MM:SS[.frac]", not '${c.value}'`,
    timeOrder: (c: { from: string; to: string }) => `--from ${c.from} is after --to ${c.to}: no packet can be in between`,
    badConn: (c: { value: string }) => `--conn takes a connection id such as c3 (or NAME#c3 with several files), not '${c.value}'`,
    emptyHost: '--host takes an address or a host name',
    stepSelect: '--host, --port, --verdict, --severity, --only, --from, --to and --fail-on apply to the explanation and the summary, not to --step or --quiz',
    stepOneCapture: '--step and --quiz take one capture',
    stepNoJson: '--step and --quiz have no JSON form; use --format text or markdown',
    quizNoSlides: 'a quiz has no slides form; use --format markdown (the questions with the answer key)',
    window: '--window takes a number of seconds above 0',
    pairOneStdin: "only one of CLIENT and SERVER can be '-' (stdin)",
    captureOnly: (c: { name: string }) =>
      `--filter applies to pcap files, and '${c.name}' is text: tcpdump already chose its packets (filter them when you capture, or give tcplain the pcap)`,
    noCommandLine: 'no command line: give one in quotes, e.g. tcplain cmd "tcpdump -nn -i eth0 port 80"',
    noConnection: (c: { file: string }) => `no TCP connection in '${c.file}'`,
    noSuchConn: (c: { conn: string; known: string }) => `no connection '${c.conn}' (there are: ${c.known})`,
    pairFormats: '--pair draws --format mermaid, svg or text',
    badRows: (c: { text: string }) => `--rows '${c.text}' is not a range of input lines: write A..B, A.. or ..B (A and B whole numbers from 1, A ≤ B)`,
    noRows: (c: { conn: string; range: string; first: number; last: number }) =>
      `connection ${c.conn} has no segment on input lines ${c.range} (its segments are on lines ${c.first} to ${c.last})`,
    diagramOneStdin: "only one of FILE and --pair can be '-' (stdin)",
    noPairMatch: (c: { client: string; server: string }) => `no connection of '${c.client}' matches one of '${c.server}'`,
    noSuchPair: (c: { conn: string; known: string }) => `no paired connection '${c.conn}' (there are: ${c.known})`,
    showing: (c: { count: number; paired: boolean; conn: string; choices: string }) =>
      `${plural(c.count, c.paired ? 'paired connection' : 'connection')}; showing ${c.conn} (choose with --conn ${c.choices})`,
    samplesMissing: 'the bundled captures (samples/) are not installed; set TCPLAIN_SAMPLES to their folder',
    noSegment: (c: { source: string; conn: string | null }) => `no TCP segment in '${c.source}'${c.conn ? ` for connection ${c.conn}` : ''}`,
    noQuestion: (c: { source: string }) => `no question can be asked about '${c.source}' (it needs at least two TCP segments)`,
    noViewer: (c: { reason: string }) => `${c.reason}; printing text instead`,
    markdownTooLarge: (c: { size: string }) =>
      `--format markdown holds every record to write the connections first, and stops past ${c.size} of input (this one is larger); --format text and json stream any size, or cut the capture first (tcpdump -r FILE -c N)`,
    filterTooComplex: 'the filter expression is past what tcplain reads (shown above); it was not checked',
    badFilter: (c: { count: number }) => `the filter expression has ${plural(c.count, 'error')} (shown above); tcpdump would refuse it`,
  },
  capture: {
    stdin: 'stdin',
    kind: (k: 'pcap' | 'pcapng' | 'gzip-pcap' | 'gzip-pcapng') =>
      ({ pcap: 'a pcap capture file', pcapng: 'a pcapng capture file', 'gzip-pcap': 'a gzip-compressed pcap file', 'gzip-pcapng': 'a gzip-compressed pcapng file' })[k],
    reading: (c: { name: string; kind: string; command: string }) => `'${c.name}' is ${c.kind}; reading it with: ${c.command}`,
    noTcpdump: (c: { name: string; kind: string; command: string }) =>
      `'${c.name}' is ${c.kind}, not text, and tcpdump is not on PATH: install tcpdump, or run where it is: ${c.command}`,
    failed: (c: { status: string; command: string }) => `tcpdump ended with ${c.status} (${c.command})`,
    status: (c: { code: number | null; signal: string | null }) => (c.signal ? `signal ${c.signal}` : `exit status ${c.code}`),
    tshark: (c: { name: string }) =>
      `'${c.name}' is tshark output; tcplain reads tcpdump's text: run tcpdump -r FILE -nn -tttt -v -S | tcplain, or give tcplain the pcap`,
  },
  paste: 'paste tcpdump output, then press Ctrl-D on an empty line (Ctrl-C to cancel)',
  summaryInterrupted: (c: { signal: string }) =>
    `stopped by ${c.signal === 'SIGINT' ? 'Ctrl-C (SIGINT)' : c.signal}: the summary covers the packets read until then`,
  interrupted: (c: { signal: string }) =>
    `stopped by ${c.signal === 'SIGINT' ? 'Ctrl-C (SIGINT)' : c.signal}: the verdicts below are for the connections still open when the capture stopped`,
};

export type CliWords = typeof cliEn;
