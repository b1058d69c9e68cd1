//! The hand-written lexers on tricky inputs: what each token is coloured as, and that any
//! input (cut anywhere, unterminated, Thai) comes back as the same text, never panicking.

use super::code_block;

/// The coloured tokens of a block: (its classes, its text unescaped).
fn tokens(language: &str, code: &str) -> Vec<(String, String)> {
    let html = code_block(language, code);
    let mut found = Vec::new();
    for piece in html.split("<span class=\"").skip(1) {
        let (class, rest) = piece.split_once("\">").expect("a class attribute");
        let (text, _) = rest.split_once("</span>").expect("a closed span");
        found.push((class.to_string(), unescape(text)));
    }
    found
}

fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The code's text as a reader sees it: tags dropped, entities read.
fn text_of(html: &str) -> String {
    let inner = html
        .split_once("\">")
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(_, code)| code.trim_end_matches("</code></pre>\n"))
        .expect("a <pre><code> block");
    let mut text = String::new();
    let mut rest = inner;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = rest[open..].split_once('>').map_or("", |(_, after)| after);
    }
    text.push_str(rest);
    unescape(&text)
}

fn kind_of(language: &str, code: &str, text: &str) -> Option<String> {
    tokens(language, code)
        .into_iter()
        .find(|(_, token)| token == text)
        .map(|(class, _)| class)
}

#[track_caller]
fn assert_kind(language: &str, code: &str, text: &str, class: &str) {
    let found = tokens(language, code);
    assert!(
        found.iter().any(|(c, t)| t == text && c == class),
        "{language}: {text:?} is not {class:?} in {found:?}"
    );
}

#[track_caller]
fn assert_plain(language: &str, code: &str, text: &str) {
    let found = tokens(language, code);
    assert!(
        !found.iter().any(|(_, t)| t.contains(text)),
        "{language}: {text:?} is coloured in {found:?}"
    );
}

const STRING: &str = "hl-string";
const COMMENT: &str = "hl-comment";
const KEYWORD: &str = "hl-keyword";
const NUMBER: &str = "hl-constant hl-numeric";
const CONSTANT: &str = "hl-constant hl-language";
const FUNCTION: &str = "hl-entity hl-name hl-function";
const TYPE: &str = "hl-entity hl-name hl-type";
const TAG: &str = "hl-entity hl-name hl-tag";
const ATTRIBUTE: &str = "hl-entity hl-other hl-attribute-name";
const KEY: &str = "hl-entity hl-name hl-key";
const SECTION: &str = "hl-entity hl-name hl-section";

#[test]
fn rust_strings_comments_chars_and_names() {
    let code = "/* outer /* nested */ still */ fn main() {\n    let s = \"a // no \\\" comment\";\n    let r = r#\"raw \"quoted\" \\\"#;\n    let c = 'ก'; let e = '\\n';\n    fn f<'a>(x: &'a str) -> Option<u32> { Some(1_000u32) }\n    println!(\"ไทย {}\", 0x1F);\n}\n";
    assert_kind("rust", code, "/* outer /* nested */ still */", COMMENT);
    assert_kind("rust", code, "fn", KEYWORD);
    assert_kind("rust", code, "main", FUNCTION);
    assert_kind("rust", code, "\"a // no \\\" comment\"", STRING);
    assert_kind("rust", code, "r#\"raw \"quoted\" \\\"#", STRING);
    assert_kind("rust", code, "'ก'", STRING);
    assert_kind("rust", code, "'\\n'", STRING);
    assert_kind("rust", code, "Option", TYPE);
    assert_kind("rust", code, "u32", TYPE);
    assert_kind("rust", code, "1_000u32", NUMBER);
    assert_kind("rust", code, "println!", FUNCTION);
    assert_kind("rust", code, "\"ไทย {}\"", STRING);
    assert_kind("rust", code, "0x1F", NUMBER);
    assert_plain("rust", code, "'a");
    // A range is two numbers, not one.
    assert_kind("rust", "1..5", "1", NUMBER);
    assert_kind(
        "rust",
        "x = \"unterminated\nlet",
        "\"unterminated\nlet",
        STRING,
    );
}

