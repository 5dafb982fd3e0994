//! Thread fallback: a comment whose own language detection is unreliable takes the language
//! of its parent comment, or else of its post.
//!
//! This is the one step that looks across documents, so it is kept small, sequential and
//! bounded: it walks each batch in reader order (every reader gives a post before its
//! comments, and a comment before its replies), and remembers one language per document id
//! across batches. Documents whose language changes are re-counted, and their themes
//! re-scored (theme terms are stems of that language), in parallel. A comment saved apart
//! from its post (a comment feed) names the post by address: a post read before it lends its
//! language through its `url` too (the first post of an address, in reader order). A comment
//! file read before its post's file gets no thread language: the step does not look back.
//!
//! What it does not do: override a reliable detection, a forced language, or a post's
//! language; nor pass on a guess: only a language that is trusted (reliably detected, or
//! itself taken from a trusted thread) is given to a comment.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::analysis::Analysis;
use crate::analyzer::Analyzer;
use crate::document::{Document, Kind, id_key};
use crate::lang::{LangSource, Language};
use crate::thread_addresses::{address_id_key, is_address};

/// The trusted language of every document seen so far (`None`: none trusted), by a 64-bit
/// hash of its id rather than the id itself: a run of a million documents keeps 16 bytes a
/// document here, not a copy of every id. Two ids sharing a hash (about one chance in
/// 37 million for a million ids: n²/2^65) would at worst lend a comment the wrong thread's language.
#[derive(Debug, Default)]
pub struct Threads {
    langs: HashMap<u64, Option<Language>>,
}

