//! Markup to text: the step every HTML-ish reader shares (saved pages, WordPress
//! `content:encoded`, comments, Markdown's inline HTML and links go through [`TextBuilder`]).
//!
//! Block elements become paragraph and line breaks, white space collapses, entities are
//! decoded by the parser, links keep their target and the byte offsets of their anchor text.
//! Characters that are invisible inside a word and join what is around them (soft hyphens,
//! word joiners, a stray byte-order mark) are removed: a word a page hyphenates for layout
//! (`infor\u{ad}ma\u{ad}tion`) is one word, as a reader sees it. The zero-width space stays:
//! it marks a break (`google.com\u{200b}suite` is a link and a word, not one host), which
//! words and links both honour; so do the zero-width non-joiner and joiner, which Persian,
//! Indic scripts and emoji sequences need inside their words.
//!
//! What it does not do: decide which part of a page is its text (`extract.rs`) or which
//! elements are furniture (`boilerplate.rs`); it walks what it is given, leaving out what
//! its caller's `skip` refuses and the elements that are never text.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};

use crate::document::Href;
use crate::ingest::nesting::{MAX_DEPTH, cap_nesting};

/// Elements that are never text.
pub(super) const SKIPPED_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "svg", "canvas", "head",
    "title", "button", "select", "input", "textarea",
];

/// Elements that end a paragraph.
pub(super) const PARAGRAPH_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "table",
    "figure",
    "figcaption",
    "hr",
    "address",
    "details",
    "summary",
];

/// Elements that end a line (and `br`, which does more: [`TextBuilder::br`]).
pub(super) const LINE_ELEMENTS: &[&str] = &["li", "tr", "dt", "dd"];

/// How text nodes' own newlines count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Newlines {
    /// As white space, as browsers show HTML.
    Collapse,
    /// A blank line is a paragraph break and a single newline a line break, as WordPress
    /// shows its post content (`wpautop`).
    Paragraphs,
}

/// A pending separator, weakest first: the strongest one asked for between two words wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    Space,
    Line,
    Paragraph,
}

/// Builds a document's text from pieces of marked-up text: collapses white space, turns
/// block boundaries into line and paragraph breaks, and records links with the byte offsets
/// of their anchor text.
///
/// Invariant: the text never starts or ends with white space, never holds two spaces in a
/// row or more than one blank line, and each [`Href`]'s `start..end` is its anchor in it.
///
/// ```
/// use tisse::ingest::html::TextBuilder;
/// let mut text = TextBuilder::default();
/// text.push("  Voir ");
/// text.open_link("http://example.org/");
/// text.push(" le  site ");
/// text.close_link();
/// text.paragraph_break();
/// text.push("Fin.");
/// let (text, hrefs) = text.finish();
/// assert_eq!(text, "Voir le site\n\nFin.");
/// assert_eq!((hrefs[0].anchor.as_str(), hrefs[0].start, hrefs[0].end), ("le site", 5, 12));
/// ```
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    hrefs: Vec<Href>,
    pending: Option<Break>,
    open: Vec<(String, Option<usize>)>,
    /// Links of `open` from this index on have no text yet (they are always the last ones
    /// opened): a character starts them all, and no character looks at the others, so that
    /// text inside many nested links costs no more than text outside.
    unstarted: usize,
    /// `<br>`s since the last text: two in a row make a paragraph break (Blogger writes
    /// paragraphs so).
    brs: u8,
}

impl TextBuilder {
    /// Adds text whose white space collapses.
    pub fn push(&mut self, text: &str) {
        self.push_with(text, Newlines::Collapse);
    }

    /// Adds text, its newlines counting as `newlines` says.
    pub fn push_with(&mut self, text: &str, newlines: Newlines) {
        let mut newline_run = 0;
        for c in text.chars() {
            if c.is_whitespace() {
                if c == '\n' {
                    newline_run += 1;
                }
                let wanted = match (newlines, newline_run) {
                    (Newlines::Paragraphs, 1) => Break::Line,
                    (Newlines::Paragraphs, n) if n > 1 => Break::Paragraph,
                    _ => Break::Space,
                };
                self.ask(wanted);
                continue;
            }
            if is_invisible(c) {
                continue;
            }
            newline_run = 0;
            self.brs = 0;
            self.flush_break();
            for (_, start) in &mut self.open[self.unstarted..] {
                *start = Some(self.text.len());
            }
            self.unstarted = self.open.len();
            self.text.push(c);
        }
    }

    /// Ends the current line.
    pub fn line_break(&mut self) {
        self.ask(Break::Line);
    }

    /// A `<br>`: ends the line; a second one in a row ends the paragraph.
    pub fn br(&mut self) {
        self.brs = self.brs.saturating_add(1);
        self.ask(if self.brs > 1 {
            Break::Paragraph
        } else {
            Break::Line
        });
    }

    /// Ends the current paragraph.
    pub fn paragraph_break(&mut self) {
        self.ask(Break::Paragraph);
    }

