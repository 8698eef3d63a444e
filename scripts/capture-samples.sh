#!/usr/bin/env bash
# Captures every sample scenario in throw-away network namespaces and renders samples/<scenario>/*.txt plus samples/MANIFEST.
#
# Usage (as root):  bash scripts/capture-samples.sh [SCENARIO ...]   (no argument: all scenarios)
#                   RENDER_ONLY=1 bash scripts/capture-samples.sh [SCENARIO ...]   (re-render the kept pcaps)
#
# Topology (fresh for every scenario, torn down afterwards, even on failure):
#
#   client ns                router ns                          server ns
#   eth0 192.0.2.2/24  ----  eth0 192.0.2.1     eth1 198.51.100.1  ----  eth0 198.51.100.2/24
#        2001:db8:1::2/64         2001:db8:1::1      2001:db8:2::1         2001:db8:2::2/64
#
# Only TEST-NET-1/2 and 2001:db8::/32 addresses of namespaces made here are
# used; no namespace has a default route, so nothing can leave. Renders run
# in a separate empty namespace whose /etc/netns/<ns>/resolv.conf points DNS
# at its own 127.0.0.1, so name look-ups (renders without -n) fail at once.
# The client captures on its eth0 (and once on "any"), the server on its eth0;
# drops, blackholes, MSS clamping, forged resets and source NAT are iptables
# rules in the router namespace. Offloads (TSO/GSO/GRO, tx checksum) are off
# so segment lengths and checksums in the text are what a wire would carry.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${OUT:-$ROOT/samples}
PEER="$ROOT/scripts/peers/peer.py"
INJECT="$ROOT/scripts/peers/inject.py"
PY=${PYTHON:-python3}
TAG="tpl$$"
NS_C="${TAG}-client" NS_R="${TAG}-router" NS_S="${TAG}-server"
PIDS=()

