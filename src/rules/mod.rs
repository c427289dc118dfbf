//! The rule registry. One rule, one file: each file's `//!` comment is its documentation
//! (what it flags, why it matters, an example), followed by its check and unit tests.
//! Each rule also has a fixture, `tests/fixtures/rules/<rule-name>.md`, whose rendered
//! output is a snapshot. Adding a rule touches its file, its fixture, and one line here.
//!
//! Rules whose `check` is `None` are reported by the parser; they are listed so that
//! they can be configured, explained and filtered like the others.

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::Context;

mod anonymous_without_reason;
mod bare_braces;
mod confidence_mismatch;
mod duplicate_definition;
mod invalid_front_matter;
mod malformed_definition;
mod missing_publication_date;
mod nesting_too_deep;
mod number_conflict;
mod plain_number_conflict;
mod quantity_without_value;
mod relation_mismatch;
mod unattributed_claim;
mod unclosed_fence;
mod unclosed_tag;
mod undefined_quantity;
mod undefined_source;
mod unit_mismatch;
mod unknown_confidence;
mod unknown_directive;
mod unknown_field;
mod unreadable_file;
mod untagged_assertion;
mod unused_directive;
mod unused_source;

pub type Check = fn(&Context<'_>, &mut Vec<Diagnostic>);

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Syntax,
    Attribution,
    Numbers,
}

/// A registered rule.
pub struct RuleInfo {
    /// The public name, part of the interface (configs, directives, output).
    pub name: &'static str,
    pub default_severity: Severity,
    pub category: Category,
    /// The rule's source file; its leading `//!` lines are the documentation.
    source_file: &'static str,
    /// `None` for rules the parser reports.
    pub check: Option<Check>,
}

impl RuleInfo {
    /// The documentation: the rule file's leading `//!` comment, as Markdown.
    pub fn doc(&self) -> String {
        let mut doc = String::new();
        for line in self.source_file.lines() {
            let Some(text) = line.strip_prefix("//!") else {
                break;
            };
            doc.push_str(text.strip_prefix(' ').unwrap_or(text));
            doc.push('\n');
        }
        doc
    }

    /// The first sentence of the documentation.
    pub fn summary(&self) -> String {
        self.doc().lines().next().unwrap_or_default().to_string()
    }
}

macro_rules! rule {
    ($module:ident, $name:literal, $severity:ident, $category:ident) => {
        RuleInfo {
            name: $name,
            default_severity: Severity::$severity,
            category: Category::$category,
            source_file: include_str!(concat!(stringify!($module), ".rs")),
            check: None,
        }
    };
    ($module:ident, $name:literal, $severity:ident, $category:ident, check) => {
        RuleInfo {
            check: Some($module::check),
            ..rule!($module, $name, $severity, $category)
        }
    };
}

/// Every rule, in the order `claimmark rules` lists them.
pub static REGISTRY: &[RuleInfo] = &[
    // Syntax, reported by the parser.
    rule!(unclosed_tag, "unclosed-tag", Warning, Syntax),
    rule!(unclosed_fence, "unclosed-fence", Warning, Syntax),
    rule!(bare_braces, "bare-braces", Warning, Syntax),
    rule!(nesting_too_deep, "nesting-too-deep", Warning, Syntax),
    rule!(malformed_definition, "malformed-definition", Error, Syntax),
    rule!(duplicate_definition, "duplicate-definition", Error, Syntax),
    rule!(invalid_front_matter, "invalid-front-matter", Error, Syntax),
    rule!(unknown_field, "unknown-field", Warning, Syntax),
    rule!(unknown_directive, "unknown-directive", Warning, Syntax),
    rule!(unused_directive, "unused-directive", Warning, Syntax),
    rule!(unreadable_file, "unreadable-file", Error, Syntax),
    // Attribution and sources.
    rule!(
        unattributed_claim,
        "unattributed-claim",
        Error,
        Attribution,
        check
    ),
    rule!(
        undefined_source,
        "undefined-source",
        Error,
        Attribution,
        check
    ),
    rule!(unused_source, "unused-source", Warning, Attribution, check),
    rule!(
        anonymous_without_reason,
        "anonymous-without-reason",
        Warning,
        Attribution,
        check
    ),
    rule!(
        unknown_confidence,
        "unknown-confidence",
        Error,
        Attribution,
        check
    ),
    rule!(
        confidence_mismatch,
        "confidence-mismatch",
        Warning,
        Attribution,
        check
    ),
    rule!(
        untagged_assertion,
        "untagged-assertion",
        Warning,
        Attribution,
        check
    ),
    rule!(number_conflict, "number-conflict", Error, Numbers, check),
    rule!(
        relation_mismatch,
        "relation-mismatch",
        Error,
        Numbers,
        check
    ),
    rule!(unit_mismatch, "unit-mismatch", Error, Numbers, check),
    rule!(
        undefined_quantity,
        "undefined-quantity",
        Error,
        Numbers,
        check
    ),
    rule!(
        quantity_without_value,
        "quantity-without-value",
        Error,
        Numbers,
        check
    ),
    rule!(
        plain_number_conflict,
        "plain-number-conflict",
        Warning,
        Numbers,
        check
    ),
    rule!(
        missing_publication_date,
        "missing-publication-date",
        Warning,
        Numbers,
        check
    ),
];

