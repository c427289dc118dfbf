//! Check-worthy claims in plain prose that nobody is on record for.
//!
//! The reader behind `untagged-assertion` (and `export`): for each sentence of a
//! document's prose that no named attribution covers, it finds the words that make the
//! sentence something an editor checks — an agentless hedge, an allegation, a
//! statistic, a ranking, a speakerless quotation, a dated fact, or (with
//! [`UntaggedNumbers::All`]) any figure — and reports them as [`Assertion`]s with their
//! trigger words, sentence and a confidence. It knows nothing of diagnostics: the rule
//! turns assertions into findings, `export` into data.
//!
//! Word lists live beside this file in `claims/` (`agentless_hedges.txt`,
//! `allegations.txt`, `superlatives.txt`, `vague_sources.txt`, `evidence_nouns.txt`,
//! `negators.txt`), built into the binary and looked up through one table.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use serde::Serialize;

use crate::numbers::{UNIT_WORDS, WEEKDAYS};
use crate::prose::{Attribution, AttributionKind, FxHasher, short_key};
use crate::span::Reach;

/// What made a sentence check-worthy, in the order a finding prefers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    Hedge,
    Allegation,
    Statistic,
    #[serde(rename = "ranking")]
    Superlative,
    Quotation,
    /// A year or a date: an event placed in time ("in 2014", "on Nov. 13").
    Dated,
    /// The future stated as certain: "the bill won't reach the governor's desk".
    Prediction,
    /// What somebody wants, intends, knows or why they acted: "hoped", "in a bid to".
    Action,
    /// Loaded or interpretive wording stated as fact: "a debacle", "soured badly".
    Characterisation,
    /// Any other number, with `numbers = "all"`: an age, a clock time, a year in a name.
    Figure,
}

/// One signal: its kind and byte range in the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    kind: ClaimKind,
    range: Range<usize>,
}

// ------------------------------------------------------------------ word lists

/// Which of the rule's one-word lists a (normalized) word is on.
const SUPERLATIVE: u16 = 1;
const EVIDENCE_NOUN: u16 = 1 << 1;
const NEGATOR: u16 = 1 << 2;
const MONTH: u16 = 1 << 3;
const MULTIPLIER: u16 = 1 << 4;
const FUNCTION_WORD: u16 = 1 << 5;
/// "million", "billion", "trillion", "percent": end a spelled-out quantity.
const SPELLED: u16 = 1 << 6;
/// Loaded or interpretive words (`characterisations.txt`).
const CHARACTERISATION: u16 = 1 << 7;
/// Adverbs of the writer's judgement (`stance_adverbs.txt`).
const STANCE: u16 = 1 << 8;
/// Wants, intentions, knowledge, motives (`motives.txt`).
const MOTIVE: u16 = 1 << 9;
/// "will", "won't" (`futures.txt`).
const FUTURE_WORD: u16 = 1 << 10;
/// Hedged speculation and conditions (`modals.txt`).
const MODAL: u16 = 1 << 11;
/// What public records count: votes, markets, scores (`public_acts.txt`).
const PUBLIC_ACT: u16 = 1 << 12;
/// What a public record did: "passed", "closed", "won" (`record_moves.txt`).
const RECORD_MOVE: u16 = 1 << 15;
/// The writer or the reader in person (`first_person.txt`).
const PERSON: u16 = 1 << 13;
/// Words that open page furniture (`furniture.txt`).
const FURNITURE: u16 = 1 << 14;
/// The one-word lists whose words are a sentence's trigger words.
const TRIGGERS: u16 = SUPERLATIVE | SPELLED | CHARACTERISATION | STANCE | MOTIVE | FUTURE_WORD;

/// What the word lists know about one normalized word, looked up once per token.
#[derive(Debug, Clone, Copy, Default)]
struct Info {
    class: u16,
    /// 1 + index of the phrases of `hedges`, `allegations` and `rankings` that start
    /// with the word (0: none).
    phrases: [u16; 3],
}

const HEDGES: usize = 0;
const ALLEGATIONS: usize = 1;
const RANKINGS: usize = 2;

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Multi-word phrases (lower-case words), grouped by first word, longest first in
/// each group. [`Info::phrases`] gives a word's group.
struct Phrases(Vec<Vec<Vec<Box<str>>>>);

impl Phrases {
    /// Load `list` as phrase list number `which` of [`Info::phrases`].
    fn load(list: &str, which: usize, words: &mut FxMap<Box<str>, Info>) -> Phrases {
        let mut groups: Vec<Vec<Vec<Box<str>>>> = Vec::new();
        for phrase in entries(list) {
            let ws: Vec<Box<str>> = phrase.split_whitespace().map(Box::from).collect();
            let info = words.entry(ws[0].clone()).or_default();
            if info.phrases[which] == 0 {
                groups.push(Vec::new());
                info.phrases[which] = groups.len() as u16;
            }
            groups[usize::from(info.phrases[which]) - 1].push(ws);
        }
        for group in &mut groups {
            group.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
        Phrases(groups)
    }

    /// The longest phrase of list `which` starting at token `i`: its end token
    /// (exclusive).
    fn match_at(&self, which: usize, s: &Sentence<'_>, i: usize) -> Option<usize> {
        let t = s.toks.get(i)?;
        if t.kind == Kind::Punct {
            return None;
        }
        let group = usize::from(t.info.phrases[which]).checked_sub(1)?;
        self.0[group].iter().find_map(|p| {
            let end = i + p.len();
            (end <= s.toks.len()
                && p.iter()
                    .zip(&s.toks[i..end])
                    .all(|(w, t)| t.kind != Kind::Punct && s.lower_of(t) == &**w)
                // "was accused by prosecutors", "is believed by analysts": an agent.
                && !s.is(end, "by"))
            .then_some(end)
        })
    }
}

/// Non-empty, non-comment lines, lower-cased and trimmed.
fn entries(list: &str) -> impl Iterator<Item = String> + '_ {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
}

struct Lists {
    /// Every word of the one-word lists and every first word of a phrase.
    words: FxMap<Box<str>, Info>,
    /// Longest key of `words`: longer tokens are not looked up.
    max_len: usize,
    /// The entries of `words` with keys of at most 15 bytes, keyed inline.
    short: FxMap<(u64, u64), Info>,
    hedges: Phrases,
    allegations: Phrases,
    /// Rankings on their own (`a record`). Superlatives that need a determiner (`the
    /// lowest`) are [`SUPERLATIVE`] words.
    rankings: Phrases,
    /// Lower case, ASCII.
    vague_sources: Vec<String>,
    /// Matches wherever a hedge or an allegation phrase could match: [`hedged`] tokenizes
    /// a sentence only when this matches.
    may_hedge: PhraseFilter,
    /// Matches wherever [`signals`] could find a phrase or a one-word-list word (with
    /// [`has_digit_or_quote`], everything it finds). Sentences neither matches are not
    /// tokenized.
    may_signal: PhraseFilter,
    /// Matches wherever one of the trigger words ([`TRIGGERS`]) could stand as a word.
    may_trigger: WordFilter,
}

/// Decides, without tokenizing, whether one of a set of single words (lower case) can
/// stand in a text as a token: in any ASCII case, `'` as either apostrophe, with no
/// letter or digit on either side. Like [`PhraseFilter`] it may say yes wrongly, never
/// no wrongly. Single words need no overlapping search, so a contiguous NFA serves: it
/// is built in a fraction of the time a DFA of hundreds of words takes, which every run
/// would pay at start-up.
struct WordFilter(AhoCorasick);

impl WordFilter {
    fn new(words: impl IntoIterator<Item = String>) -> WordFilter {
        let mut patterns: Vec<String> = Vec::new();
        for word in words {
            if word.contains('\'') {
                patterns.push(word.replace('\'', "’"));
            }
            patterns.push(word);
        }
        patterns.sort();
        patterns.dedup();
        // Leftmost-longest: at a token's start the whole token is tried first, and a
        // match that starts inside a token ends inside it, so it hides no later token.
        WordFilter(
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(&patterns)
                .expect("the word lists make a valid automaton"),
        )
    }

    fn may_match(&self, text: &str) -> bool {
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        self.0.find_iter(text).any(|m| {
            !alnum(text[..m.start()].chars().next_back()) && !alnum(text[m.end()..].chars().next())
        })
    }
}

