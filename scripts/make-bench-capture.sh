#!/usr/bin/env bash
# Makes the large benchmark capture bench-data/big.pcap and its `tcpdump -n` text bench-data/big-n.txt (about 1M packets) in throw-away network namespaces.
#
# Usage (as root):  bash scripts/make-bench-capture.sh      (npm run bench:data)
# Knobs (environment): CONNS (30000 short HTTP-like connections), REFUSED (2000
# connects to a closed port), BULK (4 bulk transfers, half up, half down),
# BULK_BYTES (each, default 240 MB), CONCURRENCY (64), LIMIT_S (240: hard
# limit for the traffic phase). bench-data/ is git-ignored.
#
# Topology: client ns 192.0.2.2 <-veth-> server ns 198.51.100.2, directly
# connected (each side has an on-link route to the other /24; no default
# route). Only TEST-NET addresses; everything is deleted on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${OUT:-$ROOT/bench-data}
PY=${PYTHON:-python3}
PEER="$ROOT/scripts/peers/bench_peer.py"
CONNS=${CONNS:-30000} REFUSED=${REFUSED:-2000} BULK=${BULK:-4}
BULK_BYTES=${BULK_BYTES:-240000000} CONCURRENCY=${CONCURRENCY:-64} LIMIT_S=${LIMIT_S:-240}
TAG="tpb$$"
NS_C="${TAG}-client" NS_S="${TAG}-server"
PIDS=()

die() { echo "make-bench-capture: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (network namespaces, tcpdump)"
for tool in ip tcpdump timeout ss; do command -v "$tool" >/dev/null || die "missing $tool"; done

cleanup() {
  local pid ns
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && wait "$pid" 2>/dev/null || true; done
  for ns in "$NS_C" "$NS_S"; do ip netns del "$ns" 2>/dev/null || true; done
  ip link del "${TAG}c" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(date +%s)
mkdir -p "$OUT"
rm -f "$OUT/big.pcap" "$OUT/big-n.txt"

ip netns add "$NS_C"; ip netns add "$NS_S"
ip link add "${TAG}c" type veth peer name "${TAG}s"
ip link set "${TAG}c" netns "$NS_C"; ip -n "$NS_C" link set "${TAG}c" name eth0
ip link set "${TAG}s" netns "$NS_S"; ip -n "$NS_S" link set "${TAG}s" name eth0
ip -n "$NS_C" link set eth0 address 02:00:00:00:02:02
ip -n "$NS_S" link set eth0 address 02:00:00:00:64:02
ip -n "$NS_C" addr add 192.0.2.2/24 dev eth0
ip -n "$NS_S" addr add 198.51.100.2/24 dev eth0
for ns in "$NS_C" "$NS_S"; do
  ip -n "$ns" link set lo up; ip -n "$ns" link set eth0 up
  # Segments no larger than the MSS, as on a real wire.
  command -v ethtool >/dev/null && ip netns exec "$ns" ethtool -K eth0 tso off gso off gro off >/dev/null 2>&1 || true
done
ip -n "$NS_C" route add 198.51.100.0/24 dev eth0
ip -n "$NS_S" route add 192.0.2.0/24 dev eth0
# Tens of thousands of client connections: a wide port range and reuse of
# TIME_WAIT ports for new outgoing connects (RFC 6191 style, Linux tcp_tw_reuse).
ip netns exec "$NS_C" sysctl -qw net.ipv4.ip_local_port_range="10000 65000" net.ipv4.tcp_tw_reuse=1
ip netns exec "$NS_S" sysctl -qw net.core.somaxconn=4096 net.ipv4.tcp_max_syn_backlog=4096

ip netns exec "$NS_C" tcpdump -i eth0 -Z root -B 262144 -s 96 -w "$OUT/big.pcap" tcp 2>"$OUT/tcpdump.log" &
PIDS+=("$!"); cap_pid=$!
for i in $(seq 1 50); do grep -q "listening on" "$OUT/tcpdump.log" && break; sleep 0.1; done
grep -q "listening on" "$OUT/tcpdump.log" || die "tcpdump did not start: $(cat "$OUT/tcpdump.log")"

ip netns exec "$NS_S" timeout $((LIMIT_S + 20)) "$PY" "$PEER" server --bind 198.51.100.2 2>"$OUT/server.log" &
PIDS+=("$!"); srv_pid=$!
for i in $(seq 1 50); do ip netns exec "$NS_S" ss -Htln "sport = :80" | grep -q . && break; sleep 0.1; done

echo "traffic: $CONNS connections, $REFUSED refused, $BULK bulk x $BULK_BYTES bytes (limit ${LIMIT_S}s)"
ip netns exec "$NS_C" timeout "$LIMIT_S" "$PY" "$PEER" client --connect 198.51.100.2 --conns "$CONNS" \
  --refused "$REFUSED" --bulk "$BULK" --bulk-bytes "$BULK_BYTES" --concurrency "$CONCURRENCY" || \
  echo "client ended with status $? (timeout or error); keeping what was captured"
sleep 1
kill -INT "$cap_pid" 2>/dev/null || true
wait "$cap_pid" 2>/dev/null || true
kill "$srv_pid" 2>/dev/null || true
wait "$srv_pid" 2>/dev/null || true
grep -E "captured|dropped" "$OUT/tcpdump.log" | sed 's/^/tcpdump: /'

# TZ set: tcpdump then does not re-read /etc/localtime for every packet.
TZ=UTC tcpdump -r "$OUT/big.pcap" -n >"$OUT/big-n.txt" 2>/dev/null
packets=$(wc -l <"$OUT/big-n.txt")
echo "made $OUT/big.pcap ($(du -h "$OUT/big.pcap" | cut -f1)) and $OUT/big-n.txt ($(du -h "$OUT/big-n.txt" | cut -f1), $packets lines) in $(( $(date +%s) - started )) s"
rm -f "$OUT/tcpdump.log" "$OUT/server.log"