die() { echo "capture-samples: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (network namespaces, iptables, tcpdump)"
for tool in ip iptables ip6tables tcpdump ss timeout; do
  command -v "$tool" >/dev/null || die "missing $tool (apt-get install -y tcpdump iptables iproute2 coreutils)"
done
command -v "$PY" >/dev/null || die "missing $PY"

cleanup() {
  local pid ns
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  PIDS=()
  # Deleting a namespace deletes its veth ends and its iptables rules.
  for ns in "$NS_C" "$NS_R" "$NS_S"; do
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "/etc/netns/$ns"
  done
  if [ -n "${WORK_DIR:-}" ]; then rm -rf "$WORK_DIR"; fi
  if [ -n "${RENDER_NS:-}" ]; then ip netns del "$RENDER_NS" 2>/dev/null || true; rm -rf "/etc/netns/$RENDER_NS"; fi
  rmdir /etc/netns 2>/dev/null || true # only if empty (we may have created it)
  ip link del "${TAG}c" 2>/dev/null || true
  ip link del "${TAG}s" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

inc() { ip netns exec "$NS_C" "$@"; }
inr() { ip netns exec "$NS_R" "$@"; }
ins() { ip netns exec "$NS_S" "$@"; }

no_offloads() { # ns dev
  if command -v ethtool >/dev/null; then
    ip netns exec "$1" ethtool -K "$2" tso off gso off gro off tx off >/dev/null 2>&1 || true
  fi
}

topo_up() {
  local ns
  for ns in "$NS_C" "$NS_R" "$NS_S"; do
    ip netns add "$ns"
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
      net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0
    ip -n "$ns" link set lo up
  done

  ip link add "${TAG}c" type veth peer name "${TAG}cr"
  ip link add "${TAG}s" type veth peer name "${TAG}sr"
  ip link set "${TAG}c" netns "$NS_C"; ip -n "$NS_C" link set "${TAG}c" name eth0
  ip link set "${TAG}cr" netns "$NS_R"; ip -n "$NS_R" link set "${TAG}cr" name eth0
  ip link set "${TAG}sr" netns "$NS_R"; ip -n "$NS_R" link set "${TAG}sr" name eth1
  ip link set "${TAG}s" netns "$NS_S"; ip -n "$NS_S" link set "${TAG}s" name eth0

  # Fixed, locally administered MACs so -e renders are the same every run.
  ip -n "$NS_C" link set eth0 address 02:00:00:00:02:02
  ip -n "$NS_R" link set eth0 address 02:00:00:00:02:01
  ip -n "$NS_R" link set eth1 address 02:00:00:00:64:01
  ip -n "$NS_S" link set eth0 address 02:00:00:00:64:02

  ip -n "$NS_C" addr add 192.0.2.2/24 dev eth0
  ip -n "$NS_C" addr add 2001:db8:1::2/64 dev eth0 nodad
  ip -n "$NS_R" addr add 192.0.2.1/24 dev eth0
  ip -n "$NS_R" addr add 2001:db8:1::1/64 dev eth0 nodad
  ip -n "$NS_R" addr add 198.51.100.1/24 dev eth1
  ip -n "$NS_R" addr add 2001:db8:2::1/64 dev eth1 nodad
  ip -n "$NS_S" addr add 198.51.100.2/24 dev eth0
  ip -n "$NS_S" addr add 2001:db8:2::2/64 dev eth0 nodad
  ip -n "$NS_C" link set eth0 up; ip -n "$NS_R" link set eth0 up
  ip -n "$NS_R" link set eth1 up; ip -n "$NS_S" link set eth0 up
  no_offloads "$NS_C" eth0; no_offloads "$NS_R" eth0; no_offloads "$NS_R" eth1; no_offloads "$NS_S" eth0

  # Routes only to the other test network: no default route anywhere.
  ip -n "$NS_C" route add 198.51.100.0/24 via 192.0.2.1
  ip -n "$NS_C" -6 route add 2001:db8:2::/64 via 2001:db8:1::1
  ip -n "$NS_S" route add 192.0.2.0/24 via 198.51.100.1
  ip -n "$NS_S" -6 route add 2001:db8:1::/64 via 2001:db8:2::1
  inr sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
}

topo_down() { cleanup; }

start_capture() { # ns iface pcap
  local log="$3.log" i
  # -U --immediate-mode: every packet is written as it comes; -B 8192: an 8 MiB kernel buffer, so a burst on
  # both router interfaces (-i any sees each forwarded packet twice) is not dropped; stopped with SIGINT.
  ip netns exec "$1" tcpdump -i "$2" -Z root --immediate-mode -U -B 8192 -s 0 -w "$3" tcp 2>"$log" &
  PIDS+=("$!")
  for i in $(seq 1 50); do
    grep -q "listening on" "$log" 2>/dev/null && return 0
    sleep 0.1
  done
  die "tcpdump on $1/$2 did not start: $(cat "$log")"
}

stop_captures() {
  local pid
  for pid in "${CAPTURE_PIDS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
  for pid in "${CAPTURE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}

wait_listening() { # port
  local i
  for i in $(seq 1 50); do
    ins ss -Htln "sport = :$1" | grep -q . && return 0
    sleep 0.1
  done
  die "server did not start listening on port $1"
}

# ------------------------------------------------------------------ scenarios
# Each scenario: a description, the renders it gets, optional router rules
# (rules_<name>) and an optional action while the client runs (during_<name>).

DESC_handshake_close="handshake, one HTTP GET/200, 4-way close (client FIN first; server ACKs, FINs 0.2 s later)"
DESC_three_way_close="server closes first; client's FIN rides on the ACK of the server's FIN (FIN/ACK, FIN/ACK, ACK)"
DESC_refused="SYN to a closed port 81, answered by RST,ACK"
DESC_server_abort="server reads the request, then aborts with RST (SO_LINGER 0) instead of answering"
DESC_retransmission="the router drops the first request segment once; the client retransmits it"
DESC_fast_retransmit="300 kB upload, the router drops two of every 40 data segments: dup ACKs with SACK blocks, fast retransmissions"
DESC_zero_window="server with SO_RCVBUF 4096 does not read for 3 s: window shrinks to 0, zero-window probes and ACKs, window update"
DESC_keepalive="idle 3.5 s after a GET with TCP keep-alive (idle 1 s, interval 1 s): keep-alive probes and their ACKs"
DESC_no_answer="the router silently drops the SYN: SYN retransmitted at 1 s, 3 s, 7 s, never answered (client gives up at 7.5 s)"
DESC_idle_reset="GET answered, 3 s of silence, then the server resets the connection (RST after idle)"
DESC_half_closed="client sends FIN after the answer; server ACKs but never closes (CLOSE_WAIT until the capture ends)"
DESC_ipv6="handshake, one HTTP GET/200 and 4-way close over IPv6 (2001:db8::/32)"
DESC_client_reset="server streams 20 x 1000 bytes; the client reads about 3000 and aborts with RST mid-transfer"
DESC_nat_basic="through source NAT (MASQUERADE to ports 61000-61099): handshake, GET/200, 4-way close"
DESC_nat_mss_clamp="through source NAT with TCPMSS --set-mss 1200 on SYNs: each side sees a different MSS; 4000-byte answer"
DESC_nat_forged_rst="through source NAT; the router rejects the server's answer with a TCP RST sent to the server (the client never sent it)"
DESC_nat_drops="60 kB upload through source NAT; the router drops every 10th data segment (client sees retransmissions, server one copy)"
DESC_middlebox_reset="a middlebox drops the request, then answers its retransmission with a forged RST to the client (the server never sent it; cf. seed 001)"
DESC_synack_lost="the router drops the first SYN-ACK: the server retransmits its SYN-ACK and the client its SYN, then a normal GET/200 and close"
DESC_port_reuse="two connections one after the other on the same 4-tuple (client port reused; the server closes first each time)"
DESC_concurrent="three overlapping connections from client ports 40022, 40122 and 40222, each a GET/200 and a client-first close, interleaved"
DESC_unread_close="server answers one request and closes while a second request sits unread: RST instead of FIN"
DESC_ecn="handshake negotiating ECN (SYN with ECE+CWR, SYN-ACK with ECE), GET/200, 4-way close"
DESC_offload_on="64 kB upload and 20 kB answer with TSO/GSO/GRO and checksum offload left ON at the client: its capture shows segments larger than the MSS and (with -v) outgoing checksums marked incorrect; the server side sees MSS-sized segments"
DESC_nat_clock_skew="through source NAT, three GET/200 rounds on one connection; the server pcap's clock was set 3.217 s behind afterwards (scripts/peers/pcap_shift.py), as if the hosts' clocks disagreed"
DESC_live_banner="handshake, GET/200, close, as a terminal shows a live capture: banner, packet lines, statistics after ^C"
DESC_nat_keepalive_cut="through source NAT with keep-alive (1 s/1 s/3); 1.5 s after the answer the router cuts the return path: probes unanswered, client resets"
DESC_rst_to_server="a middlebox drops the request and forges a RST to the server from the client's address; the request's retransmission gets the server's no-connection RST (seed 001)"
DESC_rst_both="server streams 20 x 1000 bytes; once the client has ACKed 4 data segments (header + 3000 bytes) a middlebox forges a RST to each end, each from the other end's address"
DESC_firewall_reject="SYN to the open port 80 rejected by the router (iptables REJECT --reject-with tcp-reset): RST,ACK from the router, one hop closer than the server"
DESC_tail_loss="GET answered with 6092 bytes (4 x 1448 + 300); the router drops the 300-byte last segment once: repaired by a tail loss probe (RFC 8985)"
DESC_tail_loss_two="GET answered with 6092 bytes (4 x 1448 + 300); the router drops the last two segments once: a tail loss probe a few ms later, its SACK, then the other repaired (RFC 8985)"
DESC_sack_recovery="GET answered with 28012 bytes (19 x 1448 + 500); the router drops the 4th full segment once: dup ACKs with SACK, fast retransmit"
DESC_nat_router="through source NAT with TCPMSS --set-mss 1200, captured also in the router with -i any: each packet twice (eth0 In/eth1 Out), before and after NAT; 4000-byte answer"
DESC_nat_drops_down="30 kB download through source NAT; the router drops every 10th data segment from the server (the server retransmits; the client sees one copy of each)"
DESC_nodelay_writes="the client sets TCP_NODELAY and writes a POST body as 8 back-to-back writes of 1000 bytes over a 1 Mbit/s router link (tbf): each write leaves at once as its own 1000-byte segment with PSH, all in flight together"
DESC_nagle_writes="the same 8 writes of 1000 bytes with Nagle's algorithm on (no TCP_NODELAY), for contrast with nodelay-writes: the first leaves alone, the rest wait for its ACK and leave as full 1448-byte segments"
DESC_reuse_after_close="the server answers one request and close()s at once (FIN); the client, not checking for that FIN, sends its next request on the same connection 20 ms after the answer: the closed socket answers it with RST without ACK (data after close)"
DESC_reuse_before_close="the server answers one request and close()s 5 ms later without reading; the client sends its next request right after the answer, so it arrives before the close and sits unread: RST+ACK instead of FIN (close with unread data)"
DESC_idle_timeout="GET answered; the server application closes the idle connection after 2 s with FIN (graceful idle timeout); the client closes on EOF"

ALL_SCENARIOS=(handshake-close three-way-close refused server-abort
  retransmission fast-retransmit zero-window keepalive no-answer idle-reset half-closed ipv6 client-reset
  nat-basic nat-mss-clamp nat-forged-rst nat-drops nat-keepalive-cut
  middlebox-reset synack-lost port-reuse concurrent unread-close ecn offload-on
  nat-clock-skew live-banner
  rst-to-server rst-both firewall-reject tail-loss sack-recovery idle-timeout tail-loss-two
  nat-drops-down nat-router nodelay-writes nagle-writes reuse-after-close reuse-before-close)

# Renders: "file|pcap|tcpdump flags|what the view shows[|TZ]" ("(default)": no flags). pcap is client
# (client eth0), server (server eth0), any (client, -i any), router (router, -i any) or live (text
# written by a live tcpdump on client eth0 during the capture, stderr merged).
# TZ defaults to UTC.
R_FULL=(
  "n.txt|client|-n|client side, numeric"
  "nn-S.txt|client|-nn -S|client side, absolute sequence numbers"
  "v.txt|client|-v|client side, verbose IP header (port names, no DNS)"
  "e.txt|client|-e|client side, Ethernet headers (port names)"
  "X.txt|client|-X|client side, hex + ASCII payload dump (port names)"
  "tttt.txt|client|-tttt|client side, date + time (port names)"
  "any.txt|any|-n|client side captured with -i any (SLL2: interface + direction)"
  "client.txt|client|-n -tttt|client side, numeric, date + time"
  "server.txt|server|-nn -S -tttt|server side, absolute sequence numbers, date + time"
)
# More timestamp, numbering, verbosity and dump styles of the same capture.
R_STYLES=(
  "t.txt|client|-n -t|client side, no timestamp"
  "tt.txt|client|-n -tt|client side, Unix epoch timestamps"
  "ttt.txt|client|-n -ttt|client side, delta to the previous packet"
  "ttttt.txt|client|-n -ttttt|client side, delta to the first packet"
  "nano.txt|client|-n --nano|client side, nanosecond fraction"
  "number.txt|client|-n -#|client side, packet numbers"
  "q.txt|client|-n -q|client side, quiet (tcp N)"
  "vv.txt|client|-n -vv|client side, more verbose"
  "A.txt|client|-n -A|client side, ASCII payload dump"
  "x-hex.txt|client|-n -x|client side, hex payload dump"
  "XX.txt|client|-n -XX|client side, hex + ASCII dump with the link header"
  "e-v.txt|client|-n -e -v|client side, Ethernet headers and verbose IP header"
  "any-e.txt|any|-n -e|client side captured with -i any, with -e (SLL2 ifindex + link address)"
)
R_SHORT=(
  "n.txt|client|-n|client side, numeric"
  "nn-S.txt|client|-nn -S|client side, absolute sequence numbers"
  "client.txt|client|-n -tttt|client side, numeric, date + time"
  "server.txt|server|-nn -S -tttt|server side, absolute sequence numbers, date + time"
)
R_SHORT_V=("${R_SHORT[@]}" "v.txt|client|-v -n|client side, numeric, verbose IP header")
# Diagnosis scenarios: both ends, each also with -v (TTL and IP id tell a forged
# or middlebox-made segment from the real peer's).
R_DIAG=("${R_SHORT_V[@]}" "server-v.txt|server|-v -nn -tttt|server side, verbose IP header, date + time")
R_NAT=(
  "client.txt|client|-n -tttt|client side (before NAT), numeric, date + time"
  "server.txt|server|-nn -S -tttt -v|server side (after NAT), absolute sequence numbers, date + time, verbose"
)

# Pairing scenarios: each side in every style `tcplain pair` must cope with (times, deltas, none, -q, -v, names).
R_PAIR=("${R_NAT[@]}"
  "client-n.txt|client|-n|client side, numeric"
  "client-v.txt|client|-v -n|client side, numeric, verbose IP header"
  "client-tttt.txt|client|-tttt -n|client side, numeric, date + time"
  "client-ttt.txt|client|-ttt -n|client side, numeric, delta to the previous packet"
  "client-t.txt|client|-t -n|client side, numeric, no timestamp"
  "client-q.txt|client|-q -n|client side, numeric, quiet (no flags, seq or ack)"
  "client-plain.txt|client|(default)|client side, tcpdump's default output (time of day, relative seq, port names)"
  "server-n.txt|server|-n|server side, numeric"
  "server-v.txt|server|-v -n|server side, numeric, verbose IP header"
  "server-tttt.txt|server|-tttt -n|server side, numeric, date + time"
  "server-ttt.txt|server|-ttt -n|server side, numeric, delta to the previous packet"
  "server-t.txt|server|-t -n|server side, numeric, no timestamp"
  "server-q.txt|server|-q -n|server side, numeric, quiet (no flags, seq or ack)"
  "server-plain.txt|server|(default)|server side, tcpdump's default output (time of day, relative seq, port names)"
)

R_SKEW=(
  "client.txt|client|-n -tttt|client side (before NAT), numeric, date + time"
  "server.txt|server|-nn -S -tttt|server side (after NAT), its clock 3.217 s behind, absolute sequence numbers"
  "server-shanghai.txt|server|-nn -S -tttt|the same server capture printed with TZ=Asia/Shanghai (UTC+8), as a host in China would show it|Asia/Shanghai"
)
R_ROUTER=("${R_NAT[@]}"
  "router.txt|router|-n|router (NAT box) captured with -i any: each forwarded packet twice, eth0 In before NAT and eth1 Out after"
  "router-v.txt|router|-v -n|router captured with -i any, verbose IP header (TTL one lower on the Out copy, same IP id)"
)
R_LIVE=(
  "live.txt|live|-n -l|live capture on client eth0 (tcpdump -i eth0 -n -l tcp 2>&1): banner, packets, statistics"
  "client.txt|client|-n -tttt|client side, numeric, date + time"
  "server.txt|server|-nn -S -tttt|server side, absolute sequence numbers, date + time"
)

renders_of() {
  case "$1" in
    nat-clock-skew) RENDERS=("${R_SKEW[@]}") ;;
    live-banner) RENDERS=("${R_LIVE[@]}") ;;
    handshake-close) RENDERS=("${R_FULL[@]}" "${R_STYLES[@]}") ;;
    three-way-close|refused|server-abort) RENDERS=("${R_FULL[@]}") ;;
    retransmission|zero-window|ipv6|fast-retransmit|middlebox-reset|ecn|offload-on) RENDERS=("${R_SHORT_V[@]}") ;;
    rst-to-server|rst-both|firewall-reject|tail-loss|tail-loss-two|sack-recovery|idle-timeout) RENDERS=("${R_DIAG[@]}") ;;
    reuse-after-close|reuse-before-close) RENDERS=("${R_DIAG[@]}") ;;
    nodelay-writes|nagle-writes) RENDERS=("${R_SHORT_V[@]}") ;;
    nat-keepalive-cut) RENDERS=("${R_NAT[@]}" "v.txt|client|-v -n|client side (before NAT), numeric, verbose IP header") ;;
    nat-drops|nat-forged-rst|nat-drops-down) RENDERS=("${R_PAIR[@]}") ;;
    nat-router) RENDERS=("${R_ROUTER[@]}") ;;
    nat-*) RENDERS=("${R_NAT[@]}") ;;
    *) RENDERS=("${R_SHORT[@]}") ;;
  esac
}

