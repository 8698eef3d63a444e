// Finds the processes writing into our standard input pipe (`tcpdump -l | tcplain`), so quitting the viewer can end them.

import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** Process group and session of a process, from /proc/PID/stat (the fields after the parenthesised command name). */
function groupOf(pid: string): { pgrp: number; session: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // state ppid pgrp session ...
    return { pgrp: Number(rest[2]), session: Number(rest[3]) };
  } catch {
    return null;
  }
}

function sessionOf(pid: string): number | null {
  return groupOf(pid)?.session ?? null;
}

/**
 * Whether Ctrl-Z can stop us: a job-control shell started our pipeline as its own process group (our parent is in
 * the same session but another group). Otherwise the group is orphaned, and the kernel discards SIGTSTP for it
 * (Linux get_signal: is_current_pgrp_orphaned): nobody could resume the job, so Ctrl-Z is ignored.
 */
export function canSuspend(): boolean {
  const self = groupOf('self');
  const parent = groupOf(String(process.ppid));
  if (!self || !parent) return false;
  return parent.session === self.session && parent.pgrp !== self.pgrp;
}

/**
 * Pids of the other processes in our terminal session that hold the write end of the pipe our stdin reads
 * (Linux /proc; elsewhere, or when stdin is not a pipe, none). Only the session is searched: a pipeline's
 * upstream is always in it, and nothing outside it is ever signalled.
 */
export function upstreamWriters(): number[] {
  let pipe: string;
  try {
    pipe = readlinkSync('/proc/self/fd/0');
  } catch {
    return [];
  }
  if (!pipe.startsWith('pipe:')) return [];
  const self = String(process.pid);
  const sid = sessionOf('self');
  if (sid === null) return [];
  const out: number[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || pid === self || sessionOf(pid) !== sid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) !== pipe) continue;
        // fdinfo `flags:` is octal; access mode 1 = O_WRONLY, 2 = O_RDWR.
        const flags = /flags:\s*([0-7]+)/.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'));
        if (flags && (parseInt(flags[1], 8) & 3) !== 0) {
          out.push(Number(pid));
          break;
        }
      } catch {
        // the process or descriptor went away meanwhile
      }
    }
  }
  return out;
}

/**
 * Ends the upstream of a pipeline once the viewer quit: each writer gets SIGPIPE now, which is what its next write
 * into the closed pipe would bring; a quiet producer (`tcpdump -l` on an idle interface) would otherwise never
 * write again, and the shell would wait for it with no prompt. A writer we may not signal (`sudo tcpdump`, EPERM)
 * still ends on its next write. Returns the pids signalled.
 */
export function endUpstream(): number[] {
  const done: number[] = [];
  for (const pid of upstreamWriters()) {
    try {
      process.kill(pid, 'SIGPIPE');
      done.push(pid);
    } catch {
      // EPERM (another user's process) or ESRCH (already gone)
    }
  }
  return done;
}
