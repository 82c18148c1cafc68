#!/usr/bin/env python3
"""Benchmark: time from saving a page to the reloaded page being served, `ponte serve` beside
`hugo server`.

    python3 bench/serve_latency.py                               # the default site (this repo)
    python3 bench/serve_latency.py --site DIR --page content/section-01/page-0001.en.md \\
        --url /en/section-01/page-0001/ --hugo-site DIR2          # a corpus, and Hugo on it

Each server runs on a copy of its site (the original is never edited) on a free loopback port.
For each of --edits edits (20 by default) the script appends a unique line to the page's
Markdown, starts the clock when the file is closed, and asks for the page every 2 ms until
the served page contains the line: that is the time a person waits after saving before a
reload would show the change. It prints the median, minimum and maximum, and the CPU time
(user + system) the server used per edit, which a loaded machine changes less.

With --edit-file FILE (relative to the site; --hugo-edit-file for Hugo's copy), the probe
is appended to the end of that file instead, as text (Go templates drop HTML comments): a
template edit, e.g.
--edit-file themes/default/templates/base.html --hugo-edit-file layouts/_default/baseof.html.
With --insert-before MARKER the probe goes before the first MARKER of the files instead, e.g.
--edit-file themes/default/templates/page.html --hugo-edit-file layouts/page.html
--insert-before '</article>' (a template only pages use: ponte renders those pages again;
base.html builds everything).

Needs: a release build of ponte (built here if missing), for Hugo the `hugo` binary (the one
bench/bench.py installs, or --hugo), Python 3 standard library.
"""
import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
SITE_PARTS = ["ponte.toml", "hugo.toml", "config.toml", "content", "locales", "themes",
              "templates-public", "layouts", "i18n", "static", "assets", "data"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_site(src, dst):
    for part in SITE_PARTS:
        p = os.path.join(src, part)
        if os.path.isdir(p):
            shutil.copytree(p, os.path.join(dst, part))
        elif os.path.isfile(p):
            shutil.copy2(p, os.path.join(dst, part))


def fetch(url, timeout=5.0):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""
    except (urllib.error.URLError, ConnectionError, OSError, http.client.HTTPException):
        # A server that drops a response half-way while it rebuilds (hugo server does)
        # has not served the page yet: ask again.
        return None, b""


def wait_ready(url, proc, limit):
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if proc.poll() is not None:
            sys.exit(f"the server stopped before it was ready (exit {proc.returncode})")
        status, _ = fetch(url)
        if status == 200:
            return time.perf_counter() - start
        time.sleep(0.05)
    sys.exit(f"{url} not ready after {limit} s")


def cpu_seconds(pid):
    """CPU time (user + system) used so far by process `pid` and its descendants (Linux /proc;
    0 elsewhere). On a loaded machine this says more than the wall time does."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    stats = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the name: state ppid ... utime (14th field of the line) stime (15th).
        stats[int(entry)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += stats.get(p, (0, 0))[1]
        todo.extend(c for c, (ppid, _) in stats.items() if ppid == p)
    return total / ticks


def measure(name, command, cwd, page_file, url, edits, ready_limit, comment=False, before=None):
    with open(page_file, encoding="utf-8") as f:
        original = f.read()
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    try:
        startup = wait_ready(url, proc, ready_limit)
        print(f"{name}: ready in {startup:.2f} s", flush=True)
        times, cpu = [], []
        for i in range(edits):
            c0 = cpu_seconds(proc.pid)
            probe = f"latency probe {os.getpid()} {i}"
            with open(page_file, "w", encoding="utf-8") as f:
                if before:
                    f.write(original.replace(before, f"{probe}{before}", 1))
                elif comment:
                    f.write(f"{original}{probe}\n")
                else:
                    f.write(f"{original}\n\n{probe}\n")
            t0 = time.perf_counter()
            while True:
                status, body = fetch(url)
                if status == 200 and probe.encode() in body:
                    break
                if time.perf_counter() - t0 > 120:
                    sys.exit(f"{name}: edit {i} not served after 120 s")
                time.sleep(0.002)
            times.append(time.perf_counter() - t0)
            time.sleep(0.3)  # let the server settle before the next save
            cpu.append(cpu_seconds(proc.pid) - c0)
        ms = sorted(c * 1000 for c in cpu)
        print(f"{name}: server CPU time per edit (user+sys, with the polling requests): median "
              f"{statistics.median(ms):.0f} ms, min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms", flush=True)
        return times
    finally:
        with open(page_file, "w", encoding="utf-8") as f:
            f.write(original)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def report(name, times):
    ms = sorted(t * 1000 for t in times)
    print(f"{name}: median {statistics.median(ms):.0f} ms, min {ms[0]:.0f} ms, "
          f"max {ms[-1]:.0f} ms over {len(ms)} edits", flush=True)
    return statistics.median(ms)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", default=REPO, help="the ponte site (default: this repository)")
    ap.add_argument("--page", default="content/about/_index.en.md",
                    help="the Markdown file to edit, relative to the site")
    ap.add_argument("--url", default="/en/about/", help="the address of that page")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--edit-file", help="append the probe to this file (a template) instead")
    ap.add_argument("--hugo-edit-file", help="the same for the Hugo site")
    ap.add_argument("--insert-before", help="put the probe before the first MARKER of the edited "
                    "files (e.g. </article> in page.html) instead of at their end")
    ap.add_argument("--ponte", default=os.path.join(TARGET, "release", "ponte"))
    ap.add_argument("--hugo-site", help="the same content as a Hugo site, to compare")
    ap.add_argument("--hugo", default=shutil.which("hugo")
                    or os.path.expanduser("~/.cache/ponte-bench-venv/bin/hugo"))
    ap.add_argument("--ready-limit", type=float, default=600)
    args = ap.parse_args()

    if not os.path.exists(args.ponte):
        subprocess.run(["cargo", "build", "--release"], cwd=REPO, check=True)
    results = {}
    with tempfile.TemporaryDirectory(prefix="ponte-serve-bench-") as tmp:
        site = os.path.join(tmp, "ponte")
        os.mkdir(site)
        copy_site(args.site, site)
        port = free_port()
        results["ponte serve"] = report("ponte serve", measure(
            "ponte serve", [args.ponte, "serve", "--port", str(port), "--root", site], site,
            os.path.join(site, args.edit_file or args.page), f"http://127.0.0.1:{port}{args.url}",
            args.edits, args.ready_limit, comment=bool(args.edit_file),
            before=args.insert_before))
        if args.hugo_site:
            hugo = os.path.join(tmp, "hugo")
            os.mkdir(hugo)
            copy_site(args.hugo_site, hugo)
            port = free_port()
            results["hugo server"] = report("hugo server", measure(
                "hugo server", [args.hugo, "server", "--source", hugo, "--port", str(port),
                                "--bind", "127.0.0.1", "--baseURL", f"http://127.0.0.1:{port}/",
                                "--quiet"],
                hugo, os.path.join(hugo, args.hugo_edit_file or args.page),
                f"http://127.0.0.1:{port}{args.url}", args.edits, args.ready_limit,
                comment=bool(args.hugo_edit_file), before=args.insert_before))
    if len(results) == 2:
        p, h = results["ponte serve"], results["hugo server"]
        print(f"ponte serve / hugo server: {p / h:.2f}x the time")


if __name__ == "__main__":
    main()
