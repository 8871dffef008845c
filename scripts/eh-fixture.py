#!/usr/bin/env python3
"""Extracts MSVC x64 C++ exception tables from a PE file as C byte fixtures for tests/unit/test_ehdata.c,
with the tables decoded by this independent reader in the header's comment: FuncInfo (__CxxFrameHandler3)
or, with --fh4, FuncInfo4 (__CxxFrameHandler4's compressed format).

usage: scripts/eh-fixture.py [--fh4] NAME IMAGE FUNCINFO_RVA:FUNCTION_RVA... > tests/unit/eh_fixture_NAME.h
"""
import struct, sys

def compressed(d, p):
    """FH4's compressed unsigned integer at file offset p: (value, offset after it)."""
    b = d[p]
    if b & 1 == 0:
        return b >> 1, p + 1
    if b & 3 == 1:
        return (b >> 2) | (d[p + 1] << 6), p + 2
    if b & 7 == 3:
        return (b >> 3) | (d[p + 1] << 5) | (d[p + 2] << 13), p + 3
    if b & 15 == 7:
        return (b >> 4) | (d[p + 1] << 4) | (d[p + 2] << 12) | (d[p + 3] << 20), p + 4
    return struct.unpack_from('<I', d, p + 1)[0], p + 5


def fh4(d, off, f, func, chunk, notes):
    p = off(f)
    hdr = d[p]
    p += 1
    notes.append(f'FuncInfo4 {f:#x} of the function at {func:#x}: header {hdr:#x}')
    if hdr & 4:
        _, p = compressed(d, p)
    um = tm = 0
    if hdr & 8:
        um = struct.unpack_from('<I', d, p)[0]; p += 4
    if hdr & 0x10:
        tm = struct.unpack_from('<I', d, p)[0]; p += 4
    ipm = struct.unpack_from('<I', d, p)[0]; p += 4
    if hdr & 1:
        disp, p = compressed(d, p)
        notes.append(f'  parent frame kept at {disp}')
    chunk(f, p - off(f))
    if um:
        q = off(um)
        n, q = compressed(d, q)
        start = q
        notes.append(f'  unwind map at {um:#x}: {n} entries')
        for i in range(n):
            at = q - start
            w, q = compressed(d, q)
            line = f'    state {i} (byte {at}): type {w & 3}, back {w >> 2}'
            if w & 3 in (1, 2):
                a = struct.unpack_from('<I', d, q)[0]; q += 4
                o, q = compressed(d, q)
                line += f', action {a:#x}, object {o}'
            elif w & 3 == 3:
                a = struct.unpack_from('<I', d, q)[0]; q += 4
                line += f', action {a:#x}'
            notes.append(line)
        chunk(um, q - off(um))
    if tm:
        q = off(tm)
        n, q = compressed(d, q)
        notes.append(f'  try map at {tm:#x}: {n} try blocks')
        for i in range(n):
            lo, q = compressed(d, q); hi, q = compressed(d, q); chi, q = compressed(d, q)
            ha = struct.unpack_from('<I', d, q)[0]; q += 4
            notes.append(f'    try {i}: states {lo}..{hi}, catches up to {chi}, handlers at {ha:#x}')
            r = off(ha)
            hn, r = compressed(d, r)
            for j in range(hn):
                hh = d[r]; r += 1
                adj = ty = co = 0
                if hh & 1:
                    adj, r = compressed(d, r)
                if hh & 2:
                    ty = struct.unpack_from('<I', d, r)[0]; r += 4
                if hh & 4:
                    co, r = compressed(d, r)
                fu = struct.unpack_from('<I', d, r)[0]; r += 4
                conts = []
                for _ in range((hh >> 4) & 3):
                    if hh & 8:
                        conts.append(struct.unpack_from('<I', d, r)[0]); r += 4
                    else:
                        v, r = compressed(d, r)
                        conts.append(func + v)
                name = ''
                if ty:
                    e = d.index(b'\0', off(ty + 16))
                    name = d[off(ty + 16):e].decode()
                    chunk(ty, 16 + len(name) + 1)
                notes.append(f'      handler {j}: header {hh:#x}, adjectives {adj:#x}, type {ty:#x} {name or "(...)"}, '
                             f'catch object at {co}, funclet {fu:#x}, continuations {", ".join(hex(c) for c in conts) or "none"}')
            chunk(ha, r - off(ha))
        chunk(tm, q - off(tm))
    q = off(ipm)
    n, q = compressed(d, q)
    ip = func
    notes.append(f'  ip-to-state map at {ipm:#x}: {n} entries')
    for _ in range(n):
        delta, q = compressed(d, q)
        st, q = compressed(d, q)
        ip += delta
        notes.append(f'    ip {ip:#x}: state {st - 1}')
    chunk(ipm, q - off(ipm))


