#!/usr/bin/env python3
# Provenance: copied from the project's shared/bench/build_corpus.py (2026-11-27), so that a clone can rerun
# the benchmark (benches/compare.sh); change it here from now on.
"""Build a multilingual blog-post/comment corpus from real Debian text.

Sources (install first):
  apt-get install -y --no-install-recommends fortunes fortunes-de fortunes-es fortunes-it \
     fortunes-br fortunes-pl fortunes-ru manpages-fr manpages-fr-dev manpages-de manpages-de-dev \
     manpages-es manpages-es-dev manpages-it manpages-nl manpages-pt-br debian-handbook \
     debian-reference-fr debian-reference-de debian-reference-es debian-reference-it \
     debian-reference-en debian-reference-pt maint-guide-fr maint-guide-de maint-guide-es maint-guide-it

Outputs (under --out, default ./bench-corpus):
  corpus.jsonl          one JSON object per line: id, kind (post|comment), post_id, author,
                        published, title, text; comments follow their post
  corpus.csv            same columns, CSV with a header (also for `minet url-extract text`)
  meta.tsv              id, source language hint, source kind, n_links_inserted
  docs/NNN/<id>.txt     one document per file (subdirs of 1000 files)
  stats.json            totals (bytes, docs, words, links, per-language / per-kind)

Deterministic (seeded). Stdlib only.
"""
import argparse, csv, glob, gzip, html, json, os, random, re, shutil, sys
from collections import Counter

ap = argparse.ArgumentParser()
ap.add_argument("--out", default="./bench-corpus")
ap.add_argument("--target-mb", type=float, default=80.0)
ap.add_argument("--seed", type=int, default=42)
ap.add_argument("--words-per-link", type=int, default=300)
args = ap.parse_args()
rng = random.Random(args.seed)

# ---------------------------------------------------------------- extraction
TAG_BLOCK = re.compile(r"</?(p|li|h[1-6]|div|tr|td|th|dt|dd|blockquote|br|table|ul|ol)\b[^>]*>", re.I)
TAG_ANY = re.compile(r"<[^>]+>")
DROP = re.compile(r"<(script|style|pre|head)\b.*?</\1>", re.I | re.S)
WS = re.compile(r"[ \t\r\f\v]+")