#[test]
fn javascript_templates_regexes_and_division() {
    let code = "const t = `a ${b + `in ${c}`} \"q`;\nif (/^[/\"]+$/i.test(x)) return a / b / 2;\nlet s = 'open\nnext();\n// it's a comment\n";
    // A template's text is a string, its `${…}` code, templates within included.
    assert_kind("js", code, "`a ${", STRING);
    assert_kind("js", code, "`in ${", STRING);
    assert_kind("js", code, "}`", STRING);
    assert_kind("js", code, "} \"q`", STRING);
    assert_plain("js", code, "b +");
    assert_kind("js", "`${f(`${`${x}`}`)}`", "f", FUNCTION);
    assert_kind("js", code, "/^[/\"]+$/i", STRING);
    assert_plain("js", code, "/ b /");
    assert_kind("js", code, "'open", STRING);
    assert_kind("js", code, "next", FUNCTION);
    assert_kind("js", code, "// it's a comment", COMMENT);
    assert_kind("js", code, "const", KEYWORD);
    assert_kind("ts", "class Case extends Base {}", "Case", TYPE);
    // A member is never a keyword.
    assert_kind("js", "m.delete(k); x.type", "delete", FUNCTION);
    assert_plain("js", "m.delete(k); x.type", "type");
}

#[test]
fn python_triple_quotes_prefixes_and_definitions() {
    let code = "@dataclass\nclass Case:\n    \"\"\"Doc # not a comment\n    'still'\"\"\"\n    def close(self, x=None):  # ปิดเคส\n        return f\"{x!r}\" + r'\\d' + 'it\\'s'\n";
    assert_kind("python", code, "@dataclass", FUNCTION);
    assert_kind("python", code, "Case", TYPE);
    assert_kind(
        "python",
        code,
        "\"\"\"Doc # not a comment\n    'still'\"\"\"",
        STRING,
    );
    assert_kind("python", code, "close", FUNCTION);
    assert_kind("python", code, "None", CONSTANT);
    assert_kind("python", code, "# ปิดเคส", COMMENT);
    assert_kind("python", code, "f\"{", STRING);
    assert_kind("python", code, "}\"", STRING);
    assert_plain("python", code, "x!r");
    assert_kind("python", "f'{{a}} {len(b)!r:>3}'", "f'{{a}} {", STRING);
    assert_kind("python", "f'{{a}} {len(b)!r:>3}'", "len", FUNCTION);
    assert_kind("python", "F\"\"\"\n{x}\"\"\"", "F\"\"\"\n{", STRING);
    assert_kind("python", code, "r'\\d'", STRING);
    assert_kind("python", code, "'it\\'s'", STRING);
}

#[test]
fn shell_quotes_substitutions_and_here_documents() {
    let code = "#!/bin/sh\nset -eu\necho \"n=$# $(wc -l < \"$f\") ok\" 'no $x \\' # here\ncat <<'EOF' | sort\ndon't \"stop\"\nEOF\nfor f in *.md; do grep -c x \"$f\"; done # ท้าย\n";
    assert_kind("bash", code, "#!/bin/sh", COMMENT);
    assert_kind("bash", code, "set", KEYWORD);
    assert_kind("bash", code, "echo", FUNCTION);
    assert_kind("bash", code, "\"n=$# $(wc -l < \"$f\") ok\"", STRING);
    assert_kind("bash", code, "'no $x \\'", STRING);
    assert_kind("bash", code, "# here", COMMENT);
    assert_kind("bash", code, "cat", FUNCTION);
    assert_kind("bash", code, "sort", FUNCTION);
    assert_kind("bash", code, "don't \"stop\"\nEOF", STRING);
    assert_kind("bash", code, "grep", FUNCTION);
    assert_kind("bash", code, "# ท้าย", COMMENT);
    assert_plain("bash", "echo ${#name} a#b\n", "#");
    assert_plain("bash", "f() {\n  g\n}\n", "}");
    let session = "$ cargo build --release # once\n   Compiling handbook\n$ echo \"done\"\n";
    assert_kind("console", session, "cargo", FUNCTION);
    assert_kind("console", session, "# once", COMMENT);
    assert_kind("console", session, "\"done\"", STRING);
    assert_plain("console", session, "Compiling");
    assert_kind("python", "LIMIT = 3", "LIMIT", CONSTANT);
}

