#!/usr/bin/env python3
"""Hostile-input bounds (issue 10): runs the release `escpos` tool on 16 MiB inputs an attacker could send.

Measures `escpos preview FILE --png OUT --quiet` on each input and `escpos decode FILE` on 10 MB of NUL,
repeating each run and printing the median wall-clock time and the largest peak resident memory (from
wait4's rusage, the same number as `/usr/bin/time -v`'s "Maximum resident set size").

    flock /tmp/swift-build.lock swift build -c release --product escpos
    python3 Benchmarks/hostile-input.py [--runs 5] [--tool .build/release/escpos]

The bounds to reach: preview of any 16 MiB input <= 256 MiB and <= 5 s; decode of 10 MB <= 256 MiB and <= 2 s.
"""
import argparse
import os
import random
import statistics
import subprocess
import tempfile
import time

MIB = 1 << 20
SIZE = 16 * MIB


def repeated(unit: bytes, size: int = SIZE) -> bytes:
    return (unit * (size // len(unit) + 1))[:size]


def symbol(cn: int, module: int) -> bytes:
    """Module size 255, 320 bytes of data stored once, then the print function until 16 MiB."""
    data = b"https://example.com/" + b"x" * 300
    length = len(data) + 3
    setup = bytes([0x1D, 0x28, 0x6B, 3, 0, cn, 0x43, module])
    setup += bytes([0x1D, 0x28, 0x6B, length & 0xFF, length >> 8, cn, 0x50, 0x30]) + data
    return (setup + repeated(bytes([0x1D, 0x28, 0x6B, 3, 0, cn, 0x51, 0x30]), SIZE - len(setup)))[:SIZE]


def raster_mode3() -> bytes:
    """GS v 0 mode 3 (double width and height), 255 bytes x 65 535 rows, as many as fit, NUL-padded."""
    width, height = 255, 65535
    image = bytes([0x1D, 0x76, 0x30, 0x03, width, 0, height & 0xFF, height >> 8]) + b"\xAA" * (width * height)
    out = image * (SIZE // len(image))
    return out + b"\x00" * (SIZE - len(out))


INPUTS = {
    "ESC d 255": lambda: repeated(b"\x1b\x64\xff"),
    "LF": lambda: repeated(b"\x0a"),
    "NUL": lambda: repeated(b"\x00"),
    "HT": lambda: repeated(b"\x09"),
    "ESC @": lambda: repeated(b"\x1b\x40"),
    "A + ESC $ 0 (overprint)": lambda: repeated(b"A\x1b\x24\x00\x00"),
    "issue reproducer (reverse, ESC $ 0)": lambda: repeated(bytes.fromhex("1D 42 01 1B 61 02 41 42 1B 24 00 00 0A")),
    "QR module 255, printed again and again": lambda: symbol(0x31, 255),
    "PDF417 module 255, printed again and again": lambda: symbol(0x30, 255),
    "GS v 0 mode 3": raster_mode3,
    "random bytes (seed 10)": lambda: random.Random(10).randbytes(SIZE),
}


def measure(command: list[str], runs: int) -> tuple[float, int, int]:
    """Median seconds, peak RSS in KiB, exit status of the last run."""
    times, peak, status = [], 0, 0
    for _ in range(runs):
        start = time.monotonic()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, wait_status, usage = os.wait4(process.pid, 0)
        times.append(time.monotonic() - start)
        peak = max(peak, usage.ru_maxrss)
        status = os.waitstatus_to_exitcode(wait_status)
    return statistics.median(times), peak, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tool", default=".build/release/escpos")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        print(f"| Input (16 MiB) | `preview` median | peak RSS | exit |")
        print("|---|---|---|---|")
        for name, make in INPUTS.items():
            path = os.path.join(directory, "input.bin")
            with open(path, "wb") as file:
                file.write(make())
            png = os.path.join(directory, "page.png")
            seconds, peak, status = measure([arguments.tool, "preview", path, "--png", png, "--quiet"], arguments.runs)
            print(f"| {name} | {seconds:.2f} s | {peak / 1024:.0f} MiB | {status} |")
        print()
        print("| Input | `decode` median | peak RSS | exit |")
        print("|---|---|---|---|")
        for name, data in [("10 MB NUL", b"\x00" * 10_000_000), ("10 MB LF", b"\x0a" * 10_000_000),
                           ("10 MB ESC @ (5 M commands)", repeated(b"\x1b\x40", 10_000_000))]:
            path = os.path.join(directory, "input.bin")
            with open(path, "wb") as file:
                file.write(data)
            seconds, peak, status = measure([arguments.tool, "decode", path], arguments.runs)
            print(f"| {name} | {seconds:.2f} s | {peak / 1024:.0f} MiB | {status} |")


if __name__ == "__main__":
    main()
