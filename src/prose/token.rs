//! One pass of tokenization, quotation pairing and sentence segmentation.
//!
//! Everything downstream works on the token vector built here; nothing is
//! allocated per token besides the vector slot.

use super::lexicon::{self, ABBR, Lexicon, TITLE, WordInfo};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (and digits) with inner apostrophes, hyphens and abbreviation dots.
    Word,
    /// Starts with a digit: `6.7`, `1,000`, `2016`.
    Num,
    /// One punctuation character (`ch`).
    Punct,
    /// Opening double quotation mark (`“`, or a straight `"`/`''` read as opening).
    QOpen,
    /// Closing double quotation mark.
    QClose,
    /// A run of line breaks; `nl` counts them.
    Newline,
}

pub(crate) const NO_QUOTE: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
    /// First character of the token.
    pub ch: char,
    /// First character is uppercase.
    pub cap: bool,
    pub nl: u8,
    pub w: WordInfo,
    /// Index of the quotation (in `Doc::quotes`) that contains this token.
    pub qid: u32,
}

impl Tok {
    pub(crate) fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub(crate) fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.ch == c
    }
    pub(crate) fn has(&self, class: u32) -> bool {
        self.w.class & class != 0
    }
    pub(crate) fn is_quote(&self) -> bool {
        matches!(self.kind, Kind::QOpen | Kind::QClose)
    }
}

/// A quotation: tokens `[s, e)`, including its marks. `closed` is false when
/// the paragraph ended before a closing mark.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Quote {
    pub s: usize,
    pub e: usize,
    pub words: u32,
}

/// A sentence as a token range `[ts, te)` and a byte range `[bs, be)`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sent {
    pub ts: usize,
    pub te: usize,
    pub bs: usize,
    pub be: usize,
}

pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    pub quotes: Vec<Quote>,
    pub sents: Vec<Sent>,
}

