//! Text layer: paragraphs, sentences and tokens with byte offsets.
//!
//! Everything downstream works on [`Token`]s that point into the report's
//! text and into an ASCII-lowercased copy of it (same byte offsets), so
//! matching never allocates per token.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (with inner `'`, `-` or `.` as in `U.S.`, `al-Sisi`).
    Word,
    /// Starts with a digit (`15`, `15th`, `2019`).
    Number,
    /// One punctuation character.
    Punct,
}

/// One token: a byte range of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Word, number or punctuation.
    pub kind: TokKind,
    /// Whether the first character is an uppercase letter.
    pub cap: bool,
}

/// A sentence: a byte range of the report and its paragraph number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// 0-based paragraph (paragraphs are separated by blank lines).
    pub para: usize,
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "maj", "capt", "prof",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs",
    "inc", "corp", "co", "ltd", "jr", "sr", "mt", "ft", "adm", "sgt", "rev", "hon", "messrs",
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Splits a report into sentences. Paragraphs end at blank lines; a
/// sentence ends at `.`, `!` or `?` (after closing quotes or brackets)
/// followed by white space and an uppercase letter, digit or quote — not
/// after a known abbreviation or a single letter (`U.S.`, initials).
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut para = 0;
    let mut start = None::<usize>;
    let mut i = 0;
    let push = |out: &mut Vec<Sentence>, s: usize, e: usize, para: usize| {
        let t = text[s..e].trim_end();
        if !t.is_empty() {
            out.push(Sentence {
                start: s,
                end: s + t.len(),
                para,
            });
        }
    };
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            // Blank line → paragraph break.
            let mut j = i + 1;
            while j < b.len() && (b[j] == b' ' || b[j] == b'\t' || b[j] == b'\r') {
                j += 1;
            }
            if j < b.len() && b[j] == b'\n' {
                if let Some(s) = start.take() {
                    push(&mut out, s, i, para);
                }
                para += 1;
                i = j + 1;
                continue;
            }
        }
        if start.is_none() {
            if !c.is_ascii_whitespace() {
                start = Some(i);
            }
            i += 1;
            continue;
        }
        if matches!(c, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < b.len() && matches!(b[j], b'"' | b'\'' | b')' | b']') {
                j += 1;
            }
            // Closing curly quotes (3 bytes each).
            while text[j..].starts_with('\u{201d}') || text[j..].starts_with('\u{2019}') {
                j += 3;
            }
            let ws_end = {
                let mut k = j;
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                k
            };
            let next = text[ws_end..].chars().next();
            let boundary = ws_end > j
                && next
                    .is_none_or(|n| n.is_uppercase() || n.is_ascii_digit() || "\"“‘'(".contains(n))
                && (c != b'.' || !is_abbreviation(text, start.unwrap_or(0), i));
            if boundary || ws_end == b.len() {
                if let Some(s) = start.take() {
                    push(&mut out, s, j, para);
                }
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if let Some(s) = start {
        push(&mut out, s, b.len(), para);
    }
    out
}

fn is_abbreviation(text: &str, from: usize, dot: usize) -> bool {
    let before = &text[from..dot];
    let word_start = before
        .rfind(|c: char| !c.is_alphanumeric() && c != '.')
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let last = word.rsplit('.').next().unwrap_or(word);
    if last.chars().count() == 1 && last.chars().all(char::is_alphabetic) {
        return true; // initials, U.S.
    }
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(last))
}

