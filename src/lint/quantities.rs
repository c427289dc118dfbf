//! The values of quantity tags and relations, computed once per document and shared by
//! the number and date rules (`number-conflict`, `relation-mismatch`, `unit-mismatch`,
//! `undefined-quantity`, `quantity-without-value`, `missing-publication-date`).
//!
//! [`Context::quantities`] builds a [`Quantities`] on first use: every tag with an `#id`
//! is read at most once with [`read_quantity`] from its own plain text (nested tag syntax
//! removed), with the document's [`NumberOptions`] — the configured tolerance,
//! European numerals when the front-matter `lang` writes decimal commas, and the
//! front-matter `published` (or `date`) as the publication day. Reading is lazy
//! ([`LazyRead`]): a tag is read when something asks for its value, so lint never reads
//! a tag whose id is used once and by no relation, while `export` reads them all; the
//! values are the same either way. Then every valid relation is evaluated once.
//!
//! # What a relation is checked against
//!
//! * **An operand tagged more than once** stands for the intersection of its values:
//!   what the article says about it as a whole (`{about 650}#staff` and `{more than
//!   600}#staff` give 600 – 715). When its values cannot all be true,
//!   `number-conflict` reports them and relations using the id are not evaluated.
//! * **The relation's own id** is checked against each stated value separately, so a
//!   finding points at the figure that does not fit. For stated values that agree with
//!   each other this is the same as checking their intersection (intervals that overlap
//!   pairwise share a common point); when they contradict each other, the check shows
//!   which of them the relation supports.
//! * **Relations chain.** An id that no tag carries but a relation defines (`[#subtotal]:
//!   = a + b`) stands, in other relations, for the value its relation computes. Such
//!   relations are evaluated first (in dependency order, iteratively, so a long chain
//!   cannot exhaust the stack); their own id has no stated value, so they only compute.
//!   Ids defined only through a cycle of such relations have no value.
//! * A relation is **not evaluated** when an id it uses (or its own id) has no tag
//!   and no relation to compute it from (`undefined-quantity`), no readable value (`quantity-without-value`, or a relative
//!   date without a publication date: `missing-publication-date`), values that
//!   contradict each other (`number-conflict`), or when its `tolerance:` is not a
//!   percentage (reported by the parser). One mistake is reported once.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use num_bigint::BigInt;
use num_rational::BigRational;

use crate::lint::Context;
use crate::lint::config::parse_percent;
use crate::numbers::{
    Date, EvalError, Expr, NumberOptions, Quantity, ReadValue, Unit, UnitMismatch,
    european_language, evaluate, parse_date, read_quantity, relation_holds,
};
use crate::span::Span;
use crate::syntax::{Definition, Document, Name, Tag};

/// The publication day relative dates are read against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publication<'a> {
    /// No `published` (or `date`) in the front matter.
    Missing,
    Date(Date),
    /// `published` is there but is not an ISO date (`published: June 2019`).
    Unreadable(&'a Name),
}

/// One quantity tag (a tag with `#id`) and what its text says.
#[derive(Debug, Clone)]
pub struct TagValue<'a> {
    pub tag: &'a Tag,
    /// The `#id`.
    pub id: &'a Name,
    /// What the tag's text says (read on first use; dereferences to [`ReadValue`]).
    pub read: LazyRead<'a>,
}

impl TagValue<'_> {
    pub fn quantity(&self) -> Option<&Quantity> {
        self.read.quantity.as_ref()
    }

    /// The phrase that was read (`about 650`), as a source span.
    pub fn phrase(&self) -> Option<Span> {
        self.read.get().1
    }

    /// The words to point at: the phrase read, or the whole tag text.
    pub fn span(&self) -> Span {
        self.phrase().unwrap_or(self.tag.text)
    }
}

/// A tag's [`ReadValue`], read from its plain text the first time it is needed.
/// Lint rules only need the values of ids that relations use or that several
/// tags carry (and of relative dates without a publication date), so most tags
/// of a draft are never read; `export` reads them all. Reading is pure, so the
/// result does not depend on when it happens.
#[derive(Clone)]
pub struct LazyRead<'a> {
    source: &'a str,
    document: &'a Document,
    text: Span,
    options: Arc<NumberOptions>,
    cell: OnceLock<(ReadValue, Option<Span>)>,
}

impl LazyRead<'_> {
    /// The value and the phrase's source span.
    fn get(&self) -> &(ReadValue, Option<Span>) {
        self.cell.get_or_init(|| {
            let plain = self.document.plain(self.source, self.text);
            let read = read_quantity(&plain.text, &self.options);
            let phrase = read
                .matched
                .clone()
                .map(|r| plain.source_span(Span::from(r)));
            (read, phrase)
        })
    }
}

