#!/usr/bin/env python3
# Provenance: copied from the project's shared/bench/peer_pipeline.py (2026-11-27), so that a clone can rerun
# the benchmark (benches/compare.sh); change it here from now on.
"""The job `tisse analyze` does, done with the Python tools a user would otherwise pick.

Reads a JSON Lines corpus (fields id, kind, post_id, text), and for every document:
language (py3langid), tokens (regex) and stems (PyStemmer, the C Snowball), links (ural's
urls_from_text) and e-mail addresses (regex), theme hits (a set of lexicon words), then writes
documents.csv, links.csv and keywords.csv (top 200 stems per language) into OUT_DIR.
Uses one worker process per core (multiprocessing), like a careful Python user would.

    pip install py3langid PyStemmer ural
    python3 peer_pipeline.py CORPUS.jsonl OUT_DIR [--workers N]

It is a yardstick, not a competitor to copy: time it as a whole process next to tisse on the
same corpus (e.g. hyperfine, or /usr/bin/time -v for memory).
"""
import argparse, csv, json, os, re, sys
from collections import Counter
from multiprocessing import Pool

WORD = re.compile(r"\w+")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SNOWBALL = {"en": "english", "fr": "french", "de": "german", "es": "spanish", "it": "italian",
            "pt": "portuguese", "nl": "dutch", "sv": "swedish", "da": "danish", "no": "norwegian",
            "nb": "norwegian", "fi": "finnish", "ru": "russian", "hu": "hungarian", "ro": "romanian",
            "tr": "turkish", "ar": "arabic", "el": "greek", "ta": "tamil"}
THEMES = {
    "networking": {"réseau", "réseaux", "réseautage", "communauté", "communautés", "network",
                   "networking", "community", "communities", "facebook", "viadeo", "myspace"},
    "geek_stereotypes": {"geek", "geeks", "nerd", "nerds", "hacker", "hackers", "asocial",
                         "antisocial", "autisme", "addiction", "warcraft"},
}

_state = None


def _init():
    global _state
    from py3langid import langid
    import Stemmer
    from ural import urls_from_text
    ident = langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE)
    stemmers = {code: Stemmer.Stemmer(name) for code, name in SNOWBALL.items()}
    _state = (ident, stemmers, urls_from_text)


def _analyze(chunk):
    ident, stemmers, urls_from_text = _state
    docs, links, counts = [], [], Counter()
    for d in chunk:
        text = d.get("text") or ""
        lang = ident.classify(text)[0]
        tokens = WORD.findall(text.lower())
        stemmer = stemmers.get(lang)
        stems = stemmer.stemWords(tokens) if stemmer else tokens
        counts.update((lang, s) for s in stems)
        urls = list(urls_from_text(text))
        emails = EMAIL.findall(text)
        token_set = set(tokens)
        hits = {t: sum(1 for w in tokens if w in words) for t, words in THEMES.items()
                if token_set & words}
        docs.append([d.get("id"), d.get("kind", ""), d.get("post_id", ""), lang, len(tokens),
                     len(urls), len(emails), "|".join(f"{t}:{n}" for t, n in sorted(hits.items()))])
        links += [[d.get("id"), u] for u in urls] + [[d.get("id"), "mailto:" + e] for e in emails]
    return docs, links, counts


def chunks(path, size=200):
    chunk = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                chunk.append(json.loads(line))
                if len(chunk) == size:
                    yield chunk
                    chunk = []
    if chunk:
        yield chunk


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--workers", type=int, default=os.cpu_count())
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    total = Counter()
    with Pool(a.workers, initializer=_init) as pool, \
            open(os.path.join(a.out, "documents.csv"), "w", newline="", encoding="utf-8") as fd, \
            open(os.path.join(a.out, "links.csv"), "w", newline="", encoding="utf-8") as fl:
        wd, wl = csv.writer(fd), csv.writer(fl)
        wd.writerow(["doc_id", "kind", "post_id", "lang", "tokens", "links", "emails", "themes"])
        wl.writerow(["doc_id", "url"])
        for docs, links, counts in pool.imap(_analyze, chunks(a.corpus)):
            wd.writerows(docs)
            wl.writerows(links)
            total.update(counts)
    by_lang = {}
    for (lang, stem), n in total.items():
        by_lang.setdefault(lang, []).append((n, stem))
    with open(os.path.join(a.out, "keywords.csv"), "w", newline="", encoding="utf-8") as fk:
        wk = csv.writer(fk)
        wk.writerow(["lang", "stem", "count"])
        for lang in sorted(by_lang):
            for n, stem in sorted(by_lang[lang], key=lambda x: (-x[0], x[1]))[:200]:
                wk.writerow([lang, stem, n])


if __name__ == "__main__":
    sys.exit(main())