/// Decides, without tokenizing, whether one of a list of phrases (lower-case words) can
/// match a text as [`Phrases::match_at`] matches tokens: the phrase's words in any ASCII
/// case, `'` as either apostrophe, separated by any white space. It may say yes where
/// tokens would not match (inside longer words), never no where they would, so a "no"
/// means tokenizing is not needed.
///
/// One key word per phrase (its longest) is searched for with Aho-Corasick; the rest of
/// the phrase is checked around each hit. A regex of the same lists was as exact but took
/// about 8 ms to compile, which every run would pay.
struct PhraseFilter {
    keys: AhoCorasick,
    /// For each key pattern: (phrase, index of the key word in it).
    hits: Vec<Vec<(usize, usize)>>,
    phrases: Vec<Vec<Box<str>>>,
}

impl PhraseFilter {
    fn new(phrases: impl IntoIterator<Item = String>) -> PhraseFilter {
        let mut phrases: Vec<Vec<Box<str>>> = phrases
            .into_iter()
            .map(|p| p.split_whitespace().map(Box::from).collect::<Vec<_>>())
            .filter(|p: &Vec<Box<str>>| !p.is_empty())
            .collect();
        phrases.sort();
        phrases.dedup();
        let mut patterns: Vec<String> = Vec::new();
        let mut hits: Vec<Vec<(usize, usize)>> = Vec::new();
        for (p, words) in phrases.iter().enumerate() {
            let (k, key) = words
                .iter()
                .enumerate()
                .max_by_key(|(_, w)| w.len())
                .expect("phrases are not empty");
            // Both apostrophes: the key is searched for as written in the text.
            let mut forms = vec![key.to_string()];
            if key.contains('\'') {
                forms.push(key.replace('\'', "’"));
            }
            for form in forms {
                let at = match patterns.iter().position(|f| *f == form) {
                    Some(at) => at,
                    None => {
                        patterns.push(form);
                        hits.push(Vec::new());
                        patterns.len() - 1
                    }
                };
                hits[at].push((p, k));
            }
        }
        // A DFA: overlapping search (every hit, so none hides another) is slow on the
        // default NFA, and the automaton is small.
        let keys = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(&patterns)
            .expect("the word lists make a valid automaton");
        PhraseFilter {
            keys,
            hits,
            phrases,
        }
    }

    fn may_match(&self, text: &str) -> bool {
        self.keys.find_overlapping_iter(text).any(|hit| {
            self.hits[hit.pattern().as_usize()].iter().any(|&(p, k)| {
                let words = &self.phrases[p];
                let after = words[k + 1..].iter().try_fold(hit.end(), |at, word| {
                    let rest = &text[at..];
                    let word_at = at + rest.len() - rest.trim_start().len();
                    (word_at > at)
                        .then(|| word_prefix(&text[word_at..], word))
                        .flatten()
                        .map(|len| word_at + len)
                });
                let before = words[..k].iter().rev().try_fold(hit.start(), |at, word| {
                    let head = &text[..at];
                    let word_end = head.trim_end().len();
                    (word_end < at)
                        .then(|| word_suffix(&text[..word_end], word))
                        .flatten()
                        .map(|len| word_end - len)
                });
                after.is_some() && before.is_some()
            })
        })
    }
}

/// Whether the characters of `word` (lower case) come first in `text`, in any ASCII
/// case, `'` matching either apostrophe: the bytes they take in `text`.
fn same_word(
    mut text: impl Iterator<Item = char>,
    word: impl Iterator<Item = char>,
) -> Option<usize> {
    let mut len = 0;
    for w in word {
        let c = text.next()?;
        let same = if w == '\'' {
            c == '\'' || c == '’'
        } else {
            c.to_ascii_lowercase() == w
        };
        if !same {
            return None;
        }
        len += c.len_utf8();
    }
    Some(len)
}

/// Whether `word` (lower case) starts `text`, as [`same_word`] compares: its length there.
fn word_prefix(text: &str, word: &str) -> Option<usize> {
    same_word(text.chars(), word.chars())
}

/// Whether `word` (lower case) ends `text`, as [`same_word`] compares: its length there.
fn word_suffix(text: &str, word: &str) -> Option<usize> {
    same_word(text.chars().rev(), word.chars().rev())
}

/// Whether `text` holds a character that starts a number or a quotation.
fn has_digit_or_quote(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit() || b == b'"') || text.contains(['“', '”'])
}

impl Lists {
    fn info(&self, word: &str) -> Info {
        if word.len() > self.max_len {
            return Info::default();
        }
        match short_key(word.as_bytes()) {
            Some(k) => self.short.get(&k).copied().unwrap_or_default(),
            None => self.words.get(word).copied().unwrap_or_default(),
        }
    }
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let superlatives = include_str!("claims/superlatives.txt");
        let rankings: String = entries(superlatives)
            .filter_map(|l| l.strip_prefix("= ").map(|p| format!("{p}\n")))
            .collect();
        let mut words: FxMap<Box<str>, Info> = FxMap::default();
        let mut mark = |list: &mut dyn Iterator<Item = String>, class: u16| {
            for w in list {
                words.entry(w.into()).or_default().class |= class;
            }
        };
        let owned = |l: &[&str]| l.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        mark(
            &mut entries(superlatives).filter(|l| !l.starts_with('=')),
            SUPERLATIVE,
        );
        mark(
            &mut entries(include_str!("claims/evidence_nouns.txt")),
            EVIDENCE_NOUN,
        );
        mark(&mut entries(include_str!("claims/negators.txt")), NEGATOR);
        for (list, class) in [
            (
                include_str!("claims/characterisations.txt"),
                CHARACTERISATION,
            ),
            (include_str!("claims/stance_adverbs.txt"), STANCE),
            (include_str!("claims/motives.txt"), MOTIVE),
            (include_str!("claims/futures.txt"), FUTURE_WORD),
            (include_str!("claims/modals.txt"), MODAL),
            (include_str!("claims/public_acts.txt"), PUBLIC_ACT),
            (include_str!("claims/first_person.txt"), PERSON),
            (include_str!("claims/furniture.txt"), FURNITURE),
            (include_str!("claims/record_moves.txt"), RECORD_MOVE),
        ] {
            mark(&mut entries(list), class);
        }
        mark(&mut owned(MONTHS).into_iter(), MONTH);
        mark(&mut owned(MULTIPLIERS).into_iter(), MULTIPLIER);
        mark(&mut owned(FUNCTION_WORDS).into_iter(), FUNCTION_WORD);
        mark(
            &mut owned(&["million", "billion", "trillion", "percent"]).into_iter(),
            SPELLED,
        );
        mark(&mut owned(FRACTIONS).into_iter(), SPELLED);
        let hedges = Phrases::load(
            include_str!("claims/agentless_hedges.txt"),
            HEDGES,
            &mut words,
        );
        let allegations = Phrases::load(
            include_str!("claims/allegations.txt"),
            ALLEGATIONS,
            &mut words,
        );
        let rankings_list = rankings.clone();
        let rankings = Phrases::load(&rankings, RANKINGS, &mut words);
        let hedge_phrases: Vec<String> = entries(include_str!("claims/agentless_hedges.txt"))
            .chain(entries(include_str!("claims/allegations.txt")))
            .collect();
        let may_hedge = PhraseFilter::new(hedge_phrases.iter().cloned());
        // Every phrase signals() matches, and every word whose list class it reads as a
        // signal.
        let may_signal =
            PhraseFilter::new(hedge_phrases.into_iter().chain(entries(&rankings_list)));
        let may_trigger = WordFilter::new(
            words
                .iter()
                .filter(|(_, info)| info.class & TRIGGERS != 0)
                .map(|(word, _)| word.to_string()),
        );
        let max_len = words.keys().map(|k| k.len()).max().unwrap_or(0);
        let short = words
            .iter()
            .filter_map(|(k, v)| short_key(k.as_bytes()).map(|k| (k, *v)))
            .collect();
        Lists {
            words,
            max_len,
            short,
            hedges,
            allegations,
            rankings,
            vague_sources: entries(include_str!("claims/vague_sources.txt")).collect(),
            may_hedge,
            may_signal,
            may_trigger,
        }
    })
}

