"""Builds the HTML evaluation set: real pages shipped by Debian and Rust packages, and an
answer key made from each site template's own structure (not from any extractor's output).

Sources (installed files, not fetched): the Debian Administrator's Handbook
(`debian-handbook` package, DocBook/Publican HTML, eight languages) and the mdBook books
shipped with the Rust toolchain's documentation (`rust-docs`). Per page, the key lists
snippets that must be in the main text (the start of paragraphs of the article body:
DocBook `div.para`, tip boxes included, as they are part of the text; mdBook `<main>`
paragraphs) and snippets that must not (navigation, banners, headers and footers), as
trafilatura's evaluation does. Run once to (re)make `pages/` and `key.json`:

    python3 benches/html_eval/build_key.py
"""

import json
import os
import re
import shutil
import sys

from bs4 import BeautifulSoup

HERE = os.path.dirname(os.path.abspath(__file__))
HANDBOOK = "/usr/share/doc/debian-handbook/html"
RUSTDOC = os.path.expanduser(
    "~/.rustup/toolchains/stable-x86_64-unknown-linux-gnu/share/doc/rust/html"
)
HANDBOOK_LANGS = ["en-US", "fr-FR", "de-DE", "ja-JP", "zh-CN", "ru-RU", "es-ES", "pt-BR"]
HANDBOOK_PAGES = [
    "sect.apt-get.html",
    "sect.config-network.html",
    "sect.ldap-directory.html",
    "sect.backup.html",
    "sect.firewall-packet-filtering.html",
]
BOOKS = {
    "book": ["ch04-01-what-is-ownership.html", "ch08-02-strings.html", "ch16-01-threads.html", "ch19-01-all-the-places-for-patterns.html"],
    "nomicon": ["ownership.html", "send-and-sync.html", "exception-safety.html"],
    "reference": ["items/functions.html", "expressions/loop-expr.html"],
    "edition-guide": ["editions/index.html", "rust-2021/disjoint-capture-in-closures.html"],
    "cargo": ["guide/why-cargo-exists.html", "reference/workspaces.html"],
    "rust-by-example": ["hello/print.html", "error/option_unwrap.html"],
    "embedded-book": ["intro/index.html", "concurrency/index.html"],
    "style-guide": ["index.html"],
}
WITH_PER_PAGE = 6
WITHOUT_PER_PAGE = 6
SNIPPET_CHARS = 70


def norm(text):
    return re.sub(r"\s+", " ", text).strip()


def snippet(text):
    """The start of a paragraph, cut at a word boundary (or whole when short)."""
    text = norm(text)
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text[:SNIPPET_CHARS]
    if " " in cut[20:]:
        cut = cut[: cut.rfind(" ")]
    return cut


def spread(items, n):
    if len(items) <= n:
        return items
    step = (len(items) - 1) / (n - 1)
    return [items[round(i * step)] for i in range(n)]


def key_for(soup, main_blocks, boiler_blocks):
    # Inline markup joins without spaces (`<em>foo</em>,`), as any extractor writes it.
    main_text = norm(" ".join(b.get_text("") for b in main_blocks))
    with_ = [snippet(b.get_text("")) for b in main_blocks]
    with_ = [s for s in with_ if len(s) >= 15]
    without = []
    for b in boiler_blocks:
        # One text node at a time: how navigation pieces are glued differs between tools.
        for t in b.stripped_strings:
            t = norm(t)
            if len(t) >= 8 and t not in main_text and t[:SNIPPET_CHARS] not in without:
                without.append(t[:SNIPPET_CHARS])
    return spread(with_, WITH_PER_PAGE), spread(without, WITHOUT_PER_PAGE)


def handbook(path):
    soup = BeautifulSoup(open(path, encoding="utf-8").read(), "html.parser")
    main = soup.select("div.para")
    boiler = soup.select("#banner, ul.docnav li, ul.docnav li a")
    return key_for(soup, main, boiler)


def mdbook(path):
    soup = BeautifulSoup(open(path, encoding="utf-8").read(), "html.parser")
    main_el = soup.find("main")
    main = [p for p in main_el.find_all(["p", "li"]) if not p.find_parent(["pre"])] if main_el else []
    boiler = soup.select(
        "nav#mdbook-sidebar a, #sidebar a, h1.menu-title, .menu-title, nav.nav-wrapper a, "
        "nav.nav-wide-wrapper a, #mdbook-help-popup h2, #mdbook-help-popup p, #mdbook-menu-bar a"
    )
    return key_for(soup, main, boiler)


def main():
    pages_dir = os.path.join(HERE, "pages")
    shutil.rmtree(pages_dir, ignore_errors=True)
    os.makedirs(pages_dir)
    key = {}
    for lang in HANDBOOK_LANGS:
        for page in HANDBOOK_PAGES:
            src = os.path.join(HANDBOOK, lang, page)
            if not os.path.exists(src):
                continue
            name = f"handbook-{lang}-{page}"
            shutil.copy(src, os.path.join(pages_dir, name))
            with_, without = handbook(src)
            key[name] = {"source": f"debian-handbook {lang}/{page}", "with": with_, "without": without}
    for book, pages in BOOKS.items():
        for page in pages:
            src = os.path.join(RUSTDOC, book, page)
            if not os.path.exists(src):
                print("missing", src, file=sys.stderr)
                continue
            name = f"mdbook-{book}-{page.replace('/', '-')}"
            shutil.copy(src, os.path.join(pages_dir, name))
            with_, without = mdbook(src)
            key[name] = {"source": f"rust-docs {book}/{page}", "with": with_, "without": without}
    with open(os.path.join(HERE, "key.json"), "w", encoding="utf-8") as f:
        json.dump(key, f, ensure_ascii=False, indent=1, sort_keys=True)
    print(len(key), "pages")


if __name__ == "__main__":
    main()
