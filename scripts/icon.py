"""Draws images/icon.png (128x128): a gold rounded square with a navy check mark. Standard library only.
Run: python3 scripts/icon.py"""
import struct, zlib

N = 128
NAVY, GOLD = (31, 58, 95), (242, 193, 78)

def dist_to_segment(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    cx, cy = ax + t * dx, ay + t * dy
    return ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5

def inside_rounded(x, y, lo=10, hi=118, r=20):
    cx = min(max(x, lo + r), hi - r)
    cy = min(max(y, lo + r), hi - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r and lo <= x <= hi and lo <= y <= hi

rows = []
for y in range(N):
    row = bytearray([0])
    for x in range(N):
        px, py = x + 0.5, y + 0.5
        if not inside_rounded(px, py):
            row += bytes((0, 0, 0, 0))
            continue
        d = min(dist_to_segment(px, py, 32, 66, 55, 89), dist_to_segment(px, py, 55, 89, 97, 40))
        row += bytes((*NAVY, 255)) if d <= 8 else bytes((*GOLD, 255))
    rows.append(bytes(row))

def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)

png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', N, N, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b'')
open('images/icon.png', 'wb').write(png)