# Router rules. Data segments are told apart from SYNs and pure ACKs by
# "no SYN flag and IP length > 52" (20 IP + 32 TCP with timestamps).
DATA_TO_SERVER=(-i eth0 -p tcp --dport 80 --tcp-flags SYN NONE -m length --length 53:65535)
rules_retransmission() {
  inr iptables -A FORWARD "${DATA_TO_SERVER[@]}" -m statistic --mode nth --every 1000 --packet 0 -j DROP
}
rules_fast_retransmit() {
  # Two counters: the second sees only what the first let through, so each
  # window loses two nearby segments and the receiver's SACKs carry two blocks.
  inr iptables -A FORWARD "${DATA_TO_SERVER[@]}" -m statistic --mode nth --every 40 --packet 10 -j DROP
  inr iptables -A FORWARD "${DATA_TO_SERVER[@]}" -m statistic --mode nth --every 39 --packet 12 -j DROP
}
rules_no_answer() {
  inr iptables -A FORWARD -i eth0 -p tcp --dport 80 --syn -j DROP
  # Linux >= 6.5 retries a SYN at 1 s intervals four times before backing off
  # (tcp_syn_linear_timeouts); 0 restores the classic doubling of RFC 6298 5.5.
  inc sysctl -qw net.ipv4.tcp_syn_linear_timeouts=0 2>/dev/null || true
}
rules_middlebox_reset() {
  inr iptables -A FORWARD "${DATA_TO_SERVER[@]}" -m statistic --mode nth --every 1000 --packet 0 -j DROP
  inr iptables -A FORWARD "${DATA_TO_SERVER[@]}" -j REJECT --reject-with tcp-reset
}
rules_synack_lost() {
  inr iptables -A FORWARD -i eth1 -p tcp --sport 80 --tcp-flags SYN,ACK SYN,ACK \
    -m statistic --mode nth --every 1000 --packet 0 -j DROP
}
rules_ecn() { # RFC 3168 6.1.1: both ends must ask for ECN
  inc sysctl -qw net.ipv4.tcp_ecn=1
  ins sysctl -qw net.ipv4.tcp_ecn=1
}
rules_offload_on() { # what a capture on an ordinary host looks like
  if command -v ethtool >/dev/null; then
    inc ethtool -K eth0 tso on gso on gro on tx on >/dev/null 2>&1 || true
  fi
}
nat_rules() {
  inr iptables -t nat -A POSTROUTING -o eth1 -p tcp -j MASQUERADE --to-ports 61000-61099
}
rules_nat_basic() { nat_rules; }
rules_nat_mss_clamp() {
  nat_rules
  inr iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1200
}
rules_nat_forged_rst() {
  nat_rules
  inr iptables -A FORWARD -i eth1 -p tcp --sport 80 --tcp-flags SYN NONE -m length --length 53:65535 \
    -j REJECT --reject-with tcp-reset
}
rules_nat_drops() {
  nat_rules
  inr iptables -A FORWARD "${DATA_TO_SERVER[@]}" -m statistic --mode nth --every 10 --packet 3 -j DROP
}
rules_nat_drops_down() {
  nat_rules
  inr iptables -A FORWARD -i eth1 -p tcp --sport 80 --tcp-flags SYN NONE -m length --length 53:65535 \
    -m statistic --mode nth --every 10 --packet 3 -j DROP
}
rules_nat_router() { rules_nat_mss_clamp; }
rules_nat_keepalive_cut() { nat_rules; }
rules_nat_clock_skew() { nat_rules; }
post_nat_clock_skew() { # work dir
  "$PY" "$ROOT/scripts/peers/pcap_shift.py" "$1/server.pcap" -3.217
}
during_nat_keepalive_cut() { # peers.log
  # Cut 1.5 s after the answer: between the first keep-alive probe (answered)
  # and the second (not), whatever the interpreter's start-up time.
  local i
  for i in $(seq 1 100); do
    grep -q "client: answered" "$1" 2>/dev/null && break
    sleep 0.1
  done
  sleep 1.5
  inr iptables -I FORWARD -i eth1 -j DROP
}

