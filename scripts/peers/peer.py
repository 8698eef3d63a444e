#!/usr/bin/env python3
"""The client and server halves of every sample scenario (run inside network namespaces by scripts/capture-samples.sh).

Usage:
    peer.py server SCENARIO --bind ADDR --port N
    peer.py client SCENARIO --connect ADDR --port N --bind ADDR --lport N

Each scenario is a pair of functions below, one per side. Payloads, client
ports and sleeps are fixed so that two runs produce the same segments (only
ISNs, TS values and timestamps differ). Every blocking call has a timeout so a
broken run ends on its own; a side prints one line to stderr saying what it
observed (the capture script logs it).
"""
import argparse
import errno
import socket
import struct
import sys
import threading
import time

REQUEST = (b"GET / HTTP/1.1\r\nHost: www.example.test\r\n"
           b"User-Agent: tcplain-samples/1\r\nAccept: */*\r\n\r\n")
BODY = b"Hello, world\n"
RESPONSE = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
            b"Content-Length: %d\r\n\r\n" % len(BODY)) + BODY
IO_TIMEOUT = 20.0


def log(side, msg):
    sys.stderr.write("%s: %s\n" % (side, msg))
    sys.stderr.flush()


def family_of(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def linger_zero(sock):
    # SO_LINGER {on, 0}: close() discards the send queue and sends RST
    # instead of FIN (RFC 9293 3.10.4 ABORT call).
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def keepalive(sock, idle, intvl, cnt):
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, idle)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, intvl)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, cnt)


def read_until(sock, marker):
    buf = b""
    while marker not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            break
        buf += chunk
    return buf


def read_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(min(65536, n - len(buf)))
        if not chunk:
            break
        buf += chunk
    return buf


def read_to_eof(sock):
    total = 0
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return total
        total += len(chunk)


def read_request(sock):
    """Reads one request head and, if it announces one, its body."""
    head = read_until(sock, b"\r\n\r\n")
    header, _, rest = head.partition(b"\r\n\r\n")
    length = 0
    for line in header.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    if len(rest) < length:
        rest += read_exact(sock, length - len(rest))
    return header, len(rest)


def read_response(sock):
    head = read_until(sock, b"\r\n\r\n")
    header, _, rest = head.partition(b"\r\n\r\n")
    length = 0
    for line in header.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    if len(rest) < length:
        rest += read_exact(sock, length - len(rest))
    return header.split(b"\r\n", 1)[0], len(rest)


def upload_request(size):
    return (b"POST /upload HTTP/1.1\r\nHost: www.example.test\r\n"
            b"Content-Length: %d\r\n\r\n" % size) + bytes((i * 7) & 0xFF for i in range(size))


def big_response(size):
    body = bytes(ord("a") + (i % 26) for i in range(size))
    return (b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
            b"Content-Length: %d\r\n\r\n" % size) + body


# ---------------------------------------------------------------- servers

def srv_respond_then_wait_fin(conn, response=RESPONSE, linger_after_fin=0.2):
    """Answers one request, waits for the client's FIN, then closes later (4-way close)."""
    header, body = read_request(conn)
    conn.sendall(response)
    got = read_to_eof(conn)
    time.sleep(linger_after_fin)
    conn.close()
    return "request %r (+%d body bytes), EOF after %d more bytes, closed" % (header.split(b"\r\n")[0], body, got)


def srv_basic(conn, args):
    return srv_respond_then_wait_fin(conn)


def srv_close_first(conn, args):
    read_request(conn)
    conn.sendall(RESPONSE)
    time.sleep(0.1)
    conn.close()
    return "answered and closed first"


def srv_abort(conn, args):
    read_request(conn)
    time.sleep(0.05)
    linger_zero(conn)
    conn.close()
    return "read request, aborted with RST"


def srv_upload(conn, args):
    return srv_respond_then_wait_fin(conn, linger_after_fin=0.05)


