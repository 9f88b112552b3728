//! A forgiving lexer for the line being edited: highlighting and completion need tokens of
//! input that is usually incomplete (an open string, an open bracket), so this never fails.
//! It is not the parser: it only tells names, numbers, strings, comments and brackets apart.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An identifier or keyword.
    Name,
    /// A numeric literal (`12`, `1.5e-3`, `0xff`, `2j`).
    Number,
    /// A string literal; `closed` is false when the input ends inside it.
    Str { closed: bool },
    /// `# …` up to the end of the line.
    Comment,
    /// `(`, `[` or `{`.
    Open,
    /// `)`, `]` or `}`.
    Close,
    /// `.` (attribute access; a leading-dot float is a Number).
    Dot,
    /// `,`.
    Comma,
    /// `=` alone (assignment or keyword argument).
    Assign,
    /// Any other operator or punctuation.
    Op,
    /// A line break.
    Newline,
}

/// A token: its kind and byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start..self.end).unwrap_or("")
    }
}

/// Python's keywords (including the three constants).
pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Whether `c` may continue an identifier.
pub fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

/// Split `src` into tokens (whitespace is skipped).
pub fn tokenize(src: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut it = src.char_indices().peekable();
    while let Some(&(i, c)) = it.peek() {
        let start = i;
        let kind = if c == '\n' {
            it.next();
            Kind::Newline
        } else if c.is_whitespace() || c == '\\' {
            it.next();
            continue;
        } else if c == '#' {
            while it.peek().is_some_and(|&(_, c)| c != '\n') {
                it.next();
            }
            Kind::Comment
        } else if let Some((quote_at, triple)) = string_start(src, i) {
            let end = string_end(src, quote_at, triple);
            while it.peek().is_some_and(|&(j, _)| j < end.0) {
                it.next();
            }
            out.push(Token {
                kind: Kind::Str { closed: end.1 },
                start,
                end: end.0,
            });
            continue;
        } else if is_ident_start(c) {
            while it.peek().is_some_and(|&(_, c)| is_ident_char(c)) {
                it.next();
            }
            Kind::Name
        } else if c.is_ascii_digit()
            || (c == '.' && src[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        {
            it.next();
            let mut prev = c;
            while let Some(&(_, d)) = it.peek() {
                let exp_sign = (d == '+' || d == '-')
                    && matches!(prev, 'e' | 'E')
                    && !src[start..].starts_with("0x");
                if d.is_ascii_alphanumeric() || d == '_' || d == '.' || exp_sign {
                    prev = d;
                    it.next();
                } else {
                    break;
                }
            }
            Kind::Number
        } else {
            it.next();
            match c {
                '(' | '[' | '{' => Kind::Open,
                ')' | ']' | '}' => Kind::Close,
                '.' => Kind::Dot,
                ',' => Kind::Comma,
                '=' => {
                    if it.peek().is_some_and(|&(_, d)| d == '=') {
                        it.next();
                        Kind::Op
                    } else {
                        Kind::Assign
                    }
                }
                _ => {
                    // Fold `==`, `<=`, `**=` … into one operator token.
                    while it.peek().is_some_and(|&(_, d)| {
                        "=<>*/&|^%@!-+~:".contains(d) && d != '-' && d != '+'
                    }) {
                        it.next();
                    }
                    Kind::Op
                }
            }
        };
        let end = it.peek().map_or(src.len(), |&(j, _)| j);
        out.push(Token { kind, start, end });
    }
    out
}

/// If a string literal (with an optional prefix such as `r`, `b`, `f`, `rb`) starts at `i`,
/// the byte index of its opening quote and whether it is triple-quoted.
fn string_start(src: &str, i: usize) -> Option<(usize, bool)> {
    let rest = src.get(i..)?;
    let prefix_len = rest
        .chars()
        .take(3)
        .take_while(|c| "rRbBfFuU".contains(*c))
        .count();
    let after = rest.get(prefix_len..)?;
    let q = after.chars().next()?;
    if q != '\'' && q != '"' {
        return None;
    }
    // `rb'…'` is a string; `rab'` is not (the prefix must end at a quote and be preceded by nothing
    // identifier-like, which the caller guarantees by lexing names greedily from their start).
    let triple = after.starts_with(if q == '\'' { "'''" } else { "\"\"\"" });
    Some((i + prefix_len, triple))
}

/// The end of the string whose opening quote is at `q`: (end byte index, whether closed).
fn string_end(src: &str, q: usize, triple: bool) -> (usize, bool) {
    let quote = if src[q..].starts_with('\'') {
        '\''
    } else {
        '"'
    };
    let delim_len = if triple { 3 } else { 1 };
    let delim: String = std::iter::repeat_n(quote, delim_len).collect();
    let body = q + delim_len;
    let mut chars = src[body..].char_indices();
    while let Some((k, c)) = chars.next() {
        let j = body + k;
        match c {
            '\\' => {
                chars.next();
            }
            '\n' if !triple => return (j, false),
            _ if c == quote && src[j..].starts_with(delim.as_str()) => {
                return (j + delim_len, true)
            }
            _ => {}
        }
    }
    (src.len(), false)
}

/// For each bracket token index, the index of its partner (None when unmatched or mismatched).
pub fn match_brackets(src: &str, toks: &[Token]) -> Vec<Option<usize>> {
    let mut partner = vec![None; toks.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        match t.kind {
            Kind::Open => stack.push(k),
            Kind::Close => {
                if let Some(&o) = stack.last() {
                    if closes(toks[o].text(src), t.text(src)) {
                        stack.pop();
                        partner[o] = Some(k);
                        partner[k] = Some(o);
                    }
                }
            }
            _ => {}
        }
    }
    partner
}

fn closes(open: &str, close: &str) -> bool {
    matches!((open, close), ("(", ")") | ("[", "]") | ("{", "}"))
}
