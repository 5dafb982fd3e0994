#!/usr/bin/env python3
"""How often tisse's stems (through `examples/stem.rs`) differ from the released Snowball
reference (the `snowballstemmer` Python package), per language.

Vocabulary: the most frequent words of each language in `wordfreq` (a PyPI package shipping
word frequency lists built from Wikipedia, subtitles, news, books, web text...), letters and
combining marks only. wordfreq casefolds Greek, writing a final sigma as σ: it is written back
as ς. Languages wordfreq lacks take the headwords of Debian's hunspell dictionary, evenly
spaced through it (install first: `apt-get install myspell-eo myspell-et myspell-hy
hunspell-ne hunspell-sr`); Serbian keeps its Cyrillic words, the script whatlang detects it in.

    pip install snowballstemmer wordfreq
    cargo build --release --example stem
    python3 benches/stem_agreement.py [--words 10000] [--fixtures tests/fixtures/vocab]
    python3 benches/stem_agreement.py --stemmer rust-stemmers   # the stemmer tisse had before

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

HUNSPELL = "/usr/share/hunspell"
# tisse code -> (vocabulary: a wordfreq code or a hunspell dictionary, Snowball algorithm)
LANGS = {
    "ar": ("ar", "arabic"), "ca": ("ca", "catalan"), "cs": ("cs", "czech"),
    "da": ("da", "danish"), "de": ("de", "german"), "el": ("el", "greek"),
    "en": ("en", "english"), "eo": ("eo.dic", "esperanto"), "es": ("es", "spanish"),
    "et": ("et_EE.dic", "estonian"), "fa": ("fa", "persian"), "fi": ("fi", "finnish"),
    "fr": ("fr", "french"), "hi": ("hi", "hindi"), "hu": ("hu", "hungarian"),
    "hy": ("hy_AM.dic", "armenian"), "id": ("id", "indonesian"), "it": ("it", "italian"),
    "lt": ("lt", "lithuanian"), "nb": ("nb", "norwegian"), "ne": ("ne_NP.dic", "nepali"),
    "nl": ("nl", "dutch"), "pl": ("pl", "polish"), "pt": ("pt", "portuguese"),
    "ro": ("ro", "romanian"), "ru": ("ru", "russian"), "sr": ("sr_RS.dic", "serbian"),
    "sv": ("sv", "swedish"), "ta": ("ta", "tamil"), "tr": ("tr", "turkish"),
}
THRESHOLD = 0.02


def is_word(w):
    return all(unicodedata.category(c)[0] in "LM" for c in w) and any(
        unicodedata.category(c)[0] == "L" for c in w)


def vocabulary(source, n):
    if source.endswith(".dic"):
        return dictionary_words(os.path.join(HUNSPELL, source), n)
    words = []
    for w in wordfreq.top_n_list(source, n * 4):
        if not is_word(w):
            continue
        if source == "el" and w.endswith("σ"):
            w = w[:-1] + "ς"
        words.append(w)
        if len(words) == n:
            break
    return words


def dictionary_words(path, n):
    """`n` headwords spread evenly through a hunspell dictionary, lowercased."""
    encoding = "utf-8"
    with open(path[:-4] + ".aff", "rb") as aff:
        for line in aff:
            if line.startswith(b"SET "):
                encoding = line[4:].decode().strip().replace("ISO8859", "iso-8859")
    with open(path, encoding=encoding, errors="replace") as dic:
        lines = dic.read().splitlines()[1:]
    cyrillic_only = os.path.basename(path).startswith("sr_")
    seen, words = set(), []
    for line in lines:
        w = line.split("/")[0].strip().lower()
        if not is_word(w) or w in seen:
            continue
        if cyrillic_only and not all("\u0400" <= c <= "\u04ff" for c in w):
            continue
        seen.add(w)
        words.append(w)
    step = max(1, len(words) // n)
    return words[::step][:n]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=10000)
    ap.add_argument("--stem", default="target/release/examples/stem")
    ap.add_argument("--stemmer", default="tisse", choices=["tisse", "rust-stemmers"],
                    help="tisse's stems, or rust-stemmers 1.2.0's (tisse's before issue 15)")
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
                source = (f"headwords of Debian's hunspell dictionary {wf}" if wf.endswith(".dic")
                          else f"most frequent words in wordfreq ({wf})")
                f.write(f"# every 10th of the {len(words)} {source}; see benches/stem_agreement.py\n")
                f.write("\n".join(words[::10]) + "\n")
        command = [args.stem, code] + (["--rust-stemmers"] if args.stemmer != "tisse" else [])
        run = subprocess.run(command, input="\n".join(words) + "\n",
                             capture_output=True, text=True)
        if run.returncode == 3:  # rust-stemmers has no algorithm for the language
            continue
        run.check_returncode()
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
    print(f"stemmer: {args.stemmer}")
    print("| lang | algorithm | words | stems differing | share | over 2% | reference stem empty, tisse keeps the word | stemmer panics (caught) |")
    print("| --- | --- | ---: | ---: | ---: | --- | ---: | ---: |")
    for code, algorithm, n, d, share, e, p in rows:
        flag = "**yes**" if share > THRESHOLD else "no"
        print(f"| {code} | {algorithm} | {n} | {d} | {share:.2%} | {flag} | {e} | {p} |")
    print()
    for code, differ in examples:
        if differ:
            shown = ", ".join(f"{w}: {a} vs {b}" for w, a, b in differ)
            print(f"- {code} ({args.stemmer} vs snowballstemmer): {shown}")


if __name__ == "__main__":
    main()