def srv_slow_reader(conn, args):
    # Not reading lets the small receive buffer fill: the window shrinks to 0
    # and the sender's persist timer sends zero-window probes (RFC 9293 3.8.6.1).
    time.sleep(3.0)
    header, body = read_request(conn)
    conn.sendall(RESPONSE)
    read_to_eof(conn)
    conn.close()
    return "slept 3 s, then read %d body bytes" % body


def srv_idle_reset(conn, args):
    read_request(conn)
    conn.sendall(RESPONSE)
    time.sleep(3.0)
    linger_zero(conn)
    conn.close()
    return "answered, idle 3 s, reset"


def srv_half_closed(conn, args):
    read_request(conn)
    conn.sendall(RESPONSE)
    got = read_to_eof(conn)
    # Never close: the socket stays in CLOSE_WAIT until the script kills us.
    time.sleep(30.0)
    return "EOF seen, never closed"


def srv_stream_chunks(conn, args):
    read_request(conn)
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    head = (b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
            b"Content-Length: 20000\r\n\r\n")
    sent = 0
    try:
        conn.sendall(head)
        for i in range(20):
            conn.sendall(bytes([ord("A") + i]) * 1000)
            sent += 1000
            time.sleep(0.05)
    except OSError as e:
        return "stopped after %d body bytes: %s" % (sent, e.strerror)
    conn.close()
    return "sent all 20000 body bytes"


def srv_big_response(conn, args):
    return srv_respond_then_wait_fin(conn, response=big_response(4000))


def srv_upload_big_answer(conn, args):
    return srv_respond_then_wait_fin(conn, response=big_response(20000), linger_after_fin=0.05)


def srv_big_download(conn, args):
    return srv_respond_then_wait_fin(conn, response=big_response(30000))


def srv_three_rounds(conn, args):
    for _ in range(3):
        read_request(conn)
        conn.sendall(RESPONSE)
    read_to_eof(conn)
    time.sleep(0.2)
    conn.close()
    return "answered three requests, closed after the client"


def srv_forged_rst(conn, args):
    read_request(conn)
    conn.sendall(RESPONSE)
    try:
        conn.settimeout(6.0)
        got = read_to_eof(conn)
        return "EOF after %d bytes (no RST seen)" % got
    except OSError as e:
        return "after answering: %s" % (e.strerror or e)


def srv_keepalive_cut(conn, args):
    read_request(conn)
    conn.sendall(RESPONSE)
    try:
        conn.settimeout(15.0)
        got = read_to_eof(conn)
        return "EOF after %d bytes" % got
    except OSError as e:
        return "connection ended: %s" % (e.strerror or e)


def srv_unread_close(conn, args):
    read_request(conn)
    conn.sendall(RESPONSE)
    # The client's second request arrives while we sleep and is never read:
    # close() with unread data sends RST, not FIN (RFC 2525 2.17, RFC 9293 3.6).
    time.sleep(0.3)
    conn.close()
    return "answered one request, closed with a second one unread"


def srv_tail_loss(conn, args):
    # 6092 bytes = four full 1448-byte segments and a 300-byte last one (the
    # one the router drops); TCP_NODELAY so the short tail leaves at once
    # instead of waiting for the ACK of the rest (Nagle, RFC 896).
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return srv_respond_then_wait_fin(conn, response=big_response(6011))


def srv_sack_recovery(conn, args):
    # 28012 bytes = 19 full segments and a 500-byte last one; the router drops
    # the fourth full segment of the first flight.
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return srv_respond_then_wait_fin(conn, response=big_response(27930))


def srv_reset_before_request(conn, args):
    try:
        header, body = read_request(conn)
    except OSError as e:
        return "waiting for the request: %s" % (e.strerror or e)
    if not header:
        return "EOF before any request"
    conn.sendall(RESPONSE)
    return "unexpectedly got %r" % header.split(b"\r\n")[0]


