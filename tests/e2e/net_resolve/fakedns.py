#!/usr/bin/env python3
"""A DNS server for tests/e2e/net_resolve: answers UDP queries on 127.0.0.1 (a free port, written to the file
named by argv[1]) from the zone below, logs each question to argv[2], and stops when its parent dies."""
import os
import socket
import struct
import sys


def encode(name):
    return b"".join(bytes([len(l)]) + l.encode() for l in name.split(".") if l) + b"\0"


A, SOA, CNAME, PTR, MX, TXT, AAAA, SRV = 1, 6, 5, 12, 15, 16, 28, 33
ZONE = {
    ("www.ntexec.test", A): [socket.inet_aton("192.0.2.10"), socket.inet_aton("192.0.2.11")],
    ("www.ntexec.test", AAAA): [socket.inet_pton(socket.AF_INET6, "2001:db8::10")],
    ("v4only.ntexec.test", A): [socket.inet_aton("192.0.2.20")],
    ("shadowed.ntexec.test", A): [socket.inet_aton("192.0.2.61")],
    ("mail.ntexec.test", MX): [struct.pack(">H", 10) + encode("mx1.ntexec.test"),
                               struct.pack(">H", 20) + encode("mx2.ntexec.test")],
    ("txt.ntexec.test", TXT): [b"\x05hello\x05world", b"\x0bv=spf1 -all"],
    ("_http._tcp.ntexec.test", SRV): [struct.pack(">HHH", 1, 5, 8080) + encode("www.ntexec.test")],
    ("ntexec.test", SOA): [encode("ns.ntexec.test") + encode("hostmaster.ntexec.test") +
                           struct.pack(">IIIII", 2026120701, 3600, 600, 86400, 60)],
}
ALIASES = {"alias.ntexec.test": "www.ntexec.test"}
POINTERS = {
    "10.2.0.192.in-addr.arpa": "www.ntexec.test",
    "0.1." + "0." * 22 + "8.b.d.0.1.0.0.2.ip6.arpa": "www.ntexec.test",
}
FAILING = {"fail.ntexec.test"}
SILENT = {"silent.ntexec.test"}   # asked, never answered


def record(name, rtype, data):
    return encode(name) + struct.pack(">HHIH", rtype, 1, 60, len(data)) + data


def answer(query):
    qid, _flags, qdcount = struct.unpack(">HHH", query[:6])
    pos, labels = 12, []
    while query[pos]:
        labels.append(query[pos + 1:pos + 1 + query[pos]].decode())
        pos += 1 + query[pos]
    qtype, _qclass = struct.unpack(">HH", query[pos + 1:pos + 5])
    question = query[12:pos + 5]
    name = ".".join(labels).lower()
    records, rcode = [], 0
    known = {n for n, _ in ZONE} | set(ALIASES) | set(POINTERS)
    if name in FAILING:
        rcode = 2
    elif name not in known:
        rcode = 3
    else:
        target = name
        if name in ALIASES:
            target = ALIASES[name]
            records.append(record(name, CNAME, encode(target)))
        if qtype == PTR and name in POINTERS:
            records.append(record(name, PTR, encode(POINTERS[name])))
        records += [record(target, qtype, d) for d in ZONE.get((target, qtype), [])]
    header = struct.pack(">HHHHHH", qid, 0x8180 | rcode, qdcount, len(records), 0, 0)
    return header + question + b"".join(records), name, qtype


def main():
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(1)
    log = open(sys.argv[2], "a", buffering=1)
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(sock.getsockname()[1]))
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    parent = os.getppid()
    while os.getppid() == parent:
        try:
            query, peer = sock.recvfrom(4096)
        except socket.timeout:
            continue
        reply, name, qtype = answer(query)
        log.write(f"{name} {qtype}\n")
        if name not in SILENT:
            sock.sendto(reply, peer)


main()
