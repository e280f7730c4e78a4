//! HTML to main text: drops scripts, styles, navigation, cookie banners and other page
//! furniture, keeps the article (`<main>`, `<article>` or the body), one block per line.
//!
//! The walk is iterative, so pages nested thousands of levels deep cannot overflow the stack.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};

use super::{Document, Format};

/// Elements whose content is never body text.
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "button", "select", "head", "menu", "dialog", "figure",
];

/// Class or id fragments that mark site furniture rather than content.
const SKIPPED_MARKERS: &[&str] = &[
    "cookie",
    "consent",
    "gdpr-banner",
    "banner",
    "navbar",
    "navigation",
    "breadcrumb",
    "menu",
    "sidebar",
    "share",
    "social",
    "skip",
    "related",
    "footer",
    "header",
    "newsletter",
    "popup",
    "modal",
    "advert",
    "ad-slot",
];

/// Elements that end a line of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "hr",
    "td",
    "th",
];

pub fn load_html(source: &str) -> Document {
    let html = Html::parse_document(source);
    let root = pick_root(&html);
    let text = block_text(root);
    let title = heading(&html).or_else(|| page_title(&html));
    Document {
        text,
        format: Format::Html,
        title,
    }
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("static selector")
}

/// The article itself where the page marks it, else the whole body.
fn pick_root(html: &Html) -> ElementRef<'_> {
    for css in ["main", "article", "[role=main]", "body"] {
        if let Some(el) = html.select(&selector(css)).find(|el| !is_furniture(el)) {
            return el;
        }
    }
    html.root_element()
}

fn is_furniture(el: &ElementRef) -> bool {
    let v = el.value();
    if SKIPPED_TAGS.contains(&v.name()) {
        return true;
    }
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    if matches!(
        v.attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "dialog")
    ) {
        return true;
    }
    let marks = |s: Option<&str>| {
        s.map(|s| {
            let s = s.to_ascii_lowercase();
            SKIPPED_MARKERS.iter().any(|m| s.contains(m))
        })
        .unwrap_or(false)
    };
    // `main`/`article` named "main-header" etc. are still content containers.
    !matches!(v.name(), "main" | "article" | "body")
        && (marks(v.attr("class")) || marks(v.attr("id")))
}

/// Text and link text in an element's subtree, in characters.
#[derive(Debug, Clone, Copy, Default)]
struct LinkStats {
    chars: usize,
    link_chars: usize,
    links: usize,
}

impl LinkStats {
    /// Menus without semantic markup: a list, table or div whose text is mostly link
    /// text (three links or more), the way readability tools spot navigation.
    fn is_link_list(&self) -> bool {
        const LINK_SHARE: f64 = 0.7;
        self.links >= 3
            && self.chars > 0
            && self.link_chars as f64 >= LINK_SHARE * self.chars as f64
    }
}

/// Link statistics of every element under `root`, in one post-order pass (no recursion,
/// no quadratic rescans of deep pages).
fn link_stats(root: ElementRef) -> HashMap<NodeId, LinkStats> {
    let mut stats: HashMap<NodeId, LinkStats> = HashMap::new();
    let mut stack = vec![(*root, false)];
    while let Some((node, children_done)) = stack.pop() {
        if !children_done {
            stack.push((node, true));
            stack.extend(node.children().map(|c| (c, false)));
            continue;
        }
        let mut s = LinkStats::default();
        for child in node.children() {
            match child.value() {
                Node::Text(t) => s.chars += t.trim().chars().count(),
                Node::Element(_) => {
                    let c = stats.get(&child.id()).copied().unwrap_or_default();
                    s.chars += c.chars;
                    s.link_chars += c.link_chars;
                    s.links += c.links;
                }
                _ => {}
            }
        }
        if let Node::Element(el) = node.value() {
            if el.name() == "a" {
                s.link_chars = s.chars;
                s.links += 1;
            }
            stats.insert(node.id(), s);
        }
    }
    stats
}

/// Text of `root` with a newline after each block, blank runs collapsed.
fn block_text(root: ElementRef) -> String {
    let links = link_stats(root);
    let mut out = String::new();
    // An explicit stack: (node, entering?) so deep nesting costs heap, not stack.
    let mut stack = vec![(*root, true)];
    while let Some((node, entering)) = stack.pop() {
        match node.value() {
            Node::Text(t) if entering => {
                push_inline(&mut out, t);
            }
            Node::Element(el) => {
                let block = BLOCK_TAGS.contains(&el.name());
                if entering {
                    let link_list = matches!(el.name(), "ul" | "ol" | "table" | "div" | "section")
                        && links.get(&node.id()).is_some_and(LinkStats::is_link_list);
                    if let Some(er) = ElementRef::wrap(node)
                        && er.id() != root.id()
                        && (is_furniture(&er) || link_list)
                    {
                        continue;
                    }
                    if block {
                        end_line(&mut out);
                    }
                    stack.push((node, false));
                    let children: Vec<_> = node.children().collect();
                    for child in children.into_iter().rev() {
                        stack.push((child, true));
                    }
                } else if block {
                    end_line(&mut out);
                }
            }
            _ => {}
        }
    }
    tidy(&out)
}

