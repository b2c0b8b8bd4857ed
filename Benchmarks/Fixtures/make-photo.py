#!/usr/bin/env python3
"""Writes photo-576x800.png: a 576 x 800 RGB 'photo' (smooth shading, edges, fine texture and noise)
that compresses like a real photo, for the PNG-to-GS v 0 benchmark. Standard library only."""
import math, random, struct, zlib

W, H = 576, 800
random.seed(4)
rows = bytearray()
for y in range(H):
    rows.append(0)
    for x in range(W):
        shade = 0.5 + 0.5 * math.sin(x / 57.0) * math.cos(y / 83.0)
        ring = 0.5 + 0.5 * math.sin(math.hypot(x - 288, y - 400) / 9.0)
        edge = 1.0 if (x // 96 + y // 128) % 2 else 0.7
        base = (0.6 * shade + 0.4 * ring) * edge
        noise = random.randint(-6, 6)
        r = max(0, min(255, int(base * 255) + noise))
        g = max(0, min(255, int(base * 230) + noise))
        b = max(0, min(255, int(base * 200) + noise))
        rows += bytes((r, g, b))

def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))

png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', W, H, 8, 2, 0, 0, 0))
png += chunk(b'IDAT', zlib.compress(bytes(rows), 6)) + chunk(b'IEND', b'')
open('photo-576x800.png', 'wb').write(png)
