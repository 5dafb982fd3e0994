#!/usr/bin/env python3
"""Scores main-text extraction on the evaluation set in benches/html_eval/ (pages/ and
key.json, made by build_key.py), counted as trafilatura's evaluation counts: each snippet
that must be in the text is a true positive when found, a false negative when not; each
snippet that must not be is a false positive when found, a true negative when not.
Precision, recall and F1 are over all snippets of all pages.

    python3 benches/html_eval.py --tisse target/release/tisse [--tisse-before OLD_BINARY]
        [--trafilatura]   # needs `pip install trafilatura` in the running Python

Prints one Markdown table row per tool, and with --misses the snippets each tool got wrong.
"""

import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "html_eval")


def norm(text):
    return re.sub(r"\s+", " ", text or "").strip()


def tisse_text(binary, path):
    out = subprocess.run([binary, "inspect", path], capture_output=True, text=True)
    for line in out.stdout.splitlines():
        doc = json.loads(line)
        if doc.get("kind") == "post":
            return doc.get("text", "")
    return ""


def trafilatura_text(path):
    import trafilatura

    with open(path, "rb") as f:
        return trafilatura.extract(f.read(), include_comments=False) or ""


def score(name, extract, key, misses):
    tp = fn = fp = tn = 0
    for page, answer in sorted(key.items()):
        text = norm(extract(os.path.join(HERE, "pages", page)))
        for s in answer["with"]:
            if norm(s) in text:
                tp += 1
            else:
                fn += 1
                if misses:
                    print(f"  {name} missed {page}: {s!r}", file=sys.stderr)
        for s in answer["without"]:
            if norm(s) in text:
                fp += 1
                if misses:
                    print(f"  {name} kept {page}: {s!r}", file=sys.stderr)
            else:
                tn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = (tp + tn) / (tp + tn + fp + fn)
    return f"| {name} | {precision:.3f} | {recall:.3f} | {f1:.3f} | {accuracy:.3f} |"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tisse", action="append", default=[], help="NAME=BINARY or BINARY")
    parser.add_argument("--trafilatura", action="store_true")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    with open(os.path.join(HERE, "key.json"), encoding="utf-8") as f:
        key = json.load(f)
    print(f"{len(key)} pages, {sum(len(v['with']) for v in key.values())} snippets in, "
          f"{sum(len(v['without']) for v in key.values())} snippets out\n")
    print("| extractor | precision | recall | F1 | accuracy |")
    print("|---|---|---|---|---|")
    for spec in args.tisse:
        name, _, binary = spec.rpartition("=")
        name = name or "tisse"
        print(score(name, lambda p, b=binary: tisse_text(b, p), key, args.misses), flush=True)
    if args.trafilatura:
        print(score("trafilatura", trafilatura_text, key, args.misses), flush=True)


if __name__ == "__main__":
    main()