/// Tokenizes `text[start..end]`: words (letters and digits with inner
/// apostrophes, hyphens and dots between single letters), numbers, and
/// single punctuation characters. A possessive `'s` is a token of its own.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let s = &text[start..end];
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + c.len_utf8();
            let mut last = c;
            while let Some(&(k, d)) = it.peek() {
                if d.is_alphanumeric() {
                    j = k + d.len_utf8();
                    last = d;
                    it.next();
                    continue;
                }
                // Inner joiners: al-Sisi, U.S., don't — but not a possessive 's.
                let rest = &s[k + d.len_utf8()..];
                let next = rest.chars().next();
                let joins = match d {
                    '-' => next.is_some_and(char::is_alphanumeric),
                    '.' => {
                        last.is_alphabetic()
                            && next.is_some_and(char::is_alphabetic)
                            && rest.chars().nth(1).is_some_and(|x| x == '.')
                    }
                    d if is_apostrophe(d) => {
                        next.is_some_and(char::is_alphabetic)
                            && !((next == Some('s') || next == Some('S'))
                                && !rest.chars().nth(1).is_some_and(char::is_alphanumeric))
                    }
                    _ => false,
                };
                if !joins {
                    break;
                }
                it.next();
                j = k + d.len_utf8();
                last = d;
            }
            // "U.S." keeps its final dot when the word is dotted initials.
            let word = &s[i..j];
            if word.contains('.') && s[j..].starts_with('.') {
                j += 1;
                it.next();
            }
            out.push(Token {
                start: start + i,
                end: start + j,
                kind: if c.is_ascii_digit() {
                    TokKind::Number
                } else {
                    TokKind::Word
                },
                cap: c.is_uppercase(),
            });
            continue;
        }
        if is_apostrophe(c) {
            // Possessive 's or n't as separate tokens.
            let rest = &s[i + c.len_utf8()..];
            let mut chars = rest.chars();
            let n = chars.next();
            if matches!(n, Some('s') | Some('S'))
                && !chars.next().is_some_and(char::is_alphanumeric)
            {
                let e = i + c.len_utf8() + 1;
                out.push(Token {
                    start: start + i,
                    end: start + e,
                    kind: TokKind::Word,
                    cap: false,
                });
                it.next();
                continue;
            }
        }
        out.push(Token {
            start: start + i,
            end: start + i + c.len_utf8(),
            kind: TokKind::Punct,
            cap: false,
        });
    }
    // Split "n't" off words like "didn't" → "did" "n't".
    let mut k = 0;
    while k < out.len() {
        let t = out[k];
        let w = &text[t.start..t.end];
        if t.kind == TokKind::Word && w.len() > 3 && (w.ends_with("n't") || w.ends_with("n’t")) {
            let cut = if w.ends_with("n't") {
                t.end - 3
            } else {
                t.end - 5
            };
            out[k].end = cut;
            out.insert(
                k + 1,
                Token {
                    start: cut,
                    end: t.end,
                    kind: TokKind::Word,
                    cap: false,
                },
            );
            k += 1;
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(s, 0, s.len(), &mut v);
        v.iter().map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn tokens_keep_names_and_split_possessives() {
        assert_eq!(
            words("U.S. President al-Sisi's plan didn't work."),
            [
                "U.S.",
                "President",
                "al-Sisi",
                "'s",
                "plan",
                "did",
                "n't",
                "work",
                "."
            ]
        );
        assert_eq!(words("Party’s 15th"), ["Party", "’s", "15th"]);
    }

    #[test]
    fn sentences_respect_abbreviations_and_paragraphs() {
        let t = "LIMA, Dec. 7 - The U.S. said no. Mr. Biden left.\n\nNew para here";
        let s: Vec<_> = sentences(t)
            .iter()
            .map(|s| (&t[s.start..s.end], s.para))
            .collect();
        assert_eq!(
            s,
            [
                ("LIMA, Dec. 7 - The U.S. said no.", 0),
                ("Mr. Biden left.", 0),
                ("New para here", 1)
            ]
        );
    }
}

/// A small, fast hasher (FNV-1a) for the coder's word tables, which hash
/// short strings millions of times per report; no protection against
/// adversarial keys is needed for built-in dictionaries.
#[derive(Clone, Copy, Debug)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// `HashMap` with the [`Fnv`] hasher.
pub type FastMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;
/// `HashSet` with the [`Fnv`] hasher.
pub type FastSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<Fnv>>;