impl std::ops::Deref for LazyRead<'_> {
    type Target = ReadValue;

    fn deref(&self) -> &ReadValue {
        &self.get().0
    }
}

impl std::fmt::Debug for LazyRead<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.get().0, f)
    }
}

/// What an id stands for as an operand of a relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdValue {
    /// No tag carries the id.
    Untagged,
    /// Tags carry it, but none holds a readable number or date.
    NoValue,
    /// Its tags contradict each other.
    Conflicting,
    /// The intersection of its tags' values.
    Value(Quantity),
}

/// A relation and the result of evaluating it.
#[derive(Debug)]
pub struct Relation<'a> {
    pub definition: &'a Definition,
    pub expression: &'a Expr,
    /// Where the expression starts in the source (its spans are relative to this).
    pub expression_start: usize,
    pub outcome: Outcome,
}

impl Relation<'_> {
    /// A span of the expression, as a source span.
    pub fn span_of(&self, range: std::ops::Range<usize>) -> Span {
        Span::from(range).shift(self.expression_start)
    }

    /// The whole expression's source span (parentheses included), trimmed.
    pub fn expression_span(&self, source: &str) -> Span {
        let span = self
            .definition
            .expression_span
            .unwrap_or_else(|| self.span_of(self.expression.span()));
        let text = span.text(source);
        let start = span.start + (text.len() - text.trim_start().len());
        Span::new(start, start + text.trim().len())
    }

    /// The expression as written (`(a - b) / b`).
    pub fn expression_text<'s>(&self, source: &'s str) -> &'s str {
        self.expression_span(source).text(source)
    }
}

/// The result of evaluating one relation.
#[derive(Debug)]
pub enum Outcome {
    /// Not evaluated (see the module documentation).
    Skipped,
    /// The operands' units do not combine (`EvalError::UnitMismatch`).
    UnitMismatch(EvalError),
    Computed {
        computed: Quantity,
        /// The relation's `tolerance:` as a fraction.
        tolerance: Option<BigRational>,
        /// For each tag of the relation's own id that has a value: its index in
        /// [`Quantities::values`] and whether the relation holds for it.
        stated: Vec<(usize, Result<bool, UnitMismatch>)>,
    },
}

/// Every quantity tag's value and every relation's outcome in one document.
#[derive(Debug)]
pub struct Quantities<'a> {
    pub options: NumberOptions,
    pub publication: Publication<'a>,
    /// Quantity tags in source order.
    tags: Vec<TagValue<'a>>,
    /// Indices into `tags` by id, in source order.
    by_id: HashMap<&'a str, Vec<usize>>,
    /// Ids in order of first appearance.
    ids: Vec<&'a str>,
    /// What each id stands for, computed on first use.
    id_values: HashMap<&'a str, OnceLock<IdValue>>,
    /// Ids no tag carries that a relation computes: the value it computed (`NoValue`
    /// when it was not evaluated).
    derived: HashMap<&'a str, IdValue>,
    /// Ids no tag carries that are defined only through a cycle of relations.
    cyclic: HashSet<&'a str>,
    relations: Vec<Relation<'a>>,
}

impl<'a> Context<'a> {
    /// The values of quantity tags and relations, computed on first use.
    pub fn quantities(&self) -> &Quantities<'a> {
        self.quantities.get_or_init(|| Quantities::build(self))
    }
}

