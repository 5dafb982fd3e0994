#!/usr/bin/env python3
"""Scores main-text extraction on real news pages: the test pages of newspaper4k (a Python
article extractor, MIT licence), each saved whole from a news site (CNN, Time, Fox 13, an
Arabic, a Thai, a Spanish, Chinese and Japanese page...) with the article text its test suite
expects. The pages are not kept here (10 MB of other sites' HTML): the script downloads
newspaper4k's source package from PyPI into a cache folder the first time.

Counted per page as the article-extraction benchmarks count: the words of the extracted text
and of the expected text as bags, precision = shared / extracted, recall = shared / expected;
the table gives each page and the mean over pages. The expected texts are newspaper4k's own
answers, checked by its maintainers, not a hand-made key: a page where tisse keeps a caption
or a byline newspaper4k drops loses precision even where keeping it is defensible.

    python3 benches/news_eval.py --tisse target/release/tisse [--tisse OTHER ...]
        [--trafilatura]   # needs `pip install trafilatura` in the running Python
        [--cache DIR]     # default: ~/.cache/tisse-bench

Prints a Markdown table: precision/recall/F1 per page and tool, then the means.
"""

import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys
import tarfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from html_eval import tisse_text, trafilatura_text  # noqa: E402  (the same extractors)

PACKAGE = "newspaper4k==0.9.6"


def pages(cache):
    """(name, html path, expected text) of every test page with an expected text."""
    root = os.path.join(cache, "newspaper4k-0.9.6", "tests", "data")
    if not os.path.isdir(root):
        os.makedirs(cache, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--no-binary", ":all:", PACKAGE, "-d", cache], check=True)
        (archive,) = glob.glob(os.path.join(cache, "newspaper4k-0.9.6.tar.gz"))
        with tarfile.open(archive) as tar:
            members = [m for m in tar.getmembers() if "/tests/data/" in m.name]
            tar.extractall(cache, members=members, filter="data")
    found = []
    for meta in sorted(glob.glob(os.path.join(root, "metadata", "*.json"))):
        name = os.path.basename(meta)[:-5]
        html = os.path.join(root, "html", name + ".html")
        with open(meta, encoding="utf-8") as f:
            expected = json.load(f).get("text") or ""
        if os.path.exists(html) and expected.strip():
            found.append((name, html, expected))
    return found


def words(text):
    return collections.Counter(re.findall(r"\w+", (text or "").lower()))


def scores(extracted, expected):
    got, want = words(extracted), words(expected)
    shared = sum((got & want).values())
    p = shared / max(1, sum(got.values()))
    r = shared / max(1, sum(want.values()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tisse", action="append", default=[])
    ap.add_argument("--trafilatura", action="store_true")
    ap.add_argument("--cache", default=os.path.expanduser("~/.cache/tisse-bench"))
    args = ap.parse_args()
    tools = [(f"tisse ({b})", lambda p, b=b: tisse_text(b, p)) for b in args.tisse]
    if args.trafilatura:
        tools.append(("trafilatura", trafilatura_text))
    found = pages(args.cache)
    print(f"{len(found)} pages of {PACKAGE}'s tests; precision / recall / F1 of words")
    print()
    print("| page | words expected | " + " | ".join(name for name, _ in tools) + " |")
    print("| --- | ---: |" + " ---: |" * len(tools))
    totals = collections.defaultdict(lambda: [0.0, 0.0, 0.0])
    for name, html, expected in found:
        cells = []
        for tool, extract in tools:
            p, r, f = scores(extract(html), expected)
            for i, v in enumerate((p, r, f)):
                totals[tool][i] += v
            cells.append(f"{p:.2f} / {r:.2f} / {f:.2f}")
        print(f"| {name} | {sum(words(expected).values())} | " + " | ".join(cells) + " |")
    means = [" / ".join(f"{v / len(found):.3f}" for v in totals[tool]) for tool, _ in tools]
    print("| **mean** | | " + " | ".join(means) + " |")


if __name__ == "__main__":
    main()
