//! The claim's words contradict its confidence.
//!
//! Flags a claim tagged `:confirmed` whose text hedges or alleges ("allegedly",
//! "reportedly", "accused of", "suspected of", "said to", "claims that"), and a claim
//! tagged `:alleged` or `:disputed` whose text asserts it as settled ("confirmed",
//! "proved"). Phrases match whole words, case-insensitively; negated forms ("not
//! confirmed", "never accused", "hasn't been proven") and the noun "claims" do not count.
//! The word lists live in `src/rules/data/` and can be extended in the configuration.
//!
//! ## Why
//! A `:confirmed` tag on "allegedly bribed" tells the desk the story stands behind an
//! accusation it only reports — exactly the mismatch a libel lawyer looks for. The
//! reverse overstates a dispute as fact.
//!
//! ## Example
//! ```markdown
//! {The mayor allegedly accepted the payments}@prosecutor:confirmed
//! ```
//! Either the prosecutor confirmed it (drop "allegedly") or it is `:alleged`.

use std::sync::OnceLock;

use crate::diagnostic::Diagnostic;
use crate::lint::Context;
use crate::span::Span;

/// Phrases as lists of lower-case words.
fn load(list: &str) -> Vec<Vec<String>> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split_whitespace().map(str::to_lowercase).collect())
        .collect()
}

fn hedges() -> &'static [Vec<String>] {
    static LIST: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    LIST.get_or_init(|| load(include_str!("data/hedges.txt")))
}

fn settled() -> &'static [Vec<String>] {
    static LIST: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    LIST.get_or_init(|| load(include_str!("data/settled.txt")))
}

fn negators() -> &'static [Vec<String>] {
    static LIST: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    LIST.get_or_init(|| load(include_str!("data/negators.txt")))
}

/// Words of `text` with their byte ranges: runs of letters, digits and apostrophes.
fn words(text: &str) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let in_word = c.is_alphanumeric() || c == '\'' || c == '’';
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((Span::new(s, i), text[s..i].to_lowercase().replace('’', "'")));
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn is_negator(word: &str) -> bool {
    word.ends_with("n't") || negators().iter().any(|n| n.len() == 1 && n[0] == word)
}

/// The first phrase of `phrases` found in `words` that is not negated by one of the
/// three words before it. Returns the span of the match in the text.
fn find_phrase(words: &[(Span, String)], phrases: &[Vec<String>]) -> Option<Span> {
    for start in 0..words.len() {
        for phrase in phrases {
            let end = start + phrase.len();
            if end > words.len()
                || !phrase
                    .iter()
                    .zip(&words[start..end])
                    .all(|(p, w)| *p == w.1)
            {
                continue;
            }
            // "claims" alone is a noun ("the claims were"); only "claims that" hedges.
            let negated = words[start.saturating_sub(3)..start]
                .iter()
                .any(|w| is_negator(&w.1));
            if !negated {
                return Some(words[start].0.cover(words[end - 1].0));
            }
        }
    }
    None
}

fn extra(list: &[String]) -> Vec<Vec<String>> {
    list.iter()
        .map(|l| l.split_whitespace().map(str::to_lowercase).collect())
        .collect()
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let extra_hedges = extra(&ctx.config.extra_hedges);
    let extra_settled = extra(&ctx.config.extra_assertions);
    for tag in &ctx.document.tags {
        let Some(confidence) = &tag.suffix.confidence else {
            continue;
        };
        let (lists, problem, help): ([&[Vec<String>]; 2], &str, &str) = match confidence
            .text
            .as_str()
        {
            "confirmed" => (
                [hedges(), &extra_hedges],
                "hedges a claim tagged `:confirmed`",
                "if it is confirmed, state it plainly; if not, tag it `:alleged` or `:reported`",
            ),
            "alleged" | "disputed" => (
                [settled(), &extra_settled],
                "asserts as settled a claim tagged",
                "an alleged or disputed claim should not be worded as fact; reword it or change the confidence",
            ),
            _ => continue,
        };
        let plain = ctx.document.plain(ctx.source, tag.text);
        let words = words(&plain.text);
        let Some(found) = lists.iter().find_map(|list| find_phrase(&words, list)) else {
            continue;
        };
        let phrase = &plain.text[found.start..found.end];
        let message = if confidence.text == "confirmed" {
            format!("\"{phrase}\" {problem}")
        } else {
            format!("\"{phrase}\" {problem} `:{}`", confidence.text)
        };
        out.push(
            Diagnostic::warning("confidence-mismatch", plain.source_span(found), message)
                .with_label(confidence.span, format!("tagged `:{}`", confidence.text))
                .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::Config;
    use crate::rules::test_support::{findings, findings_with, flagged};

    const SOURCES: &str = "\n\n[@prosecutor]: The prosecutor's office\n";

    fn check(text: &str) -> Vec<String> {
        let src = format!("{text}{SOURCES}");
        let found = findings("confidence-mismatch", &src);
        flagged(&src, &found)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn hedges_in_confirmed_claims() {
        assert_eq!(
            check("{The mayor allegedly took payments}@prosecutor:confirmed"),
            ["allegedly"]
        );
        assert_eq!(
            check("{He was accused of bribery}@prosecutor:confirmed"),
            ["accused of"]
        );
        assert_eq!(
            check("{She is said to have left}@prosecutor:confirmed"),
            ["is said to"]
        );
        assert_eq!(
            check("{The firm claims that it paid}@prosecutor:confirmed"),
            ["claims that"]
        );
        assert_eq!(
            check("{Reportedly, {40}#n laptops}@prosecutor:confirmed"),
            ["Reportedly"]
        );
    }

    #[test]
    fn settled_words_in_alleged_or_disputed_claims() {
        assert_eq!(
            check("{The audit confirmed the loss}@prosecutor:alleged"),
            ["confirmed"]
        );
        assert_eq!(
            check("{Tests proved it was fraud}@prosecutor:disputed"),
            ["proved"]
        );
    }

    #[test]
    fn negated_forms_and_the_noun_claims_do_not_count() {
        assert!(check("{The loss was not confirmed}@prosecutor:alleged").is_empty());
        assert!(check("{It has never been proven}@prosecutor:disputed").is_empty());
        assert!(check("{It hasn't been verified}@prosecutor:disputed").is_empty());
        assert!(check("{He was never accused of bribery}@prosecutor:confirmed").is_empty());
        assert!(check("{The claims were withdrawn}@prosecutor:confirmed").is_empty());
        assert!(check("{Reportedly}@prosecutor:reported").is_empty());
    }

    #[test]
    fn whole_words_only() {
        assert!(check("{The unconfirmedness}@prosecutor:alleged").is_empty());
        assert!(check("{Saidto is a town}@prosecutor:confirmed").is_empty());
    }

    #[test]
    fn lists_can_be_extended() {
        let src = format!("{{He left, per the rumour mill}}@prosecutor:confirmed{SOURCES}");
        let config = Config {
            extra_hedges: vec!["rumour mill".into()],
            ..Config::default()
        };
        assert_eq!(
            flagged(&src, &findings_with("confidence-mismatch", &src, &config)),
            ["rumour mill"]
        );
    }
}
