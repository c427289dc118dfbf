//! The document model as plain, serializable data: what `claimmark export --to json`
//! prints and what a language server can reuse. The schema is documented in
//! `grammar/export.schema.json` (version [`SCHEMA_VERSION`]).
//!
//! [`export`] lints the document once, then describes it: front matter, source
//! definitions, every tag (with the value of quantity tags), every relation with its
//! evaluation, the attributions the prose detector finds, and the diagnostics.
//!
//! * **Offsets** are bytes into the input text, always on character boundaries.
//! * **Numbers** are exact: a rational bound is a decimal string when its expansion
//!   terminates (`"0.05"`, `"650"`), else `"n/d"` (`"1/3"`); an absent bound is `null`.
//! * **Values and relations** come from the linter's quantity code
//!   ([`crate::lint::quantities`]), so `export` and `lint` never disagree.
//! * **Attributions** are detected on the text-mode stripped copy (annotations and
//!   front matter removed, escapes resolved) and mapped back to the input, so a span's
//!   `text` is exactly the input's bytes at its offsets.
//!
//! Diagnostics are kept as [`Diagnostic`] values; [`Export::map_diagnostics`] turns
//! them into whatever shape the caller prints (the CLI uses the lint JSON shape).

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::lint::quantities::{IdValue, Outcome, Quantities};
use crate::lint::{Config, Context, lint};
use crate::numbers::{Bound, Quantity, Unit};
use crate::prose::claims::{ClaimClass, ClaimKind, Features, is_furniture};
use crate::prose::{Attribution, AttributionKind, detect_attributions};
use crate::span::Span;
use crate::syntax::{Definition, Document, FrontMatterFormat, StripMode, StripOptions, strip};

/// The `version` of the export schema. Bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// One exported document. `D` is how diagnostics are represented ([`Diagnostic`] from
/// [`export`]; the CLI maps them to JSON values).
#[derive(Debug, Clone, Serialize)]
pub struct Export<D = Diagnostic> {
    pub version: u32,
    pub path: String,
    pub front_matter: Option<FrontMatterExport>,
    pub sources: Vec<SourceExport>,
    pub tags: Vec<TagExport>,
    pub relations: Vec<RelationExport>,
    pub attributions: Vec<AttributionExport>,
    /// Check-worthy sentences nobody is on record for, each with the confidence the
    /// reader gives it, whether or not `untagged-assertion` reports it.
    pub assertions: Vec<AssertionExport>,
    /// Sentences read as page furniture (captions, credits, promos, headings).
    pub furniture: Vec<SpanExport>,
    /// The publication day relative dates count from, and where it was read.
    pub publication: Option<PublicationExport>,
    /// Links between untagged figures and dates that plain-number checking made.
    pub plain_links: Vec<PlainLinkExport>,
    pub diagnostics: Vec<D>,
}

impl<D> Export<D> {
    /// The same export with each diagnostic converted by `f`.
    pub fn map_diagnostics<E>(self, f: impl FnMut(&D) -> E) -> Export<E> {
        Export {
            version: self.version,
            path: self.path,
            front_matter: self.front_matter,
            sources: self.sources,
            tags: self.tags,
            relations: self.relations,
            attributions: self.attributions,
            assertions: self.assertions,
            furniture: self.furniture,
            publication: self.publication,
            plain_links: self.plain_links,
            diagnostics: self.diagnostics.iter().map(f).collect(),
        }
    }
}

/// A byte range of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SpanExport {
    pub start: usize,
    pub end: usize,
}

impl From<Span> for SpanExport {
    fn from(span: Span) -> Self {
        SpanExport {
            start: span.start,
            end: span.end,
        }
    }
}

