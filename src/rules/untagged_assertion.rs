//! A check-worthy sentence that names no source and carries no claim tag.
//!
//! Flags a sentence that overlaps no claim tag, has no attribution in its prose (no
//! reporting or belief cue with a named source: "the ministry said", "according to the
//! audit", a quotation continuing a speaker), and asserts something an editor checks:
//!
//! * an **agentless hedge** that sounds attributed but names nobody: "reportedly",
//!   "allegedly", "said to be", "it is believed", "sources say";
//! * an **allegation or crime word**: "accused", "spied", "bribed", "tried to kill",
//!   "linked to", "charged with" (a negation just before it cancels it);
//! * a **statistic or quantity**: "43,000 officials", "$3.5 billion", "12 percent",
//!   "two million" — not years, dates, clock times, ordinals or ages;
//! * a **superlative ranking**: "the lowest", "the country's biggest", "a record";
//! * a **direct quotation** of four words or more with no speaker.
//!
//! A sentence attributed in prose is never flagged, tagged or not; narrative sentences
//! without such signals are not flagged either. The finding points at the words that
//! made the sentence check-worthy. Sources that name nobody ("sources", "people familiar
//! with the matter", "it is believed") do not count as attribution; a named poll, count
//! or study in the sentence ("in the latest Gallup poll") sources its numbers and
//! rankings. The word lists live in `src/rules/data/` (`agentless_hedges.txt`,
//! `allegations.txt`, `superlatives.txt`, `vague_sources.txt`, `evidence_nouns.txt`).
//!
//! ## Why
//! Most of a draft is never tagged, and that is where unsourced numbers and accusations
//! slip through: "the lowest turnout since 1988" or "the aide is said to have leaked
//! the memo" reads as fact and nobody is on record for it. A hedge like "reportedly" is
//! worse than nothing: it sounds sourced. Naming the source in the sentence, or tagging
//! the claim, tells the desk who stands behind it.
//!
//! ## Example
//! ```markdown
//! The agency has lost track of 43,000 laptops since 2019.
//! The deputy mayor is said to be furious about the audit.
//! ```
//! Name a source ("…, the Court of Audit found") or tag the claim:
//! `{The agency has lost track of {43,000}#laptops laptops}@audit:reported`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use crate::diagnostic::Diagnostic;
use crate::lint::Context;
use crate::lint::prose::ProseAnalysis;
use crate::prose::{Attribution, AttributionKind};
use crate::span::Span;

/// What made a sentence check-worthy, in the order a finding prefers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Signal {
    Hedge,
    Allegation,
    Statistic,
    Superlative,
    Quotation,
}

/// One signal: its kind and byte range in the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    kind: Signal,
    range: Range<usize>,
}

impl Found {
    fn message(&self, words: &str) -> String {
        match self.kind {
            Signal::Hedge => format!("'{words}' names no source"),
            Signal::Allegation => format!("allegation '{words}' has no source"),
            Signal::Statistic => format!("statistic '{words}' has no source"),
            Signal::Superlative => format!("ranking '{words}' has no source"),
            Signal::Quotation => "quotation has no speaker".to_string(),
        }
    }

    fn help(&self) -> &'static str {
        match self.kind {
            Signal::Hedge => {
                "name who says so (\"…, the ministry said\"), or tag the claim with its source: `{…}@source`"
            }
            Signal::Quotation => "say who is speaking, or tag the quotation: `{“…”}@source`",
            _ => {
                "name a source in the sentence (\"…, according to …\"), or tag the claim: `{…}@source` with `[@source]: …` defined"
            }
        }
    }
}

// ------------------------------------------------------------------ word lists

/// Phrases (lower-case words) by their first word, longest first.
struct Phrases(HashMap<String, Vec<Vec<String>>>);

impl Phrases {
    fn load(list: &str) -> Phrases {
        let mut map: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for phrase in entries(list) {
            let words: Vec<String> = phrase.split_whitespace().map(str::to_string).collect();
            map.entry(words[0].clone()).or_default().push(words);
        }
        for list in map.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
        Phrases(map)
    }