    /// A link to `url` starts; its anchor is the text pushed until [`Self::close_link`].
    pub fn open_link(&mut self, url: &str) {
        self.open.push((url.trim().to_string(), None));
    }

    /// The last opened link ends.
    pub fn close_link(&mut self) {
        let Some((url, start)) = self.open.pop() else {
            return;
        };
        self.unstarted = self.unstarted.min(self.open.len());
        let end = self.text.len();
        let start = start.unwrap_or(end);
        self.hrefs.push(Href {
            url,
            anchor: self.text[start..end].to_string(),
            start,
            end,
        });
    }

    /// The text and its links, in the order their anchors start.
    pub fn finish(mut self) -> (String, Vec<Href>) {
        while !self.open.is_empty() {
            self.close_link();
        }
        self.hrefs.sort_by_key(|h| (h.start, h.end));
        (self.text, self.hrefs)
    }

    fn ask(&mut self, wanted: Break) {
        if self.text.is_empty() {
            return;
        }
        self.pending = Some(self.pending.map_or(wanted, |p| p.max(wanted)));
    }

    fn flush_break(&mut self) {
        match self.pending.take() {
            None => {}
            Some(Break::Space) => self.text.push(' '),
            Some(Break::Line) => self.text.push('\n'),
            Some(Break::Paragraph) => self.text.push_str("\n\n"),
        }
    }
}

/// Turns an HTML fragment (a WordPress post or comment body) into text and links.
///
/// ```
/// use tisse::ingest::html::{fragment_to_text, Newlines};
/// let (text, hrefs) = fragment_to_text(
///     "Un <b>premier</b> paragraphe.\n\nUn <a href=\"http://x.org\">lien</a>.<script>x()</script>",
///     Newlines::Paragraphs,
/// );
/// assert_eq!(text, "Un premier paragraphe.\n\nUn lien.");
/// assert_eq!(hrefs[0].url, "http://x.org");
/// ```
pub fn fragment_to_text(html: &str, newlines: Newlines) -> (String, Vec<Href>) {
    let fragment = Html::parse_fragment(&cap_nesting(html, MAX_DEPTH));
    let mut text = TextBuilder::default();
    walk(fragment.tree.root(), &mut text, newlines, &|_| false);
    text.finish()
}

/// Adds the text under `root` to `text`, leaving out elements `skip` refuses (and never
/// text: [`SKIPPED_ELEMENTS`]). Iterative, so that deeply nested markup cannot overflow the
/// stack.
pub(super) fn walk(
    root: NodeRef<'_, Node>,
    text: &mut TextBuilder,
    newlines: Newlines,
    skip: &dyn Fn(ElementRef<'_>) -> bool,
) {
    enum Step<'a> {
        Enter(NodeRef<'a, Node>),
        Leave(NodeRef<'a, Node>),
    }
    let mut stack = vec![Step::Enter(root)];
    let mut preformatted = 0usize;
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(node) => {
                match node.value() {
                    Node::Text(t) => {
                        let mode = if preformatted > 0 {
                            Newlines::Paragraphs
                        } else {
                            newlines
                        };
                        text.push_with(t, mode);
                        continue;
                    }
                    Node::Element(element) => {
                        let name = element.name();
                        if node != root && SKIPPED_ELEMENTS.contains(&name) {
                            continue;
                        }
                        if node != root
                            && let Some(element_ref) = ElementRef::wrap(node)
                            && skip(element_ref)
                        {
                            continue;
                        }
                        open_element(name, element.attr("href"), text);
                        if name == "pre" {
                            preformatted += 1;
                        }
                    }
                    Node::Document | Node::Fragment => {}
                    _ => continue,
                }
                stack.push(Step::Leave(node));
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev().map(Step::Enter));
            }
            Step::Leave(node) => {
                if let Node::Element(element) = node.value() {
                    let name = element.name();
                    if name == "pre" {
                        preformatted -= 1;
                    }
                    close_element(name, element.attr("href"), text);
                }
            }
        }
    }
}

fn open_element(name: &str, href: Option<&str>, text: &mut TextBuilder) {
    if PARAGRAPH_ELEMENTS.contains(&name) {
        text.paragraph_break();
    } else if name == "br" {
        text.br();
    } else if LINE_ELEMENTS.contains(&name) {
        text.line_break();
    } else if matches!(name, "td" | "th") {
        text.push(" ");
    }
    if name == "a"
        && let Some(href) = href
    {
        text.open_link(href);
    }
}

fn close_element(name: &str, href: Option<&str>, text: &mut TextBuilder) {
    if name == "a" && href.is_some() {
        text.close_link();
    }
    if PARAGRAPH_ELEMENTS.contains(&name) {
        text.paragraph_break();
    } else if matches!(name, "li" | "tr" | "dt" | "dd") {
        text.line_break();
    }
}

/// Characters that show nothing and join what is around them: the soft hyphen (a line-break
/// hint), the word joiner, and U+FEFF (a byte-order mark pasted inside text, or the old
/// zero-width no-break space).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{2060}' | '\u{feff}')
}

