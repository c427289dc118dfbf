//! Numbers in plain, untagged copy: the figures and dates of ordinary sentences, what
//! they count or date, and the links between mentions that must agree.
//!
//! [`analyze_plain`] reads the sentences of a text (byte ranges, as the prose splitter
//! gives them) with the number reader ([`read_quantities`]), so every qualifier, unit,
//! number word and date form of the tagged checks applies here too, and relative dates
//! count from the publication day in [`NumberOptions::publication_date`]. A sentence
//! is read only when it holds a digit or a relative-date word (`ago`, `year`, `month`)
//! and a cue word (an event word in a plausible place, or `each`/`apiece`), found with
//! byte scans and one automaton pass; other sentences with figures are read only when
//! the draft has a group of parts, for its total. So most of a draft costs a scan.
//!
//! # What is linked
//!
//! Precision comes first: a link is made only where the copy leaves no doubt that two
//! mentions are about the same thing, and most figures are never linked.
//!
//! * **The same event dated twice.** A sentence with exactly one date phrase and
//!   exactly one event word dates that event: an event verb ([`EVENT_VERBS`]: `was
//!   arrested`, `caught`, `convicted`, `founded`, `died`, `elected`, `born`) whose
//!   subject is the name right before it (after auxiliaries or an appositive; passive
//!   verbs need `was`/`has been`, so an agent or a cohort dates nothing), with the date
//!   within [`DATE_REACH`] words after it or opening the clause; or an episode noun
//!   (`case`, `affair`, `scandal`, `trial`) right after a name and right before its
//!   date (`the Simm case in 2009`). Mentions with the same name (its last word:
//!   `Herman Simm` and `Simm`) and the same verb class are one event, and its
//!   absolute dates are checked against its relative ones; an episode's absolute date
//!   covers the relative date of its arrest and conviction, give or take a year (a
//!   case runs on). Dates of one kind that disagree mean several events (a record of
//!   arrests): none is linked. A sentence that says the event repeated (`again`,
//!   `another`, `second`, `previously`, …) dates nothing.
//! * **Parts and a total.** `A and B had about 650 personnel each` (or `the two
//!   services … each`) makes a group of k parts; a later `the 1,300 officers` of the
//!   same counted noun (staff words count as one noun: `personnel`, `staff`,
//!   `officers`, `employees`, `officials`, …) with every part named, or `both
//!   services` / `the two services`, within [`TOTAL_REACH`] words of it, is their
//!   total when it is written as one (`the`, `their`, a possessive, `a total of`, `in all`, `combined`, `between
//!   them`). The total must lie in k × the part.
//!
//! * **A restated figure.** A figure with a possessive owner right before it
//!   (`Russia's 450 diplomats`, `the commission's 32,000 staff`) and a counted noun,
//!   in a sentence with no date and no word of change or comparison ([`CHANGE_WORDS`]),
//!   is that owner's figure of that noun; every such figure of one owner and noun must
//!   agree.
//!
//! # What is never guessed
//!
//! Pronouns are not resolved (`he was arrested in 2009` dates nobody); a date
//! relative to another event (`two years later`) is not resolved; a year without
//! `in`/`on` (`the 2009 case`) is a name, not a date; two figures of one noun without
//! the group or total wording above are not assumed to be the same figure.
//!
//! A link **holds** when the interval arithmetic says both figures can be true
//! (their intervals overlap); otherwise it is a conflict. Everything is linear in the
//! text: mentions are bucketed by key and each bucket is checked in one pass with a
//! running intersection.

use std::collections::HashMap;
use std::ops::Range;

use num_bigint::BigInt;
use num_rational::BigRational;

use super::NumberOptions;
use super::interval::{Bound, Interval};
use super::quantity::{Quantity, Unit};
use super::read::read_quantities;

/// How sure a link is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    /// The same name, the same event word or the same group.
    High,
    /// A looser match (an episode and the arrest it covers; two absolute dates).
    Medium,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
        }
    }
}

/// One figure or date of the copy that takes part in a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The phrase read (`10 years ago`, `about 650`), in bytes of the text.
    pub phrase: Range<usize>,
    pub quantity: Quantity,
    /// A date counted from publication (`10 years ago`, `last year`).
    pub relative: bool,
    /// What it dates or counts: the event words (`Simm … caught`, `the Simm case`) or
    /// the counted noun (`personnel`).
    pub about: Range<usize>,
}

/// What kind of agreement a link checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// One event, dated twice.
    SameEvent,
    /// k equal parts and their total.
    PartsAndTotal,
    /// One owner's figure of one noun, stated twice (`the commission's 32,000 staff`).
    Restated,
}

impl LinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::SameEvent => "same-event",
            LinkKind::PartsAndTotal => "parts-and-total",
            LinkKind::Restated => "restated",
        }
    }
}

/// Two mentions that must agree, and whether they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub kind: LinkKind,
    /// The earlier mention (for parts and a total: the part).
    pub first: Mention,
    /// The later mention (the total).
    pub second: Mention,
    /// What `first` says `second` must be: the same date (`first`'s own), or k × the
    /// part.
    pub expected: Quantity,
    /// How many parts (1 for an event).
    pub parts: u32,
    /// An episode was compared with a year's slack either side (a case runs on).
    pub slack: bool,
    /// The name or group the link is keyed on (`simm`; `adiv+vsse`).
    pub key: String,
    pub holds: bool,
    pub confidence: Confidence,
}

/// The links of a text, in order of their second mention.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlainNumbers {
    pub links: Vec<Link>,
}

impl PlainNumbers {
    pub fn conflicts(&self) -> impl Iterator<Item = &Link> {
        self.links.iter().filter(|l| !l.holds)
    }
}

/// Event verbs and the class of event each names. The class keys a bucket: two dates
/// of one name are compared only within a class (an arrest and a conviction are
/// different events).
pub const EVENT_VERBS: &[(&str, EventClass)] = &[
    ("arrested", EventClass::Arrest),
    ("caught", EventClass::Arrest),
    ("detained", EventClass::Arrest),
    ("apprehended", EventClass::Arrest),
    ("unmasked", EventClass::Arrest),
    ("convicted", EventClass::Conviction),
    ("sentenced", EventClass::Sentence),
    ("jailed", EventClass::Sentence),
    ("imprisoned", EventClass::Sentence),
    ("founded", EventClass::Founding),
    ("established", EventClass::Founding),
    ("died", EventClass::Death),
    ("assassinated", EventClass::Death),
    ("born", EventClass::Birth),
    ("elected", EventClass::Election),
    ("resigned", EventClass::Resignation),
    ("indicted", EventClass::Indictment),
    ("annexed", EventClass::Annexation),
];

/// Event verbs that date an event of their subject only in the passive (`Simm was
/// arrested`).
const PASSIVE: &[&str] = &[
    "arrested",
    "caught",
    "detained",
    "apprehended",
    "unmasked",
    "convicted",
    "sentenced",
    "jailed",
    "imprisoned",
    "born",
    "elected",
    "indicted",
    "assassinated",
];