// ------------------------------------------------------------------ tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    /// Starts with a digit: `43,000`, `3.5`, `12:35`, `20-year-old`.
    Num,
    /// One character that is neither a letter nor a digit.
    Punct,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    s: usize,
    e: usize,
    kind: Kind,
    cap: bool,
    /// The normalized token in [`Sentence::lower`].
    ls: u32,
    le: u32,
    info: Info,
}

/// One sentence: its text and tokens, each with its normalized form (ASCII lower
/// case, curly apostrophes straightened) and its word-list entry. Reused from one
/// sentence to the next ([`Sentence::fill`]), so nothing is allocated per sentence.
struct Sentence<'a> {
    text: &'a str,
    /// The normalized tokens, back to back.
    lower: String,
    toks: Vec<Tok>,
}

/// The character at byte `i` and its length (ASCII without decoding).
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (char::from(b), 1)
    } else {
        let c = text[i..].chars().next().unwrap_or(' ');
        (c, c.len_utf8())
    }
}

impl<'a> Sentence<'a> {
    fn new() -> Self {
        Sentence {
            text: "",
            lower: String::new(),
            toks: Vec::new(),
        }
    }

    /// Tokenize `text`, replacing the previous sentence.
    fn fill(&mut self, text: &'a str) {
        self.text = text;
        self.lower.clear();
        self.toks.clear();
        let lists = lists();
        let n = text.len();
        let mut i = 0;
        while i < n {
            let (c, len) = char_at(text, i);
            if c.is_whitespace() {
                i += len;
                continue;
            }
            if !c.is_alphanumeric() {
                self.push(i, i + len, Kind::Punct, false, lists);
                i += len;
                continue;
            }
            let digit = c.is_ascii_digit();
            let mut prev = c;
            let mut j = i + len;
            while j < n {
                let (c, len) = char_at(text, j);
                if c.is_alphanumeric() {
                    prev = c;
                    j += len;
                    continue;
                }
                let next = (j + len < n).then(|| char_at(text, j + len));
                let next_alnum = next.is_some_and(|(c, _)| c.is_alphanumeric());
                let joins = match c {
                    '.' | ',' | ':' | '/' => {
                        digit
                            && prev.is_ascii_digit()
                            && next.is_some_and(|(c, _)| c.is_ascii_digit())
                            || c == '.' && !digit && next_alnum && prev.is_alphabetic()
                    }
                    '\'' | '’' | '-' => next_alnum,
                    _ => false,
                };
                let Some((next, next_len)) = next.filter(|_| joins) else {
                    break;
                };
                prev = next;
                j += len + next_len;
            }
            let kind = if digit { Kind::Num } else { Kind::Word };
            self.push(i, j, kind, c.is_uppercase(), lists);
            i = j;
        }
    }

    fn push(&mut self, s: usize, e: usize, kind: Kind, cap: bool, lists: &Lists) {
        let ls = self.lower.len();
        let word = &self.text[s..e];
        if word.is_ascii() {
            self.lower.push_str(word);
            self.lower[ls..].make_ascii_lowercase();
        } else {
            for c in word.chars() {
                self.lower.push(match c {
                    '’' => '\'',
                    c => c.to_ascii_lowercase(),
                });
            }
        }
        let info = if kind == Kind::Punct {
            Info::default()
        } else {
            lists.info(&self.lower[ls..])
        };
        self.toks.push(Tok {
            s,
            e,
            kind,
            cap,
            ls: ls as u32,
            le: self.lower.len() as u32,
            info,
        });
    }

    /// The normalized token.
    fn lower_of(&self, t: &Tok) -> &str {
        &self.lower[t.ls as usize..t.le as usize]
    }

    fn word(&self, i: usize) -> &str {
        self.lower_of(&self.toks[i])
    }

    /// Token `i` is a word on the one-word lists `class`.
    fn has(&self, i: usize, class: u16) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && t.info.class & class != 0)
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind != Kind::Punct && self.lower_of(t) == word)
    }

    fn is_punct(&self, i: usize, chars: &[char]) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.kind == Kind::Punct && self.text[t.s..].starts_with(|c: char| chars.contains(&c))
        })
    }

    fn range(&self, from: usize, to: usize) -> Range<usize> {
        self.toks[from].s..self.toks[to - 1].e
    }

    fn words(&self) -> usize {
        self.toks.iter().filter(|t| t.kind != Kind::Punct).count()
    }

    /// A negation among the three words before token `i`.
    fn negated(&self, i: usize) -> bool {
        (i.saturating_sub(3)..i).any(|k| {
            self.toks[k].kind == Kind::Word
                && (self.has(k, NEGATOR) || self.word(k).ends_with("n't"))
        })
    }
}

// ------------------------------------------------------------------ signals

const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];

/// Words that make a number a quantity and belong to the statistic.
const MULTIPLIERS: &[&str] = &[
    "percent",
    "per",
    "cent",
    "percentage",
    "points",
    "point",
    "thousand",
    "million",
    "billion",
    "trillion",
    "bn",
    "m",
];

/// Words that do not complete a statistic ("43,000 of the …" keeps "43,000").
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "to", "and", "or", "for", "from", "at", "by", "with", "is",
    "are", "was", "were", "be", "been", "that", "this", "as", "than", "but", "since", "after",
    "before", "over", "under", "into", "per", "a.m", "p.m", "am", "pm", "has", "have", "had",
    "will", "would", "who", "which", "it", "its", "their", "his", "her", "he", "she", "they", "we",
    "i", "you", "not", "more", "less", "about", "up", "down", "out", "last", "next", "this",
    "each", "between", "through", "during", "until", "when", "while", "if", "among", "overall",
    "so", "too",
];

fn statistic(s: &Sentence<'_>, i: usize) -> Option<(ClaimKind, Range<usize>)> {
    let w = s.word(i);
    let money = i > 0 && s.is_punct(i - 1, &['$', '€', '£']);
    let mut end = i + 1;
    while end < s.toks.len() && (s.is_punct(end, &['%']) || s.has(end, MULTIPLIER)) {
        end += 1;
    }
    let quantity = money || end > i + 1;
    if !quantity {
        let digits = w.trim_end_matches("'s").trim_end_matches('s');
        let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        // Clock times, dates and fractions written with ':' or '/'.
        if w.contains([':', '/']) {
            return None;
        }
        // ISO dates ("2016-07-05") and decades ("the '60s").
        if w.len() == 10 && w.as_bytes()[4] == b'-' && w.as_bytes()[7] == b'-'
            || digits.len() == 2 && w.ends_with('s')
        {
            return None;
        }
        // Identifiers, hashes and timestamps in embedded markup: "7eJzbRDcvJ",
        // "1449075600".
        let letters = w.bytes().filter(u8::is_ascii_alphabetic).count();
        if letters > 2 && !w.contains('-') || all_digits && digits.len() >= 9 {
            return None;
        }
        // Ordinals and ages: "70th", "21st", "20-year-old".
        if w.ends_with("st") || w.ends_with("nd") || w.ends_with("rd") || w.ends_with("th") {
            return None;
        }
        if w.contains("-year") || w.contains("-month") || w.contains("-day") {
            // "a 44-year low" is a ranking; "a 20-year-old" is an age.
            return (s.is(i + 1, "low") || s.is(i + 1, "high"))
                .then(|| (ClaimKind::Statistic, s.range(i, i + 2)));
        }
        let value: Option<u32> = all_digits.then(|| digits.parse().ok()).flatten();
        // Years: "2016", "the 1990s", "2016's".
        // Dates: "Sept. 11", "11 September".
        let month = |k: usize| s.has(k, MONTH);
        let prev_word = (0..i).rev().find(|&k| !s.is_punct(k, &['.']));
        if value.is_some_and(|v| (1000..=2099).contains(&v)) && digits.len() == 4 {
            return dated(s, i, prev_word.filter(|&k| month(k)));
        }
        if prev_word.is_some_and(month) {
            return dated(s, i, prev_word);
        }
        if i + 1 < s.toks.len() && month(i + 1) {
            return dated(s, i, None);
        }
        // Ages and spans of time: "44 years old", "10 years ago".
        if ["years", "year", "months", "days", "weeks"]
            .iter()
            .any(|u| s.is(i + 1, u))
            && (s.is(i + 2, "old") || s.is(i + 2, "ago"))
        {
            return None;
        }
        // Clock times: "3 p.m.", "10 o'clock".
        if ["a.m", "p.m", "am", "pm", "o'clock", "a", "p"]
            .iter()
            .any(|t| s.is(i + 1, t))
        {
            return None;
        }
        // Ages in apposition: "Sandra Paradis, 78, arrived"; "aged 78".
        let small = value.is_some_and(|v| v <= 120);
        if small
            && (i > 0 && s.is_punct(i - 1, &[',', '(']) && s.is_punct(i + 1, &[',', ')'])
                || i > 0 && (s.is(i - 1, "aged") || s.is(i - 1, "age") || s.is(i - 1, "ages"))
                // The end of an age range: "ages 18 to 24".
                || i > 2 && s.is(i - 1, "to") && (s.is(i - 3, "ages") || s.is(i - 3, "aged")))
        {
            return None;
        }
        if counter(s, i) {
            return None;
        }
        // The emergency number: "911 calls", "dialled 911".
        if w == "911" || w == "999" || w == "112" {
            let call = |k: usize| s.toks.get(k).is_some_and(|_| s.word(k).starts_with("call"));
            if call(i + 1) || i > 0 && (s.word(i - 1).starts_with("dial") || call(i - 1)) {
                return None;
            }
        }
        // Numbers that are part of a name: "Fortune 500", "Proposition 64", "No. 2".
        // Not after a sentence-initial word, a function word ("About 46") or a
        // possessive ("Florida's 99 delegates").
        if i > 1 && s.toks[i - 1].cap && s.toks[i - 1].kind == Kind::Word && {
            let w = s.word(i - 1);
            !s.has(i - 1, FUNCTION_WORD)
                && !w.ends_with("'s")
                && s.toks[..i - 1].iter().any(|t| t.kind != Kind::Punct)
        } || i > 0 && s.is(i - 1, "no")
        {
            return None;
        }
        if i >= 2 && s.is_punct(i - 1, &['.']) && s.is(i - 2, "no") {
            return None;
        }
    }
    // The counted noun: "43,000 officials", "43,000 shipping containers". A plural
    // ends it: in "57 delegates make it the largest prize" the next word is the verb.
    let noun_end = end + 2;
    while end < noun_end
        && end < s.toks.len()
        && s.toks[end].kind == Kind::Word
        && !s.toks[end].cap
        && !s.has(end, FUNCTION_WORD)
    {
        end += 1;
        if s.word(end - 1).ends_with('s') {
            break;
        }
    }
    let start = if money { i - 1 } else { i };
    Some((ClaimKind::Statistic, s.range(start, end)))
}

