//! The languages the hand-written lexers know, by fence name: comments, quotes and word lists.

/// A language lexed by `code::highlight` (programming and shell languages).
pub(super) struct Grammar {
    pub line_comments: &'static [&'static str],
    pub block_comment: Option<(&'static str, &'static str)>,
    /// Block comments nest (Rust).
    pub nested_comments: bool,
    /// Quotes, longest first: (open, close, backslash escapes, may span lines).
    pub quotes: &'static [(&'static str, &'static str, bool, bool)],
    pub keywords: &'static [&'static str],
    pub constants: &'static [&'static str],
    pub types: &'static [&'static str],
    /// Words naming the function (or type) whose name follows.
    pub function_definers: &'static [&'static str],
    pub type_definers: &'static [&'static str],
    /// A capitalised name is a type (or a class).
    pub capitalised_types: bool,
    /// Bytes besides letters, digits and `_` that names may hold (`$` in JavaScript).
    pub name_bytes: &'static [u8],
    /// Keywords are matched without regard to case (SQL).
    pub any_case: bool,
    pub dialect: Dialect,
}

/// What a language needs beyond the table.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    Plain,
    /// Raw strings `r#"…"#`, byte strings, char literals against lifetimes, macros `name!`.
    Rust,
    /// Template literals with `${…}`, regular expression literals.
    Script,
    /// String prefixes (`r"…"`, `f"…"`), decorators.
    Python,
}

const C_QUOTES: &[(&str, &str, bool, bool)] = &[("\"", "\"", true, false), ("'", "'", true, false)];

const RUST: Grammar = Grammar {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    nested_comments: true,
    quotes: &[("\"", "\"", true, true)],
    keywords: &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
        "pub", "ref", "return", "static", "struct", "super", "trait", "type", "unsafe", "use",
        "where", "while", "yield", "Self", "self",
    ],
    constants: &["true", "false", "None", "Some", "Ok", "Err"],
    types: &[
        "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32",
        "i64", "i128", "isize", "f32", "f64",
    ],
    function_definers: &["fn"],
    type_definers: &["struct", "enum", "trait", "type", "union"],
    capitalised_types: true,
    name_bytes: b"",
    any_case: false,
    dialect: Dialect::Rust,
};

#[rustfmt::skip]
const JAVASCRIPT: Grammar = Grammar {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    nested_comments: false,
    quotes: C_QUOTES,
    keywords: &[
        "abstract", "as", "async", "await", "break", "case", "catch", "class", "const", "continue",
        "debugger", "declare", "default", "delete", "do", "else", "enum", "export", "extends",
        "finally", "for", "from", "function", "if", "implements", "import", "in",
        "instanceof", "interface", "let", "namespace", "new", "of", "private", "protected",
        "public", "readonly", "return", "static", "super", "switch", "this", "throw", "try",
        "type", "typeof", "var", "void", "while", "with", "yield",
    ],
    constants: &["true", "false", "null", "undefined", "NaN", "Infinity"],
    types: &[
        "string", "number", "boolean", "any", "unknown", "never", "object", "symbol", "bigint",
    ],
    function_definers: &["function"],
    type_definers: &[
        "class", "interface", "type", "enum", "extends", "implements", "new",
    ],
    capitalised_types: true,
    name_bytes: b"$",
    any_case: false,
    dialect: Dialect::Script,
};

const PYTHON: Grammar = Grammar {
    line_comments: &["#"],
    block_comment: None,
    nested_comments: false,
    quotes: &[
        ("\"\"\"", "\"\"\"", true, true),
        ("'''", "'''", true, true),
        ("\"", "\"", true, false),
        ("'", "'", true, false),
    ],
    keywords: &[
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
        "lambda", "match", "case", "nonlocal", "not", "or", "pass", "raise", "return", "try",
        "while", "with", "yield",
    ],
    constants: &["True", "False", "None"],
    types: &[
        "int", "float", "str", "bytes", "bool", "list", "dict", "set", "tuple", "object",
    ],
    function_definers: &["def"],
    type_definers: &["class"],
    capitalised_types: true,
    name_bytes: b"",
    any_case: false,
    dialect: Dialect::Python,
};

#[rustfmt::skip]
const C: Grammar = Grammar {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    nested_comments: false,
    quotes: C_QUOTES,
    keywords: &[
        "break", "case", "catch", "class", "const", "constexpr", "continue", "default", "delete",
        "do", "else", "enum", "extern", "for", "goto", "if", "inline", "namespace", "new",
        "noexcept", "operator", "private", "protected", "public", "register", "return", "sizeof",
        "static", "struct", "switch", "template", "this", "throw", "try", "typedef", "typename",
        "union", "using", "virtual", "volatile", "while", "#include", "#define", "#ifdef",
        "#ifndef", "#endif", "#if", "#else", "#pragma",
    ],
    constants: &["true", "false", "NULL", "nullptr"],
    types: &[
        "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "bool",
        "size_t", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t",
        "uint64_t", "auto",
    ],
    function_definers: &[],
    type_definers: &["struct", "class", "enum", "union"],
    capitalised_types: false,
    name_bytes: b"#",
    any_case: false,
    dialect: Dialect::Plain,
};

