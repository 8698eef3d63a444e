// `tcplain pair CLIENT SERVER`: pair a client-side and a server-side capture of the same traffic, across NAT.

import { parseRecords } from '../../../grammar';
import { captureView, createPairStream, pairCaptures, PAIR_VERDICT_SEVERITY, reportableOffset, type ConnectionPair, type PairStreamEvent } from '../../correlate';
import type { Lang } from '../../explain';
import { CLI_WORDS, langFromEnv, parseLang } from '../../explain';
import { readRecords } from '../../input';
import { formatPairMarkdown } from '../../report/format-pair-markdown';
import { PAIR_CATALOGS, formatPairText, formatUnpairedText, pairJson, unpairedJson } from '../../report/format-pair';
import { createPieceSplitter, createRedactor } from '../../report/redact';
import { StringDecoder } from 'node:string_decoder';
import { escapeJsonControls, showControls } from '../../report/terminal-safe';
import { CliError, CliExit, writeOut, sayErr } from '../io';
import { openInput, type InputSource } from '../sources';
import type { CliIO } from '../io';
import { chooseOutputMode } from '../terminal';
import { failOnOf, fails, type FailOn } from '../selection';
import { Readable } from 'node:stream';

/** Characters per piece of a capture read for --redact (see src/report/redact.ts createPieceSplitter). */
const PIECE_CHARS = 16 << 20;

export interface PairArgs {
  client: string;
  server: string;
  lang: string | undefined;
  format: 'text' | 'json' | 'markdown' | undefined;
  window: number | undefined;
  redact: boolean | undefined;
  filter: string | undefined;
  failOn: string | undefined;
  io: CliIO;
}

/** --fail-on: the pair's verdict, or either side's connection verdict, reached that severity. */
const pairFails = (failOn: FailOn | null, p: ConnectionPair): boolean =>
  fails(failOn, PAIR_VERDICT_SEVERITY[p.verdict.code]) || fails(failOn, p.client.severity) || fails(failOn, p.server.severity);

/** A capture tcpdump could not read to its end: said on stderr after the output, and exit status 2. */
async function reportTcpdumpFailures(sources: InputSource[], io: CliIO): Promise<void> {
  let failed = false;
  for (const src of sources) {
    const failure = await src.finish();
    if (failure) {
      sayErr(io, `${failure}`);
      failed = true;
    }
  }
  if (failed) throw new CliExit(2);
}