#[test]
fn toml_tables_keys_values() {
    let code = "[[step]]\nid = \"intake # not a comment\" # comment\n\"quoted key\" = 'C:\\path'\nsite.title = \"\"\"\nหลาย\nบรรทัด\"\"\"\ndue = 1979-05-27T07:32:00Z\ndone = true\nlimits = { low = -1, high = 2.5e3 }\n";
    assert_kind("toml", code, "[[step]]", SECTION);
    assert_kind("toml", code, "id", KEY);
    assert_kind("toml", code, "\"intake # not a comment\"", STRING);
    assert_kind("toml", code, "# comment", COMMENT);
    assert_kind("toml", code, "\"quoted key\"", KEY);
    assert_kind("toml", code, "'C:\\path'", STRING);
    assert_kind("toml", code, "site", KEY);
    assert_kind("toml", code, "title", KEY);
    assert_kind("toml", code, "\"\"\"\nหลาย\nบรรทัด\"\"\"", STRING);
    assert_kind("toml", code, "1979-05-27T07:32:00Z", NUMBER);
    assert_kind("toml", code, "true", CONSTANT);
    assert_kind("toml", code, "low", KEY);
    assert_kind("toml", code, "-1", NUMBER);
    assert_kind("toml", code, "2.5e3", NUMBER);
}

#[test]
fn json_keys_values_and_escapes() {
    let code = "{\"a\\\"b\": \"c: d\", \"n\" : -1.5e+3, \"ok\": [true, null], \"ชื่อ\": \"ไทย\"}";
    assert_kind("json", code, "\"a\\\"b\"", KEY);
    assert_kind("json", code, "\"c: d\"", STRING);
    assert_kind("json", code, "\"n\"", KEY);
    assert_kind("json", code, "-1.5e+3", NUMBER);
    assert_kind("json", code, "true", CONSTANT);
    assert_kind("json", code, "null", CONSTANT);
    assert_kind("json", code, "\"ชื่อ\"", KEY);
    assert_kind("json", code, "\"ไทย\"", STRING);
}

#[test]
fn html_tags_attributes_entities_and_scripts() {
    let code = "<!doctype html>\n<!-- a <b> comment -->\n<p class=\"note\" hidden data-x=1>ไทย &amp; <b>bold</b></p>\n<script>let s = \"</p>\"; // c\n</script>\n<style>p { color: #0a3069; }</style>\n";
    assert_kind("html", code, "doctype", KEYWORD);
    assert_kind("html", code, "<!-- a <b> comment -->", COMMENT);
    assert_kind("html", code, "p", TAG);
    assert_kind("html", code, "class", ATTRIBUTE);
    assert_kind("html", code, "\"note\"", STRING);
    assert_kind("html", code, "hidden", ATTRIBUTE);
    assert_kind("html", code, "1", STRING);
    assert_kind("html", code, "&amp;", CONSTANT);
    assert_kind("html", code, "\"</p>\"", STRING);
    assert_kind("html", code, "// c", COMMENT);
    assert_kind("html", code, "script", TAG);
    assert_kind("html", code, "color", KEY);
    assert_kind("html", code, "#0a3069", NUMBER);
    assert_plain("html", code, "ไทย");
}

#[test]
fn css_yaml_and_the_c_family() {
    let css =
        "@media print {\n  .note, pre { margin: 0 auto; width: calc(100% - 2px); } /* c */\n}\n";
    assert_kind("css", css, "@media", KEYWORD);
    assert_kind("css", css, "margin", KEY);
    assert_kind("css", css, "100%", NUMBER);
    assert_kind("css", css, "calc", FUNCTION);
    assert_kind("css", css, "/* c */", COMMENT);
    let yaml = "- name: \"ทดสอบ # no\" # yes\n  count: 3\n  url: http://x.org/a\n  on: true\n";
    assert_kind("yaml", yaml, "name", KEY);
    assert_kind("yaml", yaml, "\"ทดสอบ # no\"", STRING);
    assert_kind("yaml", yaml, "# yes", COMMENT);
    assert_kind("yaml", yaml, "3", NUMBER);
    assert_kind("yaml", yaml, "true", CONSTANT);
    assert_plain("yaml", yaml, "http");
    // A block of text under `key: |` is text, whatever it looks like.
    let block = "note: |\n  Call: 1300 # not a comment\n\n  - not: a key\nnext: 2\n";
    assert_kind("yaml", block, "Call: 1300 # not a comment", STRING);
    assert_kind("yaml", block, "- not: a key", STRING);
    assert_kind("yaml", block, "next", KEY);
    assert_kind("yaml", "- run: >-\n    echo ok\n", "echo ok", STRING);
    let c = "#include <stdio.h>\nint main(void) { printf(\"%d\\n\", 'x'); return 0; }\n";
    assert_kind("c", c, "#include", KEYWORD);
    assert_kind("c", c, "int", TYPE);
    assert_kind("c", c, "printf", FUNCTION);
    assert_kind(
        "go",
        "func Open(p string) error { return nil }",
        "Open",
        FUNCTION,
    );
    assert_kind("go", "s := `raw\\n`", "`raw\\n`", STRING);
    assert_kind("java", "public class Case { }", "Case", TYPE);
    assert_kind(
        "sql",
        "SELECT id FROM cases WHERE note = 'it''s' -- c",
        "SELECT",
        KEYWORD,
    );
    assert_kind("sql", "select 1 -- ท้าย", "-- ท้าย", COMMENT);
    assert_eq!(kind_of("rust", "fn", "fn").as_deref(), Some(KEYWORD));
}

