//! Code highlighting at build time with syntect, behind this one function; syntaxes load on first use.

use once_cell::sync::Lazy;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxDefinition, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// syntect's bundled syntaxes, loaded once and only when a code block names a language.
/// Kept exactly as shipped: adding a syntax to this set would mean `SyntaxSetBuilder::build`, which
/// re-serialises and compresses every bundled grammar (a profile showed it at 40% of a 100-page
/// build); loading the ready-made dump costs a few milliseconds.
static BUNDLED: Lazy<SyntaxSet> = Lazy::new(SyntaxSet::load_defaults_newlines);

/// Our own pinned grammars, in a set of their own so that building it compiles only them.
/// A handbook tool's authors write TOML, and syntect's bundled set has none.
static PINNED: Lazy<SyntaxSet> = Lazy::new(|| {
    let mut builder = syntect::parsing::SyntaxSetBuilder::new();
    if let Ok(toml) = SyntaxDefinition::load_from_str(
        include_str!("syntaxes/TOML.sublime-syntax"),
        true,
        Some("TOML"),
    ) {
        builder.add(toml);
    }
    builder.build()
});

/// The grammar for a fence's language and the set it belongs to; pinned grammars win.
fn find_syntax(language: &str) -> Option<(&'static SyntaxReference, &'static SyntaxSet)> {
    let pinned: &'static SyntaxSet = &PINNED;
    if let Some(syntax) = pinned.find_syntax_by_token(language) {
        return Some((syntax, pinned));
    }
    let bundled: &'static SyntaxSet = &BUNDLED;
    bundled
        .find_syntax_by_token(language)
        .map(|syntax| (syntax, bundled))
}

/// A `<pre><code>` block; highlighted with CSS classes (`hl-*`, styled by the theme) when the language is known.
pub fn code_block(language: &str, code: &str) -> String {
    let escaped = || html_escape::encode_text(code).to_string();
    let class = if language.is_empty() {
        String::new()
    } else {
        format!(
            " class=\"language-{}\"",
            html_escape::encode_double_quoted_attribute(language)
        )
    };
    if language.is_empty() {
        return format!("<pre><code>{}</code></pre>\n", escaped());
    }
    let Some((syntax, syntaxes)) = find_syntax(language) else {
        return format!("<pre><code{class}>{}</code></pre>\n", escaped());
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        syntaxes,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!("<pre><code{class}>{}</code></pre>\n", escaped());
        }
    }
    format!(
        "<pre class=\"highlight\"><code{class}>{}</code></pre>\n",
        generator.finalize()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_is_highlighted() {
        let html = code_block("toml", "[[step]]\nid = \"intake\" # first\n");
        assert!(html.contains("hl-entity hl-name hl-section"), "{html}");
        assert!(html.contains("hl-string"), "{html}");
        assert!(html.contains("hl-comment"), "{html}");
    }

    #[test]
    fn bundled_languages_are_highlighted_too() {
        let html = code_block("json", "{\"a\": 1}\n");
        assert!(html.starts_with("<pre class=\"highlight\">"), "{html}");
        assert!(html.contains("hl-string"), "{html}");
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        let html = code_block("nosuchlang", "<b>");
        assert!(html.contains("&lt;b&gt;"));
    }
}