/// Nouns that name a whole episode after a name (`the Simm case`).
const EPISODE_NOUNS: &[&str] = &["case", "affair", "scandal", "trial"];

/// Words that say an event happened more than once, so its dates need not agree.
const REPEATED: &[&str] = &[
    "again",
    "another",
    "second",
    "third",
    "twice",
    "previously",
    "re-arrested",
    "first",
    "earlier",
    "also",
    "each",
    "every",
    "both",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventClass {
    Arrest,
    Conviction,
    /// Sentenced or jailed: often weeks or years after the conviction.
    Sentence,
    Founding,
    Death,
    Birth,
    Election,
    Resignation,
    Indictment,
    Annexation,
    /// `the X case`: covers the arrest and the conviction.
    Episode,
}

/// Capitalized words that are not names (sentence openers, titles, months; and the
/// days, `WEEKDAYS`, and "one" to "ten", `UNIT_WORDS`).
const NOT_NAMES: &[&str] = &[
    "a",
    "an",
    "the",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "of",
    "to",
    "as",
    "and",
    "but",
    "or",
    "so",
    "yet",
    "if",
    "when",
    "while",
    "after",
    "before",
    "since",
    "until",
    "during",
    "although",
    "though",
    "because",
    "then",
    "now",
    "there",
    "here",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "who",
    "what",
    "which",
    "where",
    "why",
    "how",
    "last",
    "next",
    "this",
    "some",
    "many",
    "most",
    "all",
    "several",
    "few",
    "however",
    "meanwhile",
    "according",
    "officials",
    "yesterday",
    "today",
    "earlier",
    "later",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "lord",
    "president",
    "prime",
    "minister",
    "former",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "both",
    "each",
    "every",
    "no",
    "not",
    "only",
    "even",
    "still",
    "years",
    "year",
    "ago",
    "about",
    "around",
    "nearly",
    "almost",
    "over",
];

/// Counted nouns that count the same people: a staff figure may be written with any.
const STAFF_NOUNS: &[&str] = &[
    "staff",
    "staffers",
    "personnel",
    "employees",
    "officers",
    "agents",
    "workers",
    "officials",
    "operatives",
    "spies",
];

const TROOP_NOUNS: &[&str] = &["troops", "soldiers", "servicemen"];

/// Words in front of a figure, or after it, that write it as a total.
const TOTAL_BEFORE: &[&str] = &["the", "their", "its", "all", "total", "combined"];
const TOTAL_AFTER: &[&str] = &["in all", "combined", "together", "in total", "between them"];

/// How many words either side of a total may name its parts.
const TOTAL_REACH: usize = 10;

/// Longest sentence looked at: longer ones are not news sentences, and the bound keeps
/// reading linear (each sentence is read once either way).
const MAX_SENTENCE: usize = 2_000;
/// At most this many groups of parts per document are kept.
const MAX_GROUPS: usize = 64;

#[derive(Debug, Clone, Copy)]
struct Word<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl Word<'_> {
    fn is(&self, w: &str) -> bool {
        self.text.eq_ignore_ascii_case(w)
    }

    fn lower(&self) -> String {
        self.text.to_lowercase()
    }
}

/// Words (letters, digits, inner apostrophes and hyphens) and single punctuation
/// marks, with byte offsets into `s`.
fn words(s: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(j, d)) = chars.peek() {
                let inner = matches!(d, '\'' | '’' | '-' | ',' | '.')
                    && s[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_alphanumeric())
                    && (d != ',' && d != '.' || c.is_ascii_digit());
                if d.is_alphanumeric() || inner {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
        }
        out.push(Word {
            text: &s[i..end],
            start: i,
            end,
        });
    }
    out
}

/// The word without a possessive ending (`Simm's`, `services'`).
fn bare(w: &str) -> &str {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(b) = w.strip_suffix(suffix) {
            return b;
        }
    }
    w
}

fn is_name(w: &Word<'_>) -> bool {
    let b = bare(w.text);
    b.chars().next().is_some_and(char::is_uppercase)
        && b.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
        && !NOT_NAMES
            .iter()
            .chain(&super::WEEKDAYS)
            .chain(&super::UNIT_WORDS[1..=10])
            .any(|n| n.eq_ignore_ascii_case(b))
}

/// The counted-noun class of a word: staff and troop words share one, any other
/// plural noun is its own.
fn noun_class(w: &str) -> Option<String> {
    let lower = bare(w).to_lowercase();
    if STAFF_NOUNS.contains(&lower.as_str()) {
        return Some("staff".into());
    }
    if TROOP_NOUNS.contains(&lower.as_str()) {
        return Some("troops".into());
    }
    None
}

fn number_word(w: &str) -> Option<u32> {
    let lower = w.to_lowercase();
    [
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ]
    .iter()
    .position(|n| *n == lower)
    .map(|p| p as u32 + 2)
    .or_else(|| (lower == "both").then_some(2))
}

/// A date that can date an event: a bounded period (not `before 2010`).
fn bounded(q: &Quantity) -> bool {
    q.interval.lo.is_some() && q.interval.hi.is_some()
}

/// Whether `s` holds an ASCII digit. Thirty-two bytes at a time without an early exit
/// inside a block, so the compiler can compare them in one vector instruction: every
/// sentence of a draft goes through here.
fn has_digit(s: &str) -> bool {
    let b = s.as_bytes();
    let mut blocks = b.chunks_exact(32);
    let found = blocks.by_ref().any(|block| {
        block
            .iter()
            .fold(false, |acc, c| acc | (c.wrapping_sub(b'0') < 10))
    });
    found || blocks.remainder().iter().any(u8::is_ascii_digit)
}

/// Whether a sentence without digits can hold a relative date (`a decade ago`, `last
/// year`, `this month`).
fn relative_words(s: &str) -> bool {
    static RELATIVE: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 3]> =
        std::sync::OnceLock::new();
    // Built once: a searcher per call would cost more than the search.
    let finders =
        RELATIVE.get_or_init(|| [" ago", " year", " month"].map(memchr::memmem::Finder::new));
    finders.iter().any(|f| f.find(s.as_bytes()).is_some())
}

struct EventMention {
    mention: Mention,
    key: String,
    class: EventClass,
}

struct Group {
    part: Mention,
    units: Vec<String>,
    noun_ref: Option<(String, u32)>,
    noun: String,
    k: u32,
    sentence: usize,
}

struct Total {
    mention: Mention,
    noun: String,
    names: Vec<String>,
    noun_refs: Vec<(String, u32)>,
    sentence: usize,
}

