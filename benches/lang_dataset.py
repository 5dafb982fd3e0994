#!/usr/bin/env python3
"""Builds the labelled texts that `examples/lang_accuracy.rs` measures language detection on:
real text in nine languages that Debian packages ship, cut into blog-like threads.

Install the sources first (Debian packages):

    apt-get install -y --no-install-recommends fortunes fortunes-de fortunes-es fortunes-it \
        fortunes-br fortunes-pl fortunes-ru manpages-fr manpages-de manpages-es manpages-it \
        manpages-nl manpages-pt-br manpages-pl manpages-ru debian-reference-en \
        debian-reference-fr debian-reference-de debian-reference-es debian-reference-it \
        debian-reference-pt maint-guide-fr maint-guide-de maint-guide-es maint-guide-it
    python3 benches/lang_dataset.py > tests/fixtures/lang/labelled.tsv

Sources per language (the label is the language the package is written or translated in):
fortune files, the Debian Reference and the New Maintainers' Guide
(HTML, code blocks dropped), translated manual pages (roff, markup dropped).

Texts: each language gets PER_BAND texts in each length band (under 10 words, 10 to 30, over
30), each the first N words of a real paragraph or fortune (N drawn in the band); every
COMMENTS_PER_THREAD of them form a thread under a "post" (another paragraph of the same
language, at least 40 words), so the thread fallback can be measured. Paragraphs that look
like code (over 5% of tokens with / = < > { } _ $ \\ or a leading -) are skipped, and so are
paragraphs of non-English sources whose words are over 10% English function words
(translations leave untranslated paragraphs behind). Deterministic (seeded).

Output (stdout): TSV with a header: thread, role (post|comment), lang, band, source, text.
"""
import glob
import os
import gzip
import html
import random
import re
import sys

PER_BAND = 50
COMMENTS_PER_THREAD = 5
BANDS = {"short": (3, 9), "medium": (10, 30), "long": (31, 80)}
rng = random.Random(20071127)

WS = re.compile(r"\s+")
TAG_BLOCK = re.compile(r"</?(p|li|h[1-6]|div|tr|td|th|dt|dd|blockquote|br|table|ul|ol)\b[^>]*>", re.I)
TAG_ANY = re.compile(r"<[^>]+>")
DROP = re.compile(r"<(script|style|pre|head)\b.*?</\1>", re.I | re.S)
ROFF_ESC = re.compile(r"\\f(\[[^\]]*\]|\(..|.)|\\\*(\[[^\]]*\]|\(..|.)|\\\(..|\\\[[^\]]*\]|\\[-e&|^~0 ]")
CODE = re.compile(r"[/=<>{}_$\\]|^-")
# English function words that are not also words of the other eight languages ("on", "as",
# "in", "is" are): a paragraph full of them was left untranslated.
ENGLISH = set("the and of to for that with this be are you by not can which from have".split())


def paragraphs_html(path):
    s = open(path, encoding="utf-8", errors="replace").read()
    s = TAG_ANY.sub(" ", TAG_BLOCK.sub("\n\n", DROP.sub(" ", s)))
    return [WS.sub(" ", p).strip() for p in re.split(r"\n\s*\n", html.unescape(s))]


def paragraphs_roff(path):
    opener = gzip.open if path.endswith(".gz") else open
    try:
        lines = opener(path, "rt", encoding="utf-8", errors="replace").read().splitlines()
    except OSError:
        return []
    out, buf = [], []
    for ln in lines:
        if ln.startswith((".", "'")):
            if buf:
                out.append(" ".join(buf))
                buf = []
            continue
        if not ln.strip():
            if buf:
                out.append(" ".join(buf))
                buf = []
            continue
        buf.append(ROFF_ESC.sub("", ln))
    if buf:
        out.append(" ".join(buf))
    return [WS.sub(" ", p).strip() for p in out]


def paragraphs_fortune(path):
    raw = open(path, "rb").read()
    try:
        s = raw.decode("utf-8")
    except UnicodeDecodeError:
        s = raw.decode("latin-1")
    return [WS.sub(" ", f).strip() for f in re.split(r"\n%\n", s)]


def good(p, lang):
    words = p.split()
    if sum(any(c.isalpha() for c in w) for w in words) < 3 or "\ufffd" in p:
        return False
    if sum(bool(CODE.search(w)) for w in words) > 0.05 * len(words):
        return False
    if lang != "en" and sum(w.lower() in ENGLISH for w in words) > 0.1 * len(words):
        return False
    return True


def files(patterns):
    return sorted(f for p in patterns for f in glob.glob(p)
                  if os.path.isfile(f) and "/off/" not in f and not f.endswith((".dat", ".u8")))


