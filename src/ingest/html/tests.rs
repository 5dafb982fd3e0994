//! The HTML reader on small pages: which text is the post's, which elements are comments.

use super::*;

fn documents(html: &str) -> Vec<Document> {
    let (documents, problems) = read(html, "p.html");
    assert!(problems.is_empty(), "{problems:?}");
    documents
}

fn post_text(html: &str) -> String {
    documents(html)[0].text.clone()
}

const LOREM: &str = "Les réseaux sociaux ont changé la façon dont les associations parlent à leurs \
     membres, et la plupart des bénévoles y passent désormais plus de temps que sur le site.";

#[test]
fn a_teaser_card_first_does_not_win_over_the_post() {
    let html = format!(
        "<html><body><header><nav><a href=/>Accueil</a></nav></header>\
         <section class=\"featured\"><article class=\"card\"><h2><a href=/a>Autre billet</a></h2>\
         <p>Un court extrait d'un autre billet, pour donner envie.</p></article></section>\
         <main><article class=\"post\"><h1>Le vrai billet</h1>\
         <p>{LOREM}</p><p>Deuxième paragraphe, avec une virgule, deux, trois, et un peu de texte.</p>\
         </article></main>\
         <footer><p>Tous droits réservés, association des amis du quartier, 2024.</p></footer></body></html>"
    );
    let text = post_text(&html);
    assert!(text.starts_with("Le vrai billet"), "{text}");
    assert!(!text.contains("extrait"), "{text}");
    assert!(!text.contains("droits"), "{text}");
    assert!(text.contains("Deuxième paragraphe"), "{text}");
}

#[test]
fn a_furniture_word_in_a_wrapper_does_not_drop_the_article() {
    let html = format!(
        "<html><body><div class=\"c-fixed-sidebar-layout\"><div class=\"c-fixed-sidebar-layout__main\">\
         <div class=\"c-entry-content\"><p>{LOREM}</p><p>{LOREM}</p></div></div>\
         <div class=\"c-fixed-sidebar-layout__sidebar\"><ul><li><a href=/1>Lien un vers ailleurs</a></li>\
         <li><a href=/2>Lien deux vers ailleurs</a></li></ul></div></div></body></html>"
    );
    let text = post_text(&html);
    assert_eq!(text, format!("{LOREM}\n\n{LOREM}"));
}

#[test]
fn without_a_container_the_furniture_stays_out() {
    let html = format!(
        "<html><body><div id=\"top\"><a href=/>Accueil</a> | <a href=/blog>Blog</a> | <a href=/contact>Contact</a></div>\
         <nav><p>Rubriques : associations, quartier, jardins, fêtes, marchés, écoles.</p></nav>\
         <p>{LOREM}</p><aside><p>À lire aussi, un autre billet, encore un autre, et ainsi de suite.</p></aside>\
         <footer><p>Mentions légales, contact, plan du site, accessibilité, et cetera.</p></footer></body></html>"
    );
    assert_eq!(post_text(&html), LOREM);
}

#[test]
fn blogger_loose_text_is_the_post() {
    let html = "<html><body><div class=\"sidebar\"><h2>Archives</h2><ul><li><a href=/1>mars</a></li></ul></div>\
         <div class=\"post-body entry-content\">Trois amis ont fermé leur compte cette semaine, sans regret.<br><br>\
         Et vous, avez-vous essayé de partir, ou de rester autrement ?</div></body></html>";
    assert_eq!(
        post_text(html),
        "Trois amis ont fermé leur compte cette semaine, sans regret.\n\n\
         Et vous, avez-vous essayé de partir, ou de rester autrement ?"
    );
}

#[test]
fn link_lists_inside_the_article_are_left_out() {
    let html = format!(
        "<html><body><article><div class=\"entry-content\"><p>{LOREM}</p>\
         <div class=\"jp-relatedposts\"><h3>Similaire</h3><a href=/1>Un</a> <a href=/2>Deux</a></div>\
         <ul><li><a href=/t/1>étiquette un</a></li><li><a href=/t/2>étiquette deux</a></li></ul>\
         <p>{LOREM}</p></div></article></body></html>"
    );
    assert_eq!(post_text(&html), format!("{LOREM}\n\n{LOREM}"));
}

fn comment_rows(html: &str) -> Vec<[String; 4]> {
    documents(html)
        .into_iter()
        .skip(1)
        .map(|d| [d.meta.parent_id, d.meta.author, d.meta.published, d.text])
        .collect()
}

fn rows(expected: &[[&str; 4]]) -> Vec<[String; 4]> {
    expected.iter().map(|r| r.map(str::to_string)).collect()
}