impl Threads {
    /// Gives unreliable comments their thread's language. `analyses[i]` is the analysis of
    /// `documents[i]`, both in reader order.
    pub fn resolve(
        &mut self,
        documents: &[Document],
        analyses: &mut [Analysis],
        analyzer: &Analyzer,
    ) {
        if analyzer.lang.is_forced() {
            return;
        }
        let mut changed = Vec::new();
        for (i, analysis) in analyses.iter_mut().enumerate() {
            let meta = &analysis.meta;
            let own = analysis.lang;
            if meta.kind == Kind::Comment && !own.reliable {
                let parent = Some(&meta.parent_id)
                    .filter(|id| !id.is_empty())
                    .and_then(|id| self.langs.get(&id_key(id)).copied().flatten());
                // A comment saved apart from its post names it by address.
                let post = match is_address(&meta.post_id) {
                    true => self
                        .langs
                        .get(&id_key(&meta.post_id))
                        .or_else(|| self.langs.get(&address_id_key(&meta.post_id))),
                    false => self.langs.get(&id_key(&meta.post_id)),
                };
                let thread = parent.or_else(|| post.copied().flatten());
                if let Some(lang) = thread {
                    analysis.lang.lang = Some(lang);
                    analysis.lang.source = LangSource::Thread;
                    if own.lang != Some(lang) {
                        changed.push(i);
                    }
                }
            }
            let trusted = analysis.lang.reliable || analysis.lang.source == LangSource::Thread;
            let lang = analysis.lang.lang.filter(|_| trusted);
            self.langs.insert(id_key(&analysis.meta.id), lang);
            if analysis.meta.kind == Kind::Post && !analysis.meta.url.is_empty() {
                self.langs
                    .entry(address_id_key(&analysis.meta.url))
                    .or_insert(lang);
            }
        }
        let recounted: Vec<_> = changed
            .par_iter()
            .map(|&i| {
                let (document, lang) = (&documents[i], analyses[i].lang.lang);
                let themes = analyzer.score_themes(document, lang, &analyses[i].links);
                (analyzer.count_terms(document, lang), themes)
            })
            .collect();
        for (i, ((tokens, content_words, terms), themes)) in changed.into_iter().zip(recounted) {
            let analysis = &mut analyses[i];
            analysis.tokens = tokens;
            analysis.content_words = content_words;
            analysis.terms = terms;
            analysis.themes = themes;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Metadata;

    fn doc(id: &str, kind: Kind, parent: &str, text: &str) -> Document {
        Document {
            meta: Metadata {
                id: id.into(),
                kind,
                post_id: "p".into(),
                parent_id: parent.into(),
                ..Metadata::default()
            },
            text: text.into(),
            ..Document::default()
        }
    }

    /// A post whose language is clear: French.
    fn french_post() -> Document {
        doc(
            "p",
            Kind::Post,
            "",
            "Les réseaux sociaux ne sont pas une mode passagère : ils changent la façon \
             dont nous travaillons, dont nous apprenons et dont nous nous rencontrons.",
        )
    }

    #[test]
    fn unreliable_comments_take_the_thread_language() {
        let documents = [
            french_post(),
            // Too short to tell on its own.
            doc("p#c1", Kind::Comment, "", "Super post!"),
            doc(
                "p#c2",
                Kind::Comment,
                "",
                "I completely disagree with this post, social networks are a waste of time \
                 for most people who work in offices.",
            ),
            // A reply to the English comment: it follows its parent, not the post.
            doc("p#c3", Kind::Comment, "p#c2", "ok"),
        ];
        let analyzer = Analyzer::new();
        let mut analyses: Vec<Analysis> = documents.iter().map(|d| analyzer.analyze(d)).collect();
        Threads::default().resolve(&documents, &mut analyses, &analyzer);
        let got: Vec<(&str, &str)> = analyses
            .iter()
            .map(|a| {
                (
                    a.lang.lang.map_or("", Language::code),
                    a.lang.source.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("fr", "detected"),
                ("fr", "thread"),
                ("en", "detected"),
                ("en", "thread")
            ]
        );
        // Re-counted in French: "post" is not a French stopword, "super" is one word.
        assert_eq!(analyses[1].tokens, 2);
        let lone = analyzer.count_terms(&documents[1], Language::from_code("fr"));
        assert_eq!(analyses[1].terms, lone.2);
    }

    #[test]
    fn a_comment_that_takes_its_thread_language_is_rescored_in_it() {
        let documents = [
            french_post(),
            // Too short to tell (whatlang guesses German); its terms are French ones.
            doc("p#c1", Kind::Comment, "", "Clients, nerds, hackers"),
        ];
        let analyzer = Analyzer::new();
        let mut analyses: Vec<Analysis> = documents.iter().map(|d| analyzer.analyze(d)).collect();
        let own = analyses[1].lang.lang;
        Threads::default().resolve(&documents, &mut analyses, &analyzer);
        let fr = Language::from_code("fr");
        assert_eq!(analyses[1].lang.lang, fr);
        assert_ne!(
            own, fr,
            "the test needs a comment detected in another language"
        );
        let expected = analyzer.score_themes(&documents[1], fr, &analyses[1].links);
        assert_eq!(analyses[1].themes, expected);
        let terms: Vec<(&str, Option<Language>)> = expected
            .iter()
            .map(|h| {
                let term = &analyzer.themes.lexicon().terms[h.term as usize];
                (term.text.as_str(), term.lang)
            })
            .collect();
        assert_eq!(terms, [("clients", fr), ("nerd", fr), ("hackers", fr)]);
    }

    #[test]
    fn a_clear_short_comment_keeps_its_own_language() {
        // Issue 15: a short English comment under a French post stays English when its
        // detection is clear (its function words confirm what whatlang is unsure of).
        let documents = [
            french_post(),
            doc("p#c1", Kind::Comment, "", "I do not agree with you at all."),
        ];
        let analyzer = Analyzer::new();
        let mut analyses: Vec<Analysis> = documents.iter().map(|d| analyzer.analyze(d)).collect();
        Threads::default().resolve(&documents, &mut analyses, &analyzer);
        let got = (
            analyses[1].lang.lang.map_or("", Language::code),
            analyses[1].lang.source,
        );
        assert_eq!(got, ("en", LangSource::Detected));
    }

    #[test]
    fn a_comment_both_models_agree_on_keeps_its_own_language() {
        // Issue 15: whatlang alone is unsure of these three German words (seed corpus), and
        // no function word is in them; langid agrees with it, so the comment is reliable and
        // the French post does not take it over.
        let documents = [
            french_post(),
            doc("p#c1", Kind::Comment, "", "Ganz meiner Meinung!"),
        ];
        let analyzer = Analyzer::new();
        let mut analyses: Vec<Analysis> = documents.iter().map(|d| analyzer.analyze(d)).collect();
        Threads::default().resolve(&documents, &mut analyses, &analyzer);
        let got = (
            analyses[1].lang.lang.map_or("", Language::code),
            analyses[1].lang.source,
            analyses[1].lang.reliable,
        );
        assert_eq!(got, ("de", LangSource::Detected, true));
    }

    #[test]
    fn a_forced_language_is_never_replaced() {
        let documents = [
            doc(
                "p",
                Kind::Post,
                "",
                "Les réseaux sociaux changent la façon dont nous travaillons.",
            ),
            doc("p#c1", Kind::Comment, "", "ok"),
        ];
        let options = crate::lang::LangOptions {
            allowlist: vec![],
            forced: Language::from_code("en"),
        };
        let analyzer = Analyzer::builder().languages(options).build();
        let mut analyses: Vec<Analysis> = documents.iter().map(|d| analyzer.analyze(d)).collect();
        Threads::default().resolve(&documents, &mut analyses, &analyzer);
        assert!(analyses.iter().all(|a| a.lang.source == LangSource::Forced));
    }

    #[test]
    fn a_thread_cut_across_batches_resolves_the_same() {
        let documents = [
            french_post(),
            doc("p#c1", Kind::Comment, "", "Super post!"),
            doc("p#c2", Kind::Comment, "p#c1", "ok"),
        ];
        let analyzer = Analyzer::new();
        let fresh = || -> Vec<Analysis> { documents.iter().map(|d| analyzer.analyze(d)).collect() };
        let mut whole = fresh();
        Threads::default().resolve(&documents, &mut whole, &analyzer);
        let mut cut = fresh();
        let mut threads = Threads::default();
        let (first, rest) = cut.split_at_mut(1);
        threads.resolve(&documents[..1], first, &analyzer);
        threads.resolve(&documents[1..], rest, &analyzer);
        assert_eq!(whole, cut);
        assert_eq!(
            cut[2].lang.source,
            LangSource::Thread,
            "a reply follows its parent"
        );
    }

    #[test]
    fn a_guess_is_not_passed_on() {
        // A post too short to be sure of: its comment keeps its own detection.
        let documents = [
            doc("p", Kind::Post, "", "Viadeo, LinkedIn, Xing : on s'y perd."),
            doc("p#c1", Kind::Comment, "", "Xing ? jamais entendu parler."),
        ];
        let analyzer = Analyzer::new();
        let mut analyses: Vec<Analysis> = documents.iter().map(|d| analyzer.analyze(d)).collect();
        assert!(!analyses[0].lang.reliable && !analyses[1].lang.reliable);
        let own = analyses[1].lang;
        Threads::default().resolve(&documents, &mut analyses, &analyzer);
        assert_eq!(analyses[1].lang, own);
    }

    #[test]
    fn a_comment_saved_apart_takes_the_language_of_the_post_at_its_address() {
        let mut post = french_post();
        post.meta.url = "https://carnet.example/vie-privee/".into();
        let mut comment = doc("comments.rss#c1", Kind::Comment, "", "Super post!");
        comment.meta.post_id = "http://www.carnet.example/vie-privee".into();
        let documents = [post, comment];
        let analyzer = Analyzer::new();
        let mut analyses: Vec<Analysis> = documents.iter().map(|d| analyzer.analyze(d)).collect();
        assert!(!analyses[1].lang.reliable);
        Threads::default().resolve(&documents, &mut analyses, &analyzer);
        assert_eq!(
            (
                analyses[1].lang.lang.map(Language::code),
                analyses[1].lang.source
            ),
            (Some("fr"), LangSource::Thread)
        );
    }
}