def srv_idle_timeout(conn, args):
    read_request(conn)
    conn.sendall(RESPONSE)
    # An application idle timeout (like a web server's keep-alive timeout):
    # no next request within 2 s, so close() gracefully: FIN, not RST.
    conn.settimeout(2.0)
    try:
        data = conn.recv(65536)
        outcome = "unexpected %d bytes" % len(data)
    except socket.timeout:
        outcome = "idle 2 s, closed"
    conn.settimeout(IO_TIMEOUT)
    conn.close()
    return "answered; " + outcome


def srv_close_after_answer(conn, args):
    # A server that serves one request per connection without saying so
    # (no "Connection: close"): it answers and close()s at once, reading
    # nothing more (its FIN follows the answer). A next request that arrives
    # after the close finds an orphaned socket in FIN_WAIT, which answers data
    # with RST (Linux tcp_rcv_state_process: TCPAbortOnData; RFC 1122 4.2.2.13).
    read_request(conn)
    conn.sendall(RESPONSE)
    conn.close()
    return "answered one request, closed at once"


def srv_close_soon_after_answer(conn, args):
    # The same server, 5 ms slower to close: the client's next request
    # arrives first and is never read, so close() sends RST instead of FIN
    # (Linux tcp_close: data_was_unread -> tcp_send_active_reset).
    read_request(conn)
    conn.sendall(RESPONSE)
    time.sleep(0.005)
    conn.close()
    return "answered one request, closed 5 ms later without reading"


# ---------------------------------------------------------------- clients

def connect(args, timeout=IO_TIMEOUT):
    sock = socket.socket(family_of(args.connect), socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.bind, args.lport))
    sock.settimeout(timeout)
    sock.connect((args.connect, args.port))
    sock.settimeout(IO_TIMEOUT)
    return sock


def cli_basic(args):
    sock = connect(args)
    time.sleep(0.05)
    sock.sendall(REQUEST)
    status, n = read_response(sock)
    time.sleep(0.1)
    sock.close()
    return "%r, %d body bytes, closed first" % (status, n)


def cli_close_after_eof(args):
    sock = connect(args)
    # Leave quick-ack mode so the ACK of the server's FIN is delayed and can
    # ride on our own FIN (RFC 9293 3.8.6.3 delayed ACK; Linux TCP_QUICKACK).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 0)
    sock.sendall(REQUEST)
    status, n = read_response(sock)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 0)
    read_to_eof(sock)
    sock.close()
    return "%r, EOF, closed at once" % status


def cli_refused(args):
    try:
        connect(args)
    except ConnectionRefusedError:
        return "connection refused (as intended)"
    return "unexpectedly connected"


def cli_expect_reset(args):
    sock = connect(args)
    time.sleep(0.05)
    sock.sendall(REQUEST)
    try:
        data = sock.recv(65536)
        while data:
            data = sock.recv(65536)
        return "unexpected EOF"
    except ConnectionResetError:
        return "reset by peer (as intended)"
    finally:
        sock.close()


def cli_upload(args, size):
    sock = connect(args)
    time.sleep(0.05)
    sock.sendall(upload_request(size))
    status, n = read_response(sock)
    time.sleep(0.1)
    sock.close()
    return "uploaded %d bytes, got %r" % (size, status)


def cli_upload_300k(args):
    return cli_upload(args, 300000)


def cli_upload_64k(args):
    return cli_upload(args, 65536)


def cli_upload_60k(args):
    return cli_upload(args, 60000)


def cli_keepalive(args):
    sock = connect(args)
    keepalive(sock, 1, 1, 5)
    time.sleep(0.05)
    sock.sendall(REQUEST)
    status, n = read_response(sock)
    time.sleep(3.5)
    sock.close()
    return "%r, idle 3.5 s with keep-alive, closed" % status


def cli_no_answer(args):
    try:
        connect(args, timeout=7.5)
    except socket.timeout:
        return "connect timed out after 7.5 s (as intended)"
    except OSError as e:
        return "connect failed: %s" % e.strerror
    return "unexpectedly connected"