    /// The longest phrase starting at word token `i`: its end token (exclusive).
    fn match_at(&self, s: &Sentence<'_>, i: usize) -> Option<usize> {
        let candidates = self.0.get(&*s.word(i))?;
        candidates.iter().find_map(|p| {
            let end = i + p.len();
            (end <= s.toks.len()
                && p.iter()
                    .zip(&s.toks[i..end])
                    .all(|(w, t)| t.kind != Kind::Punct && *s.lower_of(t) == **w)
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
    hedges: Phrases,
    allegations: Phrases,
    /// Superlatives that need a determiner (`the lowest`).
    superlatives: HashSet<String>,
    /// Rankings on their own (`a record`).
    rankings: Phrases,
    vague_sources: HashSet<String>,
    /// Documents and counts that source a statistic in the same sentence.
    evidence: HashSet<String>,
    negators: HashSet<String>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let superlatives = include_str!("data/superlatives.txt");
        let rankings: String = entries(superlatives)
            .filter_map(|l| l.strip_prefix("= ").map(|p| format!("{p}\n")))
            .collect();
        Lists {
            hedges: Phrases::load(include_str!("data/agentless_hedges.txt")),
            allegations: Phrases::load(include_str!("data/allegations.txt")),
            superlatives: entries(superlatives)
                .filter(|l| !l.starts_with('='))
                .collect(),
            rankings: Phrases::load(&rankings),
            vague_sources: entries(include_str!("data/vague_sources.txt")).collect(),
            evidence: entries(include_str!("data/evidence_nouns.txt")).collect(),
            negators: entries(include_str!("data/negators.txt")).collect(),
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
}

/// One sentence: its text, an ASCII-lower-cased copy (same byte offsets) and tokens.
struct Sentence<'a> {
    text: &'a str,
    lower: String,
    toks: Vec<Tok>,
}

const JOINERS: &[char] = &['.', ',', ':', '/', '\'', '’', '-'];

impl<'a> Sentence<'a> {
    fn new(text: &'a str) -> Self {
        let lower = text.to_ascii_lowercase();
        let mut toks = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut k = 0;
        while k < chars.len() {
            let (i, c) = chars[k];
            if c.is_whitespace() {
                k += 1;
                continue;
            }
            if !c.is_alphanumeric() {
                toks.push(Tok {
                    s: i,
                    e: i + c.len_utf8(),
                    kind: Kind::Punct,
                    cap: false,
                });
                k += 1;
                continue;
            }
            let digit = c.is_ascii_digit();
            let mut j = k + 1;
            while j < chars.len() {
                let c = chars[j].1;
                if c.is_alphanumeric() {
                    j += 1;
                    continue;
                }
                let next_alnum = chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
                let joins = match c {
                    '.' | ',' | ':' | '/' => {
                        digit
                            && chars[j - 1].1.is_ascii_digit()
                            && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit())
                            || c == '.' && !digit && next_alnum && chars[j - 1].1.is_alphabetic()
                    }
                    _ => JOINERS.contains(&c) && next_alnum,
                };
                if !joins {
                    break;
                }
                j += 2;
            }
            let e = chars.get(j).map_or(text.len(), |c| c.0);
            toks.push(Tok {
                s: i,
                e,
                kind: if digit { Kind::Num } else { Kind::Word },
                cap: c.is_uppercase(),
            });
            k = j;
        }
        Sentence { text, lower, toks }
    }

    /// The lower-cased token, curly apostrophes straightened.
    fn lower_of(&self, t: &Tok) -> Cow<'_, str> {
        let w = &self.lower[t.s..t.e];
        if w.contains('’') {
            Cow::Owned(w.replace('’', "'"))
        } else {
            Cow::Borrowed(w)
        }
    }

    fn word(&self, i: usize) -> Cow<'_, str> {
        self.lower_of(&self.toks[i])
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
        let negators = &lists().negators;
        (i.saturating_sub(3)..i).any(|k| {
            self.toks[k].kind == Kind::Word && {
                let w = self.word(k);
                w.ends_with("n't") || negators.contains(&*w)
            }
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

fn statistic(s: &Sentence<'_>, i: usize) -> Option<Range<usize>> {
    let w = s.word(i);
    let money = i > 0 && s.is_punct(i - 1, &['$', '€', '£']);
    let mut end = i + 1;
    while end < s.toks.len()
        && (s.is_punct(end, &['%'])
            || s.toks[end].kind == Kind::Word && MULTIPLIERS.contains(&&*s.word(end)))
    {
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
            return (s.is(i + 1, "low") || s.is(i + 1, "high")).then(|| s.range(i, i + 2));
        }
        let value: Option<u32> = all_digits.then(|| digits.parse().ok()).flatten();
        // Years: "2016", "the 1990s", "2016's".
        if value.is_some_and(|v| (1000..=2099).contains(&v)) && digits.len() == 4 {
            return None;
        }
        // Dates: "Sept. 11", "11 September".
        let month = |k: usize| s.toks[k].kind == Kind::Word && MONTHS.contains(&&*s.word(k));
        let prev_word = (0..i).rev().find(|&k| !s.is_punct(k, &['.']));
        if prev_word.is_some_and(month) || (i + 1 < s.toks.len() && month(i + 1)) {
            return None;
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
                || i > 0 && (s.is(i - 1, "aged") || s.is(i - 1, "age")))
        {
            return None;
        }
        // Numbers that are part of a name: "Fortune 500", "Proposition 64", "No. 2".
        if i > 1 && s.toks[i - 1].cap && s.toks[i - 1].kind == Kind::Word
            || i > 0 && s.is(i - 1, "no")
        {
            return None;
        }
        if i >= 2 && s.is_punct(i - 1, &['.']) && s.is(i - 2, "no") {
            return None;
        }
    }
    // The counted noun: "43,000 officials", "43,000 shipping containers".
    let noun_end = end + 2;
    while end < noun_end
        && end < s.toks.len()
        && s.toks[end].kind == Kind::Word
        && !s.toks[end].cap
        && !FUNCTION_WORDS.contains(&&*s.word(end))
    {
        end += 1;
    }
    let start = if money { i - 1 } else { i };
    Some(s.range(start, end))
}

/// A spelled-out quantity: "two million", "a billion", "ten percent".
fn spelled_statistic(s: &Sentence<'_>, i: usize) -> Option<Range<usize>> {
    let w = s.word(i);
    if !["million", "billion", "trillion", "percent"].contains(&&*w) || i == 0 {
        return None;
    }
    let prev = i - 1;
    if s.toks[prev].kind != Kind::Word || s.is(prev, "per") {
        return None;
    }
    let mut end = i + 1;
    if end < s.toks.len()
        && s.toks[end].kind == Kind::Word
        && !s.toks[end].cap
        && !FUNCTION_WORDS.contains(&&*s.word(end))
    {
        end += 1;
    }
    Some(s.range(prev, end))
}

/// Words that can stand between a determiner and a superlative: "the second largest".
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
    let w = s.word(i);
    if !lists().superlatives.contains(&*w) {
        return None;
    }
    let determiner = |k: usize| {
        s.toks[k].kind == Kind::Word && {
            let d = s.word(k);
            d == "the" || RANK_PLACES.contains(&&*d)
        }
    };
    let start = if i >= 1 && determiner(i - 1) {
        i - 1
    } else if i >= 2 && determiner(i - 2) && RANK_FILLERS.contains(&&*s.word(i - 1)) {
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
    if ["most", "least", "fewest"].contains(&&*w) {
        let next = s.toks.get(i + 1)?;
        if next.kind == Kind::Punct {
            return None;
        }
        let n = s.word(i + 1);
        if ["part", "recent", "likely", "important", "of"].contains(&&*n) {
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

/// Quantifiers before a document noun that leave it unnamed: "in some polls".
const VAGUE_QUANTIFIERS: &[&str] = &["some", "many", "several", "various", "other", "numerous"];

/// Every signal of a sentence, in token order.
fn signals(text: &str) -> Vec<Found> {
    let s = Sentence::new(text);
    let mut found = Vec::new();
    if s.words() < 3 {
        return found;
    }
    let lists = lists();
    // A poll, a count or a study in the sentence is the source of its numbers.
    // "in some polls" names no poll.
    let sourced = (0..s.toks.len()).any(|k| {
        s.toks[k].kind == Kind::Word
            && lists.evidence.contains(&*s.word(k))
            && !(k > 0 && VAGUE_QUANTIFIERS.contains(&&*s.word(k - 1)))
    });
    let mut i = 0;
    while i < s.toks.len() {
        let t = s.toks[i];
        match t.kind {
            Kind::Punct => {}
            Kind::Num => {
                if let Some(range) = statistic(&s, i) {
                    found.push(Found {
                        kind: Signal::Statistic,
                        range,
                    });
                }
            }
            Kind::Word => {
                if let Some(end) = lists.hedges.match_at(&s, i) {
                    found.push(Found {
                        kind: Signal::Hedge,
                        range: s.range(i, end),
                    });
                    i = end;
                    continue;
                }
                if let Some(end) = lists.allegations.match_at(&s, i)
                    && !s.negated(i)
                {
                    found.push(Found {
                        kind: Signal::Allegation,
                        range: s.range(i, end),
                    });
                    i = end;
                    continue;
                }
                if let Some(end) = lists.rankings.match_at(&s, i) {
                    found.push(Found {
                        kind: Signal::Superlative,
                        range: s.range(i, end),
                    });
                    i = end;
                    continue;
                }
                for (kind, range) in [
                    (Signal::Superlative, superlative(&s, i)),
                    (Signal::Statistic, spelled_statistic(&s, i)),
                ] {
                    if let Some(range) = range {
                        found.push(Found { kind, range });
                    }
                }
            }
        }
        i += 1;
    }
    if sourced {
        found.retain(|f| !matches!(f.kind, Signal::Statistic | Signal::Superlative));
    }
    if let Some(range) = quotation(&s) {
        found.push(Found {
            kind: Signal::Quotation,
            range,
        });
    }
    found
}

// ------------------------------------------------------------------ attribution

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
    let vague = &lists().vague_sources;
    let first = source
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .find(|w| !SKIP.contains(&w.as_str()));
    first.is_none_or(|w| !vague.contains(&w))
}

/// Whether an agentless hedge touches the attribution's source or cue ("is said to be",
/// "it is believed", "a source close to the minister said"): the detector reads a
/// subject as the source, but nobody is on record.
fn hedged(text: &str, a: &Attribution) -> bool {
    let Some(cue) = &a.cue else {
        return false;
    };
    let start = a.sentence.start.min(cue.start);
    let mut end = (cue.end + 24).min(a.sentence.end.max(cue.end));
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let s = Sentence::new(&text[start..end]);
    let near = |r: &Range<usize>, lo: usize, hi: usize| r.start < hi && lo < r.end + 2;
    let passive = |i: usize| ["is", "was", "are", "were", "been"].contains(&&*s.word(i));
    (0..s.toks.len()).any(|i| {
        let hedge = lists().hedges.match_at(&s, i);
        let allegation = || lists().allegations.match_at(&s, i).filter(|_| passive(i));
        hedge.or_else(allegation).is_some_and(|e| {
            let r = s.toks[i].s + start..s.toks[e - 1].e + start;
            // In the cue, or at the head of the source ("a source close to the
            // minister"), not in a relative clause of it ("X, who was rumored to …").
            near(&r, cue.start, cue.end)
                || a.source
                    .as_ref()
                    .is_some_and(|src| near(&r, src.start, (src.start + 12).min(src.end)))
        })
    })
}

/// Whether `a` puts somebody on record for what it covers. A cue whose source the
/// detector did not find still counts (`"…," the email said`), unless it is an
/// agentless hedge; a quotation without a cue counts when it continues a speaker: a
/// person named before it, or a named cue shortly before it (`continues`).
fn is_named(text: &str, a: &Attribution, continues: bool) -> bool {
    match a.kind {
        AttributionKind::Hedge => false,
        AttributionKind::QuoteOnly => a.resolved_source.is_some() || continues,
        _ => {
            a.source
                .as_ref()
                .is_none_or(|r| names_somebody(&text[r.clone()]))
                && !hedged(text, a)
        }
    }
}

/// How far (bytes) after a cue a quotation without one still continues its speaker.
const CONTINUATION: usize = 600;

/// The parts of the text that named attributions cover (sentence of the cue, cue,
/// content), merged and sorted.
fn attributed_ranges(prose: &ProseAnalysis) -> Vec<Range<usize>> {
    let text = &prose.text.text;
    let mut ranges: Vec<Range<usize>> = Vec::new();
    // Where the last named cue ended: a quotation soon after it continues its speaker.
    let mut last_cue: Option<usize> = None;
    for a in &prose.attributions {
        let continues = last_cue.is_some_and(|end| a.sentence.start < end + CONTINUATION);
        if !is_named(text, a, continues) {
            continue;
        }
        if let Some(cue) = &a.cue {
            last_cue = Some(cue.end);
        }
        ranges.push(a.sentence.clone());
        ranges.extend(a.cue.clone());
        ranges.extend(a.content.clone());
    }
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

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let prose = ctx.prose();
    let text = &prose.text.text;
    let attributed = attributed_ranges(prose);
    // Claim tag spans, sorted by start, with the running maximum of their ends.
    let claims: Vec<Span> = ctx
        .document
        .tags
        .iter()
        .filter(|t| t.is_claim())
        .map(|t| t.span)
        .collect();
    let reach: Vec<usize> = claims
        .iter()
        .scan(0, |max, t| {
            *max = (*max).max(t.end);
            Some(*max)
        })
        .collect();
    for sentence in &prose.sentences {
        if overlaps(&attributed, sentence) {
            continue;
        }
        let span = prose.source_span(sentence.clone());
        let before = claims.partition_point(|t| t.start < span.end);
        if before > 0 && reach[before - 1] > span.start {
            continue;
        }
        let words = &text[sentence.clone()];
        let Some(found) = signals(words).into_iter().min_by_key(|f| f.kind) else {
            continue;
        };
        let at = found.range.start + sentence.start..found.range.end + sentence.start;
        out.push(
            Diagnostic::warning(
                "untagged-assertion",
                prose.source_span(at),
                found.message(&words[found.range.clone()]),
            )
            .with_label(span, "no source in this sentence, and no claim tag")
            .with_help(found.help()),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::findings;

    /// (flagged words, message) for each finding on `text`.
    fn check(text: &str) -> Vec<(String, String)> {
        let found = findings("untagged-assertion", text);
        found
            .iter()
            .map(|d| (d.span.text(text).to_string(), d.message.clone()))
            .collect()
    }

    #[test]
    fn flagged_sentences() {
        let table = [
            (
                "The agency has lost track of 43,000 officials since 2019.",
                "43,000 officials",
                "statistic '43,000 officials' has no source",
            ),
            (
                "The programme cost $3.5 billion over four years.",
                "$3.5 billion",
                "statistic '$3.5 billion' has no source",
            ),
            (
                "Turnout fell to 12 percent in the northern districts.",
                "12 percent",
                "statistic '12 percent' has no source",
            ),
            (
                "The deputy mayor is said to be furious about the audit.",
                "is said to",
                "'is said to' names no source",
            ),
            (
                "The minister, said to be furious, cancelled the trip.",
                "said to be",
                "'said to be' names no source",
            ),
            (
                "It is believed that the minister knew of the payments.",
                "It is believed",
                "'It is believed' names no source",
            ),
            (
                "The contractor reportedly paid the inspectors in cash.",
                "reportedly",
                "'reportedly' names no source",
            ),
            (
                "Sources say the deal collapsed on Friday night.",
                "Sources say",
                "'Sources say' names no source",
            ),
            (
                "The attaché spied on exiled journalists for a decade.",
                "spied on",
                "allegation 'spied on' has no source",
            ),
            (
                "Two of his bodyguards tried to kill a rival businessman.",
                "tried to kill",
                "allegation 'tried to kill' has no source",
            ),
            (
                "The charity is linked to a sanctioned shipping firm.",
                "linked to",
                "allegation 'linked to' has no source",
            ),
            (
                "The former director was accused of bribing port officials.",
                "was accused of",
                "allegation 'was accused of' has no source",
            ),
            (
                "The region now has the lowest vaccination rate in Europe.",
                "the lowest",
                "ranking 'the lowest' has no source",
            ),
            (
                "It was the country's biggest bank failure.",
                "the country's biggest",
                "ranking 'the country's biggest' has no source",
            ),
            (
                "Exports reached a record in March.",
                "a record",
                "ranking 'a record' has no source",
            ),
            (
                "Burglaries are at a 44-year low in the capital.",
                "44-year low",
                "statistic '44-year low' has no source",
            ),
            (
                "Support for the plan reached 61 percent in some polls.",
                "61 percent",
                "statistic '61 percent' has no source",
            ),
            (
                "Two million households lost power during the storm.",
                "Two million households",
                "statistic 'Two million households' has no source",
            ),
            (
                "The banner read “we will not pay for your war” in red letters.",
                "“we will not pay for your war”",
                "quotation has no speaker",
            ),
        ];
        for (sentence, words, message) in table {
            assert_eq!(
                check(sentence),
                [(words.to_string(), message.to_string())],
                "{sentence}"
            );
        }
    }

    #[test]
    fn quiet_sentences() {
        let table = [
            // Attributed in prose.
            "The agency lost 43,000 laptops, the Court of Audit said.",
            "According to the ministry, turnout fell to 12 percent.",
            "Prosecutors accused the former director of bribing port officials.",
            "The minister said the region has the lowest vaccination rate in Europe.",
            "“We will not pay for your war,” said Anna Petrova, a protester.",
            // Narrative without signals.
            "The council met on Tuesday evening in the old town hall.",
            "She walked to the station and took the last train home.",
            // Years, dates, clock times, ordinals, ages and names.
            "The law was passed in 2016 and amended in the 1990s.",
            "The hearing is set for Sept. 11 at the district court.",
            "Doors open at 7 p.m. on the ground floor.",
            "Sandra Paradis, 78, arrived at the polling station early.",
            "He moved to the city 10 years ago, when he was 44 years old.",
            "He celebrated his 70th birthday with a 20-year-old wine.",
            "The company entered the Fortune 500 list this year.",
            // Negated allegations, "at least", "for the most part".
            "The mayor was never accused of anything.",
            "At least the rain stopped, and for the most part the crowd stayed.",
            // A named poll is the source of its numbers; an agent after a passive.
            "Support for the plan reached 61 percent in the latest Gallup poll.",
            "The former director was accused by prosecutors of bribery.",
            // Possessive superlatives are opinions, not rankings.
            "He thanked his most loyal fans before leaving the stage.",
            // Tagged claims.
            "{The agency lost track of 43,000 laptops}@audit:reported\n\n[@audit]: Court of Audit",
        ];
        for sentence in table {
            assert_eq!(check(sentence), [], "{sentence}");
        }
    }

    #[test]
    fn vague_sources_do_not_attribute() {
        assert_eq!(
            check("A source close to the minister said he accepted the bribes.")
                .iter()
                .map(|f| f.0.as_str())
                .collect::<Vec<_>>(),
            ["A source close to"]
        );
    }

    #[test]
    fn spans_map_back_through_tags() {
        let src = "Officials {counted}#c 43,000 empty flats.\n";
        let found = findings("untagged-assertion", src);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.text(src), "43,000 empty flats");
        assert_eq!(found[0].labels[0].span.text(src), src.trim_end());
    }

    #[test]
    fn one_finding_per_sentence() {
        let found = check("Reportedly, 43,000 officials accused the lowest ranks of fraud.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "Reportedly");
    }
}