fn is_joiner_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl<'a> Doc<'a> {
    pub(crate) fn new(text: &'a str) -> Doc<'a> {
        let lex = lexicon::lexicon();
        let mut toks = Vec::with_capacity(text.len() / 5 + 4);
        tokenize(text, lex, &mut toks);
        let mut doc = Doc {
            text,
            toks,
            quotes: Vec::new(),
            sents: Vec::new(),
        };
        doc.pair_quotes();
        doc.split();
        doc
    }

    pub(crate) fn tok_text(&self, i: usize) -> &'a str {
        let t = &self.toks[i];
        &self.text[t.s..t.e]
    }

    /// Pair quotation marks within each paragraph (line).
    fn pair_quotes(&mut self) {
        let n = self.toks.len();
        let mut open: Option<usize> = None;
        let mut line_start = 0;
        let mut i = 0;
        while i <= n {
            let at_end = i == n || self.toks[i].kind == Kind::Newline;
            if at_end {
                if let Some(s) = open.take() {
                    self.push_quote(s, i);
                }
                i += 1;
                line_start = i;
                continue;
            }
            match self.toks[i].kind {
                Kind::QOpen => {
                    if let Some(s) = open.take() {
                        // Two openings: a straight quote read the wrong way
                        // closes the first one when it touches a word on its left.
                        if i > 0 && self.toks[i - 1].e == self.toks[i].s && i - 1 > s {
                            self.toks[i].kind = Kind::QClose;
                            self.push_quote(s, i + 1);
                            i += 1;
                            continue;
                        }
                        self.push_quote(s, i);
                    }
                    open = Some(i);
                }
                Kind::QClose => {
                    if let Some(s) = open.take() {
                        self.push_quote(s, i + 1);
                    } else if self.toks[i].ch == '"' && i + 1 < n && self.toks[i + 1].is_word() {
                        // A straight quote touching a word on its right opens.
                        self.toks[i].kind = Kind::QOpen;
                        open = Some(i);
                    } else if i > line_start && self.quotes.last().is_none_or(|q| q.e <= line_start)
                    {
                        // The paragraph continues a quotation opened earlier
                        // (only once per paragraph, which keeps this linear).
                        self.push_quote(line_start, i + 1);
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }

    fn push_quote(&mut self, s: usize, e: usize) {
        let id = self.quotes.len() as u32;
        let mut words = 0;
        for t in &mut self.toks[s..e] {
            t.qid = id;
            if t.kind == Kind::Word || t.kind == Kind::Num {
                words += 1;
            }
        }
        self.quotes.push(Quote { s, e, words });
    }

    pub(crate) fn quote_of(&self, i: usize) -> Option<Quote> {
        let q = self.toks.get(i)?.qid;
        if q == NO_QUOTE {
            None
        } else {
            self.quotes.get(q as usize).copied()
        }
    }

    /// Sentence segmentation over the tokens.
    fn split(&mut self) {
        let n = self.toks.len();
        let mut cur: Option<usize> = None;
        let mut line_first = true; // next token is the first of a line
        let mut heading = false;
        let mut i = 0;
        while i < n {
            let t = self.toks[i];
            if t.kind == Kind::Newline {
                if let Some(s) = cur
                    && (t.nl > 1 || heading || !self.soft_wrap(i))
                {
                    self.push_sent(s, i);
                    cur = None;
                }
                line_first = true;
                heading = false;
                i += 1;
                continue;
            }
            if line_first {
                line_first = false;
                if let Some((skip, is_heading)) = self.block_marker(i) {
                    if let Some(s) = cur.take() {
                        self.push_sent(s, i);
                    }
                    heading = is_heading;
                    i = skip;
                    continue;
                }
            }
            if cur.is_none() {
                cur = Some(i);
            }
            if t.kind == Kind::Punct && matches!(t.ch, '.' | '!' | '?' | '…') {
                let mut j = i + 1;
                while j < n && self.is_closer(j) {
                    j += 1;
                }
                if j < n && self.starts_sentence(j) && self.toks[j].s > self.toks[j - 1].e {
                    let abbrev = t.ch == '.' && i > 0 && self.is_abbrev(i - 1);
                    if !abbrev {
                        if let Some(s) = cur.take() {
                            self.push_sent(s, j);
                        }
                        i = j;
                        continue;
                    }
                }
            }
            i += 1;
        }
        if let Some(s) = cur {
            self.push_sent(s, n);
        }
    }

    fn is_closer(&self, j: usize) -> bool {
        let t = &self.toks[j];
        t.kind == Kind::QClose
            || (t.kind == Kind::Punct && matches!(t.ch, ')' | ']' | '’' | '\'' | '.' | '!' | '?'))
    }

    fn starts_sentence(&self, j: usize) -> bool {
        let t = &self.toks[j];
        match t.kind {
            Kind::Word => t.cap,
            Kind::Num | Kind::QOpen => true,
            Kind::Punct => matches!(t.ch, '(' | '[' | '‘' | '\''),
            _ => false,
        }
    }

    /// Is the word ending at token `w` (right before a '.') an abbreviation or an initial?
    fn is_abbrev(&self, w: usize) -> bool {
        let t = &self.toks[w];
        if t.kind != Kind::Word || t.e != self.toks[w + 1].s {
            return false;
        }
        let word = &self.text[t.s..t.e];
        if word.chars().count() == 1 {
            return true; // an initial: "J. Smith"
        }
        if word.eq_ignore_ascii_case("no") || word.eq_ignore_ascii_case("nos") {
            // "No. 5", but "vote no. She …"
            return self.toks.get(w + 2).is_some_and(|n| n.kind == Kind::Num);
        }
        t.w.class & (ABBR | TITLE) != 0
    }

    /// A single line break continues the sentence when the line does not end
    /// like a sentence and the next line starts with a lowercase word.
    fn soft_wrap(&self, nl: usize) -> bool {
        let (Some(prev), Some(next)) = (nl.checked_sub(1), self.toks.get(nl + 1)) else {
            return false;
        };
        let p = &self.toks[prev];
        let ends = p.kind == Kind::QClose
            || (p.kind == Kind::Punct && matches!(p.ch, '.' | '!' | '?' | ':' | ';' | '…'));
        !ends
            && next.kind == Kind::Word
            && !next.cap
            && self.block_marker(nl + 1).is_none()
            && next.ch.is_alphabetic()
    }

    /// Markdown block marker at the start of a line (`# `, `- `, `* `, `+ `,
    /// `1. `, `> `): returns the first token after it and whether it is a heading.
    fn block_marker(&self, i: usize) -> Option<(usize, bool)> {
        let t = self.toks.get(i)?;
        let spaced = |j: usize| -> bool {
            match (self.toks.get(j), self.toks.get(j + 1)) {
                (Some(a), Some(b)) => b.s > a.e && b.kind != Kind::Newline,
                _ => false,
            }
        };
        match t.kind {
            Kind::Punct if t.ch == '#' => {
                let mut j = i;
                while j < self.toks.len() && self.toks[j].is_punct('#') && j - i < 6 {
                    if j > i && self.toks[j].s != self.toks[j - 1].e {
                        return None;
                    }
                    j += 1;
                }
                if spaced(j - 1) { Some((j, true)) } else { None }
            }
            Kind::Punct if matches!(t.ch, '-' | '*' | '+' | '>' | '•') => {
                if spaced(i) {
                    Some((i + 1, false))
                } else {
                    None
                }
            }
            Kind::Num => {
                let d = self.toks.get(i + 1)?;
                let digits = self.text[t.s..t.e].bytes().all(|b| b.is_ascii_digit());
                if digits
                    && t.e - t.s <= 3
                    && d.e == d.s + 1
                    && d.s == t.e
                    && (d.ch == '.' || d.ch == ')')
                    && spaced(i + 1)
                {
                    Some((i + 2, false))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    fn push_sent(&mut self, s: usize, e: usize) {
        let mut e = e;
        while e > s && self.toks[e - 1].kind == Kind::Newline {
            e -= 1;
        }
        if e > s {
            let (bs, be) = (self.toks[s].s, self.toks[e - 1].e);
            self.sents.push(Sent {
                ts: s,
                te: e,
                bs,
                be,
            });
        }
    }
}

/// Tokenize `text` into `out`.
fn tokenize(text: &str, lex: &Lexicon, out: &mut Vec<Tok>) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let c = b[i];
        if c == b'\n' {
            let s = i;
            let mut count: u8 = 0;
            let mut j = i;
            while j < n {
                match b[j] {
                    b'\n' => {
                        count = count.saturating_add(1);
                        j += 1;
                    }
                    b' ' | b'\t' | b'\r' => j += 1,
                    _ => break,
                }
            }
            out.push(Tok {
                s,
                e: s + 1,
                kind: Kind::Newline,
                ch: '\n',
                cap: false,
                nl: count,
                w: WordInfo::default(),
                qid: NO_QUOTE,
            });
            i = j;
            continue;
        }
        if c < 0x80 {
            if c.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            if c.is_ascii_alphanumeric() {
                i = word(text, i, c as char, lex, out);
                continue;
            }
            let (kind, len) = match c {
                b'"' => (straight_quote(text, i, 1), 1),
                b'\'' if i + 1 < n && b[i + 1] == b'\'' => (straight_quote(text, i, 2), 2),
                _ => (Kind::Punct, 1),
            };
            out.push(punct(i, i + len, kind, c as char));
            i += len;
            continue;
        }
        let ch = text[i..].chars().next().unwrap_or(' ');
        let len = ch.len_utf8();
        // Typographic quotes, apostrophes and dashes are most of the non-ASCII
        // characters of news copy: they are neither space nor letters, which
        // saves looking them up in the Unicode tables.
        let typographic = matches!(ch, '“' | '”' | '’' | '‘' | '—' | '–' | '…');
        if !typographic && ch.is_whitespace() {
            i += len;
            continue;
        }
        if !typographic && ch.is_alphanumeric() {
            i = word(text, i, ch, lex, out);
            continue;
        }
        let kind = match ch {
            '“' | '„' | '«' => Kind::QOpen,
            '”' | '»' => Kind::QClose,
            _ => Kind::Punct,
        };
        out.push(punct(i, i + len, kind, ch));
        i += len;
    }
}

fn punct(s: usize, e: usize, kind: Kind, ch: char) -> Tok {
    Tok {
        s,
        e,
        kind,
        ch,
        cap: false,
        nl: 0,
        w: WordInfo::default(),
        qid: NO_QUOTE,
    }
}

/// Direction of a straight double quote from its neighbours.
fn straight_quote(text: &str, i: usize, len: usize) -> Kind {
    let before = text[..i].chars().next_back();
    let after = text[i + len..].chars().next();
    let open_before = match before {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':'),
    };
    let close_after = match after {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–')
        }
    };
    if open_before && !close_after {
        Kind::QOpen
    } else {
        Kind::QClose
    }
}

/// Scan a word or number starting at byte `s` with character `first`; push it;
/// return its end.
fn word(text: &str, s: usize, first: char, lex: &Lexicon, out: &mut Vec<Tok>) -> usize {
    let b = text.as_bytes();
    let n = b.len();
    let numeric = first.is_ascii_digit();
    let mut i = s;
    let mut dotted = false;
    let mut seg_len = 0usize; // chars since the last joiner
    loop {
        // Most of a word is a run of ASCII letters and digits.
        let run_start = i;
        i = ascii_alnum_run_end(b, i);
        seg_len += i - run_start;
        if i >= n {
            break;
        }
        let c = b[i];
        if c < 0x80 {
            if !matches!(c, b'\'' | b'-' | b'&' | b'.' | b',') {
                break; // the usual end of a word: a space or punctuation
            }
            let next = b.get(i + 1).copied().unwrap_or(b' ');
            let next_alnum =
                next.is_ascii_alphanumeric() || next >= 0x80 && next_is_alnum(text, i + 1);
            let join = match c {
                b'\'' | b'-' | b'&' => next_alnum && i > s,
                b'.' => {
                    if numeric {
                        next.is_ascii_digit()
                    } else {
                        // "U.S", "a.m", "Ph.D": short segments around dots.
                        next_alnum && seg_len <= 2 && next_seg_short(b, i + 1)
                    }
                }
                b',' => numeric && next.is_ascii_digit(),
                _ => false,
            };
            if !join {
                break;
            }
            if c == b'.' {
                dotted = true;
            }
            i += 1;
            seg_len = 0;
            continue;
        }
        let ch = text[i..].chars().next().unwrap_or(' ');
        let len = ch.len_utf8();
        // (’ first: it is not alphanumeric, and the common case here.)
        if ch == '’' {
            if i > s && next_is_alnum(text, i + len) {
                i += len;
                seg_len = 0;
                continue;
            }
            break;
        }
        if is_joiner_word_char(ch) {
            i += len;
            seg_len += 1;
            continue;
        }
        break;
    }
    // "U.S." keeps its final dot.
    if dotted && !numeric && i < n && b[i] == b'.' && seg_len <= 2 {
        i += 1;
    }
    let word = &text[s..i];
    let w = if numeric {
        WordInfo::default()
    } else {
        let key_len = word.strip_suffix('.').unwrap_or(word).len();
        lex.lookup(text, s, s + key_len)
    };
    out.push(Tok {
        s,
        e: i,
        kind: if numeric { Kind::Num } else { Kind::Word },
        ch: first,
        cap: first.is_uppercase(),
        nl: 0,
        w,
        qid: NO_QUOTE,
    });
    i
}

/// The end of the run of ASCII letters and digits starting at `b[i]`.
///
/// Eight bytes at a time: where a word ends is as good as random, and a loop
/// over bytes mispredicted its exit once a word.
fn ascii_alnum_run_end(b: &[u8], mut i: usize) -> usize {
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    const fn splat(byte: u8) -> u64 {
        u64::from_le_bytes([byte; 8])
    }
    // The high bit of each byte of `v` (all below 0x80) that is in `lo..=hi`:
    // setting the high bit first keeps the subtractions from borrowing
    // across bytes.
    fn in_range(v: u64, lo: u8, hi: u8) -> u64 {
        let biased = v | HIGH;
        biased.wrapping_sub(splat(lo)) & !biased.wrapping_sub(splat(hi + 1)) & HIGH
    }
    while let Some(chunk) = b.get(i..i + 8) {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        let x = u64::from_le_bytes(bytes);
        let low7 = x & !HIGH;
        let letters = in_range(low7 | splat(0x20), b'a', b'z');
        let digits = in_range(low7, b'0', b'9');
        let alnum = (letters | digits) & !x; // & !x: ASCII bytes only
        let stops = !alnum & HIGH;
        if stops != 0 {
            return i + (stops.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

fn next_is_alnum(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|t| t.chars().next())
        .is_some_and(char::is_alphanumeric)
}

fn next_seg_short(b: &[u8], i: usize) -> bool {
    let mut k = i;
    while k < b.len() && b[k].is_ascii_alphabetic() {
        k += 1;
    }
    k - i <= 2 && k < b.len() && b[k] == b'.'
}

#[cfg(test)]
mod tests {
    use super::ascii_alnum_run_end;

    #[test]
    fn alnum_run_matches_a_byte_loop() {
        let byte_loop = |b: &[u8], mut i: usize| {
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            i
        };
        for stop in 0..=255u8 {
            for at in 0..20 {
                let mut text = vec![b'q'; 20];
                text[at] = stop;
                for start in 0..=at {
                    assert_eq!(
                        ascii_alnum_run_end(&text, start),
                        byte_loop(&text, start),
                        "byte {stop:#x} at {at}, from {start}"
                    );
                }
            }
        }
    }
}