/// Token `i` is part of a counter, "1 of 12", "photo 3 of 20" (not "12 of the 15
/// motions", "3 of 20 members").
fn counter(s: &Sentence<'_>, i: usize) -> bool {
    let counted = |k: usize| {
        s.toks
            .get(k)
            .is_some_and(|t| t.kind == Kind::Word && !t.cap)
    };
    s.is(i + 1, "of") && s.toks.get(i + 2).is_some_and(|t| t.kind == Kind::Num) && !counted(i + 3)
        || i >= 2 && s.is(i - 1, "of") && s.toks[i - 2].kind == Kind::Num && !counted(i + 1)
}

/// Words before a year or a date that make it the time of an event: "in 2014",
/// "on Nov. 13", "since 2019".
const TIME_PREPOSITIONS: &[&str] = &[
    "in", "on", "since", "by", "from", "until", "till", "through", "between", "during", "before",
    "after", "of",
];

/// Words before a date that make it a schedule.
const FUTURE: &[&str] = &[
    "will",
    "shall",
    "scheduled",
    "set",
    "due",
    "upcoming",
    "expected",
    "planned",
];

/// Words between the preposition and the year: "in the late 1970s".
const TIME_FILLERS: &[&str] = &["the", "late", "early", "mid", "mid-"];

/// A year or a date (token `i`, after the month `month`) used as the time of an event:
/// "in 2014 the agency …", "in the late 1970s", "signed the bill April 5". Not a year or
/// a date naming a thing ("the 2008 race", "Carrier's Feb. 10 announcement", "the June 7
/// primary"), nor a dateline ("Saturday, March 19, 2016").
fn dated(s: &Sentence<'_>, i: usize, month: Option<usize>) -> Option<(ClaimKind, Range<usize>)> {
    let first = month.unwrap_or(i);
    // A year after the day ("Sept. 11, 2001"): the date ends at the year.
    let mut end = i + 1;
    // The month after the day: "on 22 June".
    if month.is_none() && s.has(end, MONTH) {
        end += 1;
    }
    if s.is_punct(end, &[',']) && s.toks.get(end + 1).is_some_and(|t| t.kind == Kind::Num) {
        end += 2;
    }
    let mut before = (0..first).rev().find(|&k| !s.is_punct(k, &[',']))?;
    while before > 0 && s.toks[before].kind == Kind::Word && TIME_FILLERS.contains(&s.word(before))
    {
        before -= 1;
    }
    let t = &s.toks[before];
    if t.kind != Kind::Word {
        return None;
    }
    // A future date is a schedule, not a fact to check yet: "will vote on 22 June",
    // "is scheduled for March 15". Only in the date's own clause: "while the debate
    // will be in New York, she debated him four times in 2008" is a dated fact.
    let clause = (0..first)
        .rev()
        .find(|&k| s.is_punct(k, &[',', ';', ':', '—', '–', '(']))
        .map_or(0, |k| k + 1);
    if (clause..first).any(|k| s.toks[k].kind == Kind::Word && FUTURE.contains(&s.word(k))) {
        return None;
    }
    let w = s.word(before);
    // "of the 1990s reform", "in 2008 elections": the year names what follows.
    let modifies = s
        .toks
        .get(end)
        .is_some_and(|t| t.kind == Kind::Word && !t.cap && !s.has(end, FUNCTION_WORD));
    if TIME_PREPOSITIONS.contains(&w) {
        return (!modifies).then(|| (ClaimKind::Dated, s.range(before, end)));
    }
    // A day after a verb or its object: "dropped out of the race May 3".
    (month.is_some() && !t.cap && !s.has(before, FUNCTION_WORD) && !w.ends_with("'s") && !modifies)
        .then(|| (ClaimKind::Dated, s.range(first, end)))
}

/// A spelled-out quantity: "two million", "a billion", "ten percent".
fn spelled_statistic(s: &Sentence<'_>, i: usize) -> Option<Range<usize>> {
    if !s.has(i, SPELLED) || i == 0 {
        return None;
    }
    let prev = i - 1;
    if s.toks[prev].kind != Kind::Word || s.is(prev, "per") {
        return None;
    }
    // A fraction or a dozen counts after a number word ("a fifth of", "two dozen
    // states", "one in three"), never as an ordinal ("the third time").
    let counted = |w: &str| NUMBER_WORDS.contains(&w) || UNIT_WORDS[1..=10].contains(&w);
    if FRACTIONS.contains(&s.word(i)) && !counted(s.word(prev)) {
        return None;
    }
    // "a third of", not "for a third year".
    if ["third", "fifth", "tenth", "quarter"].contains(&s.word(i)) && !s.is(i + 1, "of") {
        return None;
    }
    let mut end = i + 1;
    if end < s.toks.len()
        && s.toks[end].kind == Kind::Word
        && !s.toks[end].cap
        && !s.has(end, FUNCTION_WORD)
    {
        end += 1;
    }
    Some(s.range(prev, end))
}

/// Words that can stand between a determiner and a superlative: "the second largest".
/// Fractions and dozens: statistics after a number word (see [`spelled_statistic`]).
const FRACTIONS: &[&str] = &[
    "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths",
    "dozen", "dozens",
];

/// The words before a fraction that make it a quantity, besides "one" to "ten".
const NUMBER_WORDS: &[&str] = &["a", "several", "many"];

const RANK_FILLERS: &[&str] = &["second", "third", "fourth", "fifth", "single", "very"];

/// Possessives that rank like "the": "the nation's largest". "his most fervid fans" is
/// an opinion, not a rank.
const RANK_PLACES: &[&str] = &[
    "nation's",
    "country's",
    "world's",
    "state's",
    "city's",
    "region's",
    "company's",
    "party's",
];

