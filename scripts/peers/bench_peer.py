#!/usr/bin/env python3
"""Traffic for the benchmark capture (scripts/make-bench-capture.sh): many short HTTP-like exchanges, refused connects, bulk transfers.

Usage:
    bench_peer.py server --bind ADDR
    bench_peer.py client --connect ADDR --conns N --refused N --bulk N --bulk-bytes N [--concurrency N]

Server: port 80 answers one request per connection; when the request says
"Connection: close" the server closes first (HTTP/1.0 style), otherwise it
waits for the client's FIN. Port 8080 swallows a bulk upload, port 8081 sends
a bulk download of the announced size. Port 81 has no listener (refused).
"""
import argparse
import asyncio
import socket
import sys

BODY_SIZES = [13, 120, 512, 1400, 3000, 64, 900]


def body(i):
    n = BODY_SIZES[i % len(BODY_SIZES)]
    return (b"%06d-" % i + b"x" * n)[:n]


# ------------------------------------------------------------------ server

async def handle_http(reader, writer):
    try:
        head = await reader.readuntil(b"\r\n\r\n")
        first = head.split(b"\r\n", 1)[0]
        i = int(first.split(b"/item/")[1].split(b" ")[0])
        payload = body(i)
        close_first = b"Connection: close" in head
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n%s\r\n" %
                     (len(payload), b"Connection: close\r\n" if close_first else b"") + payload)
        await writer.drain()
        if not close_first:
            await reader.read()  # wait for the client's FIN
    except (asyncio.IncompleteReadError, ConnectionError, ValueError, IndexError):
        pass
    finally:
        writer.close()


async def handle_upload(reader, writer):
    try:
        while await reader.read(1 << 20):
            pass
        writer.write(b"OK\n")
        await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def handle_download(reader, writer):
    try:
        line = await reader.readline()
        size = int(line.strip() or b"0")
        chunk = b"d" * 65536
        sent = 0
        while sent < size:
            n = min(len(chunk), size - sent)
            writer.write(chunk[:n])
            sent += n
            await writer.drain()
    except (ConnectionError, ValueError):
        pass
    finally:
        writer.close()


async def serve(bind):
    servers = [await asyncio.start_server(h, bind, port, backlog=1024, reuse_address=True)
               for h, port in ((handle_http, 80), (handle_upload, 8080), (handle_download, 8081))]
    sys.stderr.write("bench server listening\n")
    sys.stderr.flush()
    await asyncio.gather(*(s.serve_forever() for s in servers))


# ------------------------------------------------------------------ client

async def one_http(addr, i, sem, stats):
    async with sem:
        try:
            reader, writer = await asyncio.open_connection(addr, 80)
        except OSError:
            stats["failed"] += 1
            return
        close_first = i % 5 != 0  # four in five: the server closes first
        writer.write(b"GET /item/%d HTTP/1.1\r\nHost: bench.example.test\r\n%s\r\n" %
                     (i, b"Connection: close\r\n" if close_first else b""))
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
            await reader.readexactly(length)
            if close_first:
                await reader.read()
            stats["http"] += 1
        except (asyncio.IncompleteReadError, ConnectionError, ValueError, IndexError):
            stats["failed"] += 1
        finally:
            writer.close()


async def one_refused(addr, sem, stats):
    async with sem:
        try:
            _, writer = await asyncio.open_connection(addr, 81)
            writer.close()
        except ConnectionRefusedError:
            stats["refused"] += 1
        except OSError:
            stats["failed"] += 1


async def one_bulk(addr, k, size, stats):
    if k % 2 == 0:
        reader, writer = await asyncio.open_connection(addr, 8080)
        chunk = b"u" * 65536
        sent = 0
        while sent < size:
            n = min(len(chunk), size - sent)
            writer.write(chunk[:n])
            sent += n
            await writer.drain()
        writer.write_eof()
        await reader.read()
    else:
        reader, writer = await asyncio.open_connection(addr, 8081)
        writer.write(b"%d\n" % size)
        got = 0
        while True:
            data = await reader.read(1 << 20)
            if not data:
                break
            got += len(data)
    writer.close()
    stats["bulk"] += 1


async def client(args):
    stats = {"http": 0, "refused": 0, "bulk": 0, "failed": 0}
    sem = asyncio.Semaphore(args.concurrency)
    tasks = []
    # Bulk transfers start at spread-out points so they overlap the short ones.
    bulk_at = {int(args.conns * (k + 1) / (args.bulk + 1)): k for k in range(args.bulk)}
    refused_every = max(1, args.conns // max(1, args.refused)) if args.refused else 0
    refused_left = args.refused
    for i in range(args.conns):
        if i in bulk_at:
            tasks.append(asyncio.create_task(one_bulk(args.connect, bulk_at[i], args.bulk_bytes, stats)))
        if refused_every and i % refused_every == 0 and refused_left > 0:
            refused_left -= 1
            tasks.append(asyncio.create_task(one_refused(args.connect, sem, stats)))
        tasks.append(asyncio.create_task(one_http(args.connect, i, sem, stats)))
        if len(tasks) > 4 * args.concurrency:
            done = [t for t in tasks if t.done()]
            tasks = [t for t in tasks if not t.done()]
            for t in done:
                t.result()
            if len(tasks) > 4 * args.concurrency:
                await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    await asyncio.gather(*tasks)
    sys.stderr.write("client: %(http)d http exchanges, %(refused)d refused, %(bulk)d bulk, %(failed)d failed\n" % stats)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("side", choices=["server", "client"])
    p.add_argument("--bind")
    p.add_argument("--connect")
    p.add_argument("--conns", type=int, default=30000)
    p.add_argument("--refused", type=int, default=2000)
    p.add_argument("--bulk", type=int, default=4)
    p.add_argument("--bulk-bytes", type=int, default=150_000_000)
    p.add_argument("--concurrency", type=int, default=64)
    args = p.parse_args()
    if args.side == "server":
        asyncio.run(serve(args.bind))
    else:
        asyncio.run(client(args))


if __name__ == "__main__":
    main()
