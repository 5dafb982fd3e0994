#!/usr/bin/env python3
"""Builds the labelled texts that `examples/lang_accuracy.rs` measures language detection on:
real text in nine languages that Debian packages ship, cut into blog-like threads.

Install the sources first (Debian packages):

    apt-get install -y --no-install-recommends fortunes fortunes-de fortunes-es fortunes-it \
        fortunes-br fortunes-pl fortunes-ru manpages-fr manpages-de manpages-es manpages-it \
        manpages-nl manpages-pt-br manpages-pl manpages-ru debian-reference-en \
        debian-reference-fr debian-reference-de debian-reference-es debian-reference-it \
        debian-reference-pt maint-guide-fr maint-guide-de maint-guide-es maint-guide-it manpages
    python3 benches/lang_dataset.py > tests/fixtures/lang/labelled.tsv
    python3 benches/lang_dataset.py --whole > tests/fixtures/lang/whole_short.tsv

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

`--whole` writes the other set `examples/lang_accuracy.rs` reads,
`tests/fixtures/lang/whole_short.tsv`: whole short texts rather than the first words of
longer ones, as issue 15 measured them ("real short texts under 60 characters, Debian
fortunes and manual pages"): fortunes whose whole text is under 60 characters, and the
one-line descriptions of translated manual pages (`ls \- Verzeichnisinhalte auflisten`),
WHOLE_PER_LANGUAGE per language, half from each source where a language has both (French
and Dutch have no fortune package), all in band `short`, five to a thread as above.
"""
import glob
import os
import gzip
import html
import random
import re
import subprocess
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


WHOLE_PER_LANGUAGE = 100
WHOLE_MAX_CHARS = 60
# The first line of a manual page's NAME section: "name[, name...] \- description".
NAME_LINE = re.compile(r"^[^.'\s].*?\s\\-\s+(.+)$")
WHOLE_SOURCES = {
    "en": [("fortune", ["computers", "literature", "people", "wisdom", "work", "science"]),
           # Only the `manpages` package's: /usr/share/man/man* holds whatever else the
           # machine has installed, which would make the set differ between machines.
           ("manpage", ["dpkg:manpages"])],
    "fr": [("manpage", ["/usr/share/man/fr/man*/*"])],
    "de": [("fortune", ["de/*"]), ("manpage", ["/usr/share/man/de/man*/*"])],
    "es": [("fortune", ["es/*"]), ("manpage", ["/usr/share/man/es/man*/*"])],
    "it": [("fortune", ["it/*", "italia", "definizioni", "leggi", "jackfr"]),
           ("manpage", ["/usr/share/man/it/man*/*"])],
    "pt": [("fortune", ["brasil"]), ("manpage", ["/usr/share/man/pt_BR/man*/*"])],
    "nl": [("manpage", ["/usr/share/man/nl/man*/*"])],
    "pl": [("fortune", ["pl/*"]), ("manpage", ["/usr/share/man/pl/man*/*"])],
    "ru": [("fortune", ["ru/*"]), ("manpage", ["/usr/share/man/ru/man*/*"])],
}


# roff's named glyphs for the letters of these languages (groff_char(7)): the older set drops
# them with the other escapes ("fr" for "für"); this one keeps its words whole.
ROFF_GLYPHS = {":a": "ä", ":o": "ö", ":u": "ü", ":A": "Ä", ":O": "Ö", ":U": "Ü", "ss": "ß",
               "'e": "é", "`e": "è", "^e": "ê", "'a": "á", "`a": "à", "^a": "â", "'o": "ó",
               "'i": "í", "'u": "ú", "~n": "ñ", ",c": "ç", "~a": "ã", "~o": "õ", "aq": "'",
               "en": "-", "em": "-", "hy": "-", "lq": '"', "rq": '"', "Fo": "«", "Fc": "»"}
ROFF_GLYPH = re.compile(r"\\\((..)|\\\[(..)\]")


