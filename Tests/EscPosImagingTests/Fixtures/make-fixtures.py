#!/usr/bin/env python3
"""Writes the PNG and JPEG test fixtures and the gray pixels each should decode to.

Run from this folder: python3 make-fixtures.py (needs cjpeg from Debian's libjpeg-turbo-progs for the
JPEG files). Every PNG is written by hand here, with zlib and struct only, so the fixtures do not depend
on the library under test. For each NAME.png/.jpg there is NAME.gray: width and height as two
big-endian 16-bit numbers, then the expected gray bytes (0 black ... 255 white), computed with the
sRGB transfer function, Rec. 709 luminance weights and alpha composited over white in linear light.
"""
import struct, subprocess, zlib

W, H = 10, 9

def lin(c):  # sRGB code 0..255 -> linear 0..1
    c /= 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

def enc(l):  # linear 0..1 -> sRGB code
    v = l * 12.92 if l <= 0.0031308 else 1.055 * l ** (1 / 2.4) - 0.055
    return max(0, min(255, round(v * 255)))

def gray_of(r, g, b, a=1.0):
    if r == g == b and a == 1.0:
        return r
    l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return enc(l * a + (1 - a))

def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))

def pack_row(samples, depth):
    if depth == 8:
        return bytes(samples)
    if depth == 16:
        return b''.join(struct.pack('>H', s) for s in samples)
    out, acc, bits = bytearray(), 0, 0
    for s in samples:
        acc = (acc << depth) | s
        bits += depth
        if bits == 8:
            out.append(acc); acc, bits = 0, 0
    if bits:
        out.append(acc << (8 - bits))
    return bytes(out)

ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]

def write_png(name, colour_type, depth, pixels, palette=None, trns=None, interlace=False):
    """pixels[y][x] is a tuple of samples in the file's own layout."""
    raw = bytearray()
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    for n, (x0, y0, dx, dy) in enumerate(passes):
        xs, ys = list(range(x0, W, dx)), list(range(y0, H, dy))
        if not xs or not ys:
            continue
        for y in ys:
            raw.append(0)
            raw += pack_row([s for x in xs for s in pixels[y][x]], depth)
    data = b'\x89PNG\r\n\x1a\n'
    data += chunk(b'IHDR', struct.pack('>IIBBBBB', W, H, depth, colour_type, 0, 0, 1 if interlace else 0))
    if palette:
        data += chunk(b'PLTE', b''.join(bytes(c) for c in palette))
    if trns is not None:
        data += chunk(b'tRNS', trns)
    data += chunk(b'IDAT', zlib.compress(bytes(raw), 9)) + chunk(b'IEND', b'')
    open(name + '.png', 'wb').write(data)

def write_expected(name, gray):
    open(name + '.gray', 'wb').write(struct.pack('>HH', W, H) + bytes(gray[y][x] for y in range(H) for x in range(W)))

def grid(f):
    return [[f(x, y) for x in range(W)] for y in range(H)]

# Gray at every bit depth: a ramp over all the levels of the depth.
for depth in (1, 2, 4, 8, 16):
    top = (1 << depth) - 1
    level = lambda x, y: ((x + y * W) * 7) % (top + 1) if depth < 8 else ((x + y * W) * 37) % 256
    for interlace in (False, True):
        name = 'gray%d%s' % (depth, '-interlaced' if interlace else '')
        if depth == 16:
            write_png(name, 0, 16, grid(lambda x, y: (level(x, y) * 257,)), interlace=interlace)
            write_expected(name, grid(lambda x, y: level(x, y)))
        else:
            write_png(name, 0, depth, grid(lambda x, y: (level(x, y),)), interlace=interlace)
            write_expected(name, grid(lambda x, y: round(level(x, y) * 255 / top)))

# Gray with a transparent key colour (tRNS): the key turns white.
key = 60
g = lambda x, y: key if (x + y) % 3 == 0 else (x * 25) % 256
write_png('gray8-trns', 0, 8, grid(lambda x, y: (g(x, y),)), trns=struct.pack('>H', key))
write_expected('gray8-trns', grid(lambda x, y: 255 if g(x, y) == key else g(x, y)))

# Colours: primaries, grays and mixtures.
colours = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (128, 128, 128), (0, 0, 0), (255, 255, 255),
           (200, 150, 40), (30, 60, 90), (255, 255, 0), (10, 200, 250), (90, 90, 90)]
