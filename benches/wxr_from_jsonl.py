#!/usr/bin/env python3
"""Writes a WordPress export (WXR) from the JSON Lines corpus of build_corpus.py, for
measuring the WXR reader on a big file (tisse's README: "Measuring big files").

    python3 benches/wxr_from_jsonl.py /tmp/bench/corpus.jsonl /tmp/bench/corpus.xml

Posts become <item>s of type post with their comments as <wp:comment> children (the
corpus writes comments right after their post). To exercise the reader's rules, every
third comment answers the comment before it (threads), every tenth is marked spam (left
out by tisse by default), and commenters get an e-mail address and a web site.
Paragraphs become <p> elements, as WordPress stores them. Streams: memory holds one post.
Deterministic: same input, same output. Stdlib only.
"""
import html
import json
import sys

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>tisse bench</title>
  <link>http://bench.example</link>
  <wp:wxr_version>1.2</wp:wxr_version>
"""
TAIL = "</channel>\n</rss>\n"


def cdata(text):
    # "]]>" cannot appear in a CDATA section: split it across two sections.
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def wp_date(published):
    # "2007-01-01T00:00" -> "2007-01-01 00:00:00"
    date = published.replace("T", " ")
    return date + ":00" if len(date) == 16 else date


def paragraphs(text):
    return "\n".join("<p>" + html.escape(p, quote=False) + "</p>" for p in text.split("\n\n"))


def write_item(out, post, comments, post_number):
    post_id = post_number
    out.write("  <item>\n")
    out.write("    <title>" + cdata(post.get("title", "")) + "</title>\n")
    out.write("    <link>http://bench.example/?p=%d</link>\n" % post_id)
    out.write("    <dc:creator>" + cdata(post.get("author", "")) + "</dc:creator>\n")
    out.write("    <content:encoded>" + cdata(paragraphs(post.get("text", ""))) + "</content:encoded>\n")
    out.write("    <wp:post_id>%d</wp:post_id>\n" % post_id)
    out.write("    <wp:post_date>" + cdata(wp_date(post.get("published", ""))) + "</wp:post_date>\n")
    out.write("    <wp:status>" + cdata("publish") + "</wp:status>\n")
    out.write("    <wp:post_type>" + cdata("post") + "</wp:post_type>\n")
    out.write('    <category domain="category" nicename="bench">' + cdata("Bench") + "</category>\n")
    previous = 0
    for i, comment in enumerate(comments):
        comment_id = post_id * 1000 + i + 1
        parent = previous if i % 3 == 2 else 0
        approved = "spam" if i % 10 == 9 else "1"
        author = comment.get("author", "")
        out.write("    <wp:comment>\n")
        out.write("      <wp:comment_id>%d</wp:comment_id>\n" % comment_id)
        out.write("      <wp:comment_author>" + cdata(author) + "</wp:comment_author>\n")
        out.write("      <wp:comment_author_email>" + cdata(author + "@mail.example") + "</wp:comment_author_email>\n")
        out.write("      <wp:comment_author_url>http://" + html.escape(author) + ".example</wp:comment_author_url>\n")
        out.write("      <wp:comment_date>" + cdata(wp_date(comment.get("published", ""))) + "</wp:comment_date>\n")
        out.write("      <wp:comment_content>" + cdata(comment.get("text", "")) + "</wp:comment_content>\n")
        out.write("      <wp:comment_approved>" + cdata(approved) + "</wp:comment_approved>\n")
        out.write("      <wp:comment_type>" + cdata("comment") + "</wp:comment_type>\n")
        out.write("      <wp:comment_parent>%d</wp:comment_parent>\n" % parent)
        out.write("    </wp:comment>\n")
        previous = comment_id
    out.write("  </item>\n")


def main():
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as lines, open(target, "w", encoding="utf-8") as out:
        out.write(HEAD)
        post, comments, number = None, [], 0
        for line in lines:
            record = json.loads(line)
            if record.get("kind") == "comment":
                comments.append(record)
                continue
            if post is not None:
                number += 1
                write_item(out, post, comments, number)
            post, comments = record, []
        if post is not None:
            number += 1
            write_item(out, post, comments, number)
        out.write(TAIL)


if __name__ == "__main__":
    main()