fn superlative(s: &Sentence<'_>, i: usize) -> Option<Range<usize>> {
    if !s.has(i, SUPERLATIVE) {
        return None;
    }
    let w = s.word(i);
    let determiner = |k: usize| {
        s.toks[k].kind == Kind::Word && {
            let d = s.word(k);
            d == "the" || RANK_PLACES.contains(&d)
        }
    };
    let start = if i >= 1 && determiner(i - 1) {
        i - 1
    } else if i >= 2 && determiner(i - 2) && RANK_FILLERS.contains(&s.word(i - 1)) {
        i - 2
    } else {
        return None;
    };
    // "at the least", "at the most", "for the most part".
    if start > 0 && s.is(start - 1, "at") {
        return None;
    }
    let start = if start > 0 && s.is(start - 1, "the") {
        start - 1
    } else {
        start
    };
    let mut end = i + 1;
    // "the first woman to lead", "the only terminal ever built": a ranking only with
    // what it ranks against, not "the first time", "the last week", "the only way".
    if ["first", "only", "last"].contains(&w) {
        const TIMES: &[&str] = &[
            "time", "times", "day", "days", "week", "weeks", "month", "months", "year", "years",
            "quarter", "half", "round", "night", "stage", "step", "way", "one", "thing", "person",
            "two", "three", "few",
        ];
        let next = s.toks.get(i + 1)?;
        if next.kind != Kind::Word || TIMES.contains(&s.word(i + 1)) {
            return None;
        }
        let ranks = (i + 2..(i + 5).min(s.toks.len())).any(|k| s.is(k, "to") || s.is(k, "ever"));
        return ranks.then(|| s.range(start, i + 2));
    }
    if ["most", "least", "fewest"].contains(&w) {
        let next = s.toks.get(i + 1)?;
        if next.kind == Kind::Punct {
            return None;
        }
        let n = s.word(i + 1);
        if ["part", "recent", "likely", "important", "of"].contains(&n) {
            return None;
        }
        end += 1;
    }
    Some(s.range(start, end))
}

/// Quotations of four words or more inside the sentence.
fn quotation(s: &Sentence<'_>) -> Option<Range<usize>> {
    let mut open: Option<usize> = None;
    for k in 0..s.toks.len() {
        let t = &s.toks[k];
        if t.kind != Kind::Punct {
            continue;
        }
        let c = s.text[t.s..].chars().next().unwrap_or(' ');
        let opening = c == '“' || c == '"' && open.is_none();
        let closing = c == '”' || c == '"' && open.is_some();
        if let (true, Some(o)) = (closing, open) {
            let words = s.toks[o + 1..k]
                .iter()
                .filter(|t| t.kind != Kind::Punct)
                .count();
            if words >= 4 {
                return Some(s.range(o, k + 1));
            }
            open = None;
        } else if opening {
            open = Some(k);
        }
    }
    None
}

/// Every signal of a sentence, in token order (figures last).
fn signals(s: &Sentence<'_>, numbers: UntaggedNumbers) -> Vec<Found> {
    let mut found = Vec::new();
    if s.words() < 3 {
        // Too short to assert anything ("10:20 p.m.", "2."), but the numbers check
        // still asks where each figure comes from.
        if numbers == UntaggedNumbers::All {
            push_figures(s, &mut found);
        }
        return found;
    }
    let lists = lists();
    // A named poll, count or study in the sentence is the source of its numbers:
    // "the latest Gallup poll", "the AP count", "the union's survey". "In some polls",
    // "the survey" and "a new report" name nobody.
    let sourced = (0..s.toks.len()).any(|k| {
        s.toks[k].kind == Kind::Word
            && s.has(k, EVIDENCE_NOUN)
            && (k.saturating_sub(3)..k).any(|n| {
                let t = &s.toks[n];
                t.kind == Kind::Word
                    && (s.word(n).ends_with("'s")
                        || t.cap
                            && !s.has(n, FUNCTION_WORD)
                            && s.toks[..n].iter().any(|t| t.kind != Kind::Punct))
            })
    });
    let mut i = 0;
    while i < s.toks.len() {
        let t = s.toks[i];
        match t.kind {
            Kind::Punct => {}
            Kind::Num => {
                if let Some((kind, range)) = statistic(s, i) {
                    found.push(Found { kind, range });
                }
            }
            Kind::Word => {
                if let Some(end) = lists.hedges.match_at(HEDGES, s, i) {
                    found.push(Found {
                        kind: ClaimKind::Hedge,
                        range: s.range(i, end),
                    });
                    i = end;
                    continue;
                }
                if let Some(end) = lists.allegations.match_at(ALLEGATIONS, s, i)
                    && !s.negated(i)
                {
                    found.push(Found {
                        kind: ClaimKind::Allegation,
                        range: s.range(i, end),
                    });
                    i = end;
                    continue;
                }
                if let Some(end) = lists.rankings.match_at(RANKINGS, s, i) {
                    found.push(Found {
                        kind: ClaimKind::Superlative,
                        range: s.range(i, end),
                    });
                    i = end;
                    continue;
                }
                for (kind, range) in [
                    (ClaimKind::Superlative, superlative(s, i)),
                    (ClaimKind::Statistic, spelled_statistic(s, i)),
                ] {
                    if let Some(range) = range {
                        found.push(Found { kind, range });
                    }
                }
                let class = t.info.class;
                let judged = if class & FUTURE_WORD != 0 {
                    // "will vote on 22 June", "will meet on Monday": a schedule.
                    (!scheduled(s)).then_some(ClaimKind::Prediction)
                } else if class & MOTIVE != 0 {
                    Some(ClaimKind::Action)
                } else if class & (CHARACTERISATION | STANCE) != 0 {
                    Some(ClaimKind::Characterisation)
                } else {
                    None
                };
                if let Some(kind) = judged {
                    found.push(Found {
                        kind,
                        range: s.range(i, i + 1),
                    });
                }
            }
        }
        i += 1;
    }
    if numbers == UntaggedNumbers::All {
        push_figures(s, &mut found);
    }
    if sourced {
        found.retain(|f| {
            !matches!(
                f.kind,
                ClaimKind::Statistic
                    | ClaimKind::Superlative
                    | ClaimKind::Dated
                    | ClaimKind::Figure
            )
        });
    }
    if let Some(range) = quotation(s) {
        found.push(Found {
            kind: ClaimKind::Quotation,
            range,
        });
    }
    found
}

// ------------------------------------------------------------------ attribution

/// With `numbers = "all"`: every number that no other signal covers is a figure, but
/// for counters ("Photo 5 of 18"), which state nothing.
fn push_figures(s: &Sentence<'_>, found: &mut Vec<Found>) {
    let covered: Vec<Range<usize>> = found.iter().map(|f| f.range.clone()).collect();
    for (k, t) in s.toks.iter().enumerate() {
        if t.kind == Kind::Num
            && !counter(s, k)
            && !covered.iter().any(|r| r.start <= t.s && t.e <= r.end)
        {
            found.push(Found {
                kind: ClaimKind::Figure,
                range: s.range(k, k + 1),
            });
        }
    }
}

/// Whether an attribution's source names somebody ("sources", "it" and "people familiar
/// with the matter" do not).
fn names_somebody(source: &str) -> bool {
    const SKIP: &[&str] = &[
        "a",
        "an",
        "the",
        "two",
        "three",
        "several",
        "multiple",
        "other",
        "another",
        "anonymous",
        "unnamed",
        "senior",
        "one",
        "few",
        "various",
        "numerous",
    ];
    // The lists are ASCII: comparing without lower-casing a copy keeps this free of
    // allocation (it runs for every attribution of every document).
    let vague = &lists().vague_sources;
    let first = source
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .find(|w| !SKIP.iter().any(|s| w.eq_ignore_ascii_case(s)));
    first.is_none_or(|w| !vague.iter().any(|v| w.eq_ignore_ascii_case(v)))
}

/// The agentless hedges ("is said to be", "it is believed") and passive allegations
/// ("was accused of") in a sentence, found once for all the attributions in it: a
/// sentence can hold thousands of cues, and looking again for each would be quadratic.
struct HedgeSpans(Reach);