#[test]
fn wordpress_html5_comments() {
    let html = "<html><body><article><p>Billet.</p></article><div id=\"comments\"><ol class=\"comment-list\">\
        <li id=\"comment-1\" class=\"comment even thread-even depth-1\"><article id=\"div-comment-1\" class=\"comment-body\">\
        <footer class=\"comment-meta\"><div class=\"comment-author vcard\"><img class=\"avatar\" src=a.png>\
        <b class=\"fn\"><a href=\"https://ana.example\" class=\"url\">Ana</a></b> <span class=\"says\">says:</span></div>\
        <div class=\"comment-metadata\"><a href=\"#comment-1\"><time datetime=\"2021-03-05T10:03:00+00:00\">March 5, 2021 at 10:03 am</time></a></div></footer>\
        <div class=\"comment-content\"><p>Très juste.</p></div><div class=\"reply\"><a class=\"comment-reply-link\">Reply</a></div></article>\
        <ol class=\"children\"><li id=\"comment-2\" class=\"comment odd alt depth-2\"><article class=\"comment-body\">\
        <footer class=\"comment-meta\"><div class=\"comment-author vcard\"><b class=\"fn\">Luc</b></div>\
        <div class=\"comment-metadata\"><a href=\"#comment-2\"><time datetime=\"2021-03-06T08:00:00+00:00\">March 6</time></a></div></footer>\
        <div class=\"comment-content\"><p>Merci !</p></div></article></li></ol></li></ol></div></body></html>";
    assert_eq!(
        comment_rows(html),
        rows(&[
            ["", "Ana", "2021-03-05T10:03", "Très juste."],
            ["p.html#c1", "Luc", "2021-03-06T08:00", "Merci !"],
        ])
    );
}

#[test]
fn wpdiscuz_comments_with_a_date_in_a_title() {
    let html = "<html><body><article><p>Billet.</p></article><div id=\"wpdcom\"><div class=\"wpd-thread-list\">\
        <div id=\"wpd-comm-7_0\" class=\"comment even thread-even depth-1 wpd-comment wpd_comment_level-1\">\
        <div class=\"wpd-comment-wrap wpd-blog-guest\"><div class=\"wpd-avatar\"><img src=a.png></div>\
        <div class=\"wpd-comment-right\"><div class=\"wpd-comment-header\"><div class=\"wpd-comment-author\">Marc</div>\
        <div class=\"wpd-comment-date\" title=\"March 5, 2021 10:03 am\">3 years ago</div></div>\
        <div class=\"wpd-comment-text\"><p>Bien vu.</p></div><div class=\"wpd-comment-footer\"><div class=\"wpd-reply-button\">Répondre</div></div></div></div>\
        <div id=\"wpd-comm-8_7\" class=\"comment odd alt depth-2 wpd-comment wpd-reply wpd_comment_level-2\">\
        <div class=\"wpd-comment-wrap\"><div class=\"wpd-comment-right\"><div class=\"wpd-comment-header\">\
        <div class=\"wpd-comment-author\">Zoé</div><div class=\"wpd-comment-date\" title=\"6 mars 2021 à 09:15\">3 ans</div></div>\
        <div class=\"wpd-comment-text\"><p>D'accord.</p></div></div></div></div></div></div></div></body></html>";
    assert_eq!(
        comment_rows(html),
        rows(&[
            ["", "Marc", "2021-03-05T10:03", "Bien vu."],
            ["p.html#c1", "Zoé", "2021-03-06T09:15", "D'accord."],
        ])
    );
}

#[test]
fn drupal_comments_answer_the_one_before_their_indented_block() {
    let html = "<html><body><article><p>Billet.</p></article><section class=\"comments\">\
        <article id=\"comment-1\" class=\"comment js-comment\"><footer class=\"comment__meta\">\
        <p class=\"comment__submitted\">Submitted by <span class=\"username\">eva</span> on \
        <span property=\"schema:dateCreated\" content=\"2020-03-05T10:03:00+00:00\">Thu, 03/05/2020 - 10:03</span></p></footer>\
        <div class=\"comment__content\"><div class=\"field field--name-comment-body\"><p>Premier.</p></div></div></article>\
        <div class=\"indented\"><article id=\"comment-2\" class=\"comment js-comment\"><footer class=\"comment__meta\">\
        <p class=\"comment__submitted\">Submitted by <span class=\"username\">tom</span> on \
        <span property=\"schema:dateCreated\" content=\"2020-03-06T11:00:00+00:00\">Fri</span></p></footer>\
        <div class=\"comment__content\"><div class=\"field field--name-comment-body\"><p>Réponse.</p></div></div></article></div>\
        </section></body></html>";
    assert_eq!(
        comment_rows(html),
        rows(&[
            ["", "eva", "2020-03-05T10:03", "Premier."],
            ["p.html#c1", "tom", "2020-03-06T11:00", "Réponse."],
        ])
    );
}

