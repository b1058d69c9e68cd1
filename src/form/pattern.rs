//! Checks a text field's `pattern` twice: it must compile as a Rust regex, and it must stay in the
//! subset browsers accept in the HTML `pattern` attribute (compiled with the JavaScript `v` flag),
//! because a pattern a browser rejects is silently ignored there.

/// A problem in a pattern, at a byte offset of the pattern text.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternError {
    pub message: String,
    pub offset: usize,
    pub hint: Option<String>,
}

pub fn check(pattern: &str) -> Result<(), PatternError> {
    if let Err(error) = regex::Regex::new(pattern) {
        let text = error.to_string();
        // The regex crate's message has the offending piece underlined on its own lines; keep the
        // last line, which says what is wrong.
        let summary = text
            .lines()
            .rev()
            .find(|line| line.trim_start().starts_with("error:"))
            .map(|line| line.trim_start().trim_start_matches("error:").trim())
            .unwrap_or("not a valid regular expression")
            .to_string();
        return Err(PatternError {
            message: format!("bad pattern: {summary}"),
            offset: 0,
            hint: Some(
                "patterns are regular expressions, e.g. \"^[0-9]{13}$\"; look-around and back-references are not supported"
                    .into(),
            ),
        });
    }
    browser_subset(pattern)
}

/// Walks the pattern once, tracking character classes, and rejects what JavaScript's `v` mode
/// refuses or reads differently from Rust.
fn browser_subset(pattern: &str) -> Result<(), PatternError> {
    let bytes: Vec<(usize, char)> = pattern.char_indices().collect();
    let mut in_class = false;
    let mut class_start = 0;
    let mut i = 0;
    let fail = |offset: usize, message: &str, hint: &str| {
        Err(PatternError {
            message: message.to_string(),
            offset,
            hint: Some(hint.to_string()),
        })
    };
    while i < bytes.len() {
        let (at, c) = bytes[i];
        let next = bytes.get(i + 1).map(|(_, c)| *c);
        match c {
            '\\' => {
                let Some(escaped) = next else { break };
                if escaped.is_ascii_alphabetic() && !"dDwWsSbBnrtfvxupPc".contains(escaped) {
                    return fail(
                        at,
                        &format!("browsers do not understand `\\{escaped}` in a pattern"),
                        "use only \\d \\w \\s \\b (and their capitals), \\n \\t, \\xHH, \\u{...} and \\p{...}",
                    );
                }
                let brace_follows = bytes.get(i + 2).map(|(_, c)| *c) == Some('{');
                if (escaped == 'p' || escaped == 'P') && !brace_follows {
                    return fail(at, "write Unicode classes with braces", "e.g. \\p{L}");
                }
                if escaped == 'x' && brace_follows {
                    return fail(
                        at,
                        "browsers do not understand `\\x{...}`",
                        "write \\u{...}",
                    );
                }
                i += 2;
                continue;
            }
            '[' if in_class => {
                return fail(
                    at,
                    "a `[` inside a character class must be escaped for browsers",
                    "write \\[",
                )
            }
            '[' => {
                in_class = true;
                class_start = i;
                // A leading `^` (negation) and a leading `]` are part of the opening.
                if next == Some('^') {
                    i += 1;
                }
            }
            ']' if in_class => in_class = false,
            '(' | ')' | '{' | '}' | '/' | '|' if in_class => {
                return fail(
                    at,
                    &format!("`{c}` inside a character class must be escaped for browsers"),
                    &format!("write \\{c}"),
                )
            }
            '-' if in_class => {
                let previous = bytes[i - 1].1;
                let at_edge = i == class_start + 1
                    || (previous == '^' && i == class_start + 2)
                    || next == Some(']');
                if at_edge {
                    return fail(
                        at,
                        "a `-` at the edge of a character class must be escaped for browsers",
                        "write \\- (or put it between two characters to mean a range)",
                    );
                }
                if next == Some('-') {
                    return fail(
                        at,
                        "`--` inside a character class means subtraction in browsers",
                        "write \\-\\-",
                    );
                }
            }
            '&' if in_class && next == Some('&') => {
                return fail(
                    at,
                    "`&&` inside a character class is read differently by browsers",
                    "list the characters instead",
                )
            }
            '(' if next == Some('?') => {
                let kind = bytes.get(i + 2).map(|(_, c)| *c);
                if kind == Some('P') {
                    return fail(
                        at,
                        "browsers do not understand `(?P<name>...)`",
                        "write (?<name>...) or a plain group",
                    );
                }
                if kind.is_some_and(|k| k.is_ascii_alphabetic() || k == '-') {
                    return fail(
                        at,
                        "browsers do not understand inline flags such as `(?i)`",
                        "spell out both cases, e.g. [Aa]",
                    );
                }
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_patterns_pass() {
        for pattern in [
            "^[0-9]{13}$",
            "^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$",
            "[0-9+\\(\\) \\-]{6,20}",
            "\\d{3}\\.\\d",
            "[^a-z]",
            "\\p{L}+",
        ] {
            assert_eq!(check(pattern), Ok(()), "{pattern}");
        }
    }

    #[test]
    fn rust_errors_are_reported() {
        let error = check("^[0-9{3}$").unwrap_err();
        assert!(error.message.starts_with("bad pattern"), "{error:?}");
        assert!(check("(?=a)b").is_err());
    }

    #[test]
    fn what_browsers_reject_is_reported_with_its_offset() {
        assert_eq!(check("[0-9+()]").unwrap_err().offset, 5);
        assert_eq!(check("[a-z-]").unwrap_err().offset, 4);
        assert_eq!(check("[-a]").unwrap_err().offset, 1);
        assert_eq!(check("(?i)abc").unwrap_err().offset, 0);
        assert_eq!(check("(?P<x>a)").unwrap_err().offset, 0);
        assert_eq!(check("a\\Az").unwrap_err().offset, 1);
        assert_eq!(check("\\pL").unwrap_err().offset, 0);
        assert_eq!(check("[a|b]").unwrap_err().offset, 2);
    }
}
