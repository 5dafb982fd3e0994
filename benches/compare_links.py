#!/usr/bin/env python3
"""Compares tisse's link extraction with urlextract and `minet url-extract` on the same texts.

The texts: every document of corpus/ (as `tisse inspect` reads it) and the input of every case
of the link table in src/links/extract.rs. Each tool gets exactly the same strings:

- tisse: one plain-text file a text, `tisse links --strict-links`-less, default options;
- urlextract: URLExtract().find_urls(text), with its bundled TLD list (no update, offline);
- minet: `minet url-extract text texts.csv` (ural's urls_from_text).

E-mail addresses are left out of the comparison (urlextract and minet look for URLs only).
URLs are compared on a light key (lowercase, no scheme, no trailing slash), so that
`viadeo.com` and `http://viadeo.com/` match; the report lists what each tool finds alone.

    python3 -m venv /tmp/pyenv && /tmp/pyenv/bin/pip install urlextract minet
    cargo build --release
    /tmp/pyenv/bin/python benches/compare_links.py [--out /tmp/compare]
    /tmp/pyenv/bin/python benches/compare_links.py --jsonl /tmp/bench/corpus.jsonl --limit 5000

Times are whole runs including start-up (tisse: writing the files and one `tisse links`
process); they are indications, not benchmarks.
"""
import argparse, csv, json, os, re, subprocess, sys, time
import collections
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TISSE = os.path.join(ROOT, "target", "release", "tisse")


def corpus_texts():
    texts = []
    for name in sorted(os.listdir(os.path.join(ROOT, "corpus"))):
        out = subprocess.run([TISSE, "inspect", os.path.join("corpus", name)], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            doc = json.loads(line)
            texts.append(("corpus:" + doc["id"], doc["text"]))
    return texts


def case_texts():
    source = open(os.path.join(ROOT, "src", "links", "extract.rs"), encoding="utf-8").read()
    block = source[source.index("const CASES: &[Case] = &["):]
    block = block[: block.index("\n    ];")]
    texts = []
    for i, m in enumerate(re.finditer(r'^\s*\(\s*"((?:[^"\\]|\\.)*)",', block, re.M)):
        raw = m.group(1)
        text = raw.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")
        texts.append((f"case:{i:03}", text))
    return texts


def jsonl_texts(path, limit):
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            texts.append(("jsonl:" + doc["id"], doc["text"]))
            if limit and len(texts) >= limit:
                break
    return texts


def timed(name, run):
    start = time.perf_counter()
    found = run()
    print(f"{name}: {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return found


def key(url):
    u = url.strip().lower()
    u = re.sub(r"^[a-z]+://", "", u)
    return u.rstrip("/")


def run_tisse(texts, workdir):
    docs = os.path.join(workdir, "docs")
    os.makedirs(docs, exist_ok=True)
    names = {}
    for i, (ident, text) in enumerate(texts):
        name = f"{i:04}.txt"
        names[name] = ident
        with open(os.path.join(docs, name), "w", encoding="utf-8") as f:
            f.write(text)
    out = subprocess.run([TISSE, "links", "-q", docs], capture_output=True, text=True).stdout
    found = defaultdict(list)
    for row in csv.DictReader(out.splitlines()):
        if row["class"] == "email":
            continue
        found[names[row["doc_id"].split("#")[0]]].append(row["url"])
    return found


def run_urlextract(texts):
    from urlextract import URLExtract
    extractor = URLExtract()  # bundled TLD list; never calls update()
    found = defaultdict(list)
    for ident, text in texts:
        for url in extractor.find_urls(text):
            if "@" in url and "/" not in url:
                continue  # an e-mail address seen as a URL: left out like tisse's e-mails
            found[ident].append(url)
    return found


def run_minet(texts, workdir):
    path = os.path.join(workdir, "texts.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text"])
        w.writerows(texts)
    minet = os.path.join(os.path.dirname(sys.executable), "minet")
    out = subprocess.run([minet, "url-extract", "text", path, "-s", "id", "--silent"],
                         capture_output=True, text=True, check=True).stdout
    found = defaultdict(list)
    for row in csv.DictReader(out.splitlines()):
        if row.get("extracted_url"):
            found[row["id"]].append(row["extracted_url"])
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="/tmp/compare-links")
    parser.add_argument("--jsonl", help="compare on this corpus instead (fields id, text), "
                        "e.g. the one benches/build_corpus.py writes")
    parser.add_argument("--limit", type=int, default=0, help="with --jsonl: first N documents")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if args.jsonl:
        texts = jsonl_texts(args.jsonl, args.limit)
    else:
        texts = corpus_texts() + case_texts()
    tools = {
        "tisse": timed("tisse", lambda: run_tisse(texts, args.out)),
        "urlextract": timed("urlextract", lambda: run_urlextract(texts)),
        "minet": timed("minet", lambda: run_minet(texts, args.out)),
    }
    by_text = {ident: text for ident, text in texts}
    totals = {name: sum(len(v) for v in found.values()) for name, found in tools.items()}
    kinds = collections.Counter(i.split(":")[0] for i, _ in texts)
    print(f"texts: {len(texts)} ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))})")
    print("URLs found (e-mail addresses apart):", ", ".join(f"{k} {v}" for k, v in totals.items()))
    rows = []
    for ident, _ in texts:
        keys = {name: {key(u): u for u in found.get(ident, [])} for name, found in tools.items()}
        every = set().union(*[set(k) for k in keys.values()])
        for k in sorted(every):
            has = [name for name in tools if k in keys[name]]
            if len(has) == len(tools):
                continue
            shown = {name: keys[name].get(k, "") for name in tools}
            rows.append((ident, "+".join(has), shown, by_text[ident]))
    with open(os.path.join(args.out, "differences.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["text_id", "found_by", "tisse", "urlextract", "minet", "text"])
        for ident, has, shown, text in rows:
            w.writerow([ident, has, shown["tisse"], shown["urlextract"], shown["minet"], text[:300]])
    counts = defaultdict(int)
    for _, has, _, _ in rows:
        counts[has] += 1
    print("URLs not found by all three, by who found them:")
    for has, n in sorted(counts.items(), key=lambda x: -x[1]):
        print(f"  {has:28} {n}")
    print(f"details: {os.path.join(args.out, 'differences.csv')}")


if __name__ == "__main__":
    main()
