#!/usr/bin/env python3
"""Shifts every timestamp of a classic pcap file by a number of seconds, in place (a second capture point with a wrong clock).

Usage: pcap_shift.py FILE SECONDS      (SECONDS may be negative and fractional)

Classic pcap only (magic a1b2c3d4 µs or a1b23c4d ns, either byte order):
a 24-byte file header, then per packet a 16-byte header whose first two
32-bit words are the seconds and the fraction (pcap-savefile(5)).
"""
import struct
import sys


def main():
    path, seconds = sys.argv[1], float(sys.argv[2])
    data = bytearray(open(path, "rb").read())
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        endian = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        endian = ">"
    else:
        sys.exit("pcap_shift: %s is not a classic pcap file" % path)
    per_second = 1_000_000_000 if magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d") else 1_000_000
    delta = round(seconds * per_second)
    offset, count = 24, 0
    while offset + 16 <= len(data):
        sec, frac, caplen, _ = struct.unpack_from(endian + "IIII", data, offset)
        total = sec * per_second + frac + delta
        struct.pack_into(endian + "II", data, offset, total // per_second, total % per_second)
        offset += 16 + caplen
        count += 1
    open(path, "wb").write(bytes(data))
    sys.stderr.write("pcap_shift: %d packets of %s moved by %+.6f s\n" % (count, path, seconds))


if __name__ == "__main__":
    main()
