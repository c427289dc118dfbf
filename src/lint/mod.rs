//! The linter: parse, run every enabled rule, apply severities. Pure: text in,
//! diagnostics out. Reading files and printing belong to the CLI.

pub mod config;
pub mod plain_numbers;
pub mod prose;
pub mod quantities;
mod suppress;

use std::collections::HashMap;

use num_rational::BigRational;

use crate::diagnostic::{Diagnostic, FindingsCap, Severity};
use crate::rules::{self, RuleInfo};
use crate::syntax::{Definition, DefinitionKind, Document, Parsed, Tag, parse_capped};

/// How a rule is configured: a severity, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

/// Everything a lint run can be configured with. Defaults match `claimmark init`.
#[derive(Debug, Clone)]
pub struct Config {
    /// Per-rule overrides of the default severity.
    pub levels: HashMap<String, Level>,
    /// The confidence vocabulary (`:word`).
    pub confidences: Vec<String>,
    /// Confidences that need no source (`unsourced-ok`).
    pub unsourced_ok: Vec<String>,
    /// Tolerance of approximate quantities ("about 650"), as a fraction.
    pub tolerance: BigRational,
    /// Extra hedging phrases for `confidence-mismatch` (added to the built-in list).
    pub extra_hedges: Vec<String>,
    /// Extra settled-fact phrases for `confidence-mismatch`.
    pub extra_assertions: Vec<String>,
    /// Which numbers make an untagged sentence check-worthy (`untagged-assertion`).
    pub untagged_numbers: UntaggedNumbers,
    /// The confidence below which `untagged-assertion` stays quiet, from 0 to 1.
    pub untagged_min_confidence: f32,
    /// What `untagged-assertion` does with public records (votes, markets, scores).
    pub public_record: ClassPolicy,
    /// What `untagged-assertion` does with common knowledge.
    pub common_knowledge: ClassPolicy,
    /// The house's own phrases of common knowledge, lower case.
    pub facts: Vec<String>,
    /// Findings of one rule reported per file before one closing "and N more"
    /// (`max-findings-per-rule`).
    pub max_findings_per_rule: usize,
}

/// What `untagged-assertion` does with a class of facts a house may not ask a source
/// for (`public-record`, `common-knowledge` under `[untagged-assertion]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassPolicy {
    /// No finding.
    Ignore,
    /// A finding of severity info, below the rule's own.
    Info,
    /// A finding like any other.
    Warn,
}

impl ClassPolicy {
    /// The word `claimmark.toml` uses for it.
    pub fn as_str(self) -> &'static str {
        match self {
            ClassPolicy::Ignore => "ignore",
            ClassPolicy::Info => "info",
            ClassPolicy::Warn => "warn",
        }
    }
}

/// The default `min-confidence` of `untagged-assertion`: on the hand-labelled dev set
/// (`bench/fit-untagged.py`), the findings at or above it are right 80% of the time;
/// higher thresholds buy little precision for much recall (0.75: 82%, a third fewer).
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.6;

pub use crate::prose::claims::UntaggedNumbers;

pub const DEFAULT_CONFIDENCES: &[&str] = &[
    "confirmed",
    "reported",
    "claimed",
    "alleged",
    "disputed",
    "denied",
    "estimate",
    "opinion",
    "unverified",
];

impl Default for Config {
    fn default() -> Self {
        Config {
            levels: HashMap::new(),
            confidences: DEFAULT_CONFIDENCES.iter().map(|s| s.to_string()).collect(),
            unsourced_ok: Vec::new(),
            tolerance: BigRational::new(1.into(), 10.into()),
            extra_hedges: Vec::new(),
            extra_assertions: Vec::new(),
            untagged_numbers: UntaggedNumbers::default(),
            untagged_min_confidence: DEFAULT_MIN_CONFIDENCE,
            public_record: ClassPolicy::Ignore,
            common_knowledge: ClassPolicy::Ignore,
            facts: Vec::new(),
            max_findings_per_rule: crate::diagnostic::DEFAULT_MAX_FINDINGS_PER_RULE,
        }
    }
}

impl Config {
    /// The effective level of a rule.
    pub fn level(&self, rule: &RuleInfo) -> Level {
        self.levels
            .get(rule.name)
            .copied()
            .unwrap_or(Level::On(rule.default_severity))
    }
}

/// What rules see: the source, its parse, the configuration, and shared lookups.
pub struct Context<'a> {
    pub source: &'a str,
    pub document: &'a Document,
    pub config: &'a Config,
    /// Source definitions by id (the first one, when duplicated).
    pub sources: HashMap<&'a str, &'a Definition>,
    /// Quantity tag values and relation outcomes, computed on first use
    /// ([`Context::quantities`]).
    quantities: std::sync::OnceLock<quantities::Quantities<'a>>,
    /// Sentences and prose attributions of the stripped text, computed on first use
    /// ([`Context::prose`]).
    prose: std::sync::OnceLock<prose::ProseAnalysis>,
    /// Check-worthy sentences nobody is on record for, read on first use
    /// ([`Context::assertions`]).
    assertions: std::sync::OnceLock<Vec<crate::prose::claims::Assertion>>,
    /// The publication day and the links between plain-copy figures, computed on first
    /// use ([`Context::plain_numbers`]).
    plain_numbers: std::sync::OnceLock<plain_numbers::PlainAnalysis>,
}

impl<'a> Context<'a> {
    pub fn new(source: &'a str, document: &'a Document, config: &'a Config) -> Self {
        let mut sources = HashMap::new();
        for def in document
            .definitions
            .iter()
            .filter(|d| d.kind == DefinitionKind::Source)
        {
            sources.entry(def.id.text.as_str()).or_insert(def);
        }
        Context {
            source,
            document,
            config,
            sources,
            quantities: std::sync::OnceLock::new(),
            prose: std::sync::OnceLock::new(),
            assertions: std::sync::OnceLock::new(),
            plain_numbers: std::sync::OnceLock::new(),
        }
    }