SOURCES = {
    "en": [("reference", files(["/usr/share/doc/debian-reference-common/docs/*.en.html"]), paragraphs_html),
           ("fortune", files(["/usr/share/games/fortunes/" + n for n in
                              ["computers", "literature", "people", "wisdom", "work", "science"]]), paragraphs_fortune)],
    "fr": [("reference", files(["/usr/share/doc/debian-reference-common/docs/*.fr.html"]), paragraphs_html),
           ("maintguide", files(["/usr/share/doc/maint-guide-fr/html/*.html"]), paragraphs_html),
           ("manpage", files(["/usr/share/man/fr/man1/*"]), paragraphs_roff)],
    "de": [("reference", files(["/usr/share/doc/debian-reference-common/docs/*.de.html"]), paragraphs_html),
           ("maintguide", files(["/usr/share/doc/maint-guide-de/html/*.html"]), paragraphs_html),
           ("fortune", files(["/usr/share/games/fortunes/de/*"]), paragraphs_fortune),
           ("manpage", files(["/usr/share/man/de/man1/*"]), paragraphs_roff)],
    "es": [("reference", files(["/usr/share/doc/debian-reference-common/docs/*.es.html"]), paragraphs_html),
           ("maintguide", files(["/usr/share/doc/maint-guide-es/html/*.html"]), paragraphs_html),
           ("fortune", files(["/usr/share/games/fortunes/es/*"]), paragraphs_fortune),
           ("manpage", files(["/usr/share/man/es/man1/*"]), paragraphs_roff)],
    "it": [("reference", files(["/usr/share/doc/debian-reference-common/docs/*.it.html"]), paragraphs_html),
           ("maintguide", files(["/usr/share/doc/maint-guide-it/html/*.html"]), paragraphs_html),
           ("fortune", files(["/usr/share/games/fortunes/it/*", "/usr/share/games/fortunes/italia",
                              "/usr/share/games/fortunes/definizioni", "/usr/share/games/fortunes/leggi",
                              # Quotes from "Jack Frusciante è uscito dal gruppo", an Italian novel
                              # (benches/build_corpus.py labels it French).
                              "/usr/share/games/fortunes/jackfr"]),
            paragraphs_fortune),
           ("manpage", files(["/usr/share/man/it/man1/*"]), paragraphs_roff)],
    "pt": [("reference", files(["/usr/share/doc/debian-reference-common/docs/*.pt.html"]), paragraphs_html),
           ("fortune", files(["/usr/share/games/fortunes/brasil"]), paragraphs_fortune),
           ("manpage", files(["/usr/share/man/pt_BR/man1/*", "/usr/share/man/pt_BR/man8/*"]), paragraphs_roff)],
    "nl": [("manpage", files(["/usr/share/man/nl/man*/*"]), paragraphs_roff)],
    "pl": [("fortune", files(["/usr/share/games/fortunes/pl/*"]), paragraphs_fortune),
           ("manpage", files(["/usr/share/man/pl/man*/*"]), paragraphs_roff)],
    "ru": [("fortune", files(["/usr/share/games/fortunes/ru/*"]), paragraphs_fortune),
           ("manpage", files(["/usr/share/man/ru/man*/*"]), paragraphs_roff)],
}


def main():
    print("thread\trole\tlang\tband\tsource\ttext")
    thread_no = 0
    for lang, sources in SOURCES.items():
        pool = []
        for kind, paths, reader in sources:
            for path in paths:
                for p in reader(path):
                    if good(p, lang):
                        pool.append((kind, p))
        if not pool:
            sys.exit(f"{lang}: no text found: install the packages named in this script's doc")
        rng.shuffle(pool)
        posts = [x for x in pool if len(x[1].split()) >= 40]
        comments = []
        for band, (lo, hi) in BANDS.items():
            fits = [x for x in pool if len(x[1].split()) >= lo]
            # Round-robin over sources, so that no one source makes a band.
            by_source = {}
            for kind, p in fits:
                by_source.setdefault(kind, []).append(p)
            kinds = sorted(by_source)
            i = 0
            while sum(1 for c in comments if c[0] == band) < PER_BAND:
                kind = kinds[i % len(kinds)]
                i += 1
                if not by_source[kind]:
                    if not any(by_source.values()):
                        break
                    continue
                words = by_source[kind].pop().split()
                n = min(len(words), rng.randint(lo, hi))
                if n < lo:
                    continue
                comments.append((band, kind, " ".join(words[:n])))
        for start in range(0, len(comments), COMMENTS_PER_THREAD):
            thread_no += 1
            kind, post = posts[thread_no % len(posts)]
            print(f"t{thread_no}\tpost\t{lang}\tlong\t{kind}\t{' '.join(post.split()[:120])}")
            for band, kind, text in comments[start:start + COMMENTS_PER_THREAD]:
                print(f"t{thread_no}\tcomment\t{lang}\t{band}\t{kind}\t{text}")


if __name__ == "__main__":
    main()