/// The links of plain copy. `sentences` are byte ranges of `text` in order; `opts`
/// carries the publication day relative dates count from.
pub fn analyze_plain(text: &str, sentences: &[Range<usize>], opts: &NumberOptions) -> PlainNumbers {
    let mut events = Vec::new();
    let mut groups = Vec::new();
    let mut totals = Vec::new();
    // Only sentences with a figure and an event word or `each` can date an event or
    // make a group of parts. The rest are read only when some sentence made a group
    // (rare), for their totals.
    let mut later = Vec::new();
    let mut restated = Vec::new();
    for (si, range) in sentences.iter().enumerate() {
        let Some(s) = text.get(range.clone()) else {
            continue;
        };
        if s.len() > MAX_SENTENCE {
            continue;
        }
        let digit = has_digit(s);
        if !(digit || relative_words(s)) {
            continue;
        }
        let Some(cue) = cue_in(s) else {
            if digit {
                if possessive_figure(s)
                    && let Some((reads, ws)) = read_sentence(s, opts)
                {
                    restated_in(&ws, &reads, range.start, &mut restated);
                }
                later.push(si);
            }
            continue;
        };
        // An event needs a date: a year, or a date counted from publication.
        if cue == Cue::Event && !(has_year(s) || relative_words(s) || has_month(s)) {
            continue;
        }
        let Some((reads, ws)) = read_sentence(s, opts) else {
            continue;
        };
        if let Some(e) = event_in(s, &ws, &reads, range.start) {
            events.push(e);
        }
        for (phrase, q, _) in reads.iter().filter(|(_, q, _)| q.unit == Unit::Count) {
            read_count(&ws, phrase, q, range.start, si, &mut groups, &mut totals);
        }
        restated_in(&ws, &reads, range.start, &mut restated);
    }
    if !groups.is_empty() {
        for si in later {
            let range = &sentences[si];
            let s = &text[range.clone()];
            let Some((reads, ws)) = read_sentence(s, opts) else {
                continue;
            };
            for (phrase, q, _) in reads.iter().filter(|(_, q, _)| q.unit == Unit::Count) {
                read_count(&ws, phrase, q, range.start, si, &mut groups, &mut totals);
            }
        }
    }
    let mut links = event_links(&events);
    links.extend(total_links(&groups, &totals));
    links.extend(restated_links(&restated));
    links.sort_by_key(|l| (l.second.phrase.start, l.first.phrase.start));
    PlainNumbers { links }
}

type Reads = Vec<(Range<usize>, Quantity, bool)>;

/// The figures and dates of a sentence, and its words; `None` when it has no figure.
fn read_sentence<'s>(s: &'s str, opts: &NumberOptions) -> Option<(Reads, Vec<Word<'s>>)> {
    let reads: Reads = read_quantities(s, opts)
        .into_iter()
        .filter_map(|r| Some((r.matched?, r.quantity?, r.relative_date)))
        .collect();
    (!reads.is_empty()).then(|| (reads, words(s)))
}

/// What a sentence's cue words can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// Only event words: a dated event.
    Event,
    /// `each` or `apiece`: a group of parts (and maybe an event).
    Parts,
}

/// The cue words of a sentence, if any: event words, or `each`/`apiece`, as whole
/// words, found in one automaton pass (built once per process), run only on sentences
/// with a figure or a relative-date word.
fn cue_in(s: &str) -> Option<Cue> {
    static FINDER: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::OnceLock::new();
    let finder = FINDER.get_or_init(|| {
        let words = EVENT_VERBS
            .iter()
            .map(|(w, _)| *w)
            .chain(EPISODE_NOUNS.iter().copied())
            .chain(["each", "apiece"]);
        // A DFA (two dozen short words: small), leftmost-longest: words cannot overlap
        // across a space, so the non-overlapping search still sees every whole word.
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(words)
            .ok()
    });
    let Some(finder) = finder else {
        // Not reachable with these fixed words; reading the sentence is still correct.
        return Some(Cue::Parts);
    };
    let b = s.as_bytes();
    let letter = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_alphabetic());
    // Pattern ids: the event verbs, then the episode nouns, then `each` and `apiece`.
    let parts_from = EVENT_VERBS.len() + EPISODE_NOUNS.len();
    let mut cue = None;
    for m in finder.find_iter(s) {
        if (m.start() > 0 && letter(m.start() - 1)) || letter(m.end()) {
            continue;
        }
        let id = m.pattern().as_usize();
        // Windows in bytes, on character boundaries: what `read_count` and `event_in`
        // look at lies within them (a figure within three words of `each`; a date within
        // eight words of its verb, or opening its clause), so this only skips sentences
        // they would reject after reading.
        let window = |from: usize, to: usize| {
            let from = crate::span::floor_char_boundary(s, from);
            let to = crate::span::floor_char_boundary(s, to.min(s.len()));
            &s[from..to.max(from)]
        };
        if id >= parts_from {
            if has_digit(window(
                m.start().saturating_sub(PARTS_WINDOW),
                m.end() + PARTS_WINDOW,
            )) {
                return Some(Cue::Parts);
            }
            continue;
        }
        let dated = |w: &str| has_year(w) || relative_words(w) || has_month(w);
        let near = window(m.start().saturating_sub(DATE_WINDOW), m.end() + DATE_WINDOW);
        if !(dated(near) || dated(window(0, DATE_WINDOW))) {
            continue;
        }
        // Cheap checks of what `event_in` requires, so most sentences with `case` or
        // `elected` are never read: an episode noun follows a capitalized word, a
        // passive verb has its auxiliary a few words before it.
        let before = &b[m.start().saturating_sub(AUXILIARY_WINDOW)..m.start()];
        let plausible = if id >= EVENT_VERBS.len() {
            capitalized_word_before(before)
        } else if PASSIVE.contains(&EVENT_VERBS[id].0) {
            [&b"was "[..], b"is ", b"been ", b"got ", b"Was "]
                .iter()
                .any(|aux| memchr::memmem::find(before, aux).is_some())
        } else {
            true
        };
        if plausible {
            cue = Some(Cue::Event);
        }
    }
    cue
}

/// Bytes either side of `each` in which its figure must be (`about 650 personnel
/// each`, `each employ about 650`).
const PARTS_WINDOW: usize = 48;

/// Bytes either side of an event word (and from the start of the sentence) in which
/// its date must begin: eight words of news prose fit well within it.
const DATE_WINDOW: usize = 160;

/// How many bytes before a passive verb its auxiliary may start (`was reportedly
/// caught`).
const AUXILIARY_WINDOW: usize = 28;

/// Whether the word before the end of `b` (after one space) starts with a capital
/// letter (ASCII or not): `Simm case`, `Simm's case`, `Orlov affair`.
fn capitalized_word_before(b: &[u8]) -> bool {
    let Some(rest) = b.strip_suffix(b" ") else {
        return false;
    };
    let start = rest
        .iter()
        .rposition(|c| c.is_ascii_whitespace())
        .map_or(0, |p| p + 1);
    let word = &rest[start..];
    match word.first() {
        Some(c) if c.is_ascii() => c.is_ascii_uppercase(),
        // Non-ASCII initial: decide by the character (`Øster affair`).
        Some(_) => std::str::from_utf8(word)
            .ok()
            .and_then(|w| w.chars().next())
            .is_none_or(char::is_uppercase),
        None => false,
    }
}

