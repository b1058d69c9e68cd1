//! `show_if` conditions: a small expression language (`==`, `!=`, `and`, `or`, parentheses,
//! quoted values), parsed once here. The parsed tree is emitted as JSON for forms.js, so the
//! browser evaluates exactly what was checked at build time instead of re-parsing a grammar.

use serde_json::{json, Value};

/// One `field == 'value'` or `field != 'value'` test, with where its parts sit in the expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub field: String,
    pub equal: bool,
    pub value: String,
    /// Byte offsets in the expression text, for errors about the field or the value.
    pub field_at: usize,
    pub value_at: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    Compare(Comparison),
    All(Vec<Condition>),
    Any(Vec<Condition>),
}

/// A syntax error at a byte offset of the expression.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub message: String,
    pub offset: usize,
    pub hint: Option<String>,
}

impl Condition {
    /// Whether the condition holds. `answers(field)` gives the field's current answers: one value
    /// for most fields, every ticked value for a multiselect, none when unanswered or hidden.
    /// `==` means "is (or, for a multiselect, includes)"; `!=` is its negation, so an
    /// unanswered field is `!=` every value.
    pub fn holds(&self, answers: &dyn Fn(&str) -> Vec<String>) -> bool {
        match self {
            Condition::Compare(c) => answers(&c.field).contains(&c.value) == c.equal,
            Condition::All(parts) => parts.iter().all(|part| part.holds(answers)),
            Condition::Any(parts) => parts.iter().any(|part| part.holds(answers)),
        }
    }

    /// Every comparison in the expression, left to right.
    pub fn comparisons(&self) -> Vec<&Comparison> {
        match self {
            Condition::Compare(c) => vec![c],
            Condition::All(parts) | Condition::Any(parts) => {
                parts.iter().flat_map(Condition::comparisons).collect()
            }
        }
    }

    /// The JSON forms.js evaluates: `{"field","is"}`, `{"field","not"}`, `{"all":[..]}`, `{"any":[..]}`.
    pub fn to_json(&self) -> Value {
        match self {
            Condition::Compare(c) if c.equal => json!({ "field": c.field, "is": c.value }),
            Condition::Compare(c) => json!({ "field": c.field, "not": c.value }),
            Condition::All(parts) => {
                json!({ "all": parts.iter().map(Condition::to_json).collect::<Vec<_>>() })
            }
            Condition::Any(parts) => {
                json!({ "any": parts.iter().map(Condition::to_json).collect::<Vec<_>>() })
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Name(String),
    Text(String),
    Equal,
    NotEqual,
    And,
    Or,
    Open,
    Close,
}

/// Parses a whole `show_if` expression.
pub fn parse(text: &str) -> Result<Condition, SyntaxError> {
    let tokens = tokenize(text)?;
    if tokens.is_empty() {
        return Err(SyntaxError {
            message: "the condition is empty".into(),
            offset: 0,
            hint: Some("write it as field_id == 'value'".into()),
        });
    }
    let mut parser = Parser {
        tokens,
        position: 0,
        end: text.len(),
    };
    let condition = parser.any()?;
    match parser.tokens.get(parser.position) {
        None => Ok(condition),
        Some((Token::Close, at)) => Err(SyntaxError {
            message: "this `)` has no matching `(`".into(),
            offset: *at,
            hint: None,
        }),
        Some((_, at)) => Err(SyntaxError {
            message: "expected `and`, `or` or the end of the condition".into(),
            offset: *at,
            hint: Some("join comparisons with `and` or `or`".into()),
        }),
    }
}

fn tokenize(text: &str) -> Result<Vec<(Token, usize)>, SyntaxError> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|(_, c)| *c);
        let error = |message: &str, hint: Option<&str>| SyntaxError {
            message: message.to_string(),
            offset: at,
            hint: hint.map(str::to_string),
        };
        match c {
            c if c.is_whitespace() => {}
            '(' => tokens.push((Token::Open, at)),
            ')' => tokens.push((Token::Close, at)),
            '=' if next == Some('=') => {
                chars.next();
                tokens.push((Token::Equal, at));
            }
            '!' if next == Some('=') => {
                chars.next();
                tokens.push((Token::NotEqual, at));
            }
            '=' => return Err(error("a single `=` is not a comparison", Some("use `==`"))),
            '&' | '|' => {
                let word = if c == '&' { "and" } else { "or" };
                return Err(error(
                    &format!("`{c}` is not an operator here"),
                    Some(&format!("write `{word}`")),
                ));
            }
            '\'' | '"' => {
                let mut value = String::new();
                let mut closed = false;
                for (_, inner) in chars.by_ref() {
                    if inner == c {
                        closed = true;
                        break;
                    }
                    value.push(inner);
                }
                if !closed {
                    return Err(error(
                        "this quoted value is not closed",
                        Some(&format!("end it with {c}")),
                    ));
                }
                tokens.push((Token::Text(value), at));
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut name = c.to_string();
                while let Some((_, inner)) = chars.peek() {
                    if inner.is_ascii_alphanumeric() || *inner == '_' || *inner == '-' {
                        name.push(*inner);
                        chars.next();
                    } else {
                        break;
                    }
                }
                let token = match name.as_str() {
                    "and" => Token::And,
                    "or" => Token::Or,
                    "AND" | "And" | "OR" | "Or" | "not" | "NOT" => return Err(error(
                        &format!("`{name}` is not a keyword"),
                        Some(
                            "the keywords are `and` and `or`, in lower case; use `!=` for \"not\"",
                        ),
                    )),
                    _ => Token::Name(name),
                };
                tokens.push((token, at));
            }
            _ => {
                return Err(error(
                    &format!("unexpected `{c}`"),
                    Some("write comparisons as field_id == 'value', joined by `and` or `or`"),
                ))
            }
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    position: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.position).map(|(token, _)| token)
    }

