#!/usr/bin/env python3
"""How often tisse's stemmer (rust-stemmers, through `examples/stem.rs`) disagrees with the
current Snowball reference (the `snowballstemmer` Python package), per language.

Vocabulary: the most frequent words of each language in `wordfreq` (a PyPI package shipping
word frequency lists built from Wikipedia, subtitles, news, books, web text...), letters and
combining marks only. wordfreq casefolds Greek, writing a final sigma as σ: it is written back
as ς, as Greek text has it.

    pip install snowballstemmer wordfreq
    cargo build --release --example stem
    python3 benches/stem_agreement.py [--words 10000] [--fixtures tests/fixtures/vocab]

Prints a Markdown table (language, words, differing stems, share, over 2%?) and a few
examples of differences per language. With --fixtures, also writes every 10th word of each
vocabulary (1,000 words by default) to DIR/<code>.txt, for the robustness test.
"""
import argparse
import os
import subprocess
import sys
import unicodedata

import snowballstemmer
import wordfreq

# tisse code -> (wordfreq code, Snowball algorithm name)
LANGS = {
    "ar": ("ar", "arabic"), "da": ("da", "danish"), "de": ("de", "german"),
    "el": ("el", "greek"), "en": ("en", "english"), "es": ("es", "spanish"),
    "fi": ("fi", "finnish"), "fr": ("fr", "french"), "hu": ("hu", "hungarian"),
    "it": ("it", "italian"), "nb": ("nb", "norwegian"), "nl": ("nl", "dutch"),
    "pt": ("pt", "portuguese"), "ro": ("ro", "romanian"), "ru": ("ru", "russian"),
    "sv": ("sv", "swedish"), "ta": ("ta", "tamil"), "tr": ("tr", "turkish"),
}
THRESHOLD = 0.02


def is_word(w):
    return all(unicodedata.category(c)[0] in "LM" for c in w) and any(
        unicodedata.category(c)[0] == "L" for c in w)


def vocabulary(code, n):
    words = []
    for w in wordfreq.top_n_list(code, n * 4):
        if not is_word(w):
            continue
        if code == "el" and w.endswith("σ"):
            w = w[:-1] + "ς"
        words.append(w)
        if len(words) == n:
            break
    return words


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=10000)
    ap.add_argument("--stem", default="target/release/examples/stem")
    ap.add_argument("--fixtures", help="write every 10th word per language to DIR/<code>.txt")
    args = ap.parse_args()
    from importlib.metadata import version
    print(f"snowballstemmer {version('snowballstemmer')}, wordfreq {version('wordfreq')}, "
          f"{args.words} words a language")
    rows, examples = [], []
    for code, (wf, algorithm) in LANGS.items():
        words = vocabulary(wf, args.words)
        if args.fixtures:
            os.makedirs(args.fixtures, exist_ok=True)
            with open(os.path.join(args.fixtures, f"{code}.txt"), "w", encoding="utf-8") as f:
                f.write(f"# every 10th of the {len(words)} most frequent words in wordfreq ({wf}); "
                        "see benches/stem_agreement.py\n")
                f.write("\n".join(words[::10]) + "\n")
        run = subprocess.run([args.stem, code], input="\n".join(words) + "\n",
                             capture_output=True, text=True, check=True)
        out = run.stdout
        # A caught panic still prints its message on stderr: count them.
        panics = run.stderr.count("panicked at")
        ours = dict(line.split("\t") for line in out.splitlines())
        reference = snowballstemmer.stemmer(algorithm)
        differ = [(w, ours[w], reference.stemWord(w)) for w in words if ours[w] != reference.stemWord(w)]
        # tisse never makes an empty stem (it keeps the word): not a disagreement of algorithms.
        empty = [d for d in differ if d[2] == ""]
        real = [d for d in differ if d[2] != ""]
        share = len(real) / len(words)
        rows.append((code, algorithm, len(words), len(real), share, len(empty), panics))
        examples.append((code, real[:6]))
    print("| lang | algorithm | words | stems differing | share | over 2% | reference stem empty, tisse keeps the word | rust-stemmers panics (caught) |")
    print("| --- | --- | ---: | ---: | ---: | --- | ---: | ---: |")
    for code, algorithm, n, d, share, e, p in rows:
        flag = "**yes**" if share > THRESHOLD else "no"
        print(f"| {code} | {algorithm} | {n} | {d} | {share:.2%} | {flag} | {e} | {p} |")
    print()
    for code, differ in examples:
        if differ:
            shown = ", ".join(f"{w}: {a} vs {b}" for w, a, b in differ)
            print(f"- {code} (rust-stemmers vs snowballstemmer): {shown}")


if __name__ == "__main__":
    main()
