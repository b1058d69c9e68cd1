//! Code highlighting at build time, behind this one function: the common languages by the small
//! hand-written lexers of `highlight/` (a tenth of syntect's cost: see `bench/ANALYSIS.md`,
//! "Code-heavy handbooks"), every other language by syntect, whose syntaxes load on first use and
//! whose blocks are highlighted once per process (a `serve` session keeps them across rebuilds).

mod code;
mod data;
mod languages;
mod markup;
mod scan;
mod shell;

use languages::Lexer;
use once_cell::sync::Lazy;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};
use syntect::html::{line_tokens_to_classed_spans, ClassStyle};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// syntect's bundled syntaxes, loaded once and only when a code block names a language the
/// lexers do not know. Kept exactly as shipped: adding a syntax to this set would mean
/// `SyntaxSetBuilder::build`, which re-serialises and compresses every bundled grammar (a profile
/// showed it at 40% of a 100-page build); loading the ready-made dump costs a few milliseconds.
static BUNDLED: Lazy<SyntaxSet> = Lazy::new(SyntaxSet::load_defaults_newlines);

fn find_syntax(language: &str) -> Option<(&'static SyntaxReference, &'static SyntaxSet)> {
    let bundled: &'static SyntaxSet = &BUNDLED;
    bundled
        .find_syntax_by_token(language)
        .map(|syntax| (syntax, bundled))
}

/// Bytes of highlighted HTML (and its source) the cache keeps before it becomes choosy: about
/// 1,300 blocks of the code-heavy bench corpus (12 KB of HTML each), every block of a few hundred
/// code-heavy pages in `serve`, while a large build's peak memory grows by this much at most.
const CACHE_BUDGET: usize = 16 << 20;

/// Blocks already highlighted, by a hash of language and code (the text is kept to confirm a hit).
/// Under its budget every block is kept; over it, only a block seen before (a repeated setup
/// snippet), whose hash `seen` remembers in 8 bytes.
#[derive(Default)]
struct Cache {
    blocks: FxHashMap<u64, CachedBlock>,
    seen: FxHashSet<u64>,
    bytes: usize,
}

struct CachedBlock {
    language: Box<str>,
    code: Box<str>,
    html: Arc<str>,
}

static CACHE: Lazy<Mutex<Cache>> = Lazy::new(Mutex::default);

fn block_key(language: &str, code: &str) -> u64 {
    let mut hasher = FxHasher::default();
    language.hash(&mut hasher);
    code.hash(&mut hasher);
    hasher.finish()
}

fn cached(key: u64, language: &str, code: &str) -> Option<Arc<str>> {
    let cache = CACHE.lock().ok()?;
    let block = cache.blocks.get(&key)?;
    (&*block.language == language && &*block.code == code).then(|| Arc::clone(&block.html))
}

fn remember(key: u64, language: &str, code: &str, html: &str) {
    let Ok(mut cache) = CACHE.lock() else {
        return;
    };
    let size = language.len() + code.len() + html.len();
    let first_sighting = cache.seen.insert(key);
    if cache.bytes + size > CACHE_BUDGET && first_sighting {
        return;
    }
    if let std::collections::hash_map::Entry::Vacant(slot) = cache.blocks.entry(key) {
        slot.insert(CachedBlock {
            language: language.into(),
            code: code.into(),
            html: html.into(),
        });
        cache.bytes += size;
    }
}

/// A `<pre><code>` block; highlighted with CSS classes (`hl-*`) when the language is known.
/// The same language and code always give the same HTML, so a block syntect highlighted before
/// is not highlighted again (the lexers are cheaper than the cache's copies).
pub fn code_block(language: &str, code: &str) -> String {
    if language.is_empty() {
        return format!(
            "<pre><code>{}</code></pre>\n",
            html_escape::encode_text(code)
        );
    }
    let class = format!(
        " class=\"language-{}\"",
        html_escape::encode_double_quoted_attribute(language)
    );
    if let Some(lexer) = languages::lexer(language) {
        let html = lexed(&lexer, code);
        return format!("<pre class=\"highlight\"><code{class}>{html}</code></pre>\n");
    }
    let key = block_key(language, code);
    if let Some(html) = cached(key, language, code) {
        return html.to_string();
    }
    let html = syntect_block(&class, language, code);
    remember(key, language, code, &html);
    html
}

/// A block's highlighted HTML by the hand-written lexer for its language.
fn lexed(lexer: &Lexer, code: &str) -> String {
    match lexer {
        Lexer::Code(grammar) => self::code::highlight(grammar, code),
        Lexer::Shell => shell::highlight(code),
        Lexer::Session => shell::session(code),
        Lexer::Toml => data::toml(code),
        Lexer::Json => data::json(code),
        Lexer::Yaml => data::yaml(code),
        Lexer::Html => markup::html(code),
        Lexer::Css => markup::css(code),
    }
}