def roff_letters(s):
    s = s.replace("\\-", "-")
    return ROFF_GLYPH.sub(lambda m: ROFF_GLYPHS.get(m.group(1) or m.group(2), m.group(0)), s)


def name_description(path):
    """The description of a manual page's NAME line, markup dropped, or None."""
    opener = gzip.open if path.endswith(".gz") else open
    try:
        lines = opener(path, "rt", encoding="utf-8", errors="replace").read().splitlines()
    except OSError:
        return None
    in_name = False
    description = None
    for ln in lines:
        if ln.startswith((".", "'")):
            if description is not None or (in_name and ln.startswith((".SH", ".Sh"))):
                break
            in_name = in_name or ln.startswith((".SH", ".Sh"))
            continue
        if description is not None:
            description.append(ln)  # the description goes on to the next request
            continue
        m = in_name and NAME_LINE.match(ln)
        if m:
            description = [m.group(1)]
    if description is None:
        return None
    return WS.sub(" ", ROFF_ESC.sub("", roff_letters(" ".join(description)))).strip()


def whole_texts(lang):
    """Whole short texts of a language, by source."""
    by_source = {}
    for kind, patterns in WHOLE_SOURCES[lang]:
        if kind == "fortune":
            paths = files(["/usr/share/games/fortunes/" + p for p in patterns])
            texts = [t for path in paths for t in paragraphs_fortune(path)]
        else:
            texts = [name_description(path) for path in files(patterns)]
            if patterns[0].startswith("dpkg:"):
                listed = subprocess.run(["dpkg", "-L", patterns[0][5:]], capture_output=True,
                                        text=True).stdout.split()
                texts = [name_description(path) for path in sorted(listed)
                         if "/man/man" in path and os.path.isfile(path)]
        seen, kept = set(), []
        for t in texts:
            if t and len(t) < WHOLE_MAX_CHARS and len(t.split()) >= 2 and good_short(t, lang) \
                    and t not in seen:
                seen.add(t)
                kept.append(t)
        by_source[kind] = kept
    return by_source


def good_short(t, lang):
    """good() for a text of a few words: some letters, no code, not left in English."""
    words = t.split()
    if sum(any(c.isalpha() for c in w) for w in words) < 2 or "\ufffd" in t:
        return False
    if any(CODE.search(w) for w in words):
        return False
    return lang == "en" or sum(w.lower() in ENGLISH for w in words) <= 0.1 * len(words)


def main_whole():
    print("thread\trole\tlang\tband\tsource\ttext")
    thread_no = 0
    for lang in WHOLE_SOURCES:
        by_source = whole_texts(lang)
        for texts in by_source.values():
            rng.shuffle(texts)
        kinds = sorted(by_source)
        comments = []
        i = 0
        while len(comments) < WHOLE_PER_LANGUAGE and any(by_source.values()):
            kind = kinds[i % len(kinds)]
            i += 1
            if by_source[kind]:
                comments.append((kind, by_source[kind].pop()))
        if len(comments) < WHOLE_PER_LANGUAGE:
            sys.exit(f"{lang}: {len(comments)} whole short texts: install the packages named above")
        posts = [p for kind, paths, reader in SOURCES[lang] for path in paths[:40]
                 for p in reader(path) if good(p, lang) and len(p.split()) >= 40]
        for start in range(0, len(comments), COMMENTS_PER_THREAD):
            thread_no += 1
            post = posts[thread_no % len(posts)]
            print(f"t{thread_no}\tpost\t{lang}\tlong\tpost\t{' '.join(post.split()[:120])}")
            for kind, text in comments[start:start + COMMENTS_PER_THREAD]:
                print(f"t{thread_no}\tcomment\t{lang}\tshort\t{kind}\t{text}")


def main():
    if sys.argv[1:] == ["--whole"]:
        return main_whole()
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