impl<'a> Quantities<'a> {
    fn build(ctx: &Context<'a>) -> Self {
        let document = ctx.document;
        let front_matter = document.front_matter.as_ref();
        let publication = match front_matter.and_then(|fm| fm.published.as_ref()) {
            None => Publication::Missing,
            Some(name) => match parse_date(&name.text) {
                Some(date) => Publication::Date(date),
                None => Publication::Unreadable(name),
            },
        };
        let options = NumberOptions {
            tolerance: ctx.config.tolerance.clone(),
            european: front_matter
                .and_then(|fm| fm.lang.as_deref())
                .is_some_and(european_language),
            publication_date: match publication {
                Publication::Date(date) => Some(date),
                _ => None,
            },
        };

        let shared = Arc::new(options.clone());
        let mut tags = Vec::new();
        let mut by_id: HashMap<&'a str, Vec<usize>> = HashMap::new();
        let mut ids = Vec::new();
        for tag in &document.tags {
            let Some(id) = &tag.suffix.id else {
                continue;
            };
            let read = LazyRead {
                source: ctx.source,
                document,
                text: tag.text,
                options: Arc::clone(&shared),
                cell: OnceLock::new(),
            };
            by_id
                .entry(id.text.as_str())
                .or_insert_with(|| {
                    ids.push(id.text.as_str());
                    Vec::new()
                })
                .push(tags.len());
            tags.push(TagValue { tag, id, read });
        }

        let id_values = ids.iter().map(|&id| (id, OnceLock::new())).collect();

        let mut quantities = Quantities {
            options,
            publication,
            tags,
            by_id,
            ids,
            id_values,
            derived: HashMap::new(),
            cyclic: HashSet::new(),
            relations: Vec::new(),
        };
        let definitions: Vec<(&'a Definition, &'a Expr, usize)> = document
            .relations()
            .filter(|d| d.valid)
            .filter_map(|definition| {
                Some((
                    definition,
                    definition.expression.as_ref()?,
                    definition.expression_span?.start,
                ))
            })
            .collect();
        let outcomes = quantities.evaluate_in_order(&definitions);
        quantities.relations = definitions
            .into_iter()
            .zip(outcomes)
            .map(
                |((definition, expression, expression_start), outcome)| Relation {
                    definition,
                    expression,
                    expression_start,
                    outcome,
                },
            )
            .collect();
        quantities
    }

    /// Evaluates every relation, those that compute an untagged id before the relations
    /// using it (Kahn's algorithm: no recursion, so no chain is too long). Relations left
    /// in a cycle are not evaluated and their ids are [`Quantities::cyclic`].
    fn evaluate_in_order(
        &mut self,
        definitions: &[(&'a Definition, &'a Expr, usize)],
    ) -> Vec<Outcome> {
        // The relation computing each untagged id (the first one: a second is
        // duplicate-definition).
        let mut computing: HashMap<&'a str, usize> = HashMap::new();
        for (i, (definition, _, _)) in definitions.iter().enumerate() {
            let id = definition.id.text.as_str();
            if !self.is_tagged(id) {
                computing.entry(id).or_insert(i);
            }
        }
        // For each relation: how many computing relations it waits for, and who waits
        // for it.
        let mut waiting_for = vec![0usize; definitions.len()];
        let mut waiters: Vec<Vec<usize>> = vec![Vec::new(); definitions.len()];
        for (i, (_, expression, _)) in definitions.iter().enumerate() {
            let mut seen: Vec<usize> = Vec::new();
            for (id, _) in expression.idents() {
                if let Some(&j) = computing.get(id)
                    && !seen.contains(&j)
                {
                    seen.push(j);
                    waiting_for[i] += 1;
                    waiters[j].push(i);
                }
            }
        }
        let mut ready: Vec<usize> = (0..definitions.len())
            .filter(|&i| waiting_for[i] == 0)
            .rev()
            .collect();
        let mut outcomes: Vec<Option<Outcome>> = (0..definitions.len()).map(|_| None).collect();
        while let Some(i) = ready.pop() {
            let (definition, expression, _) = definitions[i];
            let outcome = self.evaluate(definition, expression);
            let id = definition.id.text.as_str();
            if computing.get(id) == Some(&i) {
                let value = match &outcome {
                    Outcome::Computed { computed, .. } => IdValue::Value(computed.clone()),
                    _ => IdValue::NoValue,
                };
                self.derived.insert(id, value);
            }
            outcomes[i] = Some(outcome);
            for &w in &waiters[i] {
                waiting_for[w] -= 1;
                if waiting_for[w] == 0 {
                    ready.push(w);
                }
            }
        }
        for (i, (definition, _, _)) in definitions.iter().enumerate() {
            if outcomes[i].is_none() && computing.get(definition.id.text.as_str()) == Some(&i) {
                self.cyclic.insert(definition.id.text.as_str());
            }
        }
        outcomes
            .into_iter()
            .map(|o| o.unwrap_or(Outcome::Skipped))
            .collect()
    }

