#!/usr/bin/env python3
"""A middlebox that forges TCP resets, run in the router namespace by scripts/capture-samples.sh (python3 stdlib only).

Usage:
    inject.py rst-to-server --client ADDR:PORT --server ADDR:PORT
    inject.py rst-both      --client ADDR:PORT --server ADDR:PORT [--after N]

It watches the router's interfaces with an AF_PACKET socket (which sees every
received frame before netfilter, so also the ones an iptables rule drops) and
sends hand-made IPv4/TCP segments through a raw socket (IPPROTO_RAW implies
IP_HDRINCL: the source address is the spoofed end's, not the router's).

rst-to-server: on the client's first data segment (the request), send the
    SERVER a RST "from the client" with seq = that segment's seq (= the
    server's RCV.NXT, an exact match, so RFC 5961 3.2 accepts it at once).
rst-both: after N data segments from the server, on the client's ACK that
    covers them, send the CLIENT a RST "from the server" with seq = that
    ACK's ack (the client's RCV.NXT) and the SERVER a RST "from the client"
    with seq = that ACK's seq (the server's RCV.NXT). Both are exact matches.

The forged segments carry no TCP options (the ends' own segments carry
timestamps), IP TTL 64 from the router itself (one hop closer to each end
than the real peer) and no DF bit; their IP id is left 0 in the header we
build, so the kernel picks one (raw_send_hdrinc -> ip_select_ident). Every
wait has a deadline; the script prints one line per forged segment to stderr.
"""
import argparse
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


def log(msg):
    sys.stderr.write("inject: %s\n" % msg)
    sys.stderr.flush()


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def tcp_segment(src, dst, sport, dport, seq, ack, flags, win):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, win, 0, 0)
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, socket.IPPROTO_TCP, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp)) + tcp[18:]
    # version/IHL, TOS, total length, id 0 (kernel fills), no DF, TTL 64, TCP, checksum (kernel fills)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0, 64, socket.IPPROTO_TCP, 0,
                     socket.inet_aton(src), socket.inet_aton(dst))
    return ip + tcp


def parse(frame):
    """Ethernet/IPv4/TCP frame -> dict, or None."""
    if len(frame) < 14 + 20 + 20 or frame[12:14] != b"\x08\x00":
        return None
    ip = frame[14:]
    ihl = (ip[0] & 0x0F) * 4
    total = struct.unpack("!H", ip[2:4])[0]
    if ip[9] != socket.IPPROTO_TCP:
        return None
    tcp = ip[ihl:total]
    sport, dport, seq, ack, off, flags = struct.unpack("!HHIIBB", tcp[:14])
    return {
        "src": socket.inet_ntoa(ip[12:16]), "dst": socket.inet_ntoa(ip[16:20]),
        "sport": sport, "dport": dport, "seq": seq, "ack": ack, "flags": flags,
        "len": len(tcp) - (off >> 4) * 4,
    }


def packets(deadline):
    sniff = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    sniff.settimeout(0.2)
    log("ready")
    while time.time() < deadline:
        try:
            frame, addr = sniff.recvfrom(65535)
        except socket.timeout:
            continue
        if addr[2] == PACKET_OUTGOING:  # see each frame once, as it arrives
            continue
        p = parse(frame)
        if p:
            p["ifname"] = addr[0]
            yield p
    log("deadline passed, nothing forged")


def send(raw, seg, what):
    raw.sendto(seg, (socket.inet_ntoa(seg[16:20]), 0))
    log(what)


def endpoint(text):
    addr, port = text.rsplit(":", 1)
    return addr, int(port)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["rst-to-server", "rst-both"])
    p.add_argument("--client", required=True, type=endpoint)
    p.add_argument("--server", required=True, type=endpoint)
    p.add_argument("--after", type=int, default=4, help="rst-both: server data segments to let through")
    p.add_argument("--deadline", type=float, default=20.0)
    args = p.parse_args()
    (caddr, cport), (saddr, sport) = args.client, args.server
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    from_client = lambda q: (q["src"], q["sport"], q["dst"], q["dport"]) == (caddr, cport, saddr, sport)
    from_server = lambda q: (q["src"], q["sport"], q["dst"], q["dport"]) == (saddr, sport, caddr, cport)

    if args.mode == "rst-to-server":
        for q in packets(time.time() + args.deadline):
            if from_client(q) and q["len"] > 0 and not q["flags"] & (SYN | RST):
                send(raw, tcp_segment(caddr, saddr, cport, sport, q["seq"], 0, RST, 0),
                     "request seq %d ack %d seen on %s; sent the server RST seq %d from %s.%d"
                     % (q["seq"], q["ack"], q["ifname"], q["seq"], caddr, cport))
                return
        return

    data_seen, covered = 0, None
    for q in packets(time.time() + args.deadline):
        if covered is None and from_server(q) and q["len"] > 0:
            data_seen += 1
            if data_seen == args.after:
                covered = (q["seq"] + q["len"]) & 0xFFFFFFFF
        elif covered is not None and from_client(q) and q["flags"] & ACK and not q["flags"] & RST \
                and ((q["ack"] - covered) & 0xFFFFFFFF) < 0x80000000:
            send(raw, tcp_segment(saddr, caddr, sport, cport, q["ack"], 0, RST, 0),
                 "client ACK seq %d ack %d seen; sent the client RST seq %d from %s.%d"
                 % (q["seq"], q["ack"], q["ack"], saddr, sport))
            send(raw, tcp_segment(caddr, saddr, cport, sport, q["seq"], 0, RST, 0),
                 "sent the server RST seq %d from %s.%d" % (q["seq"], caddr, cport))
            return


if __name__ == "__main__":
    main()