    fn offset(&self) -> usize {
        self.tokens
            .get(self.position)
            .map_or(self.end, |(_, at)| *at)
    }

    fn next(&mut self) -> Option<(Token, usize)> {
        let token = self.tokens.get(self.position).cloned();
        self.position += 1;
        token
    }

    /// `a or b or c`
    fn any(&mut self) -> Result<Condition, SyntaxError> {
        let mut parts = vec![self.all()?];
        while self.peek() == Some(&Token::Or) {
            self.position += 1;
            parts.push(self.all()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Condition::Any(parts)
        })
    }

    /// `a and b and c` (binds tighter than `or`)
    fn all(&mut self) -> Result<Condition, SyntaxError> {
        let mut parts = vec![self.primary()?];
        while self.peek() == Some(&Token::And) {
            self.position += 1;
            parts.push(self.primary()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Condition::All(parts)
        })
    }

    fn primary(&mut self) -> Result<Condition, SyntaxError> {
        let offset = self.offset();
        match self.next() {
            Some((Token::Open, open_at)) => {
                let inner = self.any()?;
                match self.next() {
                    Some((Token::Close, _)) => Ok(inner),
                    _ => Err(SyntaxError {
                        message: "this `(` is not closed".into(),
                        offset: open_at,
                        hint: Some("add the matching `)`".into()),
                    }),
                }
            }
            Some((Token::Name(field), field_at)) => self.comparison(field, field_at),
            Some((Token::Text(_), _)) => Err(SyntaxError {
                message: "a comparison starts with a field id, not a quoted value".into(),
                offset,
                hint: Some("write field_id == 'value'".into()),
            }),
            Some(_) => Err(SyntaxError {
                message: "expected a field id or `(`".into(),
                offset,
                hint: Some("write field_id == 'value'".into()),
            }),
            None => Err(SyntaxError {
                message: "the condition ends too early".into(),
                offset,
                hint: Some("a comparison must follow `and`, `or` or `(`".into()),
            }),
        }
    }

