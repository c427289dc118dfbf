//! The Claimmark parser.
//!
//! Parsing never fails: [`parse`] returns a lossless tree *and* diagnostics for any
//! input. It runs in two passes, both linear in the input:
//!
//! 1. the **line pass** ([`block`]) recognises the BOM, front matter, fenced code, block
//!    HTML comments, definitions with their continuation lines, link reference
//!    definitions and blank lines, and groups the remaining lines into paragraphs;
//! 2. the **inline pass** ([`inline`]) runs inside each paragraph: escapes, code spans,
//!    verbatim spans (HTML, autolinks, link destinations), directives, and braces, which
//!    are matched with a stack and become tags when a valid suffix follows.
//!
//! Besides the tree, the parser fills typed views — tags, definitions, directives and
//! front matter — that the linter, exporters and a language server share.

mod block;
mod definition;
mod front_matter;
mod inline;
pub mod lexical;
mod strip;
pub mod tree;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::span::Span;

pub use front_matter::{FrontMatter, FrontMatterFormat};
pub use strip::{StripMode, StripOptions, Stripped, strip};
pub use tree::{Node, NodeKind};

/// Names of the diagnostics the parser emits (the linter may change their severity).
pub mod rule_names {
    pub const UNCLOSED_TAG: &str = "unclosed-tag";
    pub const UNCLOSED_FENCE: &str = "unclosed-fence";
    pub const BARE_BRACES: &str = "bare-braces";
    pub const NESTING_TOO_DEEP: &str = "nesting-too-deep";
    pub const MALFORMED_DEFINITION: &str = "malformed-definition";
    pub const DUPLICATE_DEFINITION: &str = "duplicate-definition";
    pub const INVALID_FRONT_MATTER: &str = "invalid-front-matter";
    pub const UNKNOWN_FIELD: &str = "unknown-field";
    pub const UNKNOWN_DIRECTIVE: &str = "unknown-directive";
}

/// Braces nested deeper than this are literal text (but still matched).
pub const MAX_TAG_DEPTH: usize = 256;

/// A name written in the document (an id, a source, a confidence word, a key) and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

impl Name {
    pub fn new(text: impl Into<String>, span: Span) -> Self {
        Name {
            text: text.into(),
            span,
        }
    }
}

/// The parsed suffix of a tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suffix {
    pub span: Span,
    /// `#ID`
    pub id: Option<Name>,
    /// `@a+b`: each source id; empty when there is no `@` part.
    pub sources: Vec<Name>,
    /// `:word`
    pub confidence: Option<Name>,
}

/// A tag `{TEXT}SUFFIX`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    /// From `{` through the end of the suffix.
    pub span: Span,
    /// The text between the braces (may contain nested tags).
    pub text: Span,
    pub open: Span,
    pub close: Span,
    pub suffix: Suffix,
    /// Index of the enclosing tag in [`Document::tags`].
    pub parent: Option<usize>,
}

impl Tag {
    /// A claim names who is on record (`@`) or how sure we are (`:`).
    pub fn is_claim(&self) -> bool {
        !self.suffix.sources.is_empty() || self.suffix.confidence.is_some()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DefinitionKind {
    /// `[@id]: Name`
    Source,
    /// `[#id]: = expression`
    Relation,
}

/// A `key: value` continuation line of a definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub key: Name,
    /// The value, trimmed; its span is empty (at the line end) when the value is empty.
    pub value: Name,
    /// The line's content without indentation and line ending.
    pub span: Span,
}

/// A source or relation definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Definition {
    pub kind: DefinitionKind,
    pub id: Name,
    /// Every line of the definition, including the final line ending.
    pub span: Span,
    /// The first line, without its line ending.
    pub header: Span,
    /// The rest of the first line after `]:`, trimmed: the display name of a source, or
    /// the `= expression` of a relation.
    pub value: Name,
    pub fields: Vec<Field>,
    /// The relation's parsed expression (spans relative to `expression_span.start`).
    #[serde(skip)]
    pub expression: Option<crate::numbers::Expr>,
    /// The span of the expression text (after `=`), for relations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression_span: Option<Span>,
    /// False when the definition is malformed (bad id, bad expression, …); linters skip it.
    pub valid: bool,
}

