//! Code highlighting at build time with syntect, behind this one function; syntaxes load on first use.

use once_cell::sync::Lazy;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxDefinition, SyntaxSet};
use syntect::util::LinesWithEndings;

/// Loaded once, and only when a page has a code block with a language.
static SYNTAXES: Lazy<SyntaxSet> = Lazy::new(|| {
    let mut builder = SyntaxSet::load_defaults_newlines().into_builder();
    // Pinned in the repository: a handbook tool's authors write TOML, and syntect's set has no TOML.
    if let Ok(toml) = SyntaxDefinition::load_from_str(
        include_str!("syntaxes/TOML.sublime-syntax"),
        true,
        Some("TOML"),
    ) {
        builder.add(toml);
    }
    builder.build()
});

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
    let syntaxes = &*SYNTAXES;
    let Some(syntax) = syntaxes.find_syntax_by_token(language) else {
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
    fn unknown_language_is_escaped_plain_text() {
        let html = code_block("nosuchlang", "<b>");
        assert!(html.contains("&lt;b&gt;"));
    }
}