export async function runPair(args: PairArgs): Promise<void> {
  const { io } = args;
  const lang: Lang = (args.lang ? parseLang(args.lang) : null) ?? langFromEnv(io.env);
  const json = args.format === 'json';
  // yargs hands a lone "-" positional over as "" (yargs-parser reads it as an empty short option).
  const clientName = args.client === '' ? '-' : String(args.client);
  const serverName = args.server === '' ? '-' : String(args.server);
  const w = CLI_WORDS[lang];
  if (args.window !== undefined && !(Number.isFinite(args.window) && args.window > 0)) throw new CliError(w.errors.window);
  if (clientName === '-' && serverName === '-') throw new CliError(w.errors.pairOneStdin);
  if ((clientName === '-' || serverName === '-') && io.stdin.isTTY) throw new CliError(w.errors.noStdinForPair, 2, false);
  const failOn = failOnOf(args.failOn);
  let tripped = false;
  const capture = { lang, filter: args.filter };
  const client = await openInput(clientName, io, capture);
  let server: InputSource;
  try {
    server = await openInput(serverName, io, capture);
  } catch (err) {
    await client.close();
    throw err;
  }
  if (args.redact) {
    // Both captures through one redactor, so a host keeps its stand-in on both sides and pairing is unchanged.
    const redactor = createRedactor();
    // Read as pieces cut between records, never one string (V8 stops at 512 MiB); the client side is redacted
    // whole before the server side, as with whole texts, so stand-ins are numbered the same.
    for (const src of [client, server]) {
      const split = createPieceSplitter(PIECE_CHARS);
      const decoder = new StringDecoder('utf8');
      const pieces: string[] = [];
      for await (const chunk of src.stream) pieces.push(...split.push(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer)));
      pieces.push(...split.push(decoder.end()), ...split.end());
      src.stream = Readable.from([...redactor.redactPieces(pieces)]);
    }
  }
  if (args.format === 'markdown') {
    // The report sums up all pairs at once (title, totals), so both inputs are read whole and paired in one go.
    try {
      const views = [];
      for (const src of [client, server]) {
        const recs = [];
        for await (const batch of readRecords(src.stream)) recs.push(...parseRecords(batch));
        views.push(captureView(recs));
      }
      const report = pairCaptures(views[0], views[1]);
      tripped = report.pairs.some((p) => pairFails(failOn, p));
      const md = formatPairMarkdown(report, lang, { clientClock: views[0].clock, sources: { client: clientName, server: serverName } });
      await writeOut(io.stdout, io.stdout.isTTY === true ? showControls(md) : md);
      await reportTcpdumpFailures([client, server], io);
    } finally {
      await Promise.all([client.close(), server.close()]);
    }
    if (tripped) throw new CliExit(1);
    return;
  }
  // --fail-on needs an exit status from the verdicts: text is printed instead of the viewer, as in explain.
  if (failOn === null && chooseOutputMode({ format: args.format, stdoutIsTTY: io.stdout.isTTY === true, env: io.env }) === 'tui') {
    try {
      const { runPairTui } = await import('../tui-entry');
      const result = await runPairTui({ client: client.stream, server: server.stream, sources: { client: clientName, server: serverName }, lang, stdout: io.stdout as NodeJS.WriteStream, fromStdin: client.name === '-' || server.name === '-' });
      if (result.kind === 'closed') return;
      sayErr(io, `${w.errors.noViewer({ reason: result.reason })}`);
    } catch (err) {
      await Promise.all([client.close(), server.close()]);
      throw err;
    }
  }
  const pairs = createPairStream({ windowSeconds: args.window });
  let nPairs = 0;
  let nClient = 0;
  let nServer = 0;
  const unpairedText: string[] = [];
  // Text quotes endpoints from the input: on a terminal their control characters are shown (JSON escapes its own).
  const safe = (s: string): string => (io.stdout.isTTY !== true ? s : json ? escapeJsonControls(s) : showControls(s));
  const render = (events: PairStreamEvent[]): string => {
    let out = '';
    for (const e of events) {
      if (e.kind === 'pair') {
        nPairs++;
        if (pairFails(failOn, e.pair)) tripped = true;
        out += json ? `${JSON.stringify(pairJson(e.pair, lang, { clientClock: pairs.clocks.client }))}\n` : `${formatPairText(e.pair, lang, { clientClock: pairs.clocks.client })}\n\n`;
      } else {
        if (e.unpaired.side === 'client') nClient++;
        else nServer++;
        if (json) out += `${JSON.stringify(unpairedJson(e.unpaired))}\n`;
        else unpairedText.push(formatUnpairedText(e.unpaired, lang));
      }
    }
    return out;
  };
  // Both inputs are read a batch at a time in turn, so a live pipe on one side paces the file on the other
  // and neither is read whole into memory (src/correlate/pair-stream.ts bounds what is held).
  const sides = [
    { side: 'client' as const, it: readRecords(client.stream)[Symbol.asyncIterator](), done: false },
    { side: 'server' as const, it: readRecords(server.stream)[Symbol.asyncIterator](), done: false },
  ];
  try {
    while (sides.some((s) => !s.done)) {
      for (const s of sides) {
        if (s.done) continue;
        const next = await s.it.next();
        if (next.done) {
          s.done = true;
          continue;
        }
        const events: PairStreamEvent[] = [];
        for (const rec of parseRecords(next.value)) events.push(...pairs.push(s.side, rec));
        await writeOut(io.stdout, safe(render(events)));
      }
    }
    let tail = render(pairs.finish());
    if (!json) {
      const c = PAIR_CATALOGS[lang];
      if (unpairedText.length) tail += `${unpairedText.join('\n')}\n\n`;
      tail += `${c.text.totals(nPairs, nClient, nServer)}\n`;
      if (pairs.clock) tail += `${c.text.offsetAll(reportableOffset(pairs.clock.offset, pairs.clocks), pairs.clock.rtt)}\n`;
    }
    await writeOut(io.stdout, safe(tail));
    await reportTcpdumpFailures([client, server], io);
  } finally {
    // Stop the readers before their files close, or a stream closed under a pending read rejects unhandled.
    await Promise.all(sides.filter((s) => !s.done).map((s) => s.it.return?.()));
    await Promise.all([client.close(), server.close()]);
  }
  // After the output and after exit status 2 (an unreadable capture wins), as in explain and summary.
  if (tripped) throw new CliExit(1);
}

// The command's definition (help, options) lives in specs.ts, which loads this module only to run it.
export { pairCommand } from './specs';