impl Definition {
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key.text == key)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "name")]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableNextLine,
    DisableFile,
    /// A `claimmark-*` comment with a name we do not know.
    Unknown(String),
}

/// A `<!-- claimmark-… -->` comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// The comment, `<!--` through `-->`.
    pub span: Span,
    /// Listed rule names; empty means all rules.
    pub rules: Vec<Name>,
    pub reason: Option<String>,
    /// When the comment stands alone on its line(s): the whole line(s), with indentation
    /// and line ending. `strip` removes this span.
    pub own_line: Option<Span>,
}

/// The parsed document: a lossless tree plus typed views.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    pub tree: Node,
    pub front_matter: Option<FrontMatter>,
    pub tags: Vec<Tag>,
    pub definitions: Vec<Definition>,
    pub directives: Vec<Directive>,
    /// Escapes `\{ \} \@ \# \: \\`, by span.
    pub escapes: Vec<Span>,
}

impl Document {
    /// Reproduces the input byte for byte.
    pub fn print(&self, source: &str) -> String {
        self.tree.print(source)
    }

    /// The text of a span with Claimmark syntax removed (nested tag braces and suffixes,
    /// escapes resolved) — what a reader sees. Used for a tag's words.
    pub fn plain_text(&self, source: &str, span: Span) -> String {
        strip::plain_text(self, source, span).text
    }

    /// Like [`Document::plain_text`], with the map from text offsets back to the source.
    pub fn plain(&self, source: &str, span: Span) -> Stripped {
        strip::plain_text(self, source, span)
    }

    pub fn sources(&self) -> impl Iterator<Item = &Definition> {
        self.definitions
            .iter()
            .filter(|d| d.kind == DefinitionKind::Source)
    }

    pub fn relations(&self) -> impl Iterator<Item = &Definition> {
        self.definitions
            .iter()
            .filter(|d| d.kind == DefinitionKind::Relation)
    }
}

/// What [`parse`] returns: always a document, and the problems found on the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parsed {
    pub document: Document,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parse a Claimmark document. Never fails, never panics, linear in `source.len()`.
/// At most [`DEFAULT_MAX_FINDINGS_PER_RULE`](crate::diagnostic::DEFAULT_MAX_FINDINGS_PER_RULE)
/// findings of each parser rule are reported, then one "and N more".
pub fn parse(source: &str) -> Parsed {
    parse_capped(source, crate::diagnostic::DEFAULT_MAX_FINDINGS_PER_RULE)
}

/// [`parse`], reporting at most `max_findings_per_rule` findings of each rule (then one
/// closing "and N more" finding per rule, see [`FindingsCap`](crate::diagnostic::FindingsCap)).
pub fn parse_capped(source: &str, max_findings_per_rule: usize) -> Parsed {
    let mut diagnostics = Vec::new();
    let cap = crate::diagnostic::FindingsCap::new(max_findings_per_rule);
    let (mut document, mut cap) = block::parse_blocks(source, &mut diagnostics, cap);
    definition::check_duplicates(&document.definitions, &mut diagnostics);
    // The per-brace rules were capped as they were found; the others are capped here.
    cap.compact(&mut diagnostics);
    diagnostics.extend(cap.summaries());
    document.tags.sort_by_key(|t| t.span.start);
    // Parent indices were recorded against the unsorted list; recompute them in order.
    relink_parents(&mut document.tags);
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    debug_assert!(document.tree.check_tiling().is_ok());
    Parsed {
        document,
        diagnostics,
    }
}

/// Each tag's parent is the nearest earlier tag whose text contains it.
fn relink_parents(tags: &mut [Tag]) {
    let mut open: Vec<usize> = Vec::new();
    for i in 0..tags.len() {
        while let Some(&top) = open.last() {
            if tags[top].text.end >= tags[i].span.end && tags[top].text.start <= tags[i].span.start
            {
                break;
            }
            open.pop();
        }
        tags[i].parent = open.last().copied();
        open.push(i);
    }
}