fn push_inline(out: &mut String, text: &str) {
    let mut words = text.split_whitespace().peekable();
    if words.peek().is_none() {
        if !text.is_empty() && !out.ends_with([' ', '\n']) && !out.is_empty() {
            out.push(' ');
        }
        return;
    }
    if text.starts_with(char::is_whitespace) && !out.ends_with([' ', '\n']) && !out.is_empty() {
        out.push(' ');
    }
    let mut first = true;
    for w in words {
        if !first {
            out.push(' ');
        }
        out.push_str(w);
        first = false;
    }
    if text.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

fn end_line(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
        if !out.ends_with("\n\n") {
            out.push('\n');
        }
    }
}

/// Trims lines and keeps at most one blank line between blocks.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = true;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
        } else {
            out.push_str(line);
            out.push('\n');
            blank = false;
        }
    }
    // Lines are separated by one blank line; that is how paragraphs look in text files.
    out.trim_end()
        .replace('\n', "\n\n")
        .replace("\n\n\n\n", "\n\n")
}

fn heading(html: &Html) -> Option<String> {
    html.select(&selector("h1"))
        .map(|h| h.text().collect::<Vec<_>>().join(" "))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|t| !t.is_empty())
}

/// `<title>` without the site name that pages append after ` | `, ` - ` or ` – `.
fn page_title(html: &Html) -> Option<String> {
    let raw = html
        .select(&selector("title"))
        .next()?
        .text()
        .collect::<String>();
    let title = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut = [" | ", " – ", " - "]
        .iter()
        .filter_map(|sep| title.rfind(sep))
        .max()
        .filter(|&i| i > 10)
        .unwrap_or(title.len());
    let title = title[..cut].trim().to_string();
    (!title.is_empty()).then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head><title>Dataläcka i kommunen | Nyheter</title>
<style>p { color: red }</style><script>var x = "skript";</script></head>
<body><nav><a href="/">Hem</a> <a href="/nyheter">Nyheter</a></nav>
<div class="cookie-banner">Vi använder kakor. <button>Godkänn</button></div>
<main><h1>Personuppgifter r&ouml;jdes i Ale kommun</h1>
<p>Incidenten uppt&auml;cktes den 3 mars &amp; anm&auml;ldes till IMY.</p>
<p>Det g&auml;ller <b>120</b> elever.</p></main>
<footer>Kontakta oss</footer></body></html>"#;

    #[test]
    fn keeps_main_text_and_drops_furniture() {
        let doc = load_html(PAGE);
        assert!(
            doc.text
                .contains("Incidenten upptäcktes den 3 mars & anmäldes till IMY.")
        );
        assert!(doc.text.contains("Det gäller 120 elever."), "{}", doc.text);
        for furniture in ["Hem", "kakor", "skript", "color", "Kontakta"] {
            assert!(!doc.text.contains(furniture), "{furniture} in {}", doc.text);
        }
    }

    #[test]
    fn title_from_h1_then_title() {
        assert_eq!(
            load_html(PAGE).title.as_deref(),
            Some("Personuppgifter röjdes i Ale kommun")
        );
        let no_h1 = "<html><head><title>Incident i Region Skåne – Sydsvenskan</title></head><body><p>x</p></body></html>";
        assert_eq!(
            load_html(no_h1).title.as_deref(),
            Some("Incident i Region Skåne")
        );
    }

    #[test]
    fn link_lists_without_nav_markup_are_dropped() {
        let page = r#"<html><body><div class="top"><ul><li><a href="/">Start</a></li>
<li><a href="/bo">Bo och miljö</a></li><li><a href="/skola">Skola och förskola</a></li></ul></div>
<div class="content"><p>Kommunen har anmält incidenten till IMY. Läs mer på <a href="/imy">IMY:s webbplats</a>.</p></div>
</body></html>"#;
        let doc = load_html(page);
        assert!(
            doc.text
                .contains("Kommunen har anmält incidenten till IMY. Läs mer på IMY:s webbplats."),
            "{}",
            doc.text
        );
        assert!(!doc.text.contains("Bo och miljö"), "{}", doc.text);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let deep = format!(
            "<html><body>{}text{}</body></html>",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        assert!(load_html(&deep).text.contains("text"));
    }

    #[test]
    fn one_line_of_five_megabytes_is_read() {
        let sentence = "Uppgifterna skickades till fel mottagare. ";
        let line = sentence.repeat(5 * 1024 * 1024 / sentence.len());
        let doc = load_html(&format!("<html><body><p>{line}</p></body></html>"));
        assert_eq!(doc.text.trim(), line.trim());
    }
}
