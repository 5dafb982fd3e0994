//! The canonical input: the 2007 Canalblog page the project started from.

use serde_json::Value;

use crate::support::inspect;

const SEED: &str = "corpus/000_affe261f8401dc5a.txt";

fn field<'a>(doc: &'a Value, name: &str) -> &'a str {
    doc[name]
        .as_str()
        .unwrap_or_else(|| panic!("{name} missing in {doc}"))
}

#[test]
fn one_post_and_three_comments_with_their_metadata() {
    let docs = inspect(SEED);
    let summary: Vec<[&str; 7]> = docs
        .iter()
        .map(|d| {
            [
                field(d, "id"),
                field(d, "kind"),
                field(d, "post_id"),
                field(d, "title"),
                field(d, "author"),
                field(d, "published"),
                field(d, "category"),
            ]
        })
        .collect();
    let post = "000_affe261f8401dc5a.txt";
    assert_eq!(
        summary,
        [
            [
                post,
                "post",
                post,
                "Les réfractaires du réseautage...",
                "Miss_TICS",
                "2007-09-27T00:07",
                "Pra-tics"
            ],
            [
                "000_affe261f8401dc5a.txt#c1",
                "comment",
                post,
                "anti-geek?",
                "la nymphette",
                "2007-11-19T17:38",
                ""
            ],
            [
                "000_affe261f8401dc5a.txt#c2",
                "comment",
                post,
                "",
                "S.deCampou",
                "2007-09-27T13:10",
                ""
            ],
            [
                "000_affe261f8401dc5a.txt#c3",
                "comment",
                post,
                "Entre Miss",
                "Henri Kaufman",
                "2007-09-28T22:58",
                ""
            ],
        ]
    );
    let lines: Vec<u64> = docs.iter().map(|d| d["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [5, 23, 30, 36]);
    assert!(docs.iter().all(|d| field(d, "format") == "page-dump"));
    assert!(docs.iter().all(|d| field(d, "parent_id").is_empty()));
}

#[test]
fn texts_are_bodies_without_furniture() {
    let docs = inspect(SEED);
    for doc in &docs {
        let text = field(doc, "text");
        for furniture in [
            "Posté par",
            "Permalien",
            "Poster un commentaire",
            "Commentaires [",
            "•",
        ] {
            assert!(
                !text.contains(furniture),
                "{furniture:?} in {}",
                field(doc, "id")
            );
        }
        assert_eq!(
            text,
            text.trim(),
            "no outer white space in {}",
            field(doc, "id")
        );
        assert!(
            !text.lines().any(|l| l.starts_with(' ')),
            "indentation is layout"
        );
    }
    let post = field(&docs[0], "text");
    // The Canalblog post id glued to the body is page furniture; the bullets are layout.
    assert!(post.starts_with("On a beau clamer dans toute la presse que le Web 2.0"));
    assert!(post.contains("\n\nL'argument majeur du techno-phobe"));
    assert!(post.ends_with("\"apprivoiser, ça veut dire tisser des liens\" !"));
    assert!(
        !post.contains("Les réfractaires du réseautage"),
        "the title is not body"
    );

    let second = field(&docs[2], "text");
    assert!(second.contains(
        "http://www.icrossing.com/articles/How%20America%20Searches%20-%20Online%20Retail.pdf"
    ));
    assert!(
        second
            .contains("http://www.rogerd.net/articles/taking-care-of-your-best-community-members")
    );
    assert!(second.starts_with("En complément sur le sujet"));

    assert_eq!(
        field(&docs[1], "text"),
        "Perso, je ne suis pas anti-geek (ni geek).\n\nmais j'apprécie le fait qu'on puisse \
         s'exprimer sur tous sujets de manière anonyme ou en tous cas ciblée. Mais que tous mes \
         collègues connaissent mes opinions politiques (ou autres) de manière précise, ca \
         m'ennuie un peu... voilà pourkoi je ne m'inscris pas sur facebook, d'autant que je ne \
         vois pas ce que j'ai à y gagner..."
    );
    assert_eq!(
        field(&docs[3], "text"),
        "Pour être Miss.Tic(s) VIP, et agrandir le réseau (près de 400 fans !), il suffit que tu \
         me donnes ton adresse mail à : henri.kaufman@gmail.com\nEt tu recevras ta carte \
         d'infidélité VIP.\nJe t'attends avec impatience...\n@micalement\nHenri"
    );
}
