//! Attribution detection in plain news prose.
//!
//! Finds, sentence by sentence, who said or believes what, the way the
//! PolNeAR corpus annotates attributions: a **cue** (reporting words such as
//! `said`, `told reporters`, `according to`, and verbs of belief, intention and
//! accusation such as `believes`, `plans to`, `accused`), a **source** (`Mark
//! Galeotti`, `a Nato spokesman`, `he`) and the **content** (the quoted words or
//! the reported clause).
//!
//! # API
//!
//! ```ignore
//! pub fn split_sentences(text: &str) -> Vec<Range<usize>>;
//! pub fn detect_attributions(text: &str) -> Vec<Attribution>;
//! pub fn analyze(text: &str) -> Analysis; // both, from one tokenization
//! ```
//!
//! * [`split_sentences`] returns the byte ranges of the sentences, trimmed of
//!   surrounding whitespace. It survives news prose: abbreviations (`Mr.`,
//!   `U.S.`, `Jan.`), initials, decimals and currency, quotes that end
//!   sentences (`."` followed by a capital), and Markdown: every line of a
//!   heading (`# …`) or list item (`- …`, `1. …`) is its own sentence, without
//!   its marker. A blank line always ends a sentence; a single line break does
//!   too, unless the line does not end like a sentence and the next one starts
//!   with a lowercase word (a hard-wrapped paragraph).
//! * [`detect_attributions`] returns one [`Attribution`] per cue, plus one of
//!   kind [`AttributionKind::QuoteOnly`] per quotation of four or more words
//!   that no other attribution covers (a quote continuing an earlier
//!   speaker). All offsets are bytes into `text`; the list is sorted by
//!   sentence, then position. `content` may span several sentences of one
//!   quotation; for a quote split around the cue (`"…," he said, "…"`) it is
//!   the hull of both parts. `resolved_source` names the full mention that a
//!   pronoun or short-name source refers to (`he` / `Galeotti` → `Mark
//!   Galeotti`): the most recent compatible named source, else the most recent
//!   compatible name in the text.
//!
//! # How
//!
//! One pass tokenizes the text (words carry their lexicon classes, looked up
//! once), pairs quotation marks per paragraph and splits sentences. Cues come
//! from the lexicons in `lexicon/*.txt` (data files included at build time,
//! one entry per line, `#` comments), with a few rules to tell verbs from
//! homograph nouns ("the report" vs "officials report"). Sources are the noun
//! phrase before the cue (with appositives and relative clauses: `Smith, a
//! spokesman, said`), or after it for inversions (`"…," said Smith`) and
//! `according to`. Content is an adjacent quotation, else the clause after the
//! cue (from `that` if it comes soon), else the clause before it. Everything
//! is deterministic and linear in the input; nothing is allocated per token
//! beyond the token vector.

pub mod claims;
mod detect;
mod lexicon;
mod token;

#[cfg(test)]
mod tests;

use std::ops::Range;

pub use detect::{Attribution, AttributionKind, detect_attributions};
pub(crate) use lexicon::{FxHasher, short_key};

/// The sentences and attributions of a text, from one tokenization.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// As [`split_sentences`] returns them.
    pub sentences: Vec<Range<usize>>,
    /// As [`detect_attributions`] returns them.
    pub attributions: Vec<Attribution>,
}

/// [`split_sentences`] and [`detect_attributions`] of `text`, tokenizing it once
/// (the linter needs both for every document).
pub fn analyze(text: &str) -> Analysis {
    let doc = token::Doc::new(text);
    Analysis {
        sentences: doc.sents.iter().map(|s| s.bs..s.be).collect(),
        attributions: detect::detect(&doc),
    }
}

/// Byte ranges of the sentences of `text`, in order, trimmed of surrounding
/// whitespace. See the module documentation for the rules.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let doc = token::Doc::new(text);
    doc.sents.iter().map(|s| s.bs..s.be).collect()
}