/// A block highlighted by syntect, or escaped plain text when syntect does not know its language.
fn syntect_block(class: &str, language: &str, code: &str) -> String {
    let Some((syntax, syntaxes)) = find_syntax(language) else {
        return format!(
            "<pre><code{class}>{}</code></pre>\n",
            html_escape::encode_text(code)
        );
    };
    match highlight_lines(syntax, syntaxes, code) {
        Some(html) => format!("<pre class=\"highlight\"><code{class}>{html}</code></pre>\n"),
        None => format!(
            "<pre><code{class}>{}</code></pre>\n",
            html_escape::encode_text(code)
        ),
    }
}

/// What syntect's `ClassedHTMLGenerator` does, line by line, except that a line met before in
/// the same parser state and scope stack takes its spans and next state from `LINES`.
fn highlight_lines(syntax: &SyntaxReference, syntaxes: &SyntaxSet, code: &str) -> Option<String> {
    let style = ClassStyle::SpacedPrefixed { prefix: "hl-" };
    let syntax_id = syntax as *const SyntaxReference as usize;
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut html = String::with_capacity(code.len() * 8);
    let mut open_spans: isize = 0;
    for line in LinesWithEndings::from(code) {
        let key = line_key(syntax_id, line);
        if let Some(known) = known_line(key, line, &state, &stack) {
            html.push_str(&known.html);
            open_spans += known.delta;
            state = known.next_state;
            stack = known.next_stack;
            continue;
        }
        let before = (state.clone(), stack.clone());
        let ops = state.parse_line(line, syntaxes).ok()?;
        let (spans, delta) = line_tokens_to_classed_spans(line, &ops, style, &mut stack).ok()?;
        html.push_str(&spans);
        open_spans += delta;
        remember_line(
            key,
            line,
            before,
            KnownLine {
                html: spans.into(),
                delta,
                next_state: state.clone(),
                next_stack: stack.clone(),
            },
        );
    }
    for _ in 0..open_spans {
        html.push_str("</span>");
    }
    Some(html)
}

/// Bytes of lines the line memos of all threads keep (their text and spans); a thread's memo
/// starts afresh when it has its share.
const LINES_BUDGET: usize = 8 << 20;

fn thread_lines_budget() -> usize {
    (LINES_BUDGET / rayon::current_num_threads().max(1)).max(1 << 20)
}

/// Highlighted lines by a hash of grammar and text; each with the parser state and scope stack it
/// was met in, since the same text highlights differently inside a string or a comment.
#[derive(Default)]
struct LineMemo {
    lines: FxHashMap<u64, Vec<MemoLine>>,
    bytes: usize,
}

struct MemoLine {
    text: Box<str>,
    state: ParseState,
    stack: ScopeStack,
    known: KnownLine,
}

#[derive(Clone)]
struct KnownLine {
    html: Box<str>,
    delta: isize,
    next_state: ParseState,
    next_stack: ScopeStack,
}

thread_local! {
    /// One per thread: syntect's parser state holds Oniguruma regions, which cannot be shared.
    static LINES: RefCell<LineMemo> = RefCell::new(LineMemo::default());
}

fn line_key(syntax_id: usize, line: &str) -> u64 {
    let mut hasher = FxHasher::default();
    syntax_id.hash(&mut hasher);
    line.hash(&mut hasher);
    hasher.finish()
}

fn known_line(key: u64, line: &str, state: &ParseState, stack: &ScopeStack) -> Option<KnownLine> {
    LINES.with(|memo| {
        memo.borrow()
            .lines
            .get(&key)?
            .iter()
            .find(|m| &*m.text == line && m.state == *state && m.stack == *stack)
            .map(|m| m.known.clone())
    })
}

fn remember_line(key: u64, line: &str, before: (ParseState, ScopeStack), known: KnownLine) {
    LINES.with(|memo| remember_in(&mut memo.borrow_mut(), key, line, before, known));
}

fn remember_in(
    memo: &mut LineMemo,
    key: u64,
    line: &str,
    before: (ParseState, ScopeStack),
    known: KnownLine,
) {
    // The text, the spans, and two parser states and scope stacks with their heap parts (about).
    let size = line.len() + known.html.len() + 512;
    if memo.bytes + size > thread_lines_budget() {
        memo.lines.clear();
        memo.bytes = 0;
    }
    let variants = memo.lines.entry(key).or_default();
    if variants.len() < 8 {
        variants.push(MemoLine {
            text: line.into(),
            state: before.0,
            stack: before.1,
            known,
        });
        memo.bytes += size;
    }
}

