// One side of a TCP/UDP conversation as tcpdump printed it, with the port resolved to a number when possible.

export interface Endpoint {
  /** Address or host name exactly as printed (IPv4, IPv6, `::ffff:a.b.c.d`, `VM_0_9_centos`, `local_IP`). */
  host: string;
  /** Port number: printed digits, or a service name mapped through the IANA registry; null when unknown or absent. */
  port: number | null;
  /** The service name when tcpdump printed one instead of digits (`http`, `a3-sdunode`), else null. */
  service: string | null;
}

/** `host:port` for IPv4/names, `[v6]:port` for IPv6, host alone without a port. */
export function endpointKey(e: Endpoint): string {
  const port = e.port ?? e.service;
  if (port === null) return e.host;
  return e.host.includes(':') ? `[${e.host}]:${port}` : `${e.host}:${port}`;
}

/** The same endpoint: host text and port (the service name when no port is known). */
export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.host === b.host && a.port === b.port && (a.port !== null || a.service === b.service);
}