def cli_idle_reset(args):
    sock = connect(args)
    time.sleep(0.05)
    sock.sendall(REQUEST)
    status, n = read_response(sock)
    try:
        sock.recv(65536)
        return "unexpected EOF"
    except ConnectionResetError:
        return "%r, then reset by peer after the silence" % status
    finally:
        sock.close()


def cli_half_close(args):
    sock = connect(args)
    time.sleep(0.05)
    sock.sendall(REQUEST)
    status, n = read_response(sock)
    time.sleep(0.1)
    sock.shutdown(socket.SHUT_WR)
    time.sleep(1.5)
    return "%r, sent FIN, peer never closed" % status


def cli_reset_mid_transfer(args):
    sock = connect(args)
    time.sleep(0.05)
    sock.sendall(REQUEST)
    got = 0
    while got < 3000:
        chunk = sock.recv(65536)
        if not chunk:
            break
        got += len(chunk)
    time.sleep(0.08)
    linger_zero(sock)
    sock.close()
    return "read %d bytes, aborted with RST" % got


def cli_wait_response(args):
    sock = connect(args)
    time.sleep(0.05)
    sock.sendall(REQUEST)
    sock.settimeout(2.0)
    try:
        status, n = read_response(sock)
        outcome = "got %r" % status
    except socket.timeout:
        outcome = "no response within 2 s"
    sock.settimeout(IO_TIMEOUT)
    sock.close()
    time.sleep(0.3)
    return outcome + ", closed"


def cli_keepalive_until_dead(args):
    sock = connect(args)
    keepalive(sock, 1, 1, 3)
    time.sleep(0.05)
    sock.sendall(REQUEST)
    status, n = read_response(sock)
    log("client", "answered %r; now idle with keep-alive" % status)  # the capture script waits for this line
    try:
        sock.settimeout(15.0)
        sock.recv(65536)
        return "unexpected data/EOF"
    except OSError as e:
        return "%r, then keep-alive gave up: %s" % (status, e.strerror or e)
    finally:
        sock.close()


def cli_reset_after_retry(args):
    return cli_expect_reset(args)


def cli_three_rounds(args):
    sock = connect(args)
    statuses = []
    for k in range(3):
        time.sleep(0.1)
        sock.sendall(REQUEST.replace(b"GET / ", b"GET /%d " % (k + 1)))
        statuses.append(read_response(sock)[0])
    time.sleep(0.1)
    sock.close()
    return "three rounds on one connection: %r" % statuses


def cli_port_reuse(args):
    first = cli_close_after_eof(args)
    time.sleep(0.3)
    second = cli_close_after_eof(args)
    return "twice from port %d: %s / %s" % (args.lport, first, second)