col = lambda x, y: colours[(x + 2 * y) % len(colours)]
for depth in (8, 16):
    for interlace in (False, True):
        name = 'rgb%d%s' % (depth, '-interlaced' if interlace else '')
        scale = 257 if depth == 16 else 1
        write_png(name, 2, depth, grid(lambda x, y: tuple(c * scale for c in col(x, y))), interlace=interlace)
        write_expected(name, grid(lambda x, y: gray_of(*col(x, y))))

write_png('rgb8-trns', 2, 8, grid(lambda x, y: col(x, y)), trns=struct.pack('>HHH', 200, 150, 40))
write_expected('rgb8-trns', grid(lambda x, y: 255 if col(x, y) == (200, 150, 40) else gray_of(*col(x, y))))

# Alpha: opaque, transparent and half-transparent pixels.
alphas = [255, 0, 128, 255, 64, 255, 192]
alpha = lambda x, y: alphas[(3 * x + y) % len(alphas)]
for depth in (8, 16):
    scale = 257 if depth == 16 else 1
    for interlace in (False, True):
        suffix = '%d%s' % (depth, '-interlaced' if interlace else '')
        write_png('rgba' + suffix, 6, depth,
                  grid(lambda x, y: tuple(c * scale for c in col(x, y) + (alpha(x, y),))), interlace=interlace)
        write_expected('rgba' + suffix, grid(lambda x, y: gray_of(*col(x, y), alpha(x, y) / 255)))
        gv = lambda x, y: (x * 29 + y * 11) % 256
        write_png('graya' + suffix, 4, depth, grid(lambda x, y: (gv(x, y) * scale, alpha(x, y) * scale)),
                  interlace=interlace)
        write_expected('graya' + suffix, grid(lambda x, y: gray_of(gv(x, y), gv(x, y), gv(x, y), alpha(x, y) / 255)))

# Palettes at every depth, with and without tRNS.
for depth in (1, 2, 4, 8):
    size = min(1 << depth, len(colours))
    palette = colours[:size]
    index = lambda x, y: (x + 3 * y) % size
    for interlace in (False, True):
        name = 'palette%d%s' % (depth, '-interlaced' if interlace else '')
        write_png(name, 3, depth, grid(lambda x, y: (index(x, y),)), palette=palette, interlace=interlace)
        write_expected(name, grid(lambda x, y: gray_of(*palette[index(x, y)])))
    trns = bytes([255, 0, 128][:size])
    write_png('palette%d-trns' % depth, 3, depth, grid(lambda x, y: (index(x, y),)), palette=palette, trns=trns)
    a = lambda i: (trns[i] if i < len(trns) else 255) / 255
    write_expected('palette%d-trns' % depth, grid(lambda x, y: gray_of(*palette[index(x, y)], a(index(x, y)))))

# JPEG: a flat gray field and colour bars, big enough for whole 8 x 8 blocks.
def pnm(path, magic, w, h, samples):
    open(path, 'wb').write(b'%s\n%d %d\n255\n' % (magic, w, h) + bytes(samples))

JW, JH = 32, 16
flat = lambda x, y: 100 if x < 16 else 200
pnm('/tmp/escpos-gray.pgm', b'P5', JW, JH, [flat(x, y) for y in range(JH) for x in range(JW)])
bars = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (128, 128, 128)]
bar = lambda x, y: bars[x // 8]
pnm('/tmp/escpos-colour.ppm', b'P6', JW, JH, [c for y in range(JH) for x in range(JW) for c in bar(x, y)])
for name, source, options in [('gray', '/tmp/escpos-gray.pgm', []), ('colour', '/tmp/escpos-colour.ppm', []),
                              ('colour-progressive', '/tmp/escpos-colour.ppm', ['-progressive'])]:
    jpeg = subprocess.run(['cjpeg', '-quality', '95', '-sample', '1x1'] + options + [source],
                          check=True, capture_output=True).stdout
    open(name + '.jpg', 'wb').write(jpeg)
    f = (lambda x, y: flat(x, y)) if name == 'gray' else (lambda x, y: gray_of(*bar(x, y)))
    open(name + '.gray', 'wb').write(struct.pack('>HH', JW, JH) + bytes(f(x, y) for y in range(JH) for x in range(JW)))