# A forging middlebox (scripts/peers/inject.py) in the router, started before the client.
start_injector() { # mode peers.log [args]
  local mode=$1 log=$2 i
  shift 2
  inr timeout 40 "$PY" "$INJECT" "$mode" --client "$client_addr:$lport" --server "$server_addr:80" "$@" 2>>"$log" &
  PIDS+=("$!")
  for i in $(seq 1 50); do
    grep -q "inject: ready" "$log" 2>/dev/null && return 0
    sleep 0.1
  done
  die "injector did not start: $(cat "$log")"
}
rules_rst_to_server() { # the request's first copy is lost at the moment of the forge
  inr iptables -A FORWARD "${DATA_TO_SERVER[@]}" -m statistic --mode nth --every 1000 --packet 0 -j DROP
}
before_rst_to_server() { start_injector rst-to-server "$1"; }
before_rst_both() { start_injector rst-both "$1" --after 4; }
rules_firewall_reject() {
  inr iptables -A FORWARD -i eth0 -p tcp --dport 80 --syn -j REJECT --reject-with tcp-reset
}
rules_tail_loss() { # the 300-byte last segment: IP length 20 + 32 + 300, once
  inr iptables -A FORWARD -i eth1 -p tcp --sport 80 -m length --length 352 \
    -m statistic --mode nth --every 1000 --packet 0 -j DROP
}
rules_tail_loss_two() { # the 4th full-size segment and the 300-byte last one, once each
  rules_tail_loss
  inr iptables -A FORWARD -i eth1 -p tcp --sport 80 -m length --length 1500 \
    -m statistic --mode nth --every 1000 --packet 3 -j DROP
}
rules_nodelay_writes() { # 1 Mbit/s towards the server: each 1000-byte segment takes 8 ms there, so the
  # client's writes (microseconds apart) are faster than a round trip and several are in flight at once
  inr tc qdisc add dev eth1 root tbf rate 1mbit burst 1600 latency 1s
}
rules_nagle_writes() { rules_nodelay_writes; }
rules_sack_recovery() { # the 4th full-size (1500-byte) segment from the server, once
  inr iptables -A FORWARD -i eth1 -p tcp --sport 80 -m length --length 1500 \
    -m statistic --mode nth --every 1000 --packet 3 -j DROP
}
sender_stats() { # the server kernel's own count of how it repaired the loss
  echo "server nstat: $(ins nstat -az TcpExtTCPLossProbes TcpExtTCPLossProbeRecovery TcpExtTCPTimeouts \
    TcpExtTCPSackRecovery TcpExtTCPFastRetrans TcpRetransSegs TcpExtTCPDSACKRecv 2>/dev/null \
    | awk '!/^#/ {printf "%s=%s ", $1, $2}')" >>"$1"
}
after_tail_loss() { sender_stats "$1"; }
after_sack_recovery() { sender_stats "$1"; }
after_tail_loss_two() { sender_stats "$1"; }