    fn comparison(&mut self, field: String, field_at: usize) -> Result<Condition, SyntaxError> {
        let offset = self.offset();
        let equal = match self.next() {
            Some((Token::Equal, _)) => true,
            Some((Token::NotEqual, _)) => false,
            _ => {
                return Err(SyntaxError {
                    message: format!("expected `==` or `!=` after `{field}`"),
                    offset,
                    hint: Some(format!("write {field} == 'value'")),
                })
            }
        };
        let offset = self.offset();
        match self.next() {
            Some((Token::Text(value), value_at)) => Ok(Condition::Compare(Comparison {
                field,
                equal,
                value,
                field_at,
                value_at,
            })),
            Some((Token::Name(word), _)) => Err(SyntaxError {
                message: "the value must be in quotes".into(),
                offset,
                hint: Some(format!("write '{word}'")),
            }),
            _ => Err(SyntaxError {
                message: "expected a quoted value".into(),
                offset,
                hint: Some("for example 'yes'".into()),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Vec<String> + 'a {
        move |field| {
            pairs
                .iter()
                .filter(|(f, _)| *f == field)
                .map(|(_, v)| v.to_string())
                .collect()
        }
    }

    fn holds(expression: &str, pairs: &[(&str, &str)]) -> bool {
        parse(expression).unwrap().holds(&answers(pairs))
    }

    #[test]
    fn equality_and_inequality() {
        assert!(holds("is_child == 'yes'", &[("is_child", "yes")]));
        assert!(!holds("is_child == 'yes'", &[("is_child", "no")]));
        assert!(holds("is_child != 'yes'", &[("is_child", "no")]));
        assert!(holds("x == \"a b\"", &[("x", "a b")]));
    }

    #[test]
    fn an_unanswered_field_equals_nothing() {
        assert!(!holds("is_child == 'yes'", &[]));
        assert!(holds("is_child != 'yes'", &[]));
    }

    #[test]
    fn a_multiselect_equals_each_ticked_value() {
        let ticked = [("needs", "medical"), ("needs", "legal")];
        assert!(holds("needs == 'legal'", &ticked));
        assert!(!holds("needs != 'medical'", &ticked));
        assert!(!holds("needs == 'housing'", &ticked));
    }

    #[test]
    fn and_binds_tighter_than_or_and_parentheses_override() {
        let a = [("a", "1"), ("b", "0"), ("c", "1")];
        assert!(holds("a == '1' or b == '1' and c == '0'", &a));
        assert!(!holds("(a == '1' or b == '1') and c == '0'", &a));
        let tree = parse("a == '1' or b == '1' and c == '0'").unwrap();
        assert!(matches!(&tree, Condition::Any(parts) if matches!(parts[1], Condition::All(_))));
    }

    #[test]
    fn json_is_the_tree_forms_js_evaluates() {
        let tree = parse("(a == 'x' or b != 'y') and c == 'z'").unwrap();
        assert_eq!(
            tree.to_json().to_string(),
            r#"{"all":[{"any":[{"field":"a","is":"x"},{"field":"b","not":"y"}]},{"field":"c","is":"z"}]}"#
        );
    }

    #[test]
    fn comparisons_remember_where_field_and_value_are() {
        let tree = parse("a == 'x' and long_name != 'y'").unwrap();
        let found = tree.comparisons();
        assert_eq!(found.len(), 2);
        assert_eq!((found[1].field_at, found[1].value_at), (13, 26));
    }

    fn error(expression: &str) -> SyntaxError {
        parse(expression).unwrap_err()
    }

    #[test]
    fn bad_expressions_point_at_the_problem() {
        let e = error("a = 'x'");
        assert_eq!((e.offset, e.hint.as_deref()), (2, Some("use `==`")));
        let e = error("a == x");
        assert_eq!(e.offset, 5);
        assert!(e.message.contains("quotes"), "{e:?}");
        assert_eq!(error("a == 'x").offset, 5);
        assert_eq!(error("(a == 'x'").offset, 0);
        assert_eq!(error("a == 'x')").offset, 8);
        assert_eq!(error("a == 'x' and").offset, 12);
        assert_eq!(error("a == 'x' b == 'y'").offset, 9);
        assert_eq!(error("a == 'x' && b == 'y'").offset, 9);
        assert_eq!(error("a == 'x' AND b == 'y'").offset, 9);
        assert_eq!(error("'x' == a").offset, 0);
        assert_eq!(error("a 'x'").offset, 2);
        assert_eq!(error("  ").offset, 0);
        assert_eq!(error("a == 'x' # y").offset, 9);
    }

    #[test]
    fn thai_values_are_offsets_in_bytes() {
        let e = error("a == 'ใช่' or");
        assert_eq!(e.offset, "a == 'ใช่' or".len());
    }
}
