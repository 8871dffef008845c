#!/usr/bin/env python3
"""Makes test images out of a native DLL for ldr_images:
  pepatch.py clr IN OUT       a .NET-looking DLL: its CLR data directory (14) points at a COR20 header (IL
                              only) written into the zero tail of the headers, which are mapped at RVA 0
  pepatch.py norelocs IN OUT  a DLL that cannot move: no base relocation directory, IMAGE_FILE_RELOCS_STRIPPED
  pepatch.py bound IN OUT     a DLL whose imports claim to be bound (TimeDateStamp -1, a bound import
                              directory, stale addresses in the IAT), as BIND.EXE leaves them for a
                              Windows that no longer exists: the loader must bind them again
  pepatch.py delaydir IN OUT  an exe whose delay-load descriptors (which mingw-w64's dlltool -y makes, as
                              __DELAY_IMPORT_DESCRIPTOR_* symbols, without filling the data directory) are
                              named by the delay import directory (13), as Microsoft's linker does
"""
import struct
import subprocess
import sys

mode, src, dst = sys.argv[1:4]
data = bytearray(open(src, 'rb').read())
pe = struct.unpack_from('<I', data, 0x3C)[0]
opt = pe + 24
assert struct.unpack_from('<H', data, opt)[0] == 0x20B  # PE32+
dirs = opt + 112
if mode == 'clr':
    size_of_headers = struct.unpack_from('<I', data, opt + 60)[0]
    offset = size_of_headers - 80
    assert not any(data[offset:size_of_headers]), 'no room in the headers'
    # IMAGE_COR20_HEADER: cb 72, runtime 2.5, metadata (none), flags COMIMAGE_FLAGS_ILONLY
    data[offset:offset + 72] = struct.pack('<IHHIII', 72, 2, 5, 0, 0, 1) + bytes(72 - 20)
    struct.pack_into('<II', data, dirs + 14 * 8, offset, 72)
elif mode == 'norelocs':
    struct.pack_into('<II', data, dirs + 5 * 8, 0, 0)
    characteristics = struct.unpack_from('<H', data, pe + 22)[0]
    struct.pack_into('<H', data, pe + 22, characteristics | 0x0001)
    dll_characteristics = struct.unpack_from('<H', data, opt + 70)[0]
    struct.pack_into('<H', data, opt + 70, dll_characteristics & ~0x0040)  # not DYNAMIC_BASE
elif mode == 'bound':
    nsections = struct.unpack_from('<H', data, pe + 6)[0]
    size_of_optional = struct.unpack_from('<H', data, pe + 20)[0]
    sections = [struct.unpack_from('<8sIIII', data, pe + 24 + size_of_optional + 40 * i) for i in range(nsections)]

    def offset(rva):
        for _, vsize, va, raw_size, raw in sections:
            if va <= rva < va + max(vsize, raw_size):
                return raw + rva - va
        raise ValueError('rva %#x outside the sections' % rva)

    imports = struct.unpack_from('<I', data, dirs + 1 * 8)[0]
    d = offset(imports)
    while struct.unpack_from('<I', data, d + 12)[0]:  # Name
        struct.pack_into('<I', data, d + 4, 0xFFFFFFFF)  # TimeDateStamp: bound (new style)
        iat = offset(struct.unpack_from('<I', data, d + 16)[0])
        while struct.unpack_from('<Q', data, iat)[0]:
            struct.pack_into('<Q', data, iat, 0x7FF012345678)  # where the function was, on another machine
            iat += 8
        d += 20
    size_of_headers = struct.unpack_from('<I', data, opt + 60)[0]
    bound = size_of_headers - 64
    assert not any(data[bound:size_of_headers]), 'no room in the headers'
    name = b'talkdep.dll\0'
    # IMAGE_BOUND_IMPORT_DESCRIPTOR {TimeDateStamp, OffsetModuleName, NumberOfModuleForwarderRefs}, then a
    # terminating one, then the name
    data[bound:bound + 16] = struct.pack('<IHH', 0x12345678, 16, 0) + bytes(8)
    data[bound + 16:bound + 16 + len(name)] = name
    struct.pack_into('<II', data, dirs + 11 * 8, bound, 16 + len(name))
elif mode == 'delaydir':
    image_base = struct.unpack_from('<Q', data, opt + 24)[0]
    nm = subprocess.run(['x86_64-w64-mingw32-nm', src], check=True, capture_output=True, text=True).stdout
    addresses = sorted(int(line.split()[0], 16) for line in nm.splitlines()
                       if line.split()[-1].startswith('__DELAY_IMPORT_DESCRIPTOR_'))
    assert addresses and all(b - a == 32 for a, b in zip(addresses, addresses[1:])), 'descriptors not together'
    struct.pack_into('<II', data, dirs + 13 * 8, addresses[0] - image_base, 32 * len(addresses))
else:
    sys.exit('pepatch.py: unknown mode ' + mode)
open(dst, 'wb').write(data)
