//! The linter: parse, run every enabled rule, apply severities. Pure: text in,
//! diagnostics out. Reading files and printing belong to the CLI.

pub mod config;
pub mod plain_numbers;
pub mod prose;
pub mod quantities;
mod suppress;

use std::collections::HashMap;

use num_rational::BigRational;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{self, RuleInfo};
use crate::syntax::{Definition, DefinitionKind, Document, Parsed, Tag, parse};

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
/// sorted by position.
pub fn lint(source: &str, config: &Config) -> Linted {
    let parsed = parse(source);
    let mut found = parsed.diagnostics.clone();
    {
        let context = Context::new(source, &parsed.document, config);
        for rule in rules::REGISTRY {
            if let (Some(check), Level::On(_)) = (rule.check, config.level(rule)) {
                check(&context, &mut found);
            }
        }
    }
    let index = crate::span::LineIndex::new(source);
    let found = suppress::apply(&parsed.document.directives, &index, found);
    let mut diagnostics: Vec<Diagnostic> = found
        .into_iter()
        .filter_map(
            |mut d| match rules::find(d.rule).map(|r| (r, config.level(r))) {
                Some((_, Level::Off)) => None,
                Some((rule, Level::On(severity))) => {
                    // A finding that a house policy put at info, below the rule's own
                    // severity, stays there.
                    let lowered =
                        d.severity == Severity::Info && rule.default_severity != Severity::Info;
                    if !lowered {
                        d.severity = severity;
                    }
                    Some(d)
                }
                None => Some(d),
            },
        )
        .collect();
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
    Linted {
        parsed,
        diagnostics,
    }
}