impl HedgeSpans {
    fn find<'a>(text: &'a str, range: Range<usize>, s: &mut Sentence<'a>) -> HedgeSpans {
        let mut spans = Vec::new();
        if lists().may_hedge.may_match(&text[range.clone()]) {
            s.fill(&text[range.clone()]);
            let s = &*s;
            let passive = |i: usize| ["is", "was", "are", "were", "been"].contains(&s.word(i));
            for i in 0..s.toks.len() {
                let hedge = lists().hedges.match_at(HEDGES, s, i);
                let allegation = || {
                    lists()
                        .allegations
                        .match_at(ALLEGATIONS, s, i)
                        .filter(|_| passive(i))
                };
                if let Some(e) = hedge.or_else(allegation) {
                    spans.push((s.toks[i].s + range.start, s.toks[e - 1].e + range.start));
                }
            }
        }
        HedgeSpans(Reach::new(spans))
    }

    /// Whether a hedge overlaps `[lo, hi)` or ends at most two bytes before it.
    fn touches(&self, lo: usize, hi: usize) -> bool {
        self.0.max_end_before(hi).is_some_and(|end| end + 2 > lo)
    }
}

/// Whether an agentless hedge touches the attribution's source or cue ("is said to be",
/// "it is believed", "a source close to the minister said"): the detector reads a
/// subject as the source, but nobody is on record. In the cue, or at the head of the
/// source ("a source close to the minister"), not in a relative clause of it ("X, who
/// was rumored to …").
fn hedged(a: &Attribution, hedges: &HedgeSpans) -> bool {
    let Some(cue) = &a.cue else {
        return false;
    };
    hedges.touches(cue.start, cue.end)
        || a.source
            .as_ref()
            .is_some_and(|src| hedges.touches(src.start, (src.start + 12).min(src.end)))
}

/// Whether `a` puts somebody on record for what it covers. A cue whose source the
/// detector did not find still counts (`"…," the email said`), unless it is an
/// agentless hedge (`hedges` of its sentence, found on first need); a quotation without
/// a cue counts when it continues a speaker: a person named before it, or a named cue
/// shortly before it (`continues`).
fn is_named(text: &str, a: &Attribution, continues: bool, hedges: impl FnOnce() -> bool) -> bool {
    match a.kind {
        AttributionKind::Hedge => false,
        AttributionKind::QuoteOnly => a.resolved_source.is_some() || continues,
        _ => {
            a.source
                .as_ref()
                .is_none_or(|r| names_somebody(&text[r.clone()]))
                && !hedges()
        }
    }
}

/// How far (bytes) after a cue a quotation without one still continues its speaker.
const CONTINUATION: usize = 600;

/// The parts of the text that named attributions cover (sentence of the cue, cue,
/// content), merged and sorted.
fn attributed_ranges<'a>(
    text: &'a str,
    attributions: &[Attribution],
    s: &mut Sentence<'a>,
) -> Attributed {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut stance: Vec<Range<usize>> = Vec::new();
    // Where the last named cue ended: a quotation soon after it continues its speaker.
    let mut last_cue: Option<usize> = None;
    // Attributions come sorted by sentence: one group per sentence.
    let mut first = 0;
    while first < attributions.len() {
        let sentence = &attributions[first].sentence;
        let group_len = attributions[first..]
            .iter()
            .take_while(|a| a.sentence == *sentence)
            .count();
        let group = &attributions[first..first + group_len];
        first += group_len;
        // The sentence and every cue in it (a cue may reach past the sentence).
        let stretch = group.iter().fold(sentence.clone(), |r, a| match &a.cue {
            Some(cue) => r.start.min(cue.start)..r.end.max(cue.end),
            None => r,
        });
        let mut hedges: Option<HedgeSpans> = None;
        for a in group {
            let continues = last_cue.is_some_and(|end| a.sentence.start < end + CONTINUATION);
            let named = is_named(text, a, continues, || {
                let hedges =
                    hedges.get_or_insert_with(|| HedgeSpans::find(text, stretch.clone(), s));
                hedged(a, hedges)
            });
            if !named {
                continue;
            }
            // A belief or an intention ("X wants", "X decided") says what somebody
            // thinks or plans, not who says so: it attributes nothing, but the reader
            // weighs it.
            if matches!(a.kind, AttributionKind::Belief | AttributionKind::Intention) {
                stance.push(a.sentence.clone());
                continue;
            }
            if let Some(cue) = &a.cue {
                last_cue = Some(cue.end);
            }
            ranges.push(a.sentence.clone());
            ranges.extend(a.cue.clone());
            ranges.extend(a.content.clone());
        }
    }
    Attributed {
        speech: merge(ranges),
        stance: merge(stance),
    }
}

/// The parts of the text that attributions cover.
struct Attributed {
    /// Somebody on record: the sentence, cue and content of a named speech, document
    /// or quotation attribution (sorted, disjoint).
    speech: Vec<Range<usize>>,
    /// Sentences with a belief or intention cue only (sorted, disjoint).
    stance: Vec<Range<usize>>,
}

/// `ranges` sorted and merged where they overlap or touch.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Whether `range` overlaps one of the sorted, disjoint `ranges`.
fn overlaps(ranges: &[Range<usize>], range: &Range<usize>) -> bool {
    let k = ranges.partition_point(|r| r.end <= range.start);
    ranges.get(k).is_some_and(|r| r.start < range.end)
}

/// Which numbers make an untagged sentence check-worthy (`[untagged-assertion]
/// numbers` in `claimmark.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UntaggedNumbers {
    /// Statistics, money, percentages and dated events; not ages, clock times,
    /// ordinals or numbers in names. Quiet enough to keep on while writing.
    #[default]
    Statistics,
    /// Every figure in a sentence nobody is on record for, as a numbers check does
    /// before publication: ages, times and years in names too.
    All,
}

impl UntaggedNumbers {
    /// The word `claimmark.toml` uses for it.
    pub fn as_str(self) -> &'static str {
        match self {
            UntaggedNumbers::Statistics => "statistics",
            UntaggedNumbers::All => "all",
        }
    }
}

/// A check-worthy claim in a sentence nobody is on record for. Offsets are bytes into
/// the prose text the reader was given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assertion {
    pub kind: ClaimKind,
    /// The words that make the sentence check-worthy: the figure, the allegation verb,
    /// the superlative.
    pub trigger: Range<usize>,
    pub sentence: Range<usize>,
    /// How likely an editor is to agree that this needs a source, from 0 to 1: the
    /// confidence model's reading of [`Assertion::features`].
    pub confidence: f32,
    /// What the reader saw in and around the sentence.
    pub features: Features,
    /// Whether the sentence states a public record or common knowledge, which a house
    /// may not ask a source for.
    pub class: ClaimClass,
}

/// What kind of fact an assertion states, for the house policy on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimClass {
    /// Everything else: a source is wanted.
    Claim,
    /// Votes and tallies, market closes, scores, election returns.
    PublicRecord,
    /// What every reader may be assumed to know (`claims/common_knowledge.txt` and the
    /// house's own `facts`).
    CommonKnowledge,
}

/// How the claim reader is set up (`[untagged-assertion]` in `claimmark.toml`).
#[derive(Debug, Clone, Copy, Default)]
pub struct ClaimOptions<'a> {
    pub numbers: UntaggedNumbers,
    /// Phrases of common knowledge beyond the built-in list, lower case.
    pub facts: &'a [String],
}

/// The features the confidence model weighs, one bit each; [`FEATURE_NAMES`] names
/// them in bit order (the names `claims/weights.txt` and `export` use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Features(u32);

/// Names of the feature bits, in order. The first ones are the trigger's kind.
pub const FEATURE_NAMES: &[&str] = &[
    "kind-hedge",
    "kind-allegation",
    "kind-statistic",
    "kind-ranking",
    "kind-quotation",
    "kind-dated",
    "kind-prediction",
    "kind-action",
    "kind-characterisation",
    "kind-figure",
    "also-figure",
    "also-characterisation",
    "also-stance-adverb",
    "also-motive",
    "modal",
    "public-record",
    "in-person",
    "quotation-marks",
    "stance-cue",
    "source-before",
    "source-two-before",
    "source-after",
    "paragraph-start",
    "pronoun-subject",
    "short",
    "long",
    "ends-with-colon",
    "several-signals",
    "negated",
];

impl Features {
    fn set(&mut self, name: &str) {
        let bit = FEATURE_NAMES
            .iter()
            .position(|n| *n == name)
            .expect("a known feature");
        self.0 |= 1 << bit;
    }

    /// Whether the feature called `name` is set.
    pub fn has(self, name: &str) -> bool {
        FEATURE_NAMES
            .iter()
            .position(|n| *n == name)
            .is_some_and(|bit| self.0 & (1 << bit) != 0)
    }

