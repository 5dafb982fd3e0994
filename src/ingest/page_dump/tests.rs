//! The page-dump reader: line kinds (footers, bylines, Canalblog ids), and whole pages whose
//! odd lines (a date alone, trailing text, a post with no date) stay text or are reported.

use super::*;

fn kind(line: &str) -> LineKind {
    classify(line, 1).kind
}

#[test]
fn footers() {
    let LineKind::Footer(f) =
        kind("Posté par Miss_TICS à 00:07 - Pra-tics - Commentaires [3] - Permalien [#]")
    else {
        panic!("not a footer")
    };
    assert_eq!(f.author, "Miss_TICS");
    assert_eq!(
        f.time.map(|t| t.time.to_string()).as_deref(),
        Some("00:07:00")
    );
    assert_eq!(f.category, "Pra-tics");
    assert_eq!(f.announced_comments, Some(3));

    let LineKind::Footer(f) =
        kind("Posted by Jane Doe at 12:07 AM - Web 2.0 - Comments [12] - Permalink [#]")
    else {
        panic!("not a footer")
    };
    assert_eq!(f.author, "Jane Doe");
    assert_eq!(
        f.time.map(|t| t.time.to_string()).as_deref(),
        Some("00:07:00")
    );
    assert_eq!(f.category, "Web 2.0");
    assert_eq!(f.announced_comments, Some(12));

    // No category, no time: still a footer.
    let LineKind::Footer(f) = kind("Posté par Paul - Commentaires [0] - Permalien [#]") else {
        panic!("not a footer")
    };
    assert_eq!((f.author.as_str(), f.category.as_str()), ("Paul", ""));
    assert_eq!(f.time, None);

    // A category with a dash in it keeps it.
    let LineKind::Footer(f) =
        kind("Posté par A à 10:00 - Veille - Web - Commentaires [1] - Permalien [#]")
    else {
        panic!("not a footer")
    };
    assert_eq!(f.category, "Veille - Web");
}

#[test]
fn line_kinds() {
    let cases: &[(&str, &str)] = &[
        ("27 septembre 2007", "date"),
        ("September 27, 2007", "date"),
        ("Commentaires", "heading"),
        ("Comments", "heading"),
        ("Comments (3)", "heading"),
        ("Poster un commentaire", "end"),
        ("Permalien", "furniture"),
        (
            "    Posté par la nymphette, 19 novembre 2007 à 17:38",
            "byline",
        ),
        ("Posted by Jo, November 19, 2007 at 5:38 PM", "byline"),
        ("  • En complément sur le sujet", "text"),
        ("- L'argument majeur", "text"),
        // A sentence that merely starts with the words is not a footer.
        ("Posté par erreur - désolé", "byline"),
        ("Le 27 septembre 2007 fut un grand jour", "text"),
        ("", "blank"),
        ("   ", "blank"),
    ];
    for (line, expected) in cases {
        let got = match kind(line) {
            LineKind::Date(_) => "date",
            LineKind::CommentsHeading => "heading",
            LineKind::Furniture {
                ends_comments: true,
            } => "end",
            LineKind::Furniture { .. } => "furniture",
            LineKind::Byline { .. } => "byline",
            LineKind::Footer(_) => "footer",
            LineKind::Text => "text",
            LineKind::Blank => "blank",
        };
        assert_eq!(got, *expected, "{line:?}");
    }
}

#[test]
fn bylines_keep_commas_in_names() {
    let (name, moment, unread) = split_byline("Dupont, Jean, 19 novembre 2007 à 17:38");
    assert_eq!(name, "Dupont, Jean");
    assert_eq!(
        moment.map(Moment::to_iso).as_deref(),
        Some("2007-11-19T17:38")
    );
    assert_eq!(unread, None);
    let (name, moment, unread) = split_byline("Jean, 45 novembre 2007");
    assert_eq!((name.as_str(), moment), ("Jean", None));
    assert_eq!(unread.as_deref(), Some("45 novembre 2007"));
}

