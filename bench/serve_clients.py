#!/usr/bin/env python3
"""Benchmark: `ponte serve` under many open pages at once.

    python3 bench/serve_clients.py [--site DIR] [--url /en/about/] [--clients 50]

Starts `ponte serve` on a copy of the site, then opens --clients clients at once, each a
keep-alive connection plus a live-reload event stream (as one open browser tab holds), and
--stalled clients that ask for the largest built file and never read the answer. Every
client asks for the page --requests times on its keep-alive connection. It prints how many
requests were answered, the median and slowest answer, and the time until every client had
its answers: a connection that is never served shows as a failure, not as a missing number.

Needs: a release build of ponte (built here if missing), Python 3 standard library.
"""
import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from serve_latency import REPO, TARGET, copy_site, free_port, wait_ready  # noqa: E402


def read_response(sock_file):
    """Reads one HTTP response (head and Content-Length body); returns the status."""
    status_line = sock_file.readline()
    if not status_line:
        raise ConnectionError("closed")
    length = 0
    while True:
        line = sock_file.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    sock_file.read(length)
    return int(status_line.split()[1])


def client(port, url, requests, times, failures, barrier):
    try:
        events = socket.create_connection(("127.0.0.1", port), timeout=30)
        events.sendall(b"GET /__ponte/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       b"Accept: text/event-stream\r\n\r\n")
        conn = socket.create_connection(("127.0.0.1", port), timeout=30)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        f = conn.makefile("rb")
        barrier.wait()
        for _ in range(requests):
            t0 = time.perf_counter()
            conn.sendall(f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            status = read_response(f)
            times.append(time.perf_counter() - t0)
            if status != 200:
                failures.append(f"status {status}")
        conn.close()
        events.close()
    except (OSError, ValueError, threading.BrokenBarrierError) as e:
        failures.append(str(e))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", default=REPO)
    ap.add_argument("--url", default="/en/about/")
    ap.add_argument("--big", default="/en/", help="what the stalled clients ask for")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--stalled", type=int, default=4)
    ap.add_argument("--requests", type=int, default=20)
    ap.add_argument("--ponte", default=os.path.join(TARGET, "release", "ponte"))
    args = ap.parse_args()
    if not os.path.exists(args.ponte):
        subprocess.run(["cargo", "build", "--release"], cwd=REPO, check=True)
    with tempfile.TemporaryDirectory(prefix="ponte-clients-bench-") as tmp:
        copy_site(args.site, tmp)
        port = free_port()
        proc = subprocess.Popen([args.ponte, "serve", "--port", str(port), "--root", tmp],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                stdin=subprocess.DEVNULL)
        try:
            wait_ready(f"http://127.0.0.1:{port}{args.url}", proc, 600)
            stalled = []
            for _ in range(args.stalled):
                s = socket.create_connection(("127.0.0.1", port))
                s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                s.sendall(f"GET {args.big} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
                stalled.append(s)
            times, failures = [], []
            barrier = threading.Barrier(args.clients)
            threads = [threading.Thread(target=client,
                                        args=(port, args.url, args.requests, times, failures,
                                              barrier))
                       for _ in range(args.clients)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            total = time.perf_counter() - t0
            expected = args.clients * args.requests
            ms = sorted(t * 1000 for t in times)
            print(f"{args.clients} keep-alive clients with an event stream each, "
                  f"{args.stalled} stalled: {len(times)}/{expected} requests answered, "
                  f"{len(failures)} failures; median {statistics.median(ms):.1f} ms, "
                  f"p99 {ms[int(len(ms) * 0.99) - 1]:.1f} ms, slowest {ms[-1]:.1f} ms; "
                  f"all done in {total:.2f} s", flush=True)
            for s in stalled:
                s.close()
            if failures:
                print("failures:", "; ".join(sorted(set(failures))[:5]))
                sys.exit(1)
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
