//! Template tags in Markdown posts, removed before the Markdown is read: Liquid (Jekyll's
//! `{% ... %}` and `{{ ... }}`) and Hugo shortcodes (`{{< ... >}}`, `{{% ... %}}`). They are
//! instructions to the site generator, not words of the post.
//!
//! Only the tags go: what a paired tag encloses stays where it is (`{{< note >}}Lisez.{{<
//! /note >}}` keeps "Lisez.", `{% highlight rust %}` keeps its code), but for the two Liquid
//! tags whose content is not the post's text: `{% comment %}` (dropped with it) and `{% raw
//! %}` (kept as written, template syntax included, which is what it is for). A tag with no
//! end (`{{ broken`) is left as text: better a stray brace than a lost paragraph.

/// `markdown` without its template tags; borrowed when it has none.
///
/// ```
/// use tisse::ingest::templates::remove_template_tags;
/// let text = "{{< figure src=\"a.png\" >}}Voir {{< ref \"b.md\" >}}.\n{{% note %}}Lisez.{{% /note %}}";
/// assert_eq!(remove_template_tags(text), "Voir .\nLisez.");
/// assert_eq!(remove_template_tags("{% raw %}{{ x }}{% endraw %} {{ site.title }}"), "{{ x }} ");
/// ```
pub fn remove_template_tags(markdown: &str) -> std::borrow::Cow<'_, str> {
    if !markdown.contains("{{") && !markdown.contains("{%") {
        return std::borrow::Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(at) = rest.find(['{']) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let close = if from.starts_with("{{<") {
            ">}}"
        } else if from.starts_with("{{%") {
            "%}}"
        } else if from.starts_with("{{") {
            "}}"
        } else if from.starts_with("{%") {
            "%}"
        } else {
            out.push('{');
            rest = &from[1..];
            continue;
        };
        let Some(end) = from[2..].find(close).map(|e| e + 2 + close.len()) else {
            // No end: the rest is text.
            out.push_str(from);
            return std::borrow::Cow::Owned(out);
        };
        let tag = &from[..end];
        rest = &from[end..];
        if close == "%}" {
            match liquid_name(tag) {
                "comment" => rest = after_end_tag(rest, "endcomment"),
                "raw" => {
                    let (raw, after) = split_at_end_tag(rest, "endraw");
                    out.push_str(raw);
                    rest = after;
                }
                _ => {}
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The name of a Liquid tag: `{%- comment -%}` is `comment`.
fn liquid_name(tag: &str) -> &str {
    tag.trim_start_matches("{%")
        .trim_end_matches("%}")
        .trim_matches(|c: char| c == '-' || c.is_whitespace())
        .split_whitespace()
        .next()
        .unwrap_or("")
}

/// What precedes the tag `{% name %}` in `text`, and what follows it (everything, and
/// nothing, when the tag never comes).
fn split_at_end_tag<'a>(text: &'a str, name: &str) -> (&'a str, &'a str) {
    let mut from = 0;
    while let Some(at) = text[from..].find("{%").map(|a| a + from) {
        let Some(len) = text[at..].find("%}").map(|l| l + 2) else {
            break;
        };
        if liquid_name(&text[at..at + len]) == name {
            return (&text[..at], &text[at + len..]);
        }
        from = at + len;
    }
    (text, "")
}

fn after_end_tag<'a>(text: &'a str, name: &str) -> &'a str {
    split_at_end_tag(text, name).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_removed_inner_text_kept() {
        let cases: &[(&str, &str)] = &[
            ("Sans balise.", "Sans balise."),
            // Hugo: paired shortcodes keep their text, single ones go.
            ("{{< youtube w7Ft2ymGmfc >}}", ""),
            ("{{< note >}}Lisez.{{< /note >}}", "Lisez."),
            ("{{% aside title=\"x\" %}}*Mot*{{% /aside %}}", "*Mot*"),
            ("Voir {{< ref \"b.md\" >}}.", "Voir ."),
            // Liquid: output and tags go; a highlight block keeps its code.
            ("Titre : {{ page.title | upcase }}.", "Titre : ."),
            (
                "{% highlight rust %}\nfn main() {}\n{% endhighlight %}",
                "\nfn main() {}\n",
            ),
            ("{%- include note.html -%}Fin", "Fin"),
            ("A{% comment %}brouillon {{ x }}{% endcomment %}B", "AB"),
            ("{% raw %}{{ garde }}{% endraw %}", "{{ garde }}"),
            // A comment never closed hides the rest, as Jekyll would.
            ("A{% comment %}tout", "A"),
            // No end: left as text.
            ("Un {{ cassé", "Un {{ cassé"),
            ("Un { seul", "Un { seul"),
            ("é{{x}}è", "éè"),
        ];
        for (input, expected) in cases {
            assert_eq!(remove_template_tags(input), *expected, "{input:?}");
        }
    }
}