/// An element's text, white space collapsed.
pub(super) fn plain_text(element: ElementRef<'_>) -> String {
    let mut text = TextBuilder::default();
    walk(*element, &mut text, Newlines::Collapse, &|_| false);
    text.finish().0
}

/// A field a page gives as a string (a `<meta>` content, a JSON-LD name): entities decoded,
/// markup and invisible characters removed, white space collapsed. JSON-LD is not HTML, but
/// CMSs write their titles into it HTML-escaped (`Caf&eacute; &amp; co`).
pub(super) fn field_text(value: &str) -> String {
    if value.contains(['&', '<']) {
        fragment_to_text(value, Newlines::Collapse).0
    } else {
        let mut text = TextBuilder::default();
        text.push(value);
        text.finish().0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(html: &str, newlines: Newlines) -> String {
        fragment_to_text(html, newlines).0
    }

    #[test]
    fn markup_becomes_text() {
        use Newlines::*;
        let cases: &[(&str, Newlines, &str)] = &[
            ("<p>Un</p><p>Deux</p>", Collapse, "Un\n\nDeux"),
            ("Un<br>deux<br/>trois", Collapse, "Un\ndeux\ntrois"),
            // Blogger writes paragraphs as two line breaks.
            (
                "Un<br><br>deux<br>\n<br>trois",
                Collapse,
                "Un\n\ndeux\n\ntrois",
            ),
            (
                "  beaucoup   d'espace\n ici ",
                Collapse,
                "beaucoup d'espace ici",
            ),
            // WordPress content: blank lines are paragraphs, single newlines line breaks.
            ("Un\n\nDeux\ntrois", Paragraphs, "Un\n\nDeux\ntrois"),
            (
                "<ul><li>a</li><li>b</li></ul>après",
                Collapse,
                "a\nb\n\naprès",
            ),
            (
                "<script>alert(1)</script><style>p{}</style>texte",
                Collapse,
                "texte",
            ),
            (
                "&eacute;t&eacute; &amp; &lt;hiver&gt;",
                Collapse,
                "été & <hiver>",
            ),
            // Gutenberg block comments are comments, not text.
            (
                "<!-- wp:paragraph --><p>Bloc</p><!-- /wp:paragraph -->",
                Paragraphs,
                "Bloc",
            ),
            ("<pre>a  b\nc</pre>", Collapse, "a b\nc"),
            ("", Collapse, ""),
        ];
        for (html, mode, expected) in cases {
            assert_eq!(text_of(html, *mode), *expected, "{html:?}");
        }
    }

    #[test]
    fn links_keep_their_anchor_offsets() {
        let (text, hrefs) = fragment_to_text(
            "Voir <a href=\"http://a.fr\">le <b>site</b></a>, puis <a href=\"mailto:x@y.fr\">écrire</a>.<a href=\"/img\"><img src=x></a>",
            Newlines::Collapse,
        );
        assert_eq!(text, "Voir le site, puis écrire.");
        let got: Vec<(&str, &str, &str)> = hrefs
            .iter()
            .map(|h| (h.url.as_str(), h.anchor.as_str(), &text[h.start..h.end]))
            .collect();
        assert_eq!(
            got,
            [
                ("http://a.fr", "le site", "le site"),
                ("mailto:x@y.fr", "écrire", "écrire"),
                // An image link has an empty anchor, at the end of the text.
                ("/img", "", ""),
            ]
        );
        assert_eq!((hrefs[2].start, hrefs[2].end), (text.len(), text.len()));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(5_000) + "fond" + &"</div>".repeat(5_000);
        assert_eq!(text_of(&html, Newlines::Collapse), "fond");
    }

    #[test]
    fn invisible_characters_leave_words_whole() {
        let cases: &[(&str, &str)] = &[
            ("infor\u{ad}ma\u{ad}tion", "information"),
            ("infor&shy;ma&shy;tion", "information"),
            ("word\u{2060}joiner", "wordjoiner"),
            // A zero-width space is a break; non-joiners and joiners belong to their words.
            ("google.com\u{200b}suite", "google.com\u{200b}suite"),
            (
                "\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}",
                "\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}",
            ),
            ("\u{1f469}\u{200d}\u{1f4bb}", "\u{1f469}\u{200d}\u{1f4bb}"),
            ("\u{feff}début", "début"),
            // Between words, they leave the space that is there.
            ("un \u{ad} mot", "un mot"),
        ];
        for (html, expected) in cases {
            assert_eq!(text_of(html, Newlines::Collapse), *expected, "{html:?}");
        }
    }

    #[test]
    fn fields_are_decoded_and_collapsed() {
        let cases: &[(&str, &str)] = &[
            ("Caf&eacute; &amp; co", "Café & co"),
            ("  Deux   espaces ", "Deux espaces"),
            ("L&#8217;&eacute;t&eacute;", "L\u{2019}été"),
            ("<b>Gras</b> titre", "Gras titre"),
            ("sans entité", "sans entité"),
            ("mi\u{ad}lieu", "milieu"),
        ];
        for (value, expected) in cases {
            assert_eq!(field_text(value), *expected, "{value:?}");
        }
    }
}