/// Looks a rule up by its public name.
pub fn find(name: &str) -> Option<&'static RuleInfo> {
    REGISTRY.iter().find(|r| r.name == name)
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo. On
/// a tie the alphabetically first wins, so the answer does not depend on the order of
/// the candidates (some come from hash maps).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// How many candidate comparisons "did you mean" help may spend on one document.
/// A draft needs a few hundred; a generated file with thousands of undefined ids and
/// thousands of near-miss definitions would otherwise compare every pair (20,000 of
/// each took over 30 s). Past the budget, findings keep their plain help.
pub const SUGGESTION_BUDGET: usize = 200_000;

/// The comparisons left for "did you mean" help in one document (see
/// [`SUGGESTION_BUDGET`]). Spending is in document order, so the help is deterministic.
pub struct SuggestionBudget {
    remaining: usize,
}

impl SuggestionBudget {
    pub fn new() -> Self {
        SuggestionBudget {
            remaining: SUGGESTION_BUDGET,
        }
    }

    /// Takes `comparisons` from the budget; false (and nothing taken) when too few are left.
    pub fn spend(&mut self, comparisons: usize) -> bool {
        match self.remaining.checked_sub(comparisons) {
            Some(left) => {
                self.remaining = left;
                true
            }
            None => false,
        }
    }
}

impl Default for SuggestionBudget {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::diagnostic::Diagnostic;
    use crate::lint::{Config, lint};

    /// Diagnostics of one rule on `source`, with the default configuration.
    pub fn findings(rule: &str, source: &str) -> Vec<Diagnostic> {
        findings_with(rule, source, &Config::default())
    }

    pub fn findings_with(rule: &str, source: &str, config: &Config) -> Vec<Diagnostic> {
        lint(source, config)
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == rule)
            .collect()
    }

    /// The text each finding points at.
    pub fn flagged<'a>(source: &'a str, found: &[Diagnostic]) -> Vec<&'a str> {
        found.iter().map(|d| d.span.text(source)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_documented_with_an_example() {
        for rule in REGISTRY {
            let doc = rule.doc();
            assert!(!rule.summary().is_empty(), "{} has no summary", rule.name);
            assert!(
                doc.contains("## Why"),
                "{} doc lacks a `## Why` section",
                rule.name
            );
            assert!(
                doc.contains("## Example"),
                "{} doc lacks an `## Example` section",
                rule.name
            );
        }
    }

    #[test]
    fn names_are_unique_and_kebab_case() {
        let mut names: Vec<_> = REGISTRY.iter().map(|r| r.name).collect();
        assert!(
            names
                .iter()
                .all(|n| n.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        );
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), REGISTRY.len());
    }

    #[test]
    fn closest_suggests_only_near_misses() {
        assert_eq!(closest("galeoti", ["galeotti", "kross"]), Some("galeotti"));
        assert_eq!(
            closest("reportd", ["reported", "confirmed"]),
            Some("reported")
        );
        assert_eq!(closest("xyz", ["galeotti", "kross"]), None);
        // Ties go to the alphabetically first, whatever the order.
        assert_eq!(closest("ab", ["abd", "abc"]), Some("abc"));
        assert_eq!(closest("ab", ["abc", "abd"]), Some("abc"));
    }

    #[test]
    fn the_suggestion_budget_runs_out() {
        let mut budget = SuggestionBudget::new();
        assert!(budget.spend(SUGGESTION_BUDGET - 10));
        assert!(!budget.spend(11));
        assert!(budget.spend(10));
        assert!(!budget.spend(1));
    }
}
