//! Fenced code as readers see it: highlighted at build time, and the theme's stylesheet colours
//! comments, strings, keywords, numbers and names distinctly, each readable (WCAG AA) on the code background.

mod support;

use scraper::ElementRef;
use std::collections::BTreeMap;
use support::TestSite;

const PAGE: &str = r#"+++
title = "Code"
weight = 30
+++

```rust
// Count the cases
fn count_cases(open: u32) -> u32 {
    let label = "cases";
    open + 42
}
```

```json
{"status": "open"}
```
"#;

/// One rule of a stylesheet: its selectors (each a list of compounds of class names, outermost
/// first) and its declarations.
struct Rule {
    selectors: Vec<Vec<Vec<String>>>,
    declarations: BTreeMap<String, String>,
}

/// The rules of `css` whose selectors are made of class names only (what `hl-*` rules are), and
/// the custom properties of `:root`.
fn parse_css(css: &str) -> (Vec<Rule>, BTreeMap<String, String>) {
    let mut css = css.to_string();
    while let Some(start) = css.find("/*") {
        let end = css[start..]
            .find("*/")
            .map_or(css.len(), |end| start + end + 2);
        css.replace_range(start..end, "");
    }
    let mut rules = Vec::new();
    let mut root = BTreeMap::new();
    for block in css.split('}') {
        let Some((prelude, body)) = block.rsplit_once('{') else {
            continue;
        };
        let declarations: BTreeMap<String, String> = body
            .split(';')
            .filter_map(|declaration| declaration.split_once(':'))
            .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
            .collect();
        let prelude = prelude.trim();
        if prelude == ":root" {
            root.extend(declarations);
            continue;
        }
        let selectors: Option<Vec<Vec<Vec<String>>>> = prelude
            .split(',')
            .map(|selector| {
                selector
                    .split_whitespace()
                    .map(|compound| {
                        let classes: Vec<String> = compound
                            .strip_prefix('.')?
                            .split('.')
                            .map(str::to_string)
                            .collect();
                        classes
                            .iter()
                            .all(|class| class.chars().all(|c| c.is_alphanumeric() || c == '-'))
                            .then_some(classes)
                    })
                    .collect()
            })
            .collect();
        if let Some(selectors) = selectors {
            rules.push(Rule {
                selectors,
                declarations,
            });
        }
    }
    (rules, root)
}

fn has_classes(element: ElementRef, classes: &[String]) -> bool {
    classes
        .iter()
        .all(|class| element.value().classes().any(|own| own == class))
}

/// Whether a selector (compounds outermost first) matches `element`, ancestors in order.
fn matches(selector: &[Vec<String>], element: ElementRef) -> bool {
    let Some((last, outer)) = selector.split_last() else {
        return false;
    };
    if !has_classes(element, last) {
        return false;
    }
    let mut wanted = outer.iter().rev().peekable();
    for ancestor in element.ancestors().filter_map(ElementRef::wrap) {
        if wanted.peek().is_some_and(|c| has_classes(ancestor, c)) {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}

/// The colour the stylesheet gives `element` inside `<code>`: the most specific (then last)
/// matching rule that sets one, inherited from its parents when none does; `None` for the code's
/// own text colour.
fn colour(element: ElementRef, rules: &[Rule], root: &BTreeMap<String, String>) -> Option<String> {
    if element.value().name() == "code" {
        return None;
    }
    let mut best: Option<(usize, usize, &str)> = None;
    for (order, rule) in rules.iter().enumerate() {
        let Some(value) = rule.declarations.get("color") else {
            continue;
        };
        for selector in &rule.selectors {
            let specificity = selector.iter().map(Vec::len).sum();
            if matches(selector, element)
                && best.is_none_or(|(s, o, _)| (specificity, order) >= (s, o))
            {
                best = Some((specificity, order, value));
            }
        }
    }
    match best {
        Some((_, _, value)) if value != "inherit" => Some(
            value
                .strip_prefix("var(")
                .and_then(|name| root.get(name.trim_end_matches(')')))
                .map_or(value, String::as_str)
                .to_string(),
        ),
        _ => {
            let parent = element.parent().and_then(ElementRef::wrap)?;
            (parent.value().name() != "code").then(|| colour(parent, rules, root))?
        }
    }
}

fn luminance(hex: &str) -> f64 {
    let hex = hex.trim_start_matches('#');
    assert_eq!(hex.len(), 6, "colour #{hex} is not #rrggbb");
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex colour")) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// The innermost element of the page's code whose text is `token`; the `<code>` itself when no
/// span holds it (plain text, such as operators).
fn token<'a>(page: &'a support::Page, token: &str) -> ElementRef<'a> {
    let text = |e: &ElementRef| e.text().collect::<String>().trim().to_string();
    let spans = page.select("pre.highlight code span");
    if let Some(span) = spans.iter().find(|span| {
        text(span) == token
            && !span
                .descendants()
                .skip(1)
                .filter_map(ElementRef::wrap)
                .any(|inner| text(&inner) == token)
    }) {
        return *span;
    }
    assert!(
        !spans.iter().any(|span| text(span).contains(token)),
        "{token:?} is inside a span with other text"
    );
    page.select("pre.highlight code")
        .into_iter()
        .find(|code| text(code).contains(token))
        .unwrap_or_else(|| panic!("no highlighted code holds {token:?}"))
}

#[test]
fn fenced_code_is_coloured_readably_by_kind_of_token() {
    let site = TestSite::fixture("basic");
    site.file("content/guide/code.md", PAGE);
    site.build_ok();
    let page = site.page("th/guide/code.html");
    let css = std::fs::read_to_string(site.output().join("static/css/site.css")).expect("site.css");
    let (rules, root) = parse_css(&css);
    let background = root.get("--code-background").expect("--code-background");

    let kinds = [
        ("comment", "// Count the cases"),
        ("keyword", "let"),
        ("function name", "count_cases"),
        ("string", "\"cases\""),
        ("number", "42"),
        ("JSON key", "\"status\""),
        ("JSON value", "\"open\""),
    ];
    let mut colours = BTreeMap::new();
    for (kind, text) in kinds {
        let colour = colour(token(&page, text), &rules, &root)
            .unwrap_or_else(|| panic!("the {kind} {text:?} is not coloured"));
        let ratio = contrast(&colour, background);
        assert!(
            ratio >= 4.5,
            "the {kind} {text:?} ({colour} on {background}) has contrast {ratio:.2}, under 4.5"
        );
        colours.insert(kind, colour);
    }
    assert_ne!(colours["comment"], colours["string"]);
    assert_ne!(colours["keyword"], colours["string"]);
    assert_ne!(colours["number"], colours["string"]);
    assert_ne!(colours["function name"], colours["keyword"]);
    assert_ne!(colours["JSON key"], colours["JSON value"]);
    // Punctuation and operators are the code's own text colour.
    assert_eq!(colour(token(&page, "+"), &rules, &root), None);
    // Each span is a token the theme colours: no span only carries a scope (bytes per page).
    for span in page.select("pre.highlight code span") {
        assert!(
            colour(span, &rules, &root).is_some(),
            "an uncoloured span: {}",
            span.html()
        );
    }
}