def cli_concurrent(args):
    results = [None, None, None]

    def one(k):
        sock = socket.socket(family_of(args.connect), socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.bind, args.lport + 100 * k))
        sock.settimeout(IO_TIMEOUT)
        time.sleep(0.02 * k)
        sock.connect((args.connect, args.port))
        time.sleep(0.1 + 0.03 * k)
        sock.sendall(REQUEST)
        status, n = read_response(sock)
        time.sleep(0.1 + 0.05 * (2 - k))
        sock.close()
        results[k] = status

    threads = [threading.Thread(target=one, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(IO_TIMEOUT)
    return "three interleaved exchanges: %r" % results


def cli_pipelined_unread(args):
    sock = connect(args)
    time.sleep(0.05)
    sock.sendall(REQUEST)
    status, n = read_response(sock)
    time.sleep(0.1)
    sock.sendall(REQUEST.replace(b"GET / ", b"GET /second "))
    try:
        data = sock.recv(65536)
        return "unexpected %d bytes" % len(data)
    except ConnectionResetError:
        return "%r, second request answered by RST" % status
    finally:
        sock.close()


def cli_read_until_reset(args):
    sock = connect(args)
    time.sleep(0.05)
    sock.sendall(REQUEST)
    got = 0
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return "EOF after %d bytes" % got
            got += len(chunk)
    except ConnectionResetError:
        return "reset by peer after %d bytes" % got
    finally:
        sock.close()


def cli_wait_for_close(args):
    sock = connect(args)
    time.sleep(0.05)
    sock.sendall(REQUEST)
    status, n = read_response(sock)
    start = time.time()
    data = sock.recv(65536)
    waited = time.time() - start
    sock.close()
    if data:
        return "unexpected %d bytes" % len(data)
    return "%r, then EOF after %.1f s idle; closed" % (status, waited)


CHUNKS = 8
CHUNK = 1000


def cli_equal_writes(args, nodelay):
    """POST whose body the application writes as CHUNKS writes of CHUNK bytes, back to back."""
    sock = connect(args)
    if nodelay:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    time.sleep(0.05)
    body = bytes((i * 7) & 0xFF for i in range(CHUNKS * CHUNK))
    sock.sendall(b"POST /upload HTTP/1.1\r\nHost: www.example.test\r\n"
                 b"Content-Length: %d\r\n\r\n" % len(body))
    for k in range(CHUNKS):
        sock.sendall(body[k * CHUNK:(k + 1) * CHUNK])
    status, n = read_response(sock)
    time.sleep(0.1)
    sock.close()
    return "%d writes of %d bytes (TCP_NODELAY %s), got %r" % (CHUNKS, CHUNK, "on" if nodelay else "off", status)


def cli_nodelay_writes(args):
    return cli_equal_writes(args, True)


def cli_nagle_writes(args):
    return cli_equal_writes(args, False)


def cli_reuse(args, delay):
    # An HTTP/1.1 client reusing the connection for its next request `delay`
    # seconds after the first answer is read, without checking whether the
    # server has closed it (no poll for EOF before the write).
    sock = connect(args)
    time.sleep(0.05)
    sock.sendall(REQUEST)
    status, n = read_response(sock)
    if delay:
        time.sleep(delay)
    try:
        sock.sendall(REQUEST.replace(b"GET / ", b"GET /second "))
        sent = "sent"
    except OSError as e:
        sent = "send failed: %s" % (e.strerror or e)
    time.sleep(0.05)
    outcome = []
    for call in ("recv", "send"):
        try:
            if call == "recv":
                data = sock.recv(65536)
                outcome.append("recv: %s" % ("EOF" if not data else "%d bytes" % len(data)))
            else:
                sock.send(b"x")
                outcome.append("send: ok")
        except OSError as e:
            outcome.append("%s: %s" % (call, errno.errorcode.get(e.errno, e.errno)))
    sock.close()
    return "%r; second request %s; then %s" % (status, sent, ", ".join(outcome))


def cli_reuse_at_once(args):
    return cli_reuse(args, 0)


def cli_reuse_after_20ms(args):
    return cli_reuse(args, 0.02)


SCENARIOS = {
    # name: (server behaviour or None, client behaviour, server SO_RCVBUF or 0
    #        [, connections the server accepts, default 1])
    "handshake-close": (srv_basic, cli_basic, 0),
    "three-way-close": (srv_close_first, cli_close_after_eof, 0),
    "refused": (None, cli_refused, 0),
    "server-abort": (srv_abort, cli_expect_reset, 0),
    "retransmission": (srv_basic, cli_basic, 0),
    "fast-retransmit": (srv_upload, cli_upload_300k, 0),
    "zero-window": (srv_slow_reader, cli_upload_64k, 4096),
    "keepalive": (srv_basic, cli_keepalive, 0),
    "no-answer": (None, cli_no_answer, 0),
    "idle-reset": (srv_idle_reset, cli_idle_reset, 0),
    "half-closed": (srv_half_closed, cli_half_close, 0),
    "ipv6": (srv_basic, cli_basic, 0),
    "client-reset": (srv_stream_chunks, cli_reset_mid_transfer, 0),
    "nat-basic": (srv_basic, cli_basic, 0),
    "nat-mss-clamp": (srv_big_response, cli_basic, 0),
    "nat-forged-rst": (srv_forged_rst, cli_wait_response, 0),
    "nat-drops": (srv_upload, cli_upload_60k, 0),
    "nat-keepalive-cut": (srv_keepalive_cut, cli_keepalive_until_dead, 0),
    "middlebox-reset": (srv_basic, cli_reset_after_retry, 0),
    "synack-lost": (srv_basic, cli_basic, 0),
    "port-reuse": (srv_close_first, cli_port_reuse, 0, 2),
    "concurrent": (srv_basic, cli_concurrent, 0, 3),
    "unread-close": (srv_unread_close, cli_pipelined_unread, 0),
    "ecn": (srv_basic, cli_basic, 0),
    "offload-on": (srv_upload_big_answer, cli_upload_64k, 0),
    "nat-clock-skew": (srv_three_rounds, cli_three_rounds, 0),
    "live-banner": (srv_basic, cli_basic, 0),
    "rst-to-server": (srv_reset_before_request, cli_expect_reset, 0),
    "rst-both": (srv_stream_chunks, cli_read_until_reset, 0),
    "firewall-reject": (srv_basic, cli_refused, 0),
    "tail-loss": (srv_tail_loss, cli_basic, 0),
    "sack-recovery": (srv_sack_recovery, cli_basic, 0),
    "tail-loss-two": (srv_tail_loss, cli_basic, 0),
    "idle-timeout": (srv_idle_timeout, cli_wait_for_close, 0),
    "nat-drops-down": (srv_big_download, cli_basic, 0),
    "nat-router": (srv_big_response, cli_basic, 0),
    "nodelay-writes": (srv_upload, cli_nodelay_writes, 0),
    "nagle-writes": (srv_upload, cli_nagle_writes, 0),
    "reuse-after-close": (srv_close_after_answer, cli_reuse_after_20ms, 0),
    "reuse-before-close": (srv_close_soon_after_answer, cli_reuse_at_once, 0),
}


def serve_one(behaviour, conn, args):
    conn.settimeout(IO_TIMEOUT)
    try:
        log("server", behaviour(conn, args))
    except OSError as e:
        log("server", "error: %s" % e)


def run_server(args):
    behaviour, _, rcvbuf = SCENARIOS[args.scenario][:3]
    count = SCENARIOS[args.scenario][3] if len(SCENARIOS[args.scenario]) > 3 else 1
    lsock = socket.socket(family_of(args.bind), socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if rcvbuf:
        # Set before listen() so accepted sockets inherit it (socket(7)).
        lsock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    lsock.bind((args.bind, args.port))
    lsock.listen(16)
    log("server", "listening on %s port %d" % (args.bind, args.port))
    if behaviour is None:
        time.sleep(args.lifetime)
        return
    lsock.settimeout(args.lifetime)
    workers = []
    for _ in range(count):
        try:
            conn, peer = lsock.accept()
        except socket.timeout:
            log("server", "no connection arrived")
            break
        worker = threading.Thread(target=serve_one, args=(behaviour, conn, args))
        worker.start()
        workers.append(worker)
    for worker in workers:
        worker.join(args.lifetime)


def run_client(args):
    behaviour = SCENARIOS[args.scenario][1]
    try:
        log("client", behaviour(args))
    except OSError as e:
        log("client", "error: %s" % e)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("side", choices=["server", "client"])
    p.add_argument("scenario", choices=sorted(SCENARIOS))
    p.add_argument("--bind", required=True)
    p.add_argument("--port", type=int, default=80)
    p.add_argument("--connect")
    p.add_argument("--lport", type=int, default=0)
    p.add_argument("--lifetime", type=float, default=30.0)
    args = p.parse_args()
    if args.side == "server":
        run_server(args)
    else:
        run_client(args)


if __name__ == "__main__":
    main()
