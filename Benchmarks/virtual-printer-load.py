#!/usr/bin/env python3
"""Load on the virtual printer (`escpos emulate`), over real loopback TCP.

1. Status while rendering: one client sends a 16 MiB job and closes; while that job renders, another
   client asks `DLE EOT 1` again and again. Reports each round trip's latency until the job's files appear
   (the render and file writing are done), so every sample overlaps the render.
2. 200 simultaneous clients, each sending a small job, half-closing and reading until the printer closes:
   counts connection resets and other failures, and the jobs the printer recorded.
3. Sending a 16 MiB job that starts with an unterminated `ESC D` (the status scanner's worst case), then a
   `DLE EOT 1` after its NUL: the time until the status reply arrives.

Usage (release build of the tool):
  swift build -c release --product escpos
  python3 Benchmarks/virtual-printer-load.py .build/release/escpos [runs]
"""
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

STATUS = bytes([0x10, 0x04, 0x01])


def start_emulator(tool, out, *extra):
    process = subprocess.Popen(
        [tool, "emulate", "--port", "0", "--control-port", "0", "--out", out, *extra],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    line = process.stderr.readline()
    match = re.search(r"listening on [0-9.]+:(\d+), control port (\d+)", line)
    if not match:
        process.kill()
        raise SystemExit(f"emulate did not start: {line}")
    return process, int(match.group(1)), int(match.group(2))


def status_round_trip(port):
    with socket.create_connection(("127.0.0.1", port)) as client:
        started = time.perf_counter()
        client.sendall(STATUS)
        reply = client.recv(1)
        elapsed = time.perf_counter() - started
    if reply != b"\x12":
        raise SystemExit(f"unexpected status reply {reply!r}")
    return elapsed


def status_while_rendering(tool):
    with tempfile.TemporaryDirectory() as out:
        process, port, _ = start_emulator(tool, out)
        try:
            line = b"a line of a large job, printed again and again " * 2 + b"\n"
            job = line * ((16 << 20) // len(line))
            with socket.create_connection(("127.0.0.1", port)) as client:
                client.sendall(job)
                client.shutdown(socket.SHUT_WR)
                client.recv(1)  # the printer closes once the job is taken
            finished_sending = time.perf_counter()
            samples = []
            png = os.path.join(out, "job-0001.png")
            while not os.path.exists(png):
                samples.append(status_round_trip(port))
                time.sleep(0.01)
            rendered = time.perf_counter() - finished_sending
            return samples, rendered
        finally:
            process.terminate()
            process.wait()


def simultaneous_clients(tool, count=200):
    with tempfile.TemporaryDirectory() as out:
        process, port, control = start_emulator(tool, out)
        failures = []
        resets = [0]
        lock = threading.Lock()
        barrier = threading.Barrier(count)

        def client(number):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
                    barrier.wait()
                    sock.sendall(f"job {number}\n".encode())
                    sock.shutdown(socket.SHUT_WR)
                    while sock.recv(4096):
                        pass
            except ConnectionResetError:
                with lock:
                    resets[0] += 1
            except Exception as error:  # noqa: BLE001 - every failure counts
                with lock:
                    failures.append(f"{number}: {error!r}")

        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(n,)) for n in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        jobs = 0
        for _ in range(600):
            with socket.create_connection(("127.0.0.1", control)) as sock:
                sock.sendall(b"status\n")
                reply = sock.recv(4096).decode()
            jobs = int(re.search(r"jobs=(\d+)", reply).group(1))
            if jobs >= count:
                break
            time.sleep(0.05)
        process.terminate()
        process.wait()
        return resets[0], failures, jobs, elapsed


def unterminated_tab_command(tool):
    with tempfile.TemporaryDirectory() as out:
        process, port, _ = start_emulator(tool, out)
        try:
            job = b"\x1bD" + b"\x01" * ((16 << 20) - 6) + b"\x00" + STATUS
            with socket.create_connection(("127.0.0.1", port)) as client:
                started = time.perf_counter()
                client.sendall(job)
                reply = client.recv(1)
                elapsed = time.perf_counter() - started
            if reply != b"\x12":
                raise SystemExit(f"unexpected status reply {reply!r}")
            return elapsed
        finally:
            process.terminate()
            process.wait()


def main():
    tool = sys.argv[1] if len(sys.argv) > 1 else ".build/release/escpos"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    medians, maxima, counts, renders = [], [], [], []
    for _ in range(runs):
        samples, rendered = status_while_rendering(tool)
        medians.append(statistics.median(samples) * 1000)
        maxima.append(max(samples) * 1000)
        counts.append(len(samples))
        renders.append(rendered)
    print(f"status while a 16 MiB job renders ({runs} runs): median of per-run medians "
          f"{statistics.median(medians):.2f} ms, median of per-run maxima {statistics.median(maxima):.2f} ms, "
          f"worst {max(maxima):.2f} ms; {statistics.median(counts):.0f} requests per run during "
          f"{statistics.median(renders):.2f} s of rendering")
    totals = []
    for _ in range(runs):
        resets, failures, jobs, elapsed = simultaneous_clients(tool)
        totals.append(elapsed)
        print(f"200 simultaneous clients: {resets} resets, {len(failures)} other failures, {jobs} jobs recorded, "
              f"{elapsed:.2f} s" + (f"; first failures: {failures[:3]}" if failures else ""))
    print(f"200 simultaneous clients: median {statistics.median(totals):.2f} s for all jobs")
    sends = [unterminated_tab_command(tool) for _ in range(runs)]
    print(f"16 MiB job starting with an unterminated ESC D, status reply after it: median "
          f"{statistics.median(sends):.2f} s")


if __name__ == "__main__":
    main()