#[cfg(test)]
mod lexer_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_is_highlighted_by_its_lexer() {
        let html = code_block("toml", "[[step]]\nid = \"intake\" # first\n");
        assert!(html.contains("hl-entity hl-name hl-section"), "{html}");
        assert!(html.contains("hl-string"), "{html}");
        assert!(html.contains("hl-comment"), "{html}");
    }

    #[test]
    fn other_languages_are_highlighted_by_syntect() {
        let html = code_block("ruby", "puts \"a\"\n");
        assert!(html.starts_with("<pre class=\"highlight\">"), "{html}");
        assert!(html.contains("hl-string"), "{html}");
    }

    #[test]
    fn a_block_seen_before_gives_the_same_html() {
        let code = "def main\n  puts \"<ok>\"\nend\n";
        let first = code_block("ruby", code);
        assert!(first.contains("hl-"), "{first}");
        assert_eq!(code_block("ruby", code), first);
        assert_eq!(
            first,
            syntect_block(" class=\"language-ruby\"", "ruby", code)
        );
        // Same code, another language: not the cached block.
        let as_text = code_block("nosuchlang", code);
        assert!(!as_text.contains("hl-"), "{as_text}");
        assert!(as_text.contains("&lt;ok&gt;"), "{as_text}");
    }

    macro_rules! sample {
        ($language:literal, $name:literal) => {
            (
                $language,
                include_str!(concat!("syntaxes/samples/", $name, ".code")),
                include_str!(concat!("syntaxes/samples/", $name, ".html")),
                $name,
            )
        };
    }

    /// Blocks of the code-heavy bench corpus (`bench/gen_corpus.py --code-share 0.25`) and the
    /// HTML the build gave them with syntect's pure-Rust regex engine, before the switch to
    /// Oniguruma: syntect's path (the engine, the cache, the line memo) must give the same classes.
    /// (These languages now go to the hand-written lexers; `lexer_tests` checks those.)
    #[test]
    fn corpus_blocks_are_highlighted_as_before() {
        let samples = [
            sample!("bash", "bash-1"),
            sample!("bash", "bash-2"),
            sample!("html", "html-1"),
            sample!("html", "html-2"),
            sample!("js", "js-1"),
            sample!("js", "js-2"),
            sample!("json", "json-1"),
            sample!("python", "python-1"),
            sample!("python", "python-2"),
            sample!("rust", "rust-1"),
            sample!("rust", "rust-2"),
            sample!("text", "text-1"),
        ];
        for (language, code, expected, name) in samples {
            let class = format!(" class=\"language-{language}\"");
            assert_eq!(syntect_block(&class, language, code), expected, "{name}");
        }
    }

    /// syntect's own line-by-line generator, which `highlight_lines` follows with its memo.
    fn reference(language: &str, code: &str) -> String {
        let (syntax, syntaxes) = find_syntax(language).expect("a known language");
        let mut generator = syntect::html::ClassedHTMLGenerator::new_with_class_style(
            syntax,
            syntaxes,
            ClassStyle::SpacedPrefixed { prefix: "hl-" },
        );
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .expect("parses");
        }
        generator.finalize()
    }

    #[test]
    fn a_line_met_before_in_another_state_is_highlighted_for_its_state() {
        let plain = "limit = 10\nname = \"a\"\n";
        let in_string = "text = \"\"\"\nlimit = 10\nname = \"a\"\n\"\"\"\n";
        let in_comment = "# limit = 10\nlimit = 10\n";
        for (language, code) in [
            ("python", plain),
            ("python", in_string),
            ("python", plain),
            ("ruby", in_comment),
            ("ruby", plain),
            ("rust", "/*\n}\n*/\nfn f() {\n}\n"),
            ("rust", "fn g() {\n}\n/*\n}\n*/\n"),
        ] {
            let (syntax, syntaxes) = find_syntax(language).expect("a known language");
            let ours = highlight_lines(syntax, syntaxes, code).expect("highlighted");
            assert_eq!(ours, reference(language, code), "{language}: {code}");
        }
        let (syntax, syntaxes) = find_syntax("python").expect("python");
        let html = highlight_lines(syntax, syntaxes, in_string).expect("highlighted");
        let limit_line = html.lines().nth(1).expect("a second line");
        assert!(!limit_line.contains("hl-keyword"), "{limit_line}");
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        let html = code_block("nosuchlang", "<b>");
        assert!(html.contains("&lt;b&gt;"));
    }
}