def html_paragraphs(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        s = f.read()
    s = DROP.sub(" ", s)
    s = TAG_BLOCK.sub("\n\n", s)
    s = TAG_ANY.sub(" ", s)
    s = html.unescape(s)
    return clean_paras(s)


def clean_paras(s):
    out = []
    for p in re.split(r"\n\s*\n", s):
        p = WS.sub(" ", p.replace("\n", " ")).strip()
        if len(p.split()) >= 6:
            out.append(p)
    return out


ROFF_ESC = [
    (re.compile(r"\\f(\[[^\]]*\]|\(..|.)"), ""),
    (re.compile(r"\\\*(\[[^\]]*\]|\(..|.)"), ""),
    (re.compile(r"\\\(em|\\\(en"), "-"),
    (re.compile(r"\\\((Fo|Fc|lq|rq|aq|dq)"), '"'),
    (re.compile(r"\\\(..|\\\[[^\]]*\]"), ""),
    (re.compile(r"\\[-e]"), lambda m: "-" if m.group(0) == "\\-" else "\\"),
    (re.compile(r"\\[ ~0|^&,/:%]"), " "),
    (re.compile(r"\\s[-+]?\d"), ""),
]


def roff_paragraphs(path):
    opener = gzip.open if path.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return []
    buf, paras = [], []
    for ln in lines:
        if ln.startswith(".") or ln.startswith("'"):
            m = re.match(r"[.'](SH|SS|PP|P|LP|TP|IP|sp|br|HP|RS|RE|nf|fi)\b(.*)", ln)
            if m:
                if buf:
                    paras.append(" ".join(buf)); buf = []
                if m.group(1) in ("SH", "SS") and m.group(2).strip():
                    paras.append(m.group(2).strip().strip('"'))
            elif re.match(r"[.'](B|I|BI|BR|IR|RB|RI|IB)\s", ln):
                buf.append(ln.split(None, 1)[1].replace('"', ""))
            continue
        if not ln.strip():
            if buf:
                paras.append(" ".join(buf)); buf = []
            continue
        buf.append(ln)
    if buf:
        paras.append(" ".join(buf))
    res = []
    for p in paras:
        for rx, rep in ROFF_ESC:
            p = rx.sub(rep, p)
        p = WS.sub(" ", p).strip()
        if len(p.split()) >= 6:
            res.append(p)
    return res


def fortunes(path):
    try:
        with open(path, encoding="utf-8", errors="strict") as f:
            s = f.read()
    except UnicodeDecodeError:
        with open(path, encoding="latin-1") as f:
            s = f.read()
    out = []
    for fo in re.split(r"\n%\n", s):
        fo = WS.sub(" ", fo.replace("\n", " ")).strip()
        if len(fo.split()) >= 4 and not re.search(r"[|_/\\]{4,}", fo):  # skip ascii art
            out.append(fo)
    return out


HB_LANG = {"ar-MA": "ar", "ca-ES": "ca", "cs-CZ": "cs", "da-DK": "da", "de-DE": "de", "el-GR": "el",
           "en-US": "en", "es-ES": "es", "fa-IR": "fa", "fr-FR": "fr", "hr-HR": "hr", "id-ID": "id",
           "it-IT": "it", "ja-JP": "ja", "ko-KR": "ko", "nb-NO": "nb", "nl-NL": "nl", "pl-PL": "pl",
           "pt-BR": "pt", "ro-RO": "ro", "ru-RU": "ru", "sv-SE": "sv", "tr-TR": "tr", "vi-VN": "vi",
           "zh-CN": "zh", "zh-TW": "zh"}

groups = []  # (lang, kind, [paragraphs]) ; a group = one chapter / man page / fortune file


def add(lang, kind, paras):
    if paras:
        groups.append((lang, kind, paras))


for d in sorted(glob.glob("/usr/share/doc/debian-handbook/html/*-*")):
    lang = HB_LANG.get(os.path.basename(d))
    if not lang:
        continue
    for f in sorted(glob.glob(d + "/*.html")):
        add(lang, "handbook", html_paragraphs(f))
for f in sorted(glob.glob("/usr/share/doc/debian-reference-common/docs/*.html")):
    m = re.search(r"\.([a-z]{2}(?:-[a-z]{2})?)\.html$", f)
    if m:
        add(m.group(1)[:2], "reference", html_paragraphs(f))
for f in sorted(glob.glob("/usr/share/doc/maint-guide-*/html/*.html")):
    m = re.search(r"\.([a-z]{2})\.html$", f)
    if m:
        add(m.group(1), "maintguide", html_paragraphs(f))
for lang_dir, lang in [("fr", "fr"), ("de", "de"), ("es", "es"), ("it", "it"), ("nl", "nl"), ("pt_BR", "pt"), ("pt", "pt")]:
    for f in sorted(glob.glob(f"/usr/share/man/{lang_dir}/man*/*")):
        add(lang, "manpage", roff_paragraphs(f))
FORT_LANG = {"de": "de", "es": "es", "it": "it", "pl": "pl", "ru": "ru", "brasil": "pt", "italia": "it",
             "definizioni": "it", "formiche": "it", "leggi": "it", "luttazzi": "it", "paolotedeschi": "it",
             "itatrek": "it", "zuse": "it", "paradoxum": "it", "translate-me": "it", "ascii-art": None,
             "art": "en", "jackfr": "fr"}
for f in sorted(glob.glob("/usr/share/games/fortunes/**/*", recursive=True)):
    if os.path.isdir(f) or f.endswith((".dat", ".u8")) or "/off/" in f or os.path.islink(f) and not os.path.exists(f):
        continue
    rel = os.path.relpath(f, "/usr/share/games/fortunes").split("/")
    key = rel[0] if len(rel) > 1 else rel[0]
    lang = FORT_LANG.get(key, "en") if key in FORT_LANG else "en"
    if lang is None:
        continue
    add(lang, "fortune", fortunes(f))

raw_bytes = sum(len(p.encode()) for _, _, ps in groups for p in ps)
print(f"source groups={len(groups)} paragraphs={sum(len(g[2]) for g in groups)} bytes={raw_bytes/1e6:.1f}MB", file=sys.stderr)

# ---------------------------------------------------------------- links
USERS = ["jean.dupont", "marie-claire", "pierre_martin", "sophie75", "thomas.leroy", "klaus.meier", "anna_rossi",
         "juan.garcia", "lucia.fernandez", "joao.silva", "ewa.nowak", "ivan.petrov", "bloggeur_du_dimanche",
         "lemondedejulie", "cuisine-de-mamie", "velo.passion", "techno_geek42", "la.plume.libre", "john.smith",
         "emma.watson.fan", "lesamisdelaterre", "photo_nature", "dj-mixmaster", "marco.bianchi", "paula_souza"]
SITES = ["lemonde.fr", "lefigaro.fr", "liberation.fr", "spiegel.de", "elpais.com", "repubblica.it", "bbc.co.uk",
         "nytimes.com", "wikipedia.org", "over-blog.com", "blogspot.com", "wordpress.com", "skyrock.com",
         "canalblog.com", "hautetfort.com", "rue89.com", "mediapart.fr", "example.org", "gouvernement.fr",
         "univ-paris1.fr", "sciencespo.fr", "debian.org", "github.com", "free.fr", "orange.fr"]
MAILDOM = ["gmail.com", "hotmail.fr", "yahoo.fr", "free.fr", "orange.fr", "laposte.net", "wanadoo.fr", "gmx.de",
           "web.de", "libero.it", "hotmail.com", "outlook.com", "sciencespo.fr"]
ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
SLUGW = ["politique", "elections", "debat", "crise", "economie", "climat", "sante", "europe", "reforme", "retraites",
         "ecole", "culture", "musique", "cinema", "sport", "football", "voyage", "cuisine", "photo", "linux",
         "logiciel-libre", "vie-privee", "internet", "reseaux-sociaux", "manifestation", "greve", "budget"]


def rid(n):
    return "".join(rng.choice(ALNUM) for _ in range(n))


def slug():
    return "-".join(rng.sample(SLUGW, rng.randint(2, 5)))


def make_link():
    u, s = rng.choice(USERS), rng.choice(SITES)
    r = rng.random()
    if r < 0.10: return f"https://www.facebook.com/{u}"
    if r < 0.14: return f"http://www.facebook.com/profile.php?id={rng.randint(10**8, 10**15)}"
    if r < 0.17: return f"https://fr-fr.facebook.com/groups/{slug()}/"
    if r < 0.21: return f"http://www.viadeo.com/fr/profile/{u}"
    if r < 0.24: return f"http://www.myspace.com/{u.replace('.', '')}"
    if r < 0.32: return f"https://www.youtube.com/watch?v={rid(11)}"
    if r < 0.35: return f"http://youtu.be/{rid(11)}"
    if r < 0.40: return f"http://bit.ly/{rid(rng.randint(5, 7))}"
    if r < 0.44: return f"https://twitter.com/{u.replace('.', '_').replace('-', '_')}"
    if r < 0.47: return f"https://www.linkedin.com/in/{u}"
    if r < 0.50: return f"http://www.dailymotion.com/video/x{rid(6).lower()}_{slug()}_news"
    if r < 0.53: return f"http://www.flickr.com/photos/{u}/{rng.randint(10**9, 10**10)}/"
    if r < 0.60: return f"http://www.{s}/documents/{slug()}-{rng.randint(2005, 2013)}.pdf"
    if r < 0.63: return f"www.{s}/{slug()}/"  # scheme-less
    if r < 0.72: return f"http://{u.replace('.', '').replace('_', '')}.{rng.choice(['over-blog.com', 'blogspot.com', 'wordpress.com', 'skyrock.com', 'canalblog.com'])}/article-{rng.randint(10**6, 10**8)}.html"
    if r < 0.84: return f"http://www.{s}/{rng.choice(['article', 'actualite', 'news', '2012/05/14', 'societe'])}/{slug()}_{rng.randint(1000, 999999)}.html?xtor=RSS-{rng.randint(1, 99)}"
    if r < 0.87: return f"mailto:{u}@{rng.choice(MAILDOM)}"
    return f"{u}@{rng.choice(MAILDOM)}"  # plain e-mail


WRAPS = [("{}", 0.55), ("({})", 0.12), ("{}.", 0.10), ("{},", 0.08), ("<{}>", 0.05), ("\"{}\"", 0.05), ("[{}]", 0.05)]
MENTIONS = ["Facebook", "Twitter", "MySpace", "YouTube", "Viadeo", "LinkedIn", "Dailymotion", "Flickr", "Skyrock"]


def sprinkle(words):
    n_links = 0
    out = []
    for w in words:
        out.append(w)
        if rng.random() < 1.0 / args.words_per_link:
            r = rng.random(); acc = 0
            for fmt, p in WRAPS:
                acc += p
                if r < acc:
                    break
            out.append(fmt.format(make_link())); n_links += 1
        elif rng.random() < 1.0 / 900:
            out.append(rng.choice(MENTIONS))
    return out, n_links


# ---------------------------------------------------------------- documents
def post_len():  # words, lognormal around ~450
    return int(min(4000, max(80, rng.lognormvariate(6.1, 0.7))))


def comment_len():
    return int(min(250, max(8, rng.lognormvariate(3.9, 0.7))))


docs = []  # (lang, kind, text, n_links)
target = args.target_mb * 1e6
total = 0
pass_no = 0
while total < target:
    order = list(range(len(groups)))
    rng.shuffle(order)
    for gi in order:
        lang, kind, paras = groups[gi]
        i = rng.randrange(len(paras)) if pass_no else 0
        n_paras = len(paras)
        consumed = 0
        while consumed < n_paras and total < target:
            is_comment = kind == "fortune" or rng.random() < 0.35
            want = comment_len() if is_comment else post_len()
            parts, wc = [], 0
            while wc < want and consumed < n_paras:
                p = paras[i % n_paras]; i += 1; consumed += 1
                parts.append(p); wc += len(p.split())
            words = "\n\n".join(parts).split(" ")
            words, nl = sprinkle(words)
            text = " ".join(words)
            docs.append((lang, "comment" if is_comment else "post", kind, text, nl))
            total += len(text.encode())
        if total >= target:
            break
    pass_no += 1
    print(f"pass {pass_no}: docs={len(docs)} bytes={total/1e6:.1f}MB", file=sys.stderr)

rng.shuffle(docs)

# ---------------------------------------------------------------- write
out = args.out
if os.path.exists(out):
    shutil.rmtree(out)
os.makedirs(out + "/docs")
stats = Counter(); by_lang = Counter(); by_kind = Counter()
with open(out + "/corpus.jsonl", "w", encoding="utf-8") as fj, \
        open(out + "/corpus.csv", "w", encoding="utf-8", newline="") as fc, \
        open(out + "/meta.tsv", "w", encoding="utf-8") as fm:
    cols = ["id", "kind", "post_id", "author", "published", "title", "text"]
    cw = csv.writer(fc); cw.writerow(cols)
    fm.write("id\tsrc_lang\tsrc\tdoc_type\tn_links\n")
    last_post = None
    authors = [f"author{i:03d}" for i in range(300)]
    for n, (lang, dtype, kind, text, nl) in enumerate(docs):
        did = f"d{n:06d}"
        if dtype == "post" or last_post is None:
            dtype, last_post = "post", did
        minute = n * 7  # a post or comment every 7 minutes, from 2007-01-01
        day, rest = divmod(minute, 24 * 60)
        y, d = 2007 + day // 365, day % 365
        published = f"{y}-{1 + d // 31 % 12:02d}-{1 + d % 28:02d}T{rest // 60:02d}:{rest % 60:02d}"
        title = " ".join(text.split()[:6]) if dtype == "post" else ""
        rec = {"id": did, "kind": dtype, "post_id": last_post if dtype == "comment" else "",
               "author": rng.choice(authors), "published": published, "title": title, "text": text}
        fj.write(json.dumps(rec, ensure_ascii=False) + "\n")
        cw.writerow([rec[c] for c in cols])
        fm.write(f"{did}\t{lang}\t{kind}\t{dtype}\t{nl}\n")
        sub = f"{out}/docs/{n // 1000:03d}"
        if n % 1000 == 0:
            os.makedirs(sub, exist_ok=True)
        with open(f"{sub}/{did}.txt", "w", encoding="utf-8") as ft:
            ft.write(text)
        b = len(text.encode()); w = len(text.split())
        stats["bytes"] += b; stats["words"] += w; stats["docs"] += 1; stats["links"] += nl
        stats[dtype + "_docs"] += 1
        by_lang[lang] += b; by_kind[kind] += b
stats = dict(stats)
stats["passes_over_source"] = pass_no
stats["unique_source_bytes"] = raw_bytes
stats["bytes_by_lang"] = dict(by_lang.most_common())
stats["bytes_by_source"] = dict(by_kind.most_common())
with open(out + "/stats.json", "w") as f:
    json.dump(stats, f, indent=1)
print(json.dumps(stats, indent=1))