    /// The names of the features that are set.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        FEATURE_NAMES
            .iter()
            .enumerate()
            .filter(move |(bit, _)| self.0 & (1 << bit) != 0)
            .map(|(_, name)| *name)
    }
}

impl Serialize for Features {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.names())
    }
}

/// The confidence model: a logistic regression over [`Features`], fitted on the
/// hand-labelled dev set by `bench/fit-untagged.py`, which writes `claims/weights.txt`.
struct Model {
    bias: f32,
    weights: [f32; 32],
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let mut model = Model {
            bias: 0.0,
            weights: [0.0; 32],
        };
        for line in include_str!("claims/weights.txt").lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((name, weight)) = line.split_once(char::is_whitespace) else {
                continue;
            };
            let Ok(weight) = weight.trim().parse::<f32>() else {
                continue;
            };
            if name == "bias" {
                model.bias = weight;
            } else if let Some(bit) = FEATURE_NAMES.iter().position(|n| *n == name) {
                model.weights[bit] = weight;
            }
        }
        model
    })
}

impl Model {
    fn confidence(&self, features: Features) -> f32 {
        let z = self.bias
            + (0..FEATURE_NAMES.len())
                .filter(|bit| features.0 & (1 << bit) != 0)
                .map(|bit| self.weights[bit])
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

const KIND_FEATURES: [(ClaimKind, &str); 10] = [
    (ClaimKind::Hedge, "kind-hedge"),
    (ClaimKind::Allegation, "kind-allegation"),
    (ClaimKind::Statistic, "kind-statistic"),
    (ClaimKind::Superlative, "kind-ranking"),
    (ClaimKind::Quotation, "kind-quotation"),
    (ClaimKind::Dated, "kind-dated"),
    (ClaimKind::Prediction, "kind-prediction"),
    (ClaimKind::Action, "kind-action"),
    (ClaimKind::Characterisation, "kind-characterisation"),
    (ClaimKind::Figure, "kind-figure"),
];

/// Pronouns and demonstratives that continue the subject of the sentence before.
const CONTINUING_SUBJECTS: &[&str] = &[
    "he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "its", "their",
];

/// Check-worthy assertions of `text`, one per sentence at most, in order.
///
/// `sentences` and `attributions` are the prose analysis of `text`
/// ([`analyze`](crate::prose::analyze)). `skip_sentence` says whether a sentence is
/// already accounted for (a claim tag covers it); `skip_trigger` whether a trigger sits
/// in text Claimmark does not read as prose (code, HTML, link destinations).
pub fn read_assertions(
    text: &str,
    sentences: &[Range<usize>],
    attributions: &[Attribution],
    options: &ClaimOptions<'_>,
    skip_sentence: impl Fn(&Range<usize>) -> bool,
    skip_trigger: impl Fn(&Range<usize>) -> bool,
) -> Vec<Assertion> {
    let mut s = Sentence::new();
    let attributed = attributed_ranges(text, attributions, &mut s);
    let on_record = |k: usize| overlaps(&attributed.speech, &sentences[k]);
    // Whether sentences `a` and `b` (a < b) are in one paragraph: no line break
    // between them.
    let same_paragraph =
        |a: usize, b: usize| !text[sentences[a].end..sentences[b].start].contains('\n');
    let mut out = Vec::new();
    for (k, sentence) in sentences.iter().enumerate() {
        if on_record(k) || skip_sentence(sentence) {
            continue;
        }
        let words = &text[sentence.clone()];
        // A question asserts nothing; furniture is no claim.
        let asks = words
            .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
            .ends_with('?');
        if asks || is_furniture(words) {
            continue;
        }
        let lists = lists();
        if !has_digit_or_quote(words)
            && !lists.may_trigger.may_match(words)
            && !lists.may_signal.may_match(words)
        {
            continue;
        }
        s.fill(words);
        let found: Vec<(ClaimKind, Range<usize>)> = signals(&s, options.numbers)
            .into_iter()
            .map(|f| {
                (
                    f.kind,
                    f.range.start + sentence.start..f.range.end + sentence.start,
                )
            })
            .filter(|(_, at)| !skip_trigger(at))
            .collect();
        let Some((kind, trigger)) = found.iter().min_by_key(|(kind, _)| *kind).cloned() else {
            continue;
        };
        let mut features = Features::default();
        let has_kind = |wanted: ClaimKind| found.iter().any(|(kind, _)| *kind == wanted);
        for (k, name) in KIND_FEATURES {
            if k == kind {
                features.set(name);
            }
        }
        if kind != ClaimKind::Statistic && has_kind(ClaimKind::Statistic) {
            features.set("also-figure");
        }
        let mut kinds: Vec<ClaimKind> = found.iter().map(|(kind, _)| *kind).collect();
        kinds.sort();
        kinds.dedup();
        if kinds.len() > 1 {
            features.set("several-signals");
        }
        let any = |class: u16| (0..s.toks.len()).any(|i| s.has(i, class));
        for (class, name) in [
            (CHARACTERISATION, "also-characterisation"),
            (STANCE, "also-stance-adverb"),
            (MOTIVE, "also-motive"),
            (MODAL, "modal"),
            (PERSON, "in-person"),
        ] {
            if any(class) {
                features.set(name);
            }
        }
        let trimmed = words.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
        if trimmed.ends_with(':') {
            features.set("ends-with-colon");
        }
        if words.contains(['"', '“', '”']) {
            features.set("quotation-marks");
        }
        if overlaps(&attributed.stance, sentence) {
            features.set("stance-cue");
        }
        let first_in_paragraph = k == 0 || !same_paragraph(k - 1, k);
        if first_in_paragraph {
            features.set("paragraph-start");
        } else {
            if on_record(k - 1) {
                features.set("source-before");
            } else if k >= 2 && same_paragraph(k - 2, k) && on_record(k - 2) {
                features.set("source-two-before");
            }
        }
        if k + 1 < sentences.len() && same_paragraph(k, k + 1) && on_record(k + 1) {
            features.set("source-after");
        }
        if s.toks
            .first()
            .is_some_and(|_| CONTINUING_SUBJECTS.contains(&s.word(0)))
        {
            features.set("pronoun-subject");
        }
        let n = s.words();
        if n < 8 {
            features.set("short");
        } else if n > 35 {
            features.set("long");
        }
        let trigger_token = s
            .toks
            .iter()
            .position(|t| t.s + sentence.start >= trigger.start)
            .unwrap_or(0);
        if s.negated(trigger_token) {
            features.set("negated");
        }
        let class = if public_record(&s) {
            features.set("public-record");
            ClaimClass::PublicRecord
        } else if common_knowledge(&s, trigger.start - sentence.start, options.facts) {
            ClaimClass::CommonKnowledge
        } else {
            ClaimClass::Claim
        };
        out.push(Assertion {
            kind,
            trigger,
            sentence: sentence.clone(),
            confidence: model().confidence(features),
            features,
            class,
        });
    }
    out
}

/// Whether a sentence names a day or a month: its future is a schedule ("will vote on
/// 22 June"), not a prediction.
fn scheduled(s: &Sentence<'_>) -> bool {
    (0..s.toks.len())
        .any(|i| s.has(i, MONTH) || s.is(i, "tomorrow") || WEEKDAYS.iter().any(|d| s.is(i, d)))
}

/// Whether a sentence states a public record: a figure, a word for what records count
/// (votes, an index, shares, a score) and a word for what it did ("passed", "closed",
/// "won"), as in "The Dow closed 1.2 percent lower" or "The House passed it 228-199".
fn public_record(s: &Sentence<'_>) -> bool {
    let any = |class: u16| (0..s.toks.len()).any(|i| s.has(i, class));
    // A tally or a score: "31-4", "228-199".
    let tally = s.toks.iter().any(|t| {
        t.kind == Kind::Num && {
            let w = &s.text[t.s..t.e];
            w.split_once('-').is_some_and(|(a, b)| {
                !a.is_empty()
                    && !b.is_empty()
                    && a.bytes().all(|c| c.is_ascii_digit())
                    && b.bytes().all(|c| c.is_ascii_digit())
            })
        }
    });
    let figure = s.toks.iter().any(|t| t.kind == Kind::Num);
    any(RECORD_MOVE) && (tally || figure && any(PUBLIC_ACT))
}

/// Whether the trigger at byte `at` of the sentence lies in a phrase of common
/// knowledge: the built-in list or the house's `facts`.
fn common_knowledge(s: &Sentence<'_>, at: usize, facts: &[String]) -> bool {
    static BUILTIN: OnceLock<AhoCorasick> = OnceLock::new();
    let builtin = BUILTIN.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(entries(include_str!("claims/common_knowledge.txt")))
            .expect("the common-knowledge list makes a valid automaton")
    });
    let covers = |start: usize, end: usize| start <= at && at < end;
    if builtin
        .find_overlapping_iter(s.text)
        .any(|m| covers(m.start(), m.end()))
    {
        return true;
    }
    if facts.is_empty() {
        return false;
    }
    // ASCII case only, so byte offsets stay those of the sentence.
    let lower = s.text.to_ascii_lowercase();
    facts.iter().any(|fact| {
        lower
            .match_indices(fact.as_str())
            .any(|(i, m)| covers(i, i + m.len()))
    })
}