    /// The tag's words as a reader sees them.
    pub fn tag_text(&self, tag: &Tag) -> String {
        self.document.plain_text(self.source, tag.text)
    }

    /// Tags enclosing `tag`, innermost first.
    pub fn ancestors(&self, tag: &'a Tag) -> impl Iterator<Item = &'a Tag> + 'a {
        let tags = &self.document.tags;
        std::iter::successors(tag.parent.map(|p| &tags[p]), move |t| {
            t.parent.map(|p| &tags[p])
        })
    }
}

/// The result of linting one document.
pub struct Linted {
    pub parsed: Parsed,
    pub diagnostics: Vec<Diagnostic>,
}

/// Lints one document: parser diagnostics and rule findings, with configured severities,
/// suppressions applied, at most `max_findings_per_rule` of each rule (then one "and N
/// more"), sorted by position.
///
/// Each rule's findings are settled (suppressed, given their severity, capped) as soon
/// as the rule has run, so a file holds at most one rule's raw findings at a time plus
/// the capped findings of the others, however many a pathological draft produces.
pub fn lint(source: &str, config: &Config) -> Linted {
    let parsed = parse_capped(source, config.max_findings_per_rule);
    let index = crate::span::LineIndex::new(source);
    let mut cap = FindingsCap::new(config.max_findings_per_rule);
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut batch = parsed.diagnostics.clone();
    {
        let mut suppressions = suppress::Suppressions::new(&parsed.document.directives, &index);
        let mut settle =
            |batch: &mut Vec<Diagnostic>,
             found: &mut Vec<Diagnostic>,
             suppressions: Option<&mut suppress::Suppressions<'_>>| {
                let mut suppressions = suppressions;
                for mut d in batch.drain(..) {
                    if let Some(s) = suppressions.as_deref_mut()
                        && s.silences(&d)
                    {
                        continue;
                    }
                    match rules::find(d.rule).map(|r| (r, config.level(r))) {
                        Some((_, Level::Off)) => continue,
                        Some((rule, Level::On(severity))) => {
                            // A finding that a house policy put at info, below the
                            // rule's own severity, stays there.
                            let lowered = d.severity == Severity::Info
                                && rule.default_severity != Severity::Info;
                            if !lowered {
                                d.severity = severity;
                            }
                        }
                        None => {}
                    }
                    found.push(d);
                }
                cap.compact(found);
            };
        settle(&mut batch, &mut found, Some(&mut suppressions));
        let context = Context::new(source, &parsed.document, config);
        for rule in rules::REGISTRY {
            if let (Some(check), Level::On(_)) = (rule.check, config.level(rule)) {
                check(&context, &mut batch);
                settle(&mut batch, &mut found, Some(&mut suppressions));
            }
        }
        let mut unused = suppressions.unused();
        settle(&mut unused, &mut found, None);
    }
    found.extend(cap.summaries());
    let mut diagnostics = found;
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
    Linted {
        parsed,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(max: usize) -> Config {
        Config {
            max_findings_per_rule: max,
            ..Config::default()
        }
    }

    fn of<'d>(found: &'d [Diagnostic], rule: &str) -> Vec<&'d Diagnostic> {
        found.iter().filter(|d| d.rule == rule).collect()
    }

    #[test]
    fn findings_of_a_rule_are_capped_with_one_closing_finding() {
        // Undefined sources (a rule) and bare braces (the parser), 12 of each.
        let source = "{a}@x {b} ".repeat(12) + "\n";
        let linted = lint(&source, &config(5));
        for rule in ["undefined-source", "bare-braces"] {
            let found = of(&linted.diagnostics, rule);
            assert_eq!(found.len(), 6, "{rule}: {found:#?}");
            // The first five by position, then "and 7 more" at the sixth.
            let (shown, more) = found.split_at(5);
            assert!(shown.iter().all(|d| d.omitted == 0));
            assert_eq!(more[0].omitted, 7);
            assert!(more[0].span.start > shown[4].span.start);
            assert!(
                more[0]
                    .message
                    .starts_with(&format!("and 7 more `{rule}` findings")),
                "{}",
                more[0].message
            );
            let counted: usize = found.iter().map(|d| d.count()).sum();
            assert_eq!(counted, 12);
        }
        // The default is generous enough for a real draft, and nothing is capped under it.
        let linted = lint(&source, &Config::default());
        assert_eq!(of(&linted.diagnostics, "undefined-source").len(), 12);
    }

    #[test]
    fn the_cap_counts_what_suppressions_and_severities_leave() {
        let lines = "{a}@x\n".repeat(4);
        let source = format!(
            "<!-- claimmark-disable undefined-source -->\n{lines}<!-- claimmark-enable undefined-source -->\n\n{lines}"
        );
        // Suppressed findings do not use up the cap: the four after `enable` are shown.
        let linted = lint(&source, &config(4));
        let found = of(&linted.diagnostics, "undefined-source");
        assert_eq!(found.len(), 4);
        assert!(found.iter().all(|d| d.omitted == 0));
        // The closing finding takes the configured severity, like the rest.
        let mut quiet = config(2);
        quiet
            .levels
            .insert("undefined-source".into(), Level::On(Severity::Info));
        let linted = lint(&source, &quiet);
        let found = of(&linted.diagnostics, "undefined-source");
        assert_eq!(found.len(), 3);
        assert_eq!(found[2].omitted, 2);
        assert!(found.iter().all(|d| d.severity == Severity::Info));
    }
}