    fn evaluate(&self, definition: &Definition, expression: &Expr) -> Outcome {
        // Operands need one agreed value; the relation's own id needs at least one value
        // (each is checked on its own).
        let usable = |id: &str| matches!(self.id_value(id), IdValue::Value(_));
        let stated = |id: &str| self.values(id).any(|t| t.quantity().is_some());
        // An untagged own id is computed for the relations that use it.
        let own = definition.id.text.as_str();
        let tagged_without_value = self.is_tagged(own) && !stated(own);
        if tagged_without_value || !expression.idents().iter().all(|(id, _)| usable(id)) {
            return Outcome::Skipped;
        }
        let tolerance = match definition.field("tolerance") {
            None => None,
            Some(field) => match parse_percent(&field.value.text) {
                Some(t) => Some(t),
                None => return Outcome::Skipped,
            },
        };
        let lookup = |id: &str| match self.id_value(id) {
            IdValue::Value(q) => Some(q.clone()),
            _ => None,
        };
        let computed = match evaluate(expression, &lookup) {
            Ok(q) => q,
            Err(e @ EvalError::UnitMismatch { .. }) => return Outcome::UnitMismatch(e),
            Err(EvalError::UnknownId { .. }) => return Outcome::Skipped,
        };
        let stated = self
            .indices(&definition.id.text)
            .iter()
            .filter_map(|&i| {
                let q = self.tags[i].quantity()?;
                Some((i, relation_holds(q, &computed, tolerance.as_ref())))
            })
            .collect();
        Outcome::Computed {
            computed,
            tolerance,
            stated,
        }
    }

    fn indices(&self, id: &str) -> &[usize] {
        self.by_id.get(id).map_or(&[], Vec::as_slice)
    }

    /// Every quantity tag, in source order.
    pub fn all(&self) -> &[TagValue<'a>] {
        &self.tags
    }

    /// The tag at `index` of [`Quantities::all`].
    pub fn tag(&self, index: usize) -> &TagValue<'a> {
        &self.tags[index]
    }

    /// The tags carrying `#id`, in source order.
    pub fn values(&self, id: &str) -> impl Iterator<Item = &TagValue<'a>> + '_ {
        self.indices(id).iter().map(|&i| &self.tags[i])
    }

    /// Whether some tag carries `#id`.
    pub fn is_tagged(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// Whether no tag carries `#id` but a relation defines it (outside a cycle). Its
    /// value ([`Quantities::id_value`]) is `NoValue` when that relation was not
    /// evaluated.
    pub fn is_computed(&self, id: &str) -> bool {
        self.derived.contains_key(id)
    }

    /// Whether `#id` is defined only through relations that depend on each other.
    pub fn is_cyclic(&self, id: &str) -> bool {
        self.cyclic.contains(id)
    }

    /// Every id, in order of first appearance.
    pub fn ids(&self) -> &[&'a str] {
        &self.ids
    }

    /// What `id` stands for as an operand.
    pub fn id_value(&self, id: &str) -> &IdValue {
        static UNTAGGED: IdValue = IdValue::Untagged;
        match self.id_values.get(id) {
            None => self.derived.get(id).unwrap_or(&UNTAGGED),
            Some(cell) => {
                cell.get_or_init(|| intersection(self.values(id).filter_map(TagValue::quantity)))
            }
        }
    }

    /// Every valid relation with its outcome, in source order.
    pub fn relations(&self) -> &[Relation<'a>] {
        &self.relations
    }
}

/// `q` in `unit`, when the two compare (percent and ratio convert; same unit as is).
fn in_unit(q: &Quantity, unit: Unit) -> Option<Quantity> {
    let hundred = BigRational::from_integer(BigInt::from(100));
    match (q.unit, unit) {
        (a, b) if a == b => Some(q.clone()),
        (Unit::Ratio, Unit::Percent) => Some(Quantity::new(q.interval.scale(&hundred), unit)),
        (Unit::Percent, Unit::Ratio) => {
            Some(Quantity::new(q.interval.scale(&hundred.recip()), unit))
        }
        _ => None,
    }
}

/// `q` as it reads next to `stated`: a computed ratio is shown in percent when the
/// stated value is a percentage (`0.25` → `25 percent`).
pub fn display_like(q: &Quantity, stated: &Quantity) -> Quantity {
    match (q.unit, stated.unit) {
        (Unit::Ratio, Unit::Percent) => in_unit(q, Unit::Percent).unwrap_or_else(|| q.clone()),
        _ => q.clone(),
    }
}

/// What a unit measures, as a noun phrase for messages: "a count", "money in EUR".
pub fn unit_phrase(unit: Unit) -> String {
    match unit {
        Unit::Count => "a count".into(),
        Unit::Ratio => "a ratio".into(),
        Unit::Percent => "a percentage".into(),
        Unit::PercentagePoints => "percentage points".into(),
        Unit::Money(c) => format!("money in {}", c.code()),
        Unit::Year => "a date".into(),
        Unit::Years => "a duration in years".into(),
        Unit::Number => "a plain number".into(),
    }
}