#[test]
fn blogger_classic_comments_and_dates_from_visible_text() {
    let html = "<html><body><div class=\"post-body\">Billet du jour.</div><div id=\"comments\">\
        <dl id=\"comments-block\"><dt class=\"comment-author\" id=\"c1\"><a name=\"c1\"></a>\
        <a href=\"https://www.blogger.com/profile/1\">Kim</a> said...</dt>\
        <dd class=\"comment-body\"><p>Bel article.</p></dd>\
        <dd class=\"comment-footer\"><span class=\"comment-timestamp\"><a href=\"#c1\">March 5, 2009 at 10:03 AM</a></span></dd>\
        <dt class=\"comment-author\" id=\"c2\">Anonymous said...</dt><dd class=\"comment-body\"><p>Pas d'accord.</p></dd>\
        <dd class=\"comment-footer\"><span class=\"comment-timestamp\">6 mars 2009 à 11:15</span></dd></dl></div></body></html>";
    assert_eq!(
        comment_rows(html),
        rows(&[
            ["", "Kim", "2009-03-05T10:03", "Bel article."],
            ["", "Anonymous", "2009-03-06T11:15", "Pas d'accord."],
        ])
    );
}

#[test]
fn a_date_only_in_the_header_text_is_found() {
    let html = "<html><body><article><p>Billet.</p></article><ol class=\"commentlist\">\
        <li class=\"comment\"><div class=\"comment-author\"><cite class=\"fn\">Paul</cite></div>\
        <div class=\"comment-meta\">Le 12 janvier 2010 à 18h05 | Répondre</div><p>Oui.</p></li></ol></body></html>";
    assert_eq!(
        comment_rows(html),
        rows(&[["", "Paul", "2010-01-12T18:05", "Oui."]])
    );
}

#[test]
fn json_ld_and_microdata_comments() {
    let html = "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\
        \"@type\":\"BlogPosting\",\"headline\":\"Caf&eacute; &amp; th&eacute;\",\"author\":{\"@type\":\"Person\",\"name\":\"Jos&eacute;\"},\
        \"comment\":[{\"@type\":\"Comment\",\"author\":{\"name\":\"Ines\"},\"dateCreated\":\"2022-01-02T03:04:00Z\",\"text\":\"Super &amp; utile.\",\
        \"comment\":{\"@type\":\"Comment\",\"author\":\"Jos&eacute;\",\"dateCreated\":\"2022-01-03\",\"text\":\"Merci.\"}}]}</script></head>\
        <body><article><p>Billet.</p></article></body></html>";
    let docs = documents(html);
    assert_eq!(docs[0].meta.title, "Café & thé");
    assert_eq!(docs[0].meta.author, "José");
    assert_eq!(
        comment_rows(html),
        rows(&[
            ["", "Ines", "2022-01-02T03:04", "Super & utile."],
            ["p.html#c1", "José", "2022-01-03", "Merci."],
        ])
    );
    let microdata = "<html><body><article><p>Billet.</p></article><div class=\"reactions\">\
        <div itemprop=\"comment\" itemscope itemtype=\"https://schema.org/Comment\">\
        <span itemprop=\"author\">Léa</span> <meta itemprop=\"dateCreated\" content=\"2023-04-05\">\
        <div itemprop=\"text\">Bonne idée.</div></div></div></body></html>";
    assert_eq!(
        comment_rows(microdata),
        rows(&[["", "Léa", "2023-04-05", "Bonne idée."]])
    );
}

#[test]
fn repeated_blocks_in_a_comment_section_are_comments() {
    let html = format!(
        "<html><body><article><p>{LOREM}</p></article><div id=\"reader-responses\"><h3>2 réponses</h3>\
         <div class=\"response\"><strong>Nina</strong> <span>14 février 2015</span><p>Je partage cet avis, surtout pour les petites associations.</p></div>\
         <div class=\"response\"><strong>Omar</strong> <span>15 février 2015</span><p>Chez nous, la liste de diffusion marche encore très bien.</p></div>\
         </div></body></html>"
    );
    let rows_found = comment_rows(&html);
    assert_eq!(rows_found.len(), 2, "{rows_found:?}");
    assert_eq!(rows_found[0][1], "Nina");
    assert_eq!(rows_found[1][2], "2015-02-15");
    assert!(rows_found[1][3].contains("liste de diffusion"));
}

#[test]
fn head_metadata_in_any_case_when_the_page_shows_none() {
    let html = format!(
        "<html><head><title>Un billet</title>\
         <meta name=\"DC.Date\" content=\"2010-12-02 10:14\">\
         <meta name=\"Category\" content=\"Vie privée\">\
         <meta name=\"tags\" content=\"foo, bar ,foobar\">\
         <meta name=\"AUTHORS\" content=\"Claire, Hugo\"></head>\
         <body><p>{LOREM}</p></body></html>"
    );
    let meta = &documents(&html)[0].meta;
    assert_eq!(
        [
            meta.published.as_str(),
            &meta.category,
            &meta.tags,
            &meta.author
        ],
        [
            "2010-12-02T10:14",
            "Vie privée",
            "foo; bar; foobar",
            "Claire, Hugo"
        ]
    );
    // A date the page shows wins over the head's.
    let shown = html.replace(
        "<body>",
        "<body><time class=\"entry-date\" datetime=\"2011-01-05\">5 janvier</time>",
    );
    assert_eq!(documents(&shown)[0].meta.published, "2011-01-05");
}