/// Whether a sentence is page furniture scraped with an article rather than a claim:
/// a caption, a credit, a promo or a plug ("Photo: …", "Sign up for …"), or a line
/// too short to be a sentence with no end punctuation (a heading, a byline).
pub fn is_furniture(sentence: &str) -> bool {
    let ends_like_a_sentence = sentence
        .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with(['.', '?', '!', ':', ';']);
    // Only whether there are at most 12 or 20 words matters: count the spaces of at most
    // 21 words (a furniture line has no runs of white space worth decoding).
    let words = 1 + memchr::memchr_iter(b' ', sentence.trim().as_bytes())
        .take(20)
        .count();
    if !ends_like_a_sentence && words <= 12 {
        return true;
    }
    let first: String = sentence
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_ascii_lowercase();
    words <= 20 && lists().info(&first).class & FURNITURE != 0 && {
        // "Photo: …", "Read more …", "Sign up …": the furniture word opens the line
        // with a colon, a link word or a plug after it.
        let rest = sentence[sentence.find(|c: char| c.is_alphanumeric()).unwrap_or(0)..]
            .trim_start_matches(|c: char| c.is_alphanumeric() || c == '\'');
        rest.starts_with([':', '|', '(']) || {
            let next = rest
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase();
            [
                "up", "more", "us", "here", "the", "our", "to", "by", "on", "also",
            ]
            .contains(&next.as_str())
        }
    }
}

#[cfg(test)]
mod prefilters {
    use super::*;
    use proptest::prelude::*;

    /// One entry of the rule's lists (phrases, superlatives after "the", spelled
    /// numbers and fractions after a word, trigger words alone), in any case, with either apostrophe and any white space
    /// between its words, among filler words, numbers and punctuation.
    fn sentence() -> impl Strategy<Value = String> {
        let lists = lists();
        let phrases = |list: &Phrases| -> Vec<String> {
            list.0.iter().flatten().map(|p| p.join(" ")).collect()
        };
        let mut entries: Vec<String> = phrases(&lists.hedges);
        entries.extend(phrases(&lists.allegations));
        entries.extend(phrases(&lists.rankings));
        let mut words: Vec<(&Box<str>, &Info)> = lists.words.iter().collect();
        words.sort_by_key(|(w, _)| w.to_string());
        for (word, info) in words {
            if info.class & SUPERLATIVE != 0 {
                entries.push(format!("the {word}"));
            }
            if info.class & SPELLED != 0 {
                entries.push(format!("two {word}"));
                entries.push(format!("a {word} of"));
            }
            if info.class & (CHARACTERISATION | STANCE | MOTIVE | FUTURE_WORD) != 0 {
                entries.push(word.to_string());
            }
        }
        let filler = prop::sample::select(vec![
            "the", "minister", "was", "by", "to", "be", "it", ",", ".", "É", "i’m", "43,000", "“",
            "”", "\"", "said", "sources", "2019",
        ]);
        let space = || prop::sample::select(vec![" ", "  ", "\n", "\u{a0}", "\t"]);
        let entry =
            (prop::sample::select(entries), 0u8..4, space()).prop_map(|(entry, case, space)| {
                let entry = match case {
                    0 => entry.to_uppercase(),
                    1 => entry.replace('\'', "’"),
                    2 => entry
                        .split(' ')
                        .map(|w| {
                            let mut c = w.chars();
                            c.next()
                                .map(|f| f.to_uppercase().chain(c).collect())
                                .unwrap_or_default()
                        })
                        .collect::<Vec<String>>()
                        .join(" "),
                    _ => entry,
                };
                entry.replace(' ', space)
            });
        (
            prop::collection::vec((filler.clone(), space()), 0..5),
            entry,
            prop::collection::vec((space(), filler), 0..5),
        )
            .prop_map(|(before, entry, after)| {
                let mut text: String = before
                    .into_iter()
                    .map(|(w, sp)| format!("{w}{sp}"))
                    .collect();
                text.push_str(&entry);
                text.extend(after.into_iter().map(|(sp, w)| format!("{sp}{w}")));
                text
            })
    }

    proptest! {
        /// Skipping a sentence the prefilter does not match never loses a signal.
        #[test]
        fn may_signal_misses_no_signal(text in sentence()) {
            let mut s = Sentence::new();
            s.fill(&text);
            for numbers in [UntaggedNumbers::Statistics, UntaggedNumbers::All] {
                if !signals(&s, numbers).is_empty() {
                    let lists = lists();
                    prop_assert!(
                        has_digit_or_quote(&text)
                            || lists.may_trigger.may_match(&text)
                            || lists.may_signal.may_match(&text),
                        "{:?}",
                        text
                    );
                }
            }
        }

        /// Skipping a window the prefilter does not match never loses a hedge or an
        /// allegation phrase.
        #[test]
        fn may_hedge_misses_no_phrase(text in sentence()) {
            let mut s = Sentence::new();
            s.fill(&text);
            let lists = lists();
            let any = (0..s.toks.len()).any(|i| {
                lists.hedges.match_at(HEDGES, &s, i).is_some()
                    || lists.allegations.match_at(ALLEGATIONS, &s, i).is_some()
            });
            if any {
                prop_assert!(lists.may_hedge.may_match(&text), "{:?}", text);
            }
        }
    }
}

#[cfg(test)]
mod reader {
    use super::*;
    use crate::prose::analyze;

    fn read(text: &str) -> Vec<Assertion> {
        let prose = analyze(text);
        read_assertions(
            text,
            &prose.sentences,
            &prose.attributions,
            &ClaimOptions::default(),
            |_| false,
            |_| false,
        )
    }

    #[test]
    fn furniture_is_told_from_sentences() {
        for line in [
            "Photo: the northern quay at dawn (Harbour Press)",
            "Sign up for our morning briefing on the port",
            "Read more: the harbour's long decline.",
            "Harbour authority under scrutiny",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "The port authority has lost track of 43,000 containers since the merger.",
            "Photographers waited on the quay for the minister, who never came.",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn records_and_common_knowledge_are_classed() {
        let class = |text: &str| read(text).first().map(|a| a.class);
        assert_eq!(
            class("The harbour council voted 31-4 on Thursday to sell the dry dock."),
            Some(ClaimClass::PublicRecord)
        );
        assert_eq!(
            class("Shares of the towing company closed 4.2 percent lower on Friday."),
            Some(ClaimClass::PublicRecord)
        );
        assert_eq!(
            class("The Senate has 100 members, so the treaty needs 67 of them."),
            Some(ClaimClass::CommonKnowledge)
        );
        assert_eq!(
            class("The authority lost 43,000 containers in the merger."),
            Some(ClaimClass::Claim)
        );
    }

    #[test]
    fn a_source_just_before_lowers_the_confidence() {
        let alone = read("The port counted another 3,000 missing containers.");
        let carried = read(
            "The Court of Audit said the port had lost 12,000 containers. \
             The port counted another 3,000 missing containers.",
        );
        assert!(carried[0].features.has("source-before"));
        assert!(!alone[0].features.has("source-before"));
        assert!(carried[0].confidence < alone[0].confidence);
        assert!((0.0..=1.0).contains(&alone[0].confidence));
    }

    #[test]
    fn questions_are_never_proposed() {
        assert!(read("Will the board survive the 43,000 missing containers?").is_empty());
    }
}