/// The values all at once: their intersection, in the first value's unit.
fn intersection<'q>(mut values: impl Iterator<Item = &'q Quantity>) -> IdValue {
    let Some(first) = values.next() else {
        return IdValue::NoValue;
    };
    let mut common = first.interval.clone();
    for value in values {
        let Some(value) = in_unit(value, first.unit) else {
            return IdValue::Conflicting;
        };
        common = common.intersection(&value.interval);
    }
    if common.is_empty() {
        IdValue::Conflicting
    } else {
        IdValue::Value(Quantity::new(common, first.unit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Config;
    use crate::syntax::parse;

    fn with<T>(source: &str, f: impl FnOnce(&Quantities<'_>) -> T) -> T {
        let parsed = parse(source);
        let config = Config::default();
        let ctx = Context::new(source, &parsed.document, &config);
        f(ctx.quantities())
    }

    #[test]
    fn a_long_chain_of_relations_is_evaluated_without_recursion() {
        // r0 = a, r1 = r0 + 1, …: 20,000 relations, defined last to first.
        let n = 20_000;
        let mut src = format!("{{5}}#a and {{{}}}#r{n}.\n\n", 5 + n);
        for i in (1..=n).rev() {
            src.push_str(&format!("[#r{i}]: = r{} + 1\n", i - 1));
        }
        src.push_str("[#r0]: = a\n");
        with(&src, |q| {
            let last = q
                .relations()
                .iter()
                .find(|r| r.definition.id.text == format!("r{n}"));
            let Some(Relation {
                outcome: Outcome::Computed { stated, .. },
                ..
            }) = last
            else {
                panic!("r{n} not computed: {last:?}");
            };
            assert!(matches!(stated[..], [(_, Ok(true))]), "{stated:?}");
            assert!(q.is_computed("r7") && !q.is_cyclic("r7"));
        });
    }

    #[test]
    fn cycles_are_not_evaluated() {
        let src = "{3}#c\n\n[#a]: = b + 1\n[#b]: = a - 1\n[#c]: = a + 1\n";
        with(src, |q| {
            assert!(q.is_cyclic("a") && q.is_cyclic("b") && !q.is_computed("a"));
            assert!(
                q.relations()
                    .iter()
                    .all(|r| matches!(r.outcome, Outcome::Skipped))
            );
        });
    }

    #[test]
    fn reads_each_quantity_tag_once_from_its_own_text() {
        let src = "{The budget rises from {€212 million}#a to {€430 million}#b}@x:reported.\n";
        with(src, |q| {
            assert_eq!(q.all().len(), 2);
            assert_eq!(q.ids(), ["a", "b"]);
            let a = q.values("a").next().unwrap();
            assert_eq!(a.quantity().unwrap().to_string(), "€212 million");
            assert_eq!(a.span().text(src), "€212 million");
        });
    }

    #[test]
    fn an_id_tagged_twice_stands_for_the_intersection() {
        let src = "{about 650}#staff and {more than 600}#staff\n";
        with(src, |q| {
            let IdValue::Value(v) = q.id_value("staff") else {
                panic!("no value");
            };
            assert_eq!(v.to_string(), "more than 600 and at most 715");
        });
        with("{650}#s and {700}#s\n", |q| {
            assert_eq!(q.id_value("s"), &IdValue::Conflicting)
        });
        with("{15 percent}#s and {0.15 times}#s\n", |q| {
            assert!(matches!(q.id_value("s"), IdValue::Value(_)))
        });
        with("{the staff}#s\n", |q| {
            assert_eq!(q.id_value("s"), &IdValue::NoValue)
        });
        with("\n", |q| assert_eq!(q.id_value("s"), &IdValue::Untagged));
    }

    #[test]
    fn front_matter_sets_the_options() {
        let src =
            "---\npublished: 2019-06-01\nlang: de\n---\n{vor 1.300 Jahren}#x {10 years ago}#y\n";
        with(src, |q| {
            assert!(q.options.european);
            assert!(matches!(q.publication, Publication::Date(_)));
            assert_eq!(
                q.values("x")
                    .next()
                    .unwrap()
                    .quantity()
                    .unwrap()
                    .to_string(),
                "1,300"
            );
            assert!(q.values("y").next().unwrap().quantity().is_some());
        });
        let src = "---\npublished: June 2019\n---\n{10 years ago}#y\n";
        with(src, |q| {
            assert!(matches!(q.publication, Publication::Unreadable(_)));
            let y = q.values("y").next().unwrap();
            assert!(y.read.relative_date && y.quantity().is_none());
        });
    }
}
