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
}

/// Which numbers `untagged-assertion` asks a source for (`[untagged-assertion]
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
        .filter_map(|mut d| match rules::find(d.rule).map(|r| config.level(r)) {
            Some(Level::Off) => None,
            Some(Level::On(severity)) => {
                d.severity = severity;
                Some(d)
            }
            None => Some(d),
        })
        .collect();
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
    Linted {
        parsed,
        diagnostics,
    }
}