# Client port per scenario: fixed so every run prints the same 5-tuples.
client_port() {
  local i=0 s
  for s in "${ALL_SCENARIOS[@]}"; do
    i=$((i + 1))
    [ "$s" = "$1" ] && { echo $((40000 + i)); return; }
  done
  die "unknown scenario $1"
}

manifest_header() {
  cat <<'EOF2'
# samples/MANIFEST — one line per rendered text file, made by scripts/capture-samples.sh.
# Format: <scenario>/<file> TAB <tcpdump flags used> TAB <one-line description>
# Files are `TZ=UTC tcpdump -r <pcap> <flags>` output (stdout only). The pcap is
# <scenario>/client.pcap (client eth0) for all files except server*.txt (<scenario>/server.pcap,
# server eth0), any*.txt (<scenario>/any.pcap, client captured with -i any) and router*.txt
# (<scenario>/router.pcap, the NAT router captured with -i any).
# Exceptions, said in their descriptions: live.txt is the text of a live `tcpdump -i eth0
# <flags> tcp 2>&1` (banner and statistics included) running beside the pcap capture;
# server-shanghai.txt is printed with TZ=Asia/Shanghai.
# Renders without -n were made in a namespace where DNS fails at once, so addresses stay
# numeric while ports get service names (http). samples/*/expected.* are golden files
# made by other tools and are not listed here.
EOF2
}