/// Inputs that end anywhere: every prefix of every tricky block of every language.
#[test]
fn any_input_comes_back_as_the_same_text() {
    let tricky = [
        "/* a /* b */ \"x\\\" 'c' r#\"y\"# `t ${u `v`}` /r[/]e/ 1.5e-3 0x1F",
        "\"\"\"a\nb\"\"\" '''c''' # d\n@e f\"g{h}\" \\\n",
        "echo \"$(a \"b\" 'c') $#\" <<-EOF\n\tx\n\tEOF\n${#d} 'e",
        "[[a]]\nb.c = \"\"\"\nd\"\"\" # e\n'f' = 1979-05-27T07:32:00Z\n{\"g\": -1}",
        "<!-- a --><p x=\"y\" z=w>&amp;&#x41;<script>let a = '</p>'</script><style>a{b:#c}</style>",
        "ภาษาไทย \"ไทย\" 'ไทย' # ไทย\n// ไทย\n/* ไทย */ `ไทย` <ไทย x=ไทย>",
        "- a: \"b\" # c\n  d: [1, true, 'e']\n",
        "&<>\"' \\ \u{1F600} \r\n\t",
    ];
    let languages = [
        "rust", "js", "python", "bash", "toml", "json", "yaml", "html", "css", "c", "go", "java",
        "sql", "console",
    ];
    for language in languages {
        for block in tricky {
            let cuts = block.char_indices().map(|(i, _)| i).chain([block.len()]);
            for cut in cuts {
                let code = &block[..cut];
                let html = code_block(language, code);
                assert_eq!(text_of(&html), code, "{language}: {code:?} -> {html}");
                assert_eq!(
                    html.matches("<span").count(),
                    html.matches("</span>").count(),
                    "{language}: {html}"
                );
            }
        }
    }
}

/// The bench corpus's blocks (`src/syntaxes/samples/`) through the lexers: same text back, and
/// every kind of token the corpus holds is coloured somewhere.
#[test]
fn corpus_blocks_keep_their_text_and_get_colours() {
    let samples = [
        ("bash", include_str!("../syntaxes/samples/bash-1.code")),
        ("html", include_str!("../syntaxes/samples/html-1.code")),
        ("js", include_str!("../syntaxes/samples/js-1.code")),
        ("json", include_str!("../syntaxes/samples/json-1.code")),
        ("python", include_str!("../syntaxes/samples/python-1.code")),
        ("rust", include_str!("../syntaxes/samples/rust-1.code")),
        ("toml", include_str!("../syntaxes/samples/toml-1.code")),
    ];
    for (language, code) in samples {
        let html = code_block(language, code);
        assert_eq!(text_of(&html), code, "{language}");
        let found = tokens(language, code);
        assert!(
            found.iter().any(|(c, _)| c == STRING) && found.len() > 5,
            "{language}: {found:?}"
        );
    }
}

/// Random blocks of delimiters, escapes, Thai and emoji: no panic, the same text back.
#[test]
fn random_delimiter_soup_never_panics() {
    let alphabet: Vec<char> = "\"'`/\\*#$(){}[]<>!-=:;,.\n\t rbfxE0.9+ก่&@%|_"
        .chars()
        .chain(['\u{1F600}', 'é'])
        .collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let languages = [
        "rust", "js", "python", "bash", "toml", "json", "yaml", "html", "css", "c", "go", "java",
        "sql",
    ];
    for round in 0..3000 {
        let len = (next() % 40) as usize;
        let code: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let language = languages[round % languages.len()];
        let html = code_block(language, &code);
        assert_eq!(text_of(&html), code, "{language}: {code:?} -> {html}");
    }
}

/// Deeply nested templates and f-strings (a hostile page) neither overflow the stack nor lose text.
#[test]
fn deep_nesting_is_safe() {
    for (language, open, close) in [("js", "`${", "}`"), ("python", "f'{", "}'")] {
        for closed in [true, false] {
            let mut code = open.repeat(20_000);
            if closed {
                code.push_str(&close.repeat(20_000));
            }
            let html = code_block(language, &code);
            assert_eq!(text_of(&html), code, "{language}");
        }
    }
}