/// Four digits in a row: a year can be there.
fn has_year(s: &str) -> bool {
    let mut run = 0;
    s.bytes().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        run == 4
    })
}

/// A capitalized month name or abbreviation (`on April 19`, `Feb. 2`), for dates
/// whose year is the publication year.
fn has_month(s: &str) -> bool {
    const MONTHS: [&[u8]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    let b = s.as_bytes();
    memchr::memchr3_iter(b'J', b'M', b'A', b)
        .chain(memchr::memchr3_iter(b'F', b'S', b'O', b))
        .chain(memchr::memchr2_iter(b'N', b'D', b))
        .any(|i| MONTHS.iter().any(|m| b[i..].starts_with(m)))
}

fn shift(r: &Range<usize>, base: usize) -> Range<usize> {
    r.start + base..r.end + base
}

/// The event a sentence dates, if it dates exactly one (see the module documentation).
fn event_in(
    s: &str,
    ws: &[Word<'_>],
    reads: &[(Range<usize>, Quantity, bool)],
    base: usize,
) -> Option<EventMention> {
    let dates: Vec<_> = reads
        .iter()
        .filter(|(_, q, _)| q.unit == Unit::Year)
        .collect();
    if dates.is_empty() || ws.iter().any(|w| REPEATED.iter().any(|r| w.is(r))) {
        return None;
    }
    let mut cues = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        if let Some((_, class)) = EVENT_VERBS.iter().find(|(v, _)| w.is(v)) {
            cues.push((i, *class));
        } else if EPISODE_NOUNS.iter().any(|n| w.is(n)) && i > 0 && is_name(&ws[i - 1]) {
            cues.push((i, EventClass::Episode));
        }
    }
    let [(cue, class)] = cues[..] else {
        return None;
    };
    // The clause of the cue: from the last `;` or `:` before it.
    let clause_start = ws[..cue]
        .iter()
        .rposition(|w| matches!(w.text, ";" | ":"))
        .map_or(0, |p| p + 1);
    // Exactly one date placed where it dates the cue; others in the sentence date other
    // things (`…, prosecutors said on Tuesday`).
    let mut placed = dates.into_iter().filter(|(phrase, _, _)| {
        let at = ws.partition_point(|w| w.start < phrase.start);
        at < ws.len() && at >= clause_start && dates_the_cue(ws, class, cue, clause_start, at)
    });
    let (phrase, q, relative) = placed.next()?;
    if placed.next().is_some() || !bounded(q) {
        return None;
    }
    let date_end = ws.partition_point(|w| w.start < phrase.end);
    // `during the 2014 election cycle`, `in the 2009 race`: a year that names something.
    if phrase_names_something(s, phrase, ws.get(date_end)) {
        return None;
    }
    let (name_at, about_start) = if class == EventClass::Episode {
        (cue - 1, ws[cue - 1].start)
    } else {
        let name = subject(ws, clause_start, cue)?;
        let mut first = name;
        while first > clause_start && is_name(&ws[first - 1]) {
            first -= 1;
        }
        (name, ws[first].start)
    };
    if ws[name_at].text.len() < 2 {
        return None;
    }
    let key = bare(ws[name_at].text).to_lowercase();
    let about = about_start..ws[cue].end;
    debug_assert!(s.get(about.clone()).is_some());
    Some(EventMention {
        mention: Mention {
            phrase: shift(phrase, base),
            quantity: q.clone(),
            relative: *relative,
            about: shift(&about, base),
        },
        key,
        class,
    })
}

/// How far after its verb a date may come and still date it (`was caught giving secrets
/// to Russia 10 years ago`: five words).
const DATE_REACH: usize = 8;

/// Whether the date at word `date` dates the cue at word `cue`: an episode's date comes
/// right after it (`the Simm case in 2009`); a verb's comes within [`DATE_REACH`] words
/// after it, or opens the clause (`In 2009, Simm was arrested`).
fn dates_the_cue(
    ws: &[Word<'_>],
    class: EventClass,
    cue: usize,
    clause_start: usize,
    date: usize,
) -> bool {
    if class == EventClass::Episode {
        return date == cue + 1;
    }
    if date > cue {
        return date - cue <= DATE_REACH && !ws[cue..date].iter().any(|w| w.text == ";");
    }
    date <= clause_start + 1
}

/// A date phrase that ends in a bare year followed by a lowercase word after `the`
/// (`during the 2014 election cycle`) or by a word that makes it a name (`in 2016
/// elections`).
fn phrase_names_something(s: &str, phrase: &Range<usize>, next: Option<&Word<'_>>) -> bool {
    let text = &s[phrase.clone()];
    let Some(next) = next else {
        return false;
    };
    let ends_in_year = text.bytes().last().is_some_and(|b| b.is_ascii_digit());
    let lower_word = next.text.chars().next().is_some_and(char::is_lowercase);
    let the = text
        .split_whitespace()
        .any(|w| w.eq_ignore_ascii_case("the"));
    const NAMED: &[&str] = &[
        "election",
        "elections",
        "campaign",
        "race",
        "season",
        "cycle",
        "budget",
        "midterms",
        "census",
        "law",
        "act",
        "report",
        "survey",
        "poll",
        "olympics",
        "games",
    ];
    ends_in_year && lower_word && (the || NAMED.iter().any(|n| next.is(n)))
}

/// Words between a subject and its event verb: auxiliaries and a few adverbs.
const AUXILIARIES: &[&str] = &[
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "been",
    "be",
    "being",
    "got",
    "who",
    "reportedly",
    "allegedly",
    "finally",
    "eventually",
    "later",
    "famously",
];

/// The subject of the verb at `cue`: the name right before it (after auxiliaries),
/// or the name before an appositive (`Herman Simm, a defence official, was caught`).
fn subject(ws: &[Word<'_>], clause_start: usize, cue: usize) -> Option<usize> {
    let mut j = cue.checked_sub(1)?;
    let mut singular_auxiliary = false;
    while j > clause_start && AUXILIARIES.iter().any(|a| ws[j].is(a)) {
        // `were`, `are`, `have`: a plural subject is a group, not one event.
        if ["were", "are", "have"].iter().any(|p| ws[j].is(p)) {
            return None;
        }
        singular_auxiliary |= ["was", "is", "been", "got", "has", "had"]
            .iter()
            .any(|p| ws[j].is(p));
        j -= 1;
    }
    // A passive verb needs its auxiliary: in `police arrested Simm` the name before the
    // verb is the agent, and `Americans born in 1960` is a cohort.
    if PASSIVE.iter().any(|p| ws[cue].is(p)) && !singular_auxiliary {
        return None;
    }
    // `A port official, Daniel Voss, was arrested`: the name before the comma; `Herman
    // Simm, a defence official, was caught`: the name before the appositive.
    if ws[j].text == "," && !(j > clause_start && is_name(&ws[j - 1])) {
        let open = (clause_start..j).rev().find(|&i| ws[i].text == ",")?;
        j = open.checked_sub(1)?;
    } else if ws[j].text == "," {
        j -= 1;
    }
    (j >= clause_start && is_name(&ws[j])).then_some(j)
}

/// A year, in the year-measured time line.
fn one_year() -> BigRational {
    BigRational::from_integer(BigInt::from(1))
}

fn widen_by_a_year(q: &Quantity) -> Quantity {
    let lo = q.interval.lo.as_ref().map(|b| Bound {
        value: &b.value - one_year(),
        inclusive: b.inclusive,
    });
    let hi = q.interval.hi.as_ref().map(|b| Bound {
        value: &b.value + one_year(),
        inclusive: b.inclusive,
    });
    Quantity::new(Interval::new(lo, hi), q.unit)
}

/// Same-event links, one bucket per name and class, each checked in one pass.
fn event_links(events: &[EventMention]) -> Vec<Link> {
    let mut buckets: HashMap<(&str, EventClass), Vec<usize>> = HashMap::new();
    let mut order = Vec::new();
    for (i, e) in events.iter().enumerate() {
        buckets
            .entry((e.key.as_str(), e.class))
            .or_insert_with(|| {
                order.push((e.key.as_str(), e.class));
                Vec::new()
            })
            .push(i);
    }
    let mut links = Vec::new();
    for key in &order {
        let bucket = &buckets[key];
        if key.1 == EventClass::Episode {
            // An episode against the arrest and the conviction of the same name.
            for class in [
                EventClass::Arrest,
                EventClass::Conviction,
                EventClass::Sentence,
            ] {
                if let Some(other) = buckets.get(&(key.0, class)) {
                    links.extend(cross_link(events, bucket, other));
                }
            }
        }
        // Two dates of one episode need not agree: a case runs over years.
        if key.1 != EventClass::Episode
            && let Some(link) = bucket_link(events, bucket)
        {
            links.push(link);
        }
    }
    links
}

fn event_link(a: &EventMention, b: &EventMention, expected: Quantity, holds: bool) -> Link {
    let confidence = if a.class == b.class {
        Confidence::High
    } else {
        Confidence::Medium
    };
    Link {
        kind: LinkKind::SameEvent,
        first: a.mention.clone(),
        second: b.mention.clone(),
        expected,
        parts: 1,
        slack: false,
        key: a.key.clone(),
        holds,
        confidence,
    }
}

/// The first of `idxs` and the moment all of them share, or `None` when there is no
/// date or they cannot all be true (Helly: intervals on a line that overlap pairwise
/// share a point, so one running intersection decides). Disagreeing dates of one name
/// and event word mean the copy tells of several such events (a record of arrests), so
/// none of them is linked.
fn agree(events: &[EventMention], idxs: &[usize], widen: bool) -> Option<(usize, Interval)> {
    let (&first, rest) = idxs.split_first()?;
    let value = |i: usize| {
        let q = &events[i].mention.quantity;
        if widen {
            widen_by_a_year(q).interval
        } else {
            q.interval.clone()
        }
    };
    let mut common = value(first);
    for &i in rest {
        let v = value(i);
        if !v.overlaps(&common) {
            return None;
        }
        common = common.intersection(&v);
    }
    Some((first, common))
}

fn split_by_kind(events: &[EventMention], bucket: &[usize]) -> (Vec<usize>, Vec<usize>) {
    bucket.iter().partition(|&&i| !events[i].mention.relative)
}

/// One event's absolute dates against its relative ones: a link when each kind agrees
/// within itself, holding when the two kinds overlap.
fn bucket_link(events: &[EventMention], bucket: &[usize]) -> Option<Link> {
    let (absolute, relative) = split_by_kind(events, bucket);
    let (a, a_common) = agree(events, &absolute, false)?;
    let (r, r_common) = agree(events, &relative, false)?;
    let holds = a_common.overlaps(&r_common);
    let (x, y) = if events[a].mention.phrase.start < events[r].mention.phrase.start {
        (&events[a], &events[r])
    } else {
        (&events[r], &events[a])
    };
    Some(event_link(x, y, x.mention.quantity.clone(), holds))
}

/// An episode's absolute dates (`the Simm case in 2009`, widened by a year) against
/// the relative arrest or conviction dates of the same name.
fn cross_link(events: &[EventMention], episodes: &[usize], others: &[usize]) -> Option<Link> {
    let (episodes, _) = split_by_kind(events, episodes);
    let (_, others) = split_by_kind(events, others);
    let (e, e_common) = agree(events, &episodes, true)?;
    let (o, o_common) = agree(events, &others, false)?;
    let holds = e_common.overlaps(&o_common);
    let (ep, other) = (&events[e], &events[o]);
    let (a, b) = if ep.mention.phrase.start < other.mention.phrase.start {
        (ep, other)
    } else {
        (other, ep)
    };
    let mut link = event_link(a, b, a.mention.quantity.clone(), holds);
    link.slack = true;
    link.confidence = Confidence::Medium;
    Some(link)
}

/// The counted noun after a figure: a staff or troop word within three words, else
/// the next word when it is a lowercase plural.
fn counted_noun(ws: &[Word<'_>], after: usize) -> Option<(usize, String)> {
    for (k, w) in ws.iter().enumerate().skip(after).take(3) {
        if let Some(class) = noun_class(w.text) {
            return Some((k, class));
        }
        if !w.text.chars().all(char::is_alphabetic) || is_name(w) && k > after {
            break;
        }
    }
    let w = ws.get(after)?;
    let lower = bare(w.text);
    (lower.len() > 3
        && lower.ends_with('s')
        && lower.chars().all(|c| c.is_lowercase())
        && ![
            "years", "days", "months", "weeks", "times", "percent", "points",
        ]
        .contains(&lower))
    .then(|| (after, lower.to_string()))
}

fn name_keys(ws: &[Word<'_>]) -> Vec<String> {
    ws.iter()
        .filter(|w| is_name(w))
        .map(|w| bare(w.text).to_lowercase())
        .collect()
}

/// `both services`, `the two services`: a plural noun after a count word.
fn noun_refs(ws: &[Word<'_>]) -> Vec<(String, u32)> {
    ws.windows(2)
        .filter_map(|p| {
            let k = number_word(p[0].text)?;
            let noun = bare(p[1].text).to_lowercase();
            (noun.ends_with('s') && noun.len() > 3).then_some((noun, k))
        })
        .collect()
}

/// A counted figure: the part of a group (`… 650 personnel each`) or a candidate total.
fn read_count(
    ws: &[Word<'_>],
    phrase: &Range<usize>,
    q: &Quantity,
    base: usize,
    sentence: usize,
    groups: &mut Vec<Group>,
    totals: &mut Vec<Total>,
) {
    if !bounded(q) {
        return;
    }
    // Words are in order: binary searches, so a sentence full of figures stays linear
    // in its figures times log of its words.
    let first = ws.partition_point(|w| w.start < phrase.end);
    let start_word = ws.partition_point(|w| w.end <= phrase.start);
    if first >= ws.len() || start_word >= ws.len() {
        return;
    }
    let Some((noun_at, noun)) = counted_noun(ws, first) else {
        return;
    };
    let mention = Mention {
        phrase: shift(phrase, base),
        quantity: q.clone(),
        relative: false,
        about: ws[noun_at].start + base..ws[noun_at].end + base,
    };
    let each_after = ws
        .get(noun_at + 1)
        .is_some_and(|w| w.is("each") || w.is("apiece"));
    let each_before = ws[start_word.saturating_sub(3)..start_word]
        .iter()
        .any(|w| w.is("each"));
    if each_after || each_before {
        if groups.len() >= MAX_GROUPS {
            return;
        }
        let before = &ws[..start_word];
        let units = conjoined_names(before);
        let noun_ref = noun_refs(before).into_iter().last();
        let k = match (&noun_ref, units.len()) {
            (Some((_, k)), 0) => *k,
            (Some((_, k)), n) if n as u32 == *k => *k,
            (None, n) if n >= 2 => n as u32,
            _ => return,
        };
        let mut units = units;
        units.sort();
        groups.push(Group {
            part: mention,
            units,
            noun_ref,
            noun,
            k,
            sentence,
        });
        return;
    }
    // A total is written as one.
    let before = start_word.checked_sub(1).map(|i| ws[i]).is_some_and(|w| {
        TOTAL_BEFORE.iter().any(|t| w.is(t))
            || w.text.ends_with(['\'', '’'])
            || w.text.ends_with("'s")
            || w.text.ends_with("’s")
    });
    let after_text: Vec<String> = ws[noun_at + 1..].iter().take(2).map(Word::lower).collect();
    let after = TOTAL_AFTER.iter().any(|t| {
        let joined = after_text.join(" ");
        joined.starts_with(t)
    });
    let total_of = start_word >= 3
        && ws[start_word - 3].is("a")
        && ws[start_word - 2].is("total")
        && ws[start_word - 1].is("of");
    if before || after || total_of {
        // The parts must be named next to the total (`the VSSE and ADIV's 1,300
        // officers`, `the 1,300 officers of the VSSE and the ADIV`), not anywhere in the
        // sentence, where the figure may be a third party's.
        let near =
            &ws[start_word.saturating_sub(TOTAL_REACH)..(noun_at + 1 + TOTAL_REACH).min(ws.len())];
        totals.push(Total {
            mention,
            noun,
            names: name_keys(near),
            noun_refs: noun_refs(near),
            sentence,
        });
    }
}

/// Words that say a figure changed or is compared, so two of them need not agree.
const CHANGE_WORDS: &[&str] = &[
    "more",
    "fewer",
    "less",
    "up",
    "down",
    "from",
    "than",
    "rose",
    "risen",
    "fell",
    "fallen",
    "increase",
    "increased",
    "decrease",
    "decreased",
    "cut",
    "cuts",
    "grew",
    "grown",
    "reduce",
    "reduced",
    "added",
    "adding",
    "lost",
    "losing",
    "hired",
    "hire",
    "laid",
    "shed",
    "extra",
    "additional",
    "new",
    "now",
    "once",
    "then",
    "former",
    "only",
    "just",
    "nearly",
    "almost",
    "each",
    "per",
    "every",
    "half",
    "percent",
    "of",
];

/// A figure owned by a possessive (`Russia's 450 diplomats`, `the commission's 32,000
/// staff`, `the services' 1,300 officers`): an apostrophe (`'`, or `’`, whose last UTF-8
/// byte is 0x99) next to an `s`, then a space and a digit. One pass for the rare
/// apostrophes, as every sentence with a figure goes through here.
fn possessive_figure(s: &str) -> bool {
    let b = s.as_bytes();
    let digit_after =
        |i: usize| b.get(i) == Some(&b' ') && b.get(i + 1).is_some_and(u8::is_ascii_digit);
    // `it's 5 o'clock`, `there's 1 left`: contractions, not owners.
    let contraction = |start: usize| {
        let word_start = b[..start]
            .iter()
            .rposition(|c| !c.is_ascii_alphabetic())
            .map_or(0, |p| p + 1);
        let word = &b[word_start..start];
        [
            &b"it"[..],
            b"that",
            b"there",
            b"what",
            b"he",
            b"she",
            b"who",
            b"let",
            b"here",
        ]
        .iter()
        .any(|c| word.eq_ignore_ascii_case(c))
    };
    memchr::memchr2_iter(b'\'', 0x99, b).any(|i| {
        let start = if b[i] == b'\'' {
            i
        } else {
            i.saturating_sub(2)
        };
        (b.get(i + 1) == Some(&b's') && digit_after(i + 2) && !contraction(start))
            || (start > 0 && b[start - 1] == b's' && digit_after(i + 1))
    })
}

struct Restated {
    key: String,
    mention: Mention,
}

/// The possessive figures of a sentence that says nothing of change or time.
fn restated_in(ws: &[Word<'_>], reads: &Reads, base: usize, out: &mut Vec<Restated>) {
    if reads.iter().any(|(_, q, _)| q.unit == Unit::Year)
        || ws.iter().any(|w| CHANGE_WORDS.iter().any(|c| w.is(c)))
    {
        return;
    }
    for (phrase, q, _) in reads.iter().filter(|(_, q, _)| q.unit == Unit::Count) {
        let at = ws.partition_point(|w| w.end <= phrase.start);
        let first = ws.partition_point(|w| w.start < phrase.end);
        let (Some(owner_at), true) = (at.checked_sub(1), first < ws.len()) else {
            continue;
        };
        let owner = &ws[owner_at];
        let possessive = bare(owner.text) != owner.text;
        // A name (`Russia's`) or a definite noun (`the commission's`).
        let definite = is_name(owner) || (owner_at > 0 && ws[owner_at - 1].is("the"));
        if !possessive || !definite || !bounded(q) || ws[at].start != phrase.start {
            continue;
        }
        let Some((noun_at, noun)) = counted_noun(ws, first) else {
            continue;
        };
        out.push(Restated {
            key: format!("{}/{noun}", bare(owner.text).to_lowercase()),
            mention: Mention {
                phrase: shift(phrase, base),
                quantity: q.clone(),
                relative: false,
                about: owner.start + base..ws[noun_at].end + base,
            },
        });
    }
}

/// Restated figures, one bucket per owner and noun, each checked in one pass: the
/// first figure that cannot be true with the earlier ones is a conflict.
fn restated_links(restated: &[Restated]) -> Vec<Link> {
    let mut buckets: HashMap<&str, Vec<&Restated>> = HashMap::new();
    let mut order = Vec::new();
    for r in restated {
        buckets
            .entry(r.key.as_str())
            .or_insert_with(|| {
                order.push(r.key.as_str());
                Vec::new()
            })
            .push(r);
    }
    let link = |a: &Restated, b: &Restated, holds: bool| Link {
        kind: LinkKind::Restated,
        first: a.mention.clone(),
        second: b.mention.clone(),
        expected: a.mention.quantity.clone(),
        parts: 1,
        slack: false,
        key: a.key.clone(),
        holds,
        confidence: Confidence::Medium,
    };
    let mut links = Vec::new();
    for key in order {
        let bucket = &buckets[key];
        let Some((first, rest)) = bucket.split_first() else {
            continue;
        };
        let mut common = first.mention.quantity.interval.clone();
        let mut conflict = None;
        for later in rest {
            let v = &later.mention.quantity.interval;
            if v.overlaps(&common) {
                common = common.intersection(v);
                continue;
            }
            // Only on a conflict: an earlier figure it contradicts.
            let earlier = bucket
                .iter()
                .take_while(|r| !std::ptr::eq(*r, later))
                .find(|r| !r.mention.quantity.interval.overlaps(v));
            conflict = earlier.map(|e| link(e, later, false));
            break;
        }
        match (conflict, rest.last()) {
            (Some(c), _) => links.push(c),
            (None, Some(last)) => links.push(link(first, last, true)),
            (None, None) => {}
        }
    }
    links
}

/// The names joined by `and` (with commas for three or more) nearest before a figure:
/// `the VSSE and the ADIV`, `Alpha, Beta and Gamma`.
fn conjoined_names(ws: &[Word<'_>]) -> Vec<String> {
    let Some(and) = ws.iter().rposition(|w| w.is("and")) else {
        return Vec::new();
    };
    let after = ws[and + 1..]
        .iter()
        .find(|w| !w.is("the"))
        .filter(|w| is_name(w));
    let Some(after) = after else {
        return Vec::new();
    };
    let mut names = vec![bare(after.text).to_lowercase()];
    let mut i = and;
    // One name (after an optional `the`) before `and` or `,`.
    while let Some(prev) = i.checked_sub(1) {
        if !is_name(&ws[prev]) {
            break;
        }
        names.push(bare(ws[prev].text).to_lowercase());
        let mut j = prev;
        if j > 0 && ws[j - 1].is("the") {
            j -= 1;
        }
        if j > 0 && ws[j - 1].text == "," && j >= 2 && (is_name(&ws[j - 2]) || ws[j - 2].is("the"))
        {
            i = j - 1;
            continue;
        }
        break;
    }
    if names.len() < 2 {
        return Vec::new();
    }
    names
}

/// Parts-and-total links: each total against the groups of its noun it names.
fn total_links(groups: &[Group], totals: &[Total]) -> Vec<Link> {
    let mut by_noun: HashMap<&str, Vec<&Group>> = HashMap::new();
    for g in groups {
        by_noun.entry(g.noun.as_str()).or_default().push(g);
    }
    let mut links = Vec::new();
    for t in totals {
        let Some(candidates) = by_noun.get(t.noun.as_str()) else {
            continue;
        };
        let group = candidates.iter().find(|g| {
            g.sentence != t.sentence
                && ((!g.units.is_empty() && g.units.iter().all(|u| t.names.contains(u)))
                    || g.noun_ref.as_ref().is_some_and(|r| t.noun_refs.contains(r)))
        });
        let Some(g) = group else {
            continue;
        };
        let k = BigRational::from_integer(BigInt::from(g.k));
        let expected = Quantity::new(g.part.quantity.interval.scale(&k), Unit::Count);
        let holds = expected.interval.overlaps(&t.mention.quantity.interval);
        let key = if g.units.is_empty() {
            g.noun_ref.as_ref().map(|r| r.0.clone()).unwrap_or_default()
        } else {
            g.units.join("+")
        };
        let (first, second) = (g.part.clone(), t.mention.clone());
        links.push(Link {
            kind: LinkKind::PartsAndTotal,
            first,
            second,
            expected,
            parts: g.k,
            slack: false,
            key,
            holds,
            confidence: if g.units.is_empty() {
                Confidence::Medium
            } else {
                Confidence::High
            },
        });
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numbers::Date;

    fn analyze(text: &str) -> PlainNumbers {
        let sentences = crate::prose::split_sentences(text);
        let opts = NumberOptions {
            publication_date: Date::new(2024, 2, 22),
            ..NumberOptions::default()
        };
        analyze_plain(text, &sentences, &opts)
    }

    fn show(text: &str, l: &Link) -> String {
        format!(
            "{} {} {} / {} {} expected {}",
            l.kind.as_str(),
            if l.holds { "holds" } else { "conflict" },
            &text[l.first.phrase.clone()],
            &text[l.second.phrase.clone()],
            l.confidence.as_str(),
            l.expected
        )
    }

    fn links(text: &str) -> Vec<String> {
        analyze(text).links.iter().map(|l| show(text, l)).collect()
    }

    #[test]
    fn a_relative_date_against_an_episode() {
        let text = "Herman Simm, a defence official, was caught giving secrets to Russia 10 years ago. \
                    The alliance still studies the Simm case in 2009 as a warning.";
        assert_eq!(
            links(text),
            ["same-event conflict 10 years ago / in 2009 medium expected 2013 – 2014"]
        );
    }

    #[test]
    fn the_same_verb_dated_twice() {
        let text =
            "Simm was arrested in 2008 in Tallinn. Officers say Simm was arrested 16 years ago.";
        assert_eq!(
            links(text),
            ["same-event holds in 2008 / 16 years ago high expected 2008"]
        );
        let text =
            "Simm was arrested in 2008 in Tallinn. Officers say Simm was arrested 10 years ago.";
        assert_eq!(
            links(text),
            ["same-event conflict in 2008 / 10 years ago high expected 2008"]
        );
    }

    #[test]
    fn the_date_placed_at_the_verb_wins() {
        let text = "A former port official, Daniel Voss, was arrested 12 years ago on charges \
                    of selling customs data, prosecutors said on Tuesday. The court heard that \
                    Voss was arrested in 2011.";
        assert_eq!(
            links(text),
            ["same-event holds 12 years ago / in 2011 high expected 2011 – 2012"]
        );
        let text = "Tomas Brandt was elected last year on a promise. Supporters remember the \
                    night Brandt was elected in 2021.";
        assert_eq!(
            links(text),
            ["same-event conflict last year / in 2021 high expected 2023"]
        );
    }

    #[test]
    fn never_guesses_events() {
        for text in [
            // A pronoun dates nobody.
            "Simm worked in the ministry. He was arrested 10 years ago. Simm was arrested in 2008.",
            // Repeated events.
            "Simm was arrested in 2008. Simm was arrested again 10 years ago.",
            // Different event classes.
            "Simm was arrested in 2008. Simm was sentenced 10 years ago.",
            "Manning was convicted in 2009. Manning was sentenced 10 years ago.",
            // Several arrests: the absolute dates disagree, so none is linked.
            "Brinsley was arrested in July 2011. Brinsley was arrested in June 2009. Brinsley was arrested 10 years ago.",
            // A cohort, and an agent.
            "Americans born in 1960 vote. Americans born 10 years ago do not.",
            "Police arrested Simm in 2008. Police arrested Simm 10 years ago.",
            // Different names.
            "Simm was arrested in 2008. Kask was arrested 10 years ago.",
            // Two dates in one sentence.
            "Simm was arrested in 2008 and in 2014. Simm was arrested 10 years ago.",
            // A year in a name is not a date.
            "The 2009 Simm case shocked Nato. Simm was caught 10 years ago.",
            "NAGR was founded to fight during the 2014 election cycle. NAGR was founded in 2000.",
            // A date far from the verb dates something else.
            "Simm was caught by a team that had watched the ministry's files and its staff for years before retiring 10 years ago. Simm was caught in 2008.",
            // An episode's date must follow it.
            "The Simm case shocked a ministry that was rebuilt in 2019. Simm was caught 15 years ago.",
            // Two dates of one episode.
            "The Watergate scandal in 1973 was news. The Watergate case in 1976 was over.",
        ] {
            assert!(
                analyze(text).conflicts().next().is_none(),
                "{text}: {:?}",
                links(text)
            );
        }
    }

    #[test]
    fn parts_and_a_total() {
        let text = "Belgium's two services, the VSSE and the ADIV, had about 650 personnel each. \
                    A review found the VSSE and ADIV's 1,300 officers overworked.";
        assert_eq!(
            links(text),
            ["parts-and-total holds about 650 / 1,300 high expected 1,170 – 1,430"]
        );
        let bad = text.replace("1,300", "1,600");
        assert_eq!(
            links(&bad),
            ["parts-and-total conflict about 650 / 1,600 high expected 1,170 – 1,430"]
        );
        let by_noun = "The two services had about 650 personnel each. \
                       Both services lost staff; the two services' 2,000 officers are stretched.";
        assert_eq!(
            links(by_noun),
            ["parts-and-total conflict about 650 / 2,000 medium expected 1,170 – 1,430"]
        );
    }

    #[test]
    fn a_restated_figure() {
        let text = "The commission's 32,000 staff work in three cities. A spokesman said the \
                    commission's 32,000 employees would not be affected.";
        assert_eq!(
            links(text),
            ["restated holds 32,000 / 32,000 medium expected 32,000"]
        );
        let bad = text.replacen("32,000 employees", "23,000 employees", 1);
        assert_eq!(
            links(&bad),
            ["restated conflict 32,000 / 23,000 medium expected 32,000"]
        );
        // Change, time, or another owner: not one figure.
        for text in [
            "The commission's 32,000 staff work here. The commission's 30,000 staff in 2010 did not.",
            "The commission's 32,000 staff work here. The commission's staff rose from 30,000.",
            "The commission's 32,000 staff work here. The council's 3,000 staff do not.",
            "The commission's 32,000 staff work here. The commission's 300 new staff start today.",
        ] {
            assert!(
                analyze(text).conflicts().next().is_none(),
                "{text}: {:?}",
                links(text)
            );
        }
    }

    #[test]
    fn possessive_figures_are_spotted() {
        for (text, yes) in [
            ("Russia's 450 diplomats", true),
            ("Russia’s 450 diplomats", true),
            ("the services' 1,300 officers", true),
            ("the services’ 1,300 officers", true),
            ("Russia's diplomats, 450 of them", false),
            ("it's 5 o'clock", false),
            ("There’s 1 left", false),
            ("no apostrophe 450", false),
            ("’", false),
            ("'s 1", true),
        ] {
            assert_eq!(possessive_figure(text), yes, "{text}");
        }
    }

    #[test]
    fn a_third_partys_figure_is_not_a_total() {
        let text = "Likud and Blue and White are tied at 32 seats each out of 120. \
                    Gantz's Blue and White and its allies won 55 seats, leaving the party of \
                    Lieberman and its nine seats to decide.";
        assert!(analyze(text).links.is_empty(), "{:?}", links(text));
    }

    #[test]
    fn a_subset_is_not_a_total() {
        let text = "The VSSE and the ADIV had about 650 personnel each. \
                    The VSSE and ADIV lost 200 officers last year.";
        assert!(analyze(text).links.is_empty(), "{:?}", links(text));
        // Another noun.
        let text = "The VSSE and the ADIV had about 650 personnel each. \
                    The VSSE and ADIV run the 90 offices.";
        assert!(analyze(text).links.is_empty(), "{:?}", links(text));
    }

    #[test]
    fn no_panic_on_shuffled_news_words() {
        // Every order of these pieces, deterministically sampled: dates before and after
        // cues, names at edges, possessives, lone punctuation.
        let pieces = [
            "In 2009,",
            "Simm",
            "was caught",
            "10 years ago",
            "the Simm case",
            ";",
            "each",
            "about 650 personnel",
            "the VSSE and the ADIV",
            "’s",
            "1,300 officers",
            "both",
            "services",
            ",",
            "and",
            "the",
            "a total of",
            "in all",
            "A, B and C",
            ":",
        ];
        let mut state: u64 = 21;
        for _ in 0..3_000 {
            let mut text = String::new();
            for _ in 0..12 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                text.push_str(pieces[(state >> 33) as usize % pieces.len()]);
                text.push(if state & 1 == 0 { ' ' } else { '.' });
            }
            let _ = analyze(&text);
        }
    }

    #[test]
    fn the_cheap_tests() {
        let long = "x".repeat(64);
        for (text, digit) in [("", false), ("abc", false), ("a1", true)] {
            assert_eq!(has_digit(text), digit);
            assert_eq!(has_digit(&format!("{long}{text}")), digit);
            assert_eq!(has_digit(&format!("{text}{long}")), digit);
        }
        assert!(has_year("in 2009.") && !has_year("at 200 and 09"));
        assert!(has_month("on April 19") && has_month("Feb. 2") && !has_month("may go"));
        assert!(capitalized_word_before(b"the Simm ") && capitalized_word_before(b"Simm's "));
        assert!(capitalized_word_before("the Øster ".as_bytes()));
        assert!(!capitalized_word_before(b"in this ") && !capitalized_word_before(b"Simm"));
        assert_eq!(cue_in("In this case, 2009."), None);
        assert_eq!(cue_in("The Simm case in 2009."), Some(Cue::Event));
        assert_eq!(cue_in("Police arrested him in 2009."), None);
        assert_eq!(cue_in("Simm was arrested in 2009."), Some(Cue::Event));
        assert_eq!(cue_in("They had 650 staff each."), Some(Cue::Parts));
        assert_eq!(cue_in("They reached 650 staff."), None);
    }

    #[test]
    fn no_panic_on_odd_input() {
        for text in [
            "",
            "each",
            "1 each",
            "and 5 staff each",
            "the 5",
            "’s 3 case in 2009",
            "A and B 3",
        ] {
            let _ = analyze(text);
        }
    }
}