#[rustfmt::skip]
const GO: Grammar = Grammar {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    nested_comments: false,
    quotes: &[
        ("`", "`", false, true),
        ("\"", "\"", true, false),
        ("'", "'", true, false),
    ],
    keywords: &[
        "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
        "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
        "return", "select", "struct", "switch", "type", "var",
    ],
    constants: &["true", "false", "nil", "iota"],
    types: &[
        "bool", "byte", "complex64", "complex128", "error", "float32", "float64", "int", "int8",
        "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64",
        "uintptr", "any",
    ],
    function_definers: &["func"],
    type_definers: &["type"],
    capitalised_types: false,
    name_bytes: b"",
    any_case: false,
    dialect: Dialect::Plain,
};

#[rustfmt::skip]
const JAVA: Grammar = Grammar {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    nested_comments: false,
    quotes: &[
        ("\"\"\"", "\"\"\"", true, true),
        ("\"", "\"", true, false),
        ("'", "'", true, false),
    ],
    keywords: &[
        "abstract", "assert", "break", "case", "catch", "class", "const", "continue", "default",
        "do", "else", "enum", "extends", "final", "finally", "for", "if", "implements", "import",
        "instanceof", "interface", "native", "new", "package", "private", "protected", "public",
        "return", "static", "super", "switch", "synchronized", "this", "throw", "throws",
        "transient", "try", "var", "volatile", "while", "record", "yield", "using", "namespace",
        "override", "readonly", "sealed", "async", "await", "fun", "val", "when", "object",
    ],
    constants: &["true", "false", "null"],
    types: &[
        "boolean", "byte", "char", "double", "float", "int", "long", "short", "void", "string",
        "bool", "decimal", "object",
    ],
    function_definers: &["fun"],
    type_definers: &[
        "class", "interface", "enum", "extends", "implements", "new", "record",
    ],
    capitalised_types: true,
    name_bytes: b"",
    any_case: false,
    dialect: Dialect::Plain,
};

#[rustfmt::skip]
const SQL: Grammar = Grammar {
    line_comments: &["--"],
    block_comment: Some(("/*", "*/")),
    nested_comments: false,
    quotes: &[("'", "'", false, true), ("\"", "\"", false, false)],
    keywords: &[
        "add", "all", "alter", "and", "as", "asc", "between", "by", "case", "check", "column",
        "constraint", "create", "default", "delete", "desc", "distinct", "drop", "else", "end",
        "exists", "foreign", "from", "group", "having", "if", "in", "index", "inner", "insert",
        "into", "is", "join", "key", "left", "like", "limit", "not", "null", "offset", "on", "or",
        "order", "outer", "primary", "references", "returning", "right", "select", "set", "table",
        "then", "union", "unique", "update", "values", "view", "when", "where", "with",
    ],
    constants: &["true", "false"],
    types: &[
        "integer", "int", "bigint", "smallint", "text", "varchar", "char", "boolean", "date",
        "timestamp", "real", "numeric", "decimal", "serial", "blob", "json", "jsonb", "uuid",
    ],
    function_definers: &[],
    type_definers: &[],
    capitalised_types: false,
    name_bytes: b"",
    any_case: true,
    dialect: Dialect::Plain,
};

/// Which lexer takes a fence's language.
pub(super) enum Lexer {
    Code(&'static Grammar),
    Shell,
    /// A terminal session: `$ ` prompts and their output.
    Session,
    Toml,
    Json,
    Yaml,
    Html,
    Css,
}

/// The lexer for a fence's language name (case-insensitive); `None` leaves it to syntect.
pub(super) fn lexer(language: &str) -> Option<Lexer> {
    let lexer = match language.to_ascii_lowercase().as_str() {
        "rust" | "rs" => Lexer::Code(&RUST),
        "js" | "javascript" | "jsx" | "mjs" | "cjs" | "ts" | "typescript" | "tsx" => {
            Lexer::Code(&JAVASCRIPT)
        }
        "python" | "py" | "python3" => Lexer::Code(&PYTHON),
        "c" | "h" | "cpp" | "c++" | "cc" | "hpp" | "cxx" => Lexer::Code(&C),
        "go" | "golang" => Lexer::Code(&GO),
        "java" | "kotlin" | "kt" | "cs" | "csharp" | "c#" => Lexer::Code(&JAVA),
        "sql" => Lexer::Code(&SQL),
        "bash" | "sh" | "shell" | "zsh" => Lexer::Shell,
        "console" | "shell-session" | "sh-session" => Lexer::Session,
        "toml" => Lexer::Toml,
        "json" | "jsonc" | "json5" => Lexer::Json,
        "yaml" | "yml" => Lexer::Yaml,
        "html" | "htm" | "xhtml" | "xml" | "svg" => Lexer::Html,
        "css" => Lexer::Css,
        _ => return None,
    };
    Some(lexer)
}