#[test]
fn canalblog_id_only_when_exactly_eight_digits() {
    let cases = [
        ("00560467 On a beau", "On a beau"),
        ("2007 fut une année", "2007 fut une année"),
        ("123456789 x", "123456789 x"),
        ("00560467", "00560467"),
    ];
    for (input, expected) in cases {
        let mut s = input.to_string();
        strip_canalblog_id(&mut s);
        assert_eq!(s, expected, "{input:?}");
    }
}

#[test]
fn a_long_line_is_text_whatever_it_starts_with() {
    let line = format!("Posté par X à 10:00 - Commentaires [1] {}", "x".repeat(500));
    assert_eq!(kind(&line), LineKind::Text);
}

fn read_page(page: &str) -> (Vec<Document>, Vec<String>) {
    let (docs, problems) = read(page, "p.txt");
    (docs, problems.iter().map(ToString::to_string).collect())
}

const HEAD: &str = "Blog\n\n3 mars 2008\n\nTitre\n\n";

#[test]
fn a_date_alone_in_a_comment_is_text_when_no_post_follows() {
    let page = format!(
        "{HEAD}Corps.\n\nPosté par A à 10:00 - Cat - Commentaires [1] - Permalien [#]\n\n\
         Commentaires\n\n    Rendez-vous le\n    12 mars 2008\n\n    Posté par B, 3 mars 2008 à 11:00\n"
    );
    let (docs, problems) = read_page(&page);
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(docs[1].text, "Rendez-vous le\n12 mars 2008");
    assert_eq!(docs[1].meta.author, "B");
}

#[test]
fn lines_that_look_like_structure_stay_in_a_post_body() {
    let page = format!(
        "{HEAD}Posté par erreur, hier.\nCommentaires\n12 mars 2008\n\n\
         Posté par A à 10:00 - Cat - Commentaires [0] - Permalien [#]\n"
    );
    let (docs, problems) = read_page(&page);
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(
        docs[0].text,
        "Posté par erreur, hier.\nCommentaires\n12 mars 2008"
    );
}

#[test]
fn text_after_the_last_post_is_reported_not_dropped_silently() {
    let page = format!(
        "{HEAD}Corps.\n\nPosté par A à 10:00 - Cat - Commentaires [0] - Permalien [#]\n\n\
         Archives\nLiens amis\n"
    );
    let (docs, problems) = read_page(&page);
    assert_eq!(docs.len(), 1);
    assert_eq!(
        problems,
        ["p.txt:11: warning: 2 lines after the last post left out (sidebar or page furniture?)"]
    );
}

#[test]
fn a_bullet_after_an_unsigned_comment_starts_the_next_one() {
    let page = format!(
        "{HEAD}Corps.\n\nPosté par A à 10:00 - Commentaires [2] - Permalien [#]\n\n\
         Commentaires\n\n    Pas de signature ici.\n  • Signé, lui.\n\n    Posted by B, March 3, 2008 at 1:05 PM\n"
    );
    let (docs, problems) = read_page(&page);
    assert_eq!(
        problems,
        [
            "p.txt:13: warning: comment has no byline (\"Posté par NAME, DATE\"): author and date left empty"
        ]
    );
    let comments: Vec<_> = docs[1..]
        .iter()
        .map(|d| {
            (
                d.meta.id.as_str(),
                d.text.as_str(),
                d.meta.author.as_str(),
                d.meta.published.as_str(),
            )
        })
        .collect();
    assert_eq!(
        comments,
        [
            ("p.txt#c1", "Pas de signature ici.", "", ""),
            ("p.txt#c2", "Signé, lui.", "B", "2008-03-03T13:05"),
        ]
    );
}

#[test]
fn a_post_without_any_date_is_warned_about() {
    let page = "Titre seul\n\nCorps.\n\nPosté par A à 10:00 - Commentaires [0] - Permalien [#]\n";
    let (docs, problems) = read_page(page);
    assert_eq!(
        problems,
        ["p.txt:5: warning: post has no date line before it: published has no date"]
    );
    assert_eq!(
        (docs[0].meta.title.as_str(), docs[0].text.as_str()),
        ("Titre seul", "Corps.")
    );
    assert_eq!(
        (docs[0].meta.line, docs[0].meta.published.as_str()),
        (1, "")
    );
}