/// A byte range of the input and the input's text there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl TextSpan {
    fn new(source: &str, span: Span) -> Self {
        TextSpan {
            start: span.start,
            end: span.end,
            text: span.text(source).to_string(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FrontMatterExport {
    pub format: FrontMatterFormat,
    pub span: SpanExport,
    /// False when the front matter did not parse (then no key was read).
    pub valid: bool,
    /// `published` (or `date`) as written.
    pub published: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceExport {
    pub id: String,
    /// The display name after `]:`.
    pub name: String,
    pub role: Option<String>,
    pub kind: Option<String>,
    /// Whether the definition has an `anonymous:` field.
    pub anonymous: bool,
    /// The `anonymous:` value (possibly empty); `None` when not anonymous.
    pub anonymous_reason: Option<String>,
    pub url: Option<String>,
    /// The `alias:` items, trimmed, empty items dropped.
    pub aliases: Vec<String>,
    pub span: SpanExport,
    pub valid: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TagExport {
    /// `{` through the end of the suffix.
    pub span: SpanExport,
    /// Between the braces.
    pub text_span: SpanExport,
    /// The words as a reader sees them (nested tag syntax removed, escapes resolved).
    pub text: String,
    /// Index of the enclosing tag in `tags`.
    pub parent: Option<usize>,
    pub id: Option<String>,
    pub sources: Vec<String>,
    pub confidence: Option<String>,
    pub is_claim: bool,
    /// For a tag with `#id`: the value its text states, when one could be read.
    pub value: Option<ValueExport>,
    /// The text is a date relative to publication (`10 years ago`).
    pub relative_date: bool,
}

/// A quantity: an interval of exact rationals with a unit.
#[derive(Debug, Clone, Serialize)]
pub struct ValueExport {
    /// `count`, `ratio`, `percent`, `percentage-points`, `money`, `date`, `years`, `number`.
    pub unit: &'static str,
    /// ISO 4217 code for money, else `None`.
    pub currency: Option<&'static str>,
    pub interval: IntervalExport,
    /// The value as a message would show it (`585 – 715`, `€212 million`, `2009`).
    pub display: String,
    /// The phrase that was read, for a tag's value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phrase: Option<TextSpan>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IntervalExport {
    pub lo: Option<String>,
    pub hi: Option<String>,
    pub lo_inclusive: bool,
    pub hi_inclusive: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct RelationExport {
    /// The quantity the relation defines (`[#id]:`).
    pub id: String,
    /// The expression after `=`, as written; `None` when the definition has none.
    pub expression: Option<String>,
    /// The `tolerance:` value as written.
    pub tolerance: Option<String>,
    pub span: SpanExport,
    pub valid: bool,
    pub evaluation: Evaluation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// No tag states the relation's id: it only computes a value for other relations.
    Computed,
    Holds,
    Mismatch,
    UnitMismatch,
    NotEvaluated,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub status: Status,
    /// The computed value (with no `tolerance:` widening applied).
    pub computed: Option<ValueExport>,
    /// Each tag of the relation's id that states a value, checked on its own.
    pub stated: Vec<StatedExport>,
    /// Why the relation was not evaluated, or which units do not combine.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatedExport {
    /// Index of the tag in `tags`.
    pub tag: usize,
    pub value: ValueExport,
    /// `holds`, `mismatch` or `unit-mismatch`.
    pub status: Status,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttributionExport {
    pub kind: &'static str,
    pub source: Option<TextSpan>,
    pub cue: Option<TextSpan>,
    pub content: Option<TextSpan>,
    /// The named mention a pronoun or short-name source refers to.
    pub resolved_source: Option<TextSpan>,
    /// The sentence of the cue (or of the content when there is no cue). Offsets only:
    /// every attribution of a sentence repeats it, so its text would make the export
    /// grow with the square of a sentence that holds many attributions.
    pub sentence: SpanExport,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssertionExport {
    pub kind: ClaimKind,
    /// The words that make the sentence check-worthy.
    pub trigger: TextSpan,
    pub sentence: SpanExport,
    pub confidence: f32,
    /// What the reader weighed (`FEATURE_NAMES` in `src/prose/claims.rs`).
    pub features: Features,
    pub class: ClaimClass,
}

/// The publication day and its origin.
#[derive(Debug, Clone, Serialize)]
pub struct PublicationExport {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `front_matter` or `dateline`.
    pub from: &'static str,
    /// The front-matter value or the dateline's date phrase.
    pub span: TextSpan,
}

/// One plain-copy link: two mentions that must agree, and whether they do.
#[derive(Debug, Clone, Serialize)]
pub struct PlainLinkExport {
    /// `same-event`, `parts-and-total` or `restated`.
    pub kind: &'static str,
    /// `holds` or `mismatch`.
    pub status: Status,
    /// `high` or `medium`.
    pub confidence: &'static str,
    /// The name or group the link is keyed on.
    pub key: String,
    pub first: PlainMentionExport,
    pub second: PlainMentionExport,
    /// What the first mention says the second must be (k × the part for a total).
    pub expected: ValueExport,
    /// Number of parts (1 for an event).
    pub parts: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlainMentionExport {
    /// The figure or date phrase.
    pub phrase: TextSpan,
    /// The event words or counted noun it belongs to.
    pub about: TextSpan,
    pub value: ValueExport,
    /// Counted from the publication day.
    pub relative_date: bool,
}

fn plain(source: &str, context: &Context<'_>) -> (Option<PublicationExport>, Vec<PlainLinkExport>) {
    let analysis = context.plain_numbers();
    let publication = analysis.publication.map(|p| PublicationExport {
        date: format!(
            "{:04}-{:02}-{:02}",
            p.date.year(),
            p.date.month(),
            p.date.day()
        ),
        from: p.from.as_str(),
        span: TextSpan::new(source, p.span),
    });
    let mention =
        |phrase: Span, about: Span, m: &crate::numbers::plain::Mention| PlainMentionExport {
            phrase: TextSpan::new(source, phrase),
            about: TextSpan::new(source, about),
            value: value_export(&m.quantity),
            relative_date: m.relative,
        };
    let links = analysis
        .links
        .iter()
        .map(|pl| PlainLinkExport {
            kind: pl.link.kind.as_str(),
            status: if pl.link.holds {
                Status::Holds
            } else {
                Status::Mismatch
            },
            confidence: pl.link.confidence.as_str(),
            key: pl.link.key.clone(),
            first: mention(pl.first, pl.first_about, &pl.link.first),
            second: mention(pl.second, pl.second_about, &pl.link.second),
            expected: value_export(&pl.link.expected),
            parts: pl.link.parts,
        })
        .collect();
    (publication, links)
}

/// Describes `source` (shown as `path`) with the lint configuration `config`.
pub fn export(path: &str, source: &str, config: &Config) -> Export {
    let linted = lint(source, config);
    let document = &linted.parsed.document;
    let context = Context::new(source, document, config);
    let quantities = context.quantities();
    let (publication, plain_links) = plain(source, &context);
    Export {
        version: SCHEMA_VERSION,
        path: path.to_string(),
        front_matter: front_matter(document),
        sources: document.sources().map(source_export).collect(),
        tags: tags(source, document, quantities),
        relations: document
            .relations()
            .map(|d| relation(source, document, quantities, d))
            .collect(),
        attributions: attributions(source, document),
        assertions: context
            .assertions()
            .iter()
            .map(|a| AssertionExport {
                kind: a.kind,
                trigger: TextSpan::new(source, context.prose().source_span(a.trigger.clone())),
                sentence: context.prose().source_span(a.sentence.clone()).into(),
                confidence: a.confidence,
                features: a.features,
                class: a.class,
            })
            .collect(),
        furniture: {
            let prose = context.prose();
            prose
                .sentences
                .iter()
                .filter(|s| is_furniture(&prose.text.text[(*s).clone()]))
                .map(|s| prose.source_span(s.clone()).into())
                .collect()
        },
        publication,
        plain_links,
        diagnostics: linted.diagnostics,
    }
}

fn front_matter(document: &Document) -> Option<FrontMatterExport> {
    let fm = document.front_matter.as_ref()?;
    Some(FrontMatterExport {
        format: fm.format,
        span: fm.span.into(),
        valid: fm.valid,
        published: fm.published.as_ref().map(|n| n.text.clone()),
        title: fm.title.clone(),
        url: fm.url.clone(),
        authors: fm.authors.clone(),
        lang: fm.lang.clone(),
    })
}

fn source_export(def: &Definition) -> SourceExport {
    let field = |key: &str| def.field(key).map(|f| f.value.text.clone());
    let anonymous_reason = field("anonymous");
    SourceExport {
        id: def.id.text.clone(),
        name: def.value.text.clone(),
        role: field("role"),
        kind: field("kind"),
        anonymous: anonymous_reason.is_some(),
        anonymous_reason,
        url: field("url"),
        aliases: def
            .field("alias")
            .map(|f| {
                f.value
                    .text
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        span: def.span.into(),
        valid: def.valid,
    }
}

/// The index in `document.tags` of the tag starting at `start` (tags start at distinct
/// `{`, and the list is sorted by start).
fn tag_index(document: &Document, start: usize) -> Option<usize> {
    document
        .tags
        .binary_search_by_key(&start, |t| t.span.start)
        .ok()
}

fn tags(source: &str, document: &Document, quantities: &Quantities<'_>) -> Vec<TagExport> {
    let mut out: Vec<TagExport> = document
        .tags
        .iter()
        .map(|tag| TagExport {
            span: tag.span.into(),
            text_span: tag.text.into(),
            text: document.plain_text(source, tag.text),
            parent: tag.parent,
            id: tag.suffix.id.as_ref().map(|n| n.text.clone()),
            sources: tag.suffix.sources.iter().map(|n| n.text.clone()).collect(),
            confidence: tag.suffix.confidence.as_ref().map(|n| n.text.clone()),
            is_claim: tag.is_claim(),
            value: None,
            relative_date: false,
        })
        .collect();
    for value in quantities.all() {
        let Some(i) = tag_index(document, value.tag.span.start) else {
            continue;
        };
        out[i].relative_date = value.read.relative_date;
        out[i].value = value.quantity().map(|q| {
            let mut v = value_export(q);
            v.phrase = value.phrase().map(|p| TextSpan::new(source, p));
            v
        });
    }
    out
}

fn relation(
    source: &str,
    document: &Document,
    quantities: &Quantities<'_>,
    def: &Definition,
) -> RelationExport {
    RelationExport {
        id: def.id.text.clone(),
        expression: def
            .expression_span
            .map(|s| s.text(source).trim().to_string()),
        tolerance: def.field("tolerance").map(|f| f.value.text.clone()),
        span: def.span.into(),
        valid: def.valid,
        evaluation: evaluation(document, quantities, def),
    }
}

fn not_evaluated(reason: String) -> Evaluation {
    Evaluation {
        status: Status::NotEvaluated,
        computed: None,
        stated: Vec::new(),
        reason: Some(reason),
    }
}

fn evaluation(document: &Document, quantities: &Quantities<'_>, def: &Definition) -> Evaluation {
    let Some(relation) = quantities
        .relations()
        .iter()
        .find(|r| std::ptr::eq(r.definition, def))
    else {
        return not_evaluated("the definition is malformed".into());
    };
    match &relation.outcome {
        Outcome::Skipped => not_evaluated(skip_reason(quantities, def)),
        Outcome::UnitMismatch(error) => Evaluation {
            status: Status::UnitMismatch,
            computed: None,
            stated: Vec::new(),
            reason: Some(error.to_string()),
        },
        Outcome::Computed {
            computed, stated, ..
        } => {
            let stated: Vec<StatedExport> = stated
                .iter()
                .filter_map(|(i, result)| {
                    let value = quantities.tag(*i);
                    Some(StatedExport {
                        tag: tag_index(document, value.tag.span.start)?,
                        value: value_export(value.quantity()?),
                        status: match result {
                            Ok(true) => Status::Holds,
                            Ok(false) => Status::Mismatch,
                            Err(_) => Status::UnitMismatch,
                        },
                    })
                })
                .collect();
            let status = if !quantities.is_tagged(&def.id.text) {
                Status::Computed
            } else if stated.iter().any(|s| s.status == Status::UnitMismatch) {
                Status::UnitMismatch
            } else if stated.iter().any(|s| s.status == Status::Mismatch) {
                Status::Mismatch
            } else {
                Status::Holds
            };
            let reason = stated.iter().find_map(|s| {
                (s.status == Status::UnitMismatch).then(|| {
                    format!(
                        "the stated value is {} but the expression gives {}",
                        s.value.unit,
                        unit_name(computed.unit)
                    )
                })
            });
            Evaluation {
                status,
                computed: Some(value_export(computed)),
                stated,
                reason,
            }
        }
    }
}

/// Why a valid relation was skipped, in the order the linter checks.
fn skip_reason(quantities: &Quantities<'_>, def: &Definition) -> String {
    let own = def.id.text.as_str();
    let no_value = |id: &str| {
        if quantities
            .values(id)
            .any(|t| t.read.relative_date && t.quantity().is_none())
        {
            format!(
                "`#{id}` is a relative date and the front matter has no readable publication date"
            )
        } else {
            format!("no tag of `#{id}` states a readable value")
        }
    };
    if quantities.is_cyclic(own) {
        return format!("`#{own}` is defined only through relations that depend on each other");
    }
    if !quantities.is_tagged(own) && !quantities.is_computed(own) {
        return format!("no tag carries `#{own}`");
    }
    if quantities.is_tagged(own) && !quantities.values(own).any(|t| t.quantity().is_some()) {
        return no_value(own);
    }
    if let Some(expression) = &def.expression {
        for (id, _) in expression.idents() {
            match quantities.id_value(id) {
                IdValue::Untagged if quantities.is_cyclic(id) => {
                    return format!(
                        "`#{id}` is defined only through relations that depend on each other"
                    );
                }
                IdValue::Untagged => return format!("no tag carries `#{id}`"),
                IdValue::NoValue if quantities.is_computed(id) => {
                    return format!("`#{id}` comes from its relation, which was not evaluated");
                }
                IdValue::NoValue => return no_value(id),
                IdValue::Conflicting => {
                    return format!("the tags of `#{id}` state values that contradict each other");
                }
                IdValue::Value(_) => {}
            }
        }
    }
    if let Some(field) = def.field("tolerance") {
        return format!("the tolerance `{}` is not a percentage", field.value.text);
    }
    "an operand is not defined".into()
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Count => "count",
        Unit::Ratio => "ratio",
        Unit::Percent => "percent",
        Unit::PercentagePoints => "percentage-points",
        Unit::Money(_) => "money",
        Unit::Year => "date",
        Unit::Years => "years",
        Unit::Number => "number",
    }
}

/// A quantity as exported (without a phrase).
pub fn value_export(q: &Quantity) -> ValueExport {
    let bound = |b: &Option<Bound>| {
        (
            b.as_ref().map(|b| rational(&b.value)),
            b.as_ref().is_some_and(|b| b.inclusive),
        )
    };
    let (lo, lo_inclusive) = bound(&q.interval.lo);
    let (hi, hi_inclusive) = bound(&q.interval.hi);
    ValueExport {
        unit: unit_name(q.unit),
        currency: match q.unit {
            Unit::Money(c) => Some(c.code()),
            _ => None,
        },
        interval: IntervalExport {
            lo,
            hi,
            lo_inclusive,
            hi_inclusive,
        },
        display: q.to_string(),
        phrase: None,
    }
}

/// An exact rational as text: its decimal expansion when it terminates (`-0.125`,
/// `650`), else `n/d` in lowest terms (`1/3`). Expansions longer than 400 decimals are
/// written as `n/d` too.
pub fn rational(v: &BigRational) -> String {
    if v.is_integer() {
        return v.numer().to_string();
    }
    let mut d = v.denom().clone();
    let (two, five) = (BigInt::from(2), BigInt::from(5));
    let (mut twos, mut fives) = (0usize, 0usize);
    while d.is_even() && twos <= 400 {
        d /= &two;
        twos += 1;
    }
    while (&d % &five).is_zero() && fives <= 400 {
        d /= &five;
        fives += 1;
    }
    let places = twos.max(fives);
    if !d.is_one() || places > 400 {
        return format!("{}/{}", v.numer(), v.denom());
    }
    let scaled = (v.abs() * BigRational::from_integer(num_traits::pow(BigInt::from(10), places)))
        .to_integer()
        .to_string();
    let digits = format!("{scaled:0>width$}", width = places + 1);
    let (int_part, frac_part) = digits.split_at(digits.len() - places);
    let sign = if v.is_negative() { "-" } else { "" };
    format!("{sign}{int_part}.{frac_part}")
}

fn kind_name(kind: AttributionKind) -> &'static str {
    match kind {
        AttributionKind::DirectQuote => "direct-quote",
        AttributionKind::Indirect => "indirect",
        AttributionKind::AccordingTo => "according-to",
        AttributionKind::Belief => "belief",
        AttributionKind::Intention => "intention",
        AttributionKind::Accusation => "accusation",
        AttributionKind::Evidence => "evidence",
        AttributionKind::Hedge => "hedge",
        AttributionKind::QuoteOnly => "quote-only",
    }
}

/// Prose attributions of the reader's text, with spans mapped back to the input.
fn attributions(source: &str, document: &Document) -> Vec<AttributionExport> {
    let options = StripOptions {
        mode: StripMode::Text,
        keep_front_matter: false,
    };
    let stripped = strip(source, document, options);
    let map = |range: &std::ops::Range<usize>| {
        let span = stripped.source_span(Span::from(range.clone()));
        // Spans from the detector fall on character boundaries of the stripped text, and
        // the map copies whole characters; snap anyway so a span's text is always a slice.
        let mut start = span.start.min(source.len());
        while !source.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = span.end.clamp(start, source.len());
        while !source.is_char_boundary(end) {
            end += 1;
        }
        Span::new(start, end)
    };
    let with_text = |range: &std::ops::Range<usize>| TextSpan::new(source, map(range));
    detect_attributions(&stripped.text)
        .iter()
        .map(|a: &Attribution| AttributionExport {
            kind: kind_name(a.kind),
            source: a.source.as_ref().map(with_text),
            cue: a.cue.as_ref().map(with_text),
            content: a.content.as_ref().map(with_text),
            resolved_source: a.resolved_source.as_ref().map(with_text),
            sentence: map(&a.sentence).into(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: i64, d: i64) -> BigRational {
        BigRational::new(n.into(), d.into())
    }

    #[test]
    fn rationals_are_exact_decimals_or_fractions() {
        assert_eq!(rational(&r(650, 1)), "650");
        assert_eq!(rational(&r(-5, 1)), "-5");
        assert_eq!(rational(&r(1, 20)), "0.05");
        assert_eq!(rational(&r(-1, 8)), "-0.125");
        assert_eq!(rational(&r(5853, 10)), "585.3");
        assert_eq!(rational(&r(1, 3)), "1/3");
        assert_eq!(rational(&r(-2, 6)), "-1/3");
        assert_eq!(rational(&r(2018 * 365 + 32, 365)), "736602/365");
    }

    #[test]
    fn quantity_tags_carry_their_values() {
        let src = "{about 650}#staff work there. {The staff}@x:reported.\n\n[@x]: X\n";
        let e = export("t.md", src, &Config::default());
        assert_eq!(e.tags.len(), 2);
        let v = e.tags[0].value.as_ref().expect("a value");
        assert_eq!(v.unit, "count");
        assert_eq!(v.interval.lo.as_deref(), Some("585"));
        assert_eq!(v.interval.hi.as_deref(), Some("715"));
        assert!(v.interval.lo_inclusive && v.interval.hi_inclusive);
        assert_eq!(v.phrase.as_ref().unwrap().text, "about 650");
        assert!(e.tags[1].value.is_none() && e.tags[1].is_claim);
        assert_eq!(e.sources[0].id, "x");
    }

    #[test]
    fn relations_are_evaluated_with_the_linter() {
        let src = "{40}#a and {60}#b make {100}#t, not {120}#u.\n\n\
                   [#t]: = a + b\n[#u]: = a + b\n[#v]: = a + c\n[#w]: = a +\n";
        let e = export("t.md", src, &Config::default());
        let status: Vec<Status> = e.relations.iter().map(|r| r.evaluation.status).collect();
        assert_eq!(
            status,
            [
                Status::Holds,
                Status::Mismatch,
                Status::NotEvaluated,
                Status::NotEvaluated
            ]
        );
        let t = &e.relations[0].evaluation;
        assert_eq!(
            t.computed.as_ref().unwrap().interval.lo.as_deref(),
            Some("100")
        );
        assert_eq!(t.stated[0].tag, 2);
        // `v` has no tag, so its relation would only compute it; it cannot, for `c`.
        assert_eq!(
            e.relations[2].evaluation.reason.as_deref(),
            Some("no tag carries `#c`")
        );
        assert!(!e.relations[3].valid);
    }

    #[test]
    fn a_relation_without_a_stated_value_computes_for_others() {
        let src = "{40}#a and {60}#b, with {20}#c, make {120}#t.\n\n[#s]: = a + b\n[#t]: = s + c\n";
        let e = export("t.md", src, &Config::default());
        let s = &e.relations[0].evaluation;
        assert_eq!(s.status, Status::Computed);
        assert_eq!(
            s.computed.as_ref().unwrap().interval.lo.as_deref(),
            Some("100")
        );
        assert!(s.stated.is_empty());
        assert_eq!(e.relations[1].evaluation.status, Status::Holds);
        let src = "{3}#c\n\n[#a]: = b + 1\n[#b]: = a - 1\n[#c]: = a\n";
        let e = export("t.md", src, &Config::default());
        assert_eq!(
            e.relations[2].evaluation.reason.as_deref(),
            Some("`#a` is defined only through relations that depend on each other")
        );
    }

    #[test]
    fn attribution_spans_point_into_the_input() {
        let src = "---\ntitle: T\n---\n{Crime fell}@police:reported, the police \\{chief\\} said on Monday.\n\n[@police]: Police\n";
        let e = export("t.md", src, &Config::default());
        assert!(!e.attributions.is_empty());
        for a in &e.attributions {
            for span in [&a.source, &a.cue, &a.content, &a.resolved_source]
                .into_iter()
                .flatten()
            {
                assert_eq!(&src[span.start..span.end], span.text);
            }
        }
        let cue = e.attributions[0].cue.as_ref().unwrap();
        assert_eq!(cue.text, "said");
    }
}