def main():
    args = sys.argv[1:]
    four = args[0] == '--fh4'
    if four:
        args = args[1:]
    fixture = args[0]
    args = args[1:]
    path = args[0]
    d = open(path, 'rb').read()
    pe = struct.unpack_from('<I', d, 0x3c)[0]
    nsec = struct.unpack_from('<H', d, pe + 6)[0]
    opt = pe + 24
    sizeopt = struct.unpack_from('<H', d, pe + 20)[0]
    secs = []
    for i in range(nsec):
        o = opt + sizeopt + 40 * i
        secs.append(struct.unpack_from('<IIII', d, o + 8))
    size_of_image = struct.unpack_from('<I', d, opt + 56)[0]

    def off(rva):
        for vs, va, rs, ra in secs:
            if va <= rva < va + max(vs, rs):
                return rva - va + ra
        raise ValueError(hex(rva))

    def u32(rva): return struct.unpack_from('<I', d, off(rva))[0]
    def i32(rva): return struct.unpack_from('<i', d, off(rva))[0]
    chunks, notes = [], []

    def chunk(rva, n):
        if n:
            chunks.append((rva, d[off(rva):off(rva) + n]))

    for arg in args[1:]:
        f, func = (int(x, 0) for x in arg.split(':'))
        if four:
            fh4(d, off, f, func, chunk, notes)
            continue
        magic, maxs, um, nt, tm, nip, ipm, uh = struct.unpack_from('<IiIIIIIi', d, off(f))
        notes.append(f'FuncInfo {f:#x} of the function at {func:#x}: magic {magic:#x}, {maxs} states, '
                     f'{nt} try blocks, {nip} ip-to-state entries, dispUnwindHelp {uh}')
        chunk(f, 32); chunk(um, 8 * maxs); chunk(tm, 20 * nt); chunk(ipm, 8 * nip)
        for s in range(maxs):
            notes.append(f'  state {s}: toState {i32(um + 8 * s)}, action {u32(um + 8 * s + 4):#x}')
        for t in range(nt):
            lo, hi, chi, n, ha = struct.unpack_from('<iiiiI', d, off(tm + 20 * t))
            notes.append(f'  try {t}: states {lo}..{hi}, catches up to {chi}, {n} handlers at {ha:#x}')
            chunk(ha, 20 * n)
            for j in range(n):
                adj, ty, dc, h, df = struct.unpack_from('<IIiIi', d, off(ha + 20 * j))
                name = ''
                if ty:
                    e = d.index(b'\0', off(ty + 16))
                    name = d[off(ty + 16):e].decode()
                    chunk(ty, 16 + len(name) + 1)
                notes.append(f'    handler {j}: adjectives {adj:#x}, type {ty:#x} {name or "(...)"}, '
                             f'catch object at {dc}, funclet {h:#x}, dispFrame {df}')
        for k in range(nip):
            notes.append(f'  ip {u32(ipm + 8 * k):#x}: state {i32(ipm + 8 * k + 4)}')
    print('/* Generated by scripts/eh-fixture.py from', path.split('/')[-1], '-- do not edit.')
    print(' *')
    for n in notes:
        print(' * ' + n)
    print(' */')
    print('#ifndef EH_CHUNK_DEFINED')
    print('#define EH_CHUNK_DEFINED')
    print('struct eh_chunk { DWORD rva; unsigned size; const BYTE *bytes; };')
    print('#endif')
    print(f'#define EH_{fixture.upper()}_IMAGE_SIZE {size_of_image:#x}')
    print(f'static const struct eh_chunk eh_{fixture}_chunks[] = {{')
    merged = {}
    for rva, b in chunks:   # tables may be shared (or named twice): keep each range once
        if len(b) > len(merged.get(rva, b'')):
            merged[rva] = b
    for rva, b in sorted(merged.items()):
        print('    {0x%x, %d, (const BYTE[]){%s}},' % (rva, len(b), ', '.join('0x%02x' % x for x in b)))
    print('};')

main()
