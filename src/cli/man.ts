// The man page (man/tcplain.1) made from the same help text `tcplain --help` prints, so the two never disagree.

import { Writable } from 'node:stream';
import { Readable } from 'node:stream';
import pkg from '../../package.json';
import type { CliIO } from './io';
import { runCli } from './run';

class Capture extends Writable {
  text = '';
  columns = 78;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

/** What `tcplain ARGS` prints on stdout (English, 78 columns). */
async function helpText(args: string[]): Promise<string> {
  const stdout = new Capture();
  const io: CliIO = { stdin: Readable.from([]), stdout, stderr: new Capture(), env: { LANG: 'C' } };
  await runCli(args, io);
  return stdout.text;
}

/** Text for a roff no-fill block: backslashes escaped, a leading `.` or `'` protected. */
function roffBlock(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => l.replace(/\\/g, '\\e').replace(/^([.'])/, '\\&$1'))
    .join('\n');
}

const COMMANDS = ['explain', 'summary', 'pair', 'diagram', 'lesson', 'cmd', 'completion'];

export async function manPage(): Promise<string> {
  const out: string[] = [
    `.TH TCPLAIN 1 "" "tcplain ${pkg.version}" "User Commands"`,
    '.SH NAME',
    "tcplain \\- reads tcpdump's text output and explains it in plain language",
    '.SH SYNOPSIS',
    '.nf',
    'tcplain [FILE...]',
    'tcplain COMMAND [OPTION...] [ARGUMENT...]',
    '.fi',
    '.SH DESCRIPTION',
    pkg.description.replace(/\\/g, '\\e'),
    '.PP',
    'The sections below are the output of',
    '.B tcplain --help',
    'and of',
    '.B tcplain',
    '.I COMMAND',
    '.BR --help .',
    '.SH OVERVIEW',
    '.nf',
    roffBlock(await helpText(['--help'])),
    '.fi',
  ];
  for (const cmd of COMMANDS) {
    out.push(`.SH COMMAND: ${cmd.toUpperCase()}`, '.nf', roffBlock(await helpText([cmd, '--help'])), '.fi');
  }
  out.push(
    '.SH ENVIRONMENT',
    '.TP',
    '.B LC_ALL, LC_MESSAGES, LANG',
    'The language of explanations, help and errors when --lang is not given (zh... for Simplified Chinese).',
    '.TP',
    '.B NO_COLOR, FORCE_COLOR',
    'Colour off (NO_COLOR set and not empty) or on (FORCE_COLOR, unless 0 or false) when --color is not given.',
    '.TP',
    '.B TERM',
    'TERM=dumb: no colour and no interactive viewer.',
    '.TP',
    '.B PATH',
    'Where tcpdump is looked for when a pcap, pcapng or gzip-compressed capture file is given.',
    '.SH SEE ALSO',
    '.BR tcpdump (1),',
    '.BR pcap-filter (7)',
    '',
  );
  return out.join('\n');
}