update_manifest() { # scenario, lines file
  local mf="$OUT/MANIFEST" body
  body=$(mktemp)
  if [ -f "$mf" ]; then
    grep -v '^#' "$mf" | grep -v "^$1/" >"$body" || true
  fi
  cat "$2" >>"$body"
  { manifest_header; sort "$body"; } >"$mf"
  rm -f "$body"
}

scenario_vars() { # name → desc, port, lport, client_addr, server_addr
  local key=${1//-/_}
  desc="DESC_$key"; desc=${!desc}
  port=80; [ "$1" = refused ] && port=81
  lport=$(client_port "$1")
  if [ "$1" = ipv6 ]; then client_addr=2001:db8:1::2 server_addr=2001:db8:2::2
  else client_addr=192.0.2.2 server_addr=198.51.100.2; fi
}

capture_scenario() {
  local name=$1 key=${1//-/_} dir="$OUT/$1" desc port lport server_addr client_addr spec work
  scenario_vars "$name"
  echo "== $name: $desc"
  mkdir -p "$dir"
  # Capture into a scratch directory: an interrupted run leaves the kept pcaps alone.
  work=$(mktemp -d); WORK_DIR=$work; chmod 755 "$work"

  topo_up
  if declare -F "rules_$key" >/dev/null; then "rules_$key"; fi

  CAPTURE_PIDS=()
  start_capture "$NS_C" eth0 "$work/client.pcap"; CAPTURE_PIDS+=("${PIDS[-1]}")
  start_capture "$NS_S" eth0 "$work/server.pcap"; CAPTURE_PIDS+=("${PIDS[-1]}")
  renders_of "$name"
  for spec in "${RENDERS[@]}"; do
    case "$spec" in *'|any|'*)
      start_capture "$NS_C" any "$work/any.pcap"; CAPTURE_PIDS+=("${PIDS[-1]}"); break ;;
    esac
  done
  for spec in "${RENDERS[@]}"; do
    case "$spec" in *'|router|'*)
      start_capture "$NS_R" any "$work/router.pcap"; CAPTURE_PIDS+=("${PIDS[-1]}")
      # The interface names SLL2 lines print are looked up where the text is rendered: keep the router's.
      ip -n "$NS_R" -o link show | awk -F': ' '$2 ~ /^eth[01]/ {sub(/@.*/, "", $2); print $1, $2}' >"$work/router.ifaces"
      break ;;
    esac
  done
  local file pcap flags what
  for spec in "${RENDERS[@]}"; do
    IFS='|' read -r file pcap flags what <<<"$spec"
    [ "$pcap" = live ] || continue
    # What a terminal shows: banner on stderr, packets on stdout, statistics on stderr at ^C.
    # shellcheck disable=SC2086 # flags are words
    ip netns exec "$NS_C" env TZ=UTC tcpdump -i eth0 $flags tcp >"$work/$file" 2>&1 &
    PIDS+=("$!"); CAPTURE_PIDS+=("$!")
    for i in $(seq 1 50); do grep -q "listening on" "$work/$file" && break; sleep 0.1; done
  done

  # The server listens on 80 in every scenario (refused connects to 81).
  ins timeout 40 "$PY" "$PEER" server "$name" --bind "$server_addr" --port 80 --lifetime 30 \
    2>>"$work/peers.log" &
  PIDS+=("$!"); local server_pid=$!
  wait_listening 80
  if declare -F "before_$key" >/dev/null; then "before_$key" "$work/peers.log"; fi

  inc timeout 40 "$PY" "$PEER" client "$name" --connect "$server_addr" --port "$port" \
    --bind "$client_addr" --lport "$lport" 2>>"$work/peers.log" &
  PIDS+=("$!"); local client_pid=$!
  if declare -F "during_$key" >/dev/null; then "during_$key" "$work/peers.log"; fi
  wait "$client_pid" || true
  sleep 0.8 # let closing segments (server FIN after 0.2 s, TIME_WAIT ACK) be captured
  stop_captures
  if declare -F "after_$key" >/dev/null; then "after_$key" "$work/peers.log"; fi
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  sed 's/^/   /' "$work/peers.log"
  echo "   $(tcpdump -r "$work/client.pcap" 2>/dev/null | wc -l) packets on the client side, $(tcpdump -r "$work/server.pcap" 2>/dev/null | wc -l) on the server side"
  if [ -f "$work/router.pcap" ]; then
    echo "   $(tcpdump -r "$work/router.pcap" 2>/dev/null | wc -l) packets in the router (-i any; every forwarded packet twice)"
  fi
  if declare -F "post_$key" >/dev/null; then "post_$key" "$work"; fi
  rm -f "$dir"/*.pcap "$dir"/router.ifaces
  mv "$work"/*.pcap "$dir"/
  if [ -f "$work/router.ifaces" ]; then mv "$work/router.ifaces" "$dir/"; fi
  for spec in "${RENDERS[@]}"; do
    IFS='|' read -r file pcap flags what <<<"$spec"
    if [ "$pcap" = live ]; then mv "$work/$file" "$dir/$file"; fi
  done
  rm -rf "$work"; WORK_DIR=
  topo_down
}

# Renders from the pcaps already in samples/<name>/, in a namespace of its own:
# DNS there goes to 127.0.0.1 and fails at once, and an eth0 with the ifindex
# recorded in any.pcap makes SLL2 lines print "eth0" (tcpdump looks interface
# names up on the machine that prints).
render_scenario() {
  local name=$1 dir="$OUT/$1" desc port lport server_addr client_addr spec lines file pcap flags what tz idx
  scenario_vars "$name"
  [ -f "$dir/client.pcap" ] || die "no $dir/client.pcap: capture $name first"
  local ns_render="${TAG}-render"
  ip netns add "$ns_render"; RENDER_NS=$ns_render
  ip -n "$ns_render" link set lo up
  mkdir -p "/etc/netns/$ns_render"
  echo "nameserver 127.0.0.1" >"/etc/netns/$ns_render/resolv.conf"
  if [ -f "$dir/any.pcap" ]; then
    idx=$(tcpdump -r "$dir/any.pcap" -e -n -c 1 2>/dev/null | grep -o 'ifindex [0-9]*' | cut -d' ' -f2 || true)
    [ -n "$idx" ] && ip -n "$ns_render" link add eth0 index "$idx" type veth peer name eth0peer
  fi
  if [ -f "$dir/router.ifaces" ]; then # "ifindex name" of the router's eth0 and eth1 at capture time
    local rname
    while read -r idx rname; do
      ip -n "$ns_render" link add "$rname" index "$idx" type veth peer name "${rname}peer" index $((idx + 1000))
    done <"$dir/router.ifaces"
  fi
  renders_of "$name"
  local live=" "
  for spec in "${RENDERS[@]}"; do
    IFS='|' read -r file pcap flags what <<<"$spec"
    [ "$pcap" = live ] && live+="$name/$file "
  done
  if [ -f "$OUT/MANIFEST" ]; then # this scenario's previous renders (never expected.* golden files)
    grep "^$name/" "$OUT/MANIFEST" | cut -f1 | while read -r f; do
      case "$live" in *" $f "*) ;; *) rm -f "$OUT/$f" ;; esac
    done || true
  fi
  lines=$(mktemp)
  for spec in "${RENDERS[@]}"; do
    IFS='|' read -r file pcap flags what tz <<<"$spec"
    if [ "$pcap" = live ]; then # text made at capture time; nothing to render
      [ -s "$dir/$file" ] && printf '%s/%s\t%s\t%s; %s\n' "$name" "$file" "$flags" "$desc" "$what" >>"$lines"
      continue
    fi
    local words=$flags; [ "$flags" = "(default)" ] && words= # tcpdump's own defaults, no option at all
    # shellcheck disable=SC2086 # flags are words
    ip netns exec "$ns_render" env TZ="${tz:-UTC}" tcpdump -r "$dir/$pcap.pcap" $words >"$dir/$file" 2>/dev/null
    if [ ! -s "$dir/$file" ]; then # e.g. the server never saw a packet: nothing to render
      echo "   (no packets for $file: not rendered)"; rm -f "$dir/$file"; continue
    fi
    printf '%s/%s\t%s\t%s; %s\n' "$name" "$file" "$flags" "$desc" "$what" >>"$lines"
  done
  update_manifest "$name" "$lines"
  rm -f "$lines"
  ip netns del "$ns_render"; rm -rf "/etc/netns/$ns_render"; RENDER_NS=
  rmdir /etc/netns 2>/dev/null || true
}

SELECTED=("$@")
[ ${#SELECTED[@]} -gt 0 ] || SELECTED=("${ALL_SCENARIOS[@]}")
mkdir -p "$OUT"
for s in "${SELECTED[@]}"; do
  client_port "$s" >/dev/null
  [ "${RENDER_ONLY:-0}" = 1 ] || capture_scenario "$s"
  render_scenario "$s"
done
echo "tcpdump: $(tcpdump --version 2>&1 | head -1); kernel: $(uname -r)"
