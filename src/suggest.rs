//! `suggest`: turn the attributions the prose detector finds into Claimmark.
//!
//! For each attribution in a plain draft (`"…," Galeotti said`, `officials said …`,
//! `according to …`), [`suggest`] proposes a tag around the attributed words
//! (`{…}@galeotti`, `{…}@official:reported`) and a `[@id]: Full Name` definition for
//! every source that is not defined yet. It is pure: text in, edits out. The edits are
//! plain insertions ([`Edit`]s with empty spans), so the linter can offer the same ones
//! as fixes ([`edits_for_span`]).
//!
//! # Rules
//!
//! * **Which attributions.** Direct quotes, reported speech, `according to` and quotes
//!   that continue the previous speaker of the same paragraph. Beliefs, intentions,
//!   accusations, evidence and hedges are left alone (the detector's recall there is
//!   too noisy to write into a draft). An attribution is skipped when its source cannot
//!   be pinned down: an unresolved pronoun, a relative pronoun, a bare single name that
//!   no definition knows, a definite description (`the authority`) that matches no
//!   definition or alias.
//! * **Quote placement.** Quotation marks stay **outside** the braces, and so does the
//!   punctuation that ends the clause: `"{We will win}@smith," he said`. The tag holds
//!   the speaker's words only. Trailing `. , ; :` are left outside; `?` and `!` stay in.
//!   A split quote (`"…," he said, "…"`) becomes two tags with the same source.
//!   Reported content drops a leading `that`: `said that {…}@x:reported`.
//! * **Confidence.** Reported speech and `according to` get `:reported` (`:denied` for
//!   a denial); direct quotes get [`SuggestOptions::quote_confidence`] (none by default).
//! * **Sources.** Existing definitions are reused when the name or an `alias:` matches
//!   (case-insensitive), or when a bare surname matches the last word of a defined name.
//!   A new named source gets its id from the surname, lower-cased and ASCII-folded
//!   where that is trivial (`Müller` → `muller`), made unique with a numeric suffix
//!   (`smith2`). `role:` comes from an appositive (`Kristof Clerix, a Belgian
//!   journalist` → `role: a Belgian journalist`), else from a title before the name
//!   (`Interior Minister Hanne Okafor` → `role: Interior Minister`). An indefinite
//!   person (`a senior official`, `officials`, `two people familiar with …`) becomes an
//!   anonymous source with `anonymous:` and the reason when the text gives one
//!   (`… on condition of anonymity because …`, `… not authorised to …`).
//! * **Where definitions go.** After the last line of the document when it ends with a
//!   line ending (so after any existing definitions there), with the file's line ending
//!   style. **No blank line is added** in front of them: `strip` keeps blank lines, so
//!   an added one would change the published copy. When the document does not end with
//!   a line ending, the block goes before the last top-level block that starts a line.
//! * **Never touched:** front matter, definitions, fenced code, code spans, HTML,
//!   autolinks, link destinations, directives and existing tags. A tag never crosses a
//!   paragraph, never contains a literal `{` or `}`, never starts or ends next to a
//!   backslash, and is skipped when the text right after it would extend its suffix
//!   (`…}@smith#x`, `…}@smithson`).
//!
//! # Invariant
//!
//! `strip(suggest(x)) == strip(x)` (Markdown mode), and the suggested draft has no parse
//! diagnostic that the original did not have. Every suggestion is checked against both
//! by parsing the result; a tag (or a definition placement) that would break them is
//! dropped, so the invariant holds by construction as well as by design.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use serde::Serialize;

use crate::diagnostic::Edit;
use crate::prose::{AttributionKind, detect_attributions};
use crate::span::{Reach, Span, floor_char_boundary};
use crate::syntax::lexical::{confidence_word, is_identifier};
use crate::syntax::{Document, NodeKind, StripMode, StripOptions, Stripped, parse, strip};

/// What [`suggest`] writes besides the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestOptions {
    /// Confidence for direct quotes (`None`: `{…}@x` with no confidence).
    pub quote_confidence: Option<String>,
    /// Confidence for reported speech and `according to` (default `reported`).
    pub reported_confidence: Option<String>,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            quote_confidence: None,
            reported_confidence: Some("reported".into()),
        }
    }
}

/// One suggested tag, with the two insertions that make it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SuggestedTag {
    /// The words wrapped, in the original source.
    pub content: Span,
    /// The sentence of the attribution, in the original source.
    pub sentence: Span,
    /// The source id in the suffix.
    pub source: String,
    pub confidence: Option<String>,
    pub kind: AttributionKind,
    /// Insert `{` at `content.start`, and `}@source[:confidence]` at `content.end`.
    pub edits: Vec<Edit>,
}

/// A source definition that [`suggest`] adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewSource {
    pub id: String,
    pub name: String,
    pub role: Option<String>,
    /// `Some` for an anonymous source: the reason, possibly empty.
    pub anonymous: Option<String>,
}

/// An attribution that was not turned into a tag, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub sentence: Span,
    pub reason: &'static str,
}

/// The suggested draft and how it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The source with every edit applied.
    pub text: String,
    /// All insertions, sorted by position (the definitions block included).
    pub edits: Vec<Edit>,
    pub tags: Vec<SuggestedTag>,
    pub new_sources: Vec<NewSource>,
    /// Ids of existing definitions that the new tags use.
    pub reused_sources: Vec<String>,
    pub skipped: Vec<Skipped>,
}

/// Suggest tags and definitions for the attributions of `source`. See the module docs.
pub fn suggest(source: &str, options: &SuggestOptions) -> Suggestion {
    let planner = Planner::new(source);
    let plan = planner.plan(options);
    planner.finish(plan, |_| true)
}

/// The edits that tag the attributions overlapping `span` (a sentence, or a diagnostic's
/// span), with the definitions those tags need. Empty when there is nothing to suggest.
pub fn edits_for_span(source: &str, options: &SuggestOptions, span: Span) -> Vec<Edit> {
    let planner = Planner::new(source);
    let plan = planner.plan(options);
    planner.finish(plan, |t| t.touches(span)).edits
}

/// How many spans of one document [`named_edits_for_spans`] plans edits for. Each one
/// re-parses the document to verify its edits, so without a cap a draft with thousands
/// of cue-less quotations would cost thousands of parses; past the cap the remaining
/// spans get no edits (`claimmark suggest` tags a whole draft in one pass).
pub const MAX_SPANS_WITH_EDITS: usize = 64;

/// [`edits_for_span`] for several spans of one document, planned once, keeping only
/// tags whose source is named: an existing definition, or a new source that is not
/// anonymous. One (possibly empty) edit list per span, in order; spans after the first
/// [`MAX_SPANS_WITH_EDITS`] that a tag may touch get none.
pub fn named_edits_for_spans(
    source: &str,
    options: &SuggestOptions,
    spans: &[Span],
) -> Vec<Vec<Edit>> {
    let planner = Planner::new(source);
    let plan = planner.plan(options);
    let named = |t: &Planned| match t.source {
        SourceRef::Existing(_) => true,
        SourceRef::New(i) => plan
            .new_sources
            .get(i)
            .is_some_and(|s| s.anonymous.is_none()),
    };
    // How far each named tag reaches (words and sentence): whether one may touch a span
    // is a binary search, not a scan.
    let reach = Reach::new(plan.tags.iter().filter(|t| named(t)).map(|t| {
        (
            t.content.start.min(t.sentence.start),
            t.content.end.max(t.sentence.end),
        )
    }));
    let may_touch = |span: Span| {
        reach
            .max_end_before(span.end + 1)
            .is_some_and(|end| end >= span.start)
    };
    let mut planned = 0;
    spans
        .iter()
        .map(|&span| {
            if planned == MAX_SPANS_WITH_EDITS || !may_touch(span) {
                return Vec::new();
            }
            // Counted whether or not a tag turns out to touch it: each such span costs
            // a scan of the tags.
            planned += 1;
            let keep = |t: &Planned| t.touches(span) && named(t);
            if plan.tags.iter().any(keep) {
                planner.finish(plan.clone(), keep).edits
            } else {
                Vec::new()
            }
        })
        .collect()
}

pub use crate::diagnostic::apply_edits;

/// A tag before verification.
#[derive(Debug, Clone)]
struct Planned {
    content: Span,
    sentence: Span,
    source: SourceRef,
    confidence: Option<String>,
    kind: AttributionKind,
}

impl Planned {
    /// Whether the tag's words or its sentence overlap `span` (or contain it, empty).
    fn touches(&self, span: Span) -> bool {
        self.content.overlaps(span)
            || self.sentence.overlaps(span)
            || (span.is_empty() && self.sentence.contains(span.start))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum SourceRef {
    Existing(String),
    /// Index into `Plan::new_sources`.
    New(usize),
}

#[derive(Clone)]
struct Plan {
    tags: Vec<Planned>,
    new_sources: Vec<NewSource>,
    skipped: Vec<Skipped>,
}

struct Existing {
    id: String,
    /// Lower-cased display name and aliases.
    names: Vec<String>,
}

struct Planner<'s> {
    source: &'s str,
    document: Document,
    stripped: Stripped,
    paragraphs: Vec<Span>,
    /// Spans a tag may not overlap: verbatim leaves, directives, existing tags.
    blocked: Vec<Span>,
    existing: Vec<Existing>,
    eol: &'static str,
    /// `strip` of the original (Markdown mode) and its parse diagnostics per rule.
    baseline: String,
    baseline_diagnostics: HashMap<&'static str, usize>,
}

impl<'s> Planner<'s> {
    fn new(source: &'s str) -> Self {
        let parsed = parse(source);
        let document = parsed.document;
        let stripped = strip(
            source,
            &document,
            StripOptions {
                mode: StripMode::Text,
                keep_front_matter: false,
            },
        );
        let paragraphs = document
            .tree
            .children
            .iter()
            .filter(|n| n.kind == NodeKind::Paragraph)
            .map(|n| n.span)
            .collect();
        let mut blocked: Vec<Span> = document
            .tree
            .leaves()
            .filter(|l| l.kind.is_verbatim() || l.kind == NodeKind::Directive)
            .map(|l| l.span)
            .collect();
        blocked.extend(document.tags.iter().map(|t| t.span));
        blocked.sort();
        let existing = document
            .sources()
            .filter(|d| d.valid)
            .map(|d| {
                let mut names = vec![d.value.text.to_lowercase()];
                if let Some(alias) = d.field("alias") {
                    names.extend(
                        alias
                            .value
                            .text
                            .split(',')
                            .map(|a| a.trim().to_lowercase())
                            .filter(|a| !a.is_empty()),
                    );
                }
                Existing {
                    id: d.id.text.clone(),
                    names,
                }
            })
            .collect();
        let eol = match source.find('\n') {
            Some(i) if i > 0 && source.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        };
        let baseline = strip(source, &document, StripOptions::default()).text;
        Planner {
            source,
            document,
            stripped,
            paragraphs,
            blocked,
            existing,
            eol,
            baseline,
            baseline_diagnostics: count_rules(&parsed.diagnostics),
        }
    }

    /// A range of the stripped text as a source span (whole characters).
    fn to_source(&self, r: Range<usize>) -> Span {
        let text = &self.stripped.text;
        if r.is_empty() {
            let at = self.stripped.source_offset(r.start);
            return Span::new(at, at);
        }
        let start = self.stripped.source_offset(r.start);
        let last = floor_char_boundary(text, r.end - 1);
        let end = self.stripped.source_offset(last) + (r.end - last);
        Span::new(start, end.max(start))
    }

    fn paragraph_of(&self, span: Span) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.end <= span.start);
        self.paragraphs
            .get(i)
            .filter(|p| p.start <= span.start && span.end <= p.end)
            .map(|_| i)
    }

    fn plan(&self, options: &SuggestOptions) -> Plan {
        let text = self.stripped.text.as_str();
        let attributions = detect_attributions(text);
        let mut plan = Plan {
            tags: Vec::new(),
            new_sources: Vec::new(),
            skipped: Vec::new(),
        };
        // Contents claimed by earlier attributions (accepted or not): a later one that
        // overlaps them is the detector hedging, not a second attribution.
        let mut claimed = DisjointRanges::default();
        // The contents of the tags planned so far, for the same overlap test.
        let mut planned_contents = DisjointRanges::default();
        let mut last_speaker: Option<(usize, SourceRef)> = None;
        for a in &attributions {
            let sentence = self.to_source(a.sentence.clone());
            let mut skip = |reason| plan.skipped.push(Skipped { sentence, reason });
            let Some(content) = a.content.clone() else {
                continue;
            };
            let wanted = matches!(
                a.kind,
                AttributionKind::DirectQuote
                    | AttributionKind::Indirect
                    | AttributionKind::AccordingTo
                    | AttributionKind::QuoteOnly
            );
            if !wanted {
                continue;
            }
            let cue = a.cue.clone().map(|c| text[c].to_lowercase());
            let starts = |w: &str| {
                text[content.clone()]
                    .split_whitespace()
                    .next()
                    .is_some_and(|f| f.eq_ignore_ascii_case(w))
            };
            if cue.as_deref().is_some_and(|c| c.starts_with("cit")) {
                // "citing an analysis that …": the content is the document's, not the source's.
                continue;
            }
            if cue
                .as_deref()
                .is_some_and(|c| c.starts_with("tell") || c.starts_with("told"))
                && !starts("that")
            {
                // "told parliament on Tuesday …": the content would start with the addressee.
                skip("`told` without `that`");
                continue;
            }
            if a.kind == AttributionKind::AccordingTo
                && ["of", "at", "for", "with", "from", "in", "on"]
                    .iter()
                    .any(|w| starts(w))
            {
                // "according to a member of the board …": the source runs on.
                skip("the source's own words follow `according to`");
                continue;
            }
            if claimed.overlaps(content.start, content.end) {
                continue;
            }
            claimed.insert(content.start, content.end);
            let paragraph = self.paragraph_of(self.to_source(content.clone()));
            let source = if a.kind == AttributionKind::QuoteOnly {
                match (&last_speaker, paragraph) {
                    (Some((p, s)), Some(q)) if *p == q => Ok(s.clone()),
                    _ => Err("quote with no speaker in its paragraph"),
                }
            } else {
                self.identify(text, a, &mut plan.new_sources)
            };
            let source = match source {
                Ok(s) => s,
                Err(reason) => {
                    skip(reason);
                    continue;
                }
            };
            if let Some(p) = paragraph {
                last_speaker = Some((p, source.clone()));
            }
            let quote = matches!(
                a.kind,
                AttributionKind::DirectQuote | AttributionKind::QuoteOnly
            );
            let confidence = if quote {
                options.quote_confidence.clone()
            } else if a
                .cue
                .clone()
                .is_some_and(|c| text[c].to_lowercase().starts_with("den"))
            {
                Some("denied".into())
            } else {
                options.reported_confidence.clone()
            };
            // "According to Marit Olsson, an economist at …, the stoppage …": the
            // appositive is the source's, not the content's.
            let content = match appositive_after(text, a.source.clone()) {
                Some(app) if app.end > content.start && app.end < content.end => {
                    app.end..content.end
                }
                _ => content,
            };
            let parts = content_parts(text, a, content, quote);
            if parts.is_empty() {
                skip("no words to tag");
                continue;
            }
            let mut spans = Vec::new();
            for part in &parts {
                match self.place(self.to_source(part.clone())) {
                    Ok(span) => spans.push(span),
                    Err(reason) => {
                        skip(reason);
                        spans.clear();
                        break;
                    }
                }
            }
            for span in spans {
                if planned_contents.overlaps(span.start, span.end) {
                    continue;
                }
                planned_contents.insert(span.start, span.end);
                plan.tags.push(Planned {
                    content: span,
                    sentence,
                    source: source.clone(),
                    confidence: confidence.clone(),
                    kind: a.kind,
                });
            }
        }
        plan
    }

    /// Checks that a tag can wrap `span` without changing how anything else parses.
    fn place(&self, mut span: Span) -> Result<Span, &'static str> {
        let src = self.source;
        // Never split an escape: widen to include it.
        if let Some(esc) = self.escape_around(span.start) {
            span.start = esc.start;
        }
        if let Some(esc) = self.escape_around(span.end) {
            span.end = esc.end;
        }
        if span.is_empty() {
            return Err("no words to tag");
        }
        if self.paragraph_of(span).is_none() {
            return Err("crosses a paragraph or a definition");
        }
        let i = self.blocked.partition_point(|b| b.end <= span.start);
        if self.blocked[i..]
            .iter()
            .take_while(|b| b.start < span.end)
            .any(|b| b.overlaps(span))
        {
            return Err("overlaps code, HTML, a link, a directive or a tag");
        }
        let bytes = src.as_bytes();
        for (k, &b) in bytes[span.start..span.end].iter().enumerate() {
            if (b == b'{' || b == b'}') && !self.escape_ends_at(span.start + k + 1) {
                return Err("contains a literal brace");
            }
        }
        if span.start > 0 && bytes[span.start - 1] == b'\\' || bytes[span.end - 1] == b'\\' {
            return Err("next to a backslash");
        }
        if !safe_after(&src[span.end..]) {
            return Err("the following text would extend the suffix");
        }
        Ok(span)
    }

    /// The escape that `at` falls strictly inside. Escapes are recorded left to right
    /// and never overlap, so their ends are sorted too.
    fn escape_around(&self, at: usize) -> Option<Span> {
        let escapes = &self.document.escapes;
        let i = escapes.partition_point(|e| e.end <= at);
        escapes.get(i).filter(|e| e.start < at).copied()
    }

    /// Whether an escape (`\{`, `\}`) ends at `at`.
    fn escape_ends_at(&self, at: usize) -> bool {
        let escapes = &self.document.escapes;
        let i = escapes.partition_point(|e| e.end < at);
        escapes.get(i).is_some_and(|e| e.end == at)
    }

    /// Who the attribution's source is: an existing id, or a new source.
    fn identify(
        &self,
        text: &str,
        a: &crate::prose::Attribution,
        new: &mut Vec<NewSource>,
    ) -> Result<SourceRef, &'static str> {
        let Some(src) = a.source.clone() else {
            return Err("no source");
        };
        let mention_end = appositive_after(text, Some(src.clone())).map_or(src.end, |r| r.end);
        let mention = collapse(&text[src.start..mention_end]);
        let resolved = a.resolved_source.clone().map(|r| collapse(&text[r]));
        let first = mention
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        if matches!(first.as_str(), "who" | "which" | "that" | "whom" | "whose") {
            return Err("relative pronoun");
        }
        let phrase = noun_phrase(&mention);
        let bare = strip_article(phrase);
        // Existing definitions by name or alias, for the phrase and the resolved name.
        for candidate in [Some(phrase), Some(bare), resolved.as_deref()]
            .into_iter()
            .flatten()
        {
            let lower = candidate.to_lowercase();
            if let Some(e) = self.existing.iter().find(|e| e.names.contains(&lower)) {
                return Ok(SourceRef::Existing(e.id.clone()));
            }
        }
        let pronoun = matches!(
            first.as_str(),
            "he" | "she" | "they" | "it" | "we" | "i" | "him" | "her" | "them"
        );
        if !pronoun && let Some(noun) = anonymous_head(phrase) {
            let name = capitalize(phrase);
            if let Some(i) = new
                .iter()
                .position(|s| s.anonymous.is_some() && s.name.eq_ignore_ascii_case(&name))
            {
                return Ok(SourceRef::New(i));
            }
            let id = self.unique_id(&singular(noun), new);
            new.push(NewSource {
                id,
                name,
                role: None,
                anonymous: Some(anonymity_reason(&mention)),
            });
            return Ok(SourceRef::New(new.len() - 1));
        }
        let named = match &resolved {
            Some(r) => {
                // "The Harbourton Chamber of Commerce" beats a resolved "Harbourton Chamber".
                if is_proper_phrase(bare) && bare.contains(r.as_str()) {
                    bare.to_string()
                } else {
                    r.clone()
                }
            }
            None if pronoun => return Err("pronoun with no antecedent"),
            None if is_proper_phrase(bare) && starts_upper(bare) => bare.to_string(),
            None => return Err("unnamed source not defined"),
        };
        let Some(person) = split_name(&named) else {
            return Err("no name in the source");
        };
        let full = person.name.join(" ");
        let surname = person.name.last().copied().unwrap_or("").to_lowercase();
        let full_lower = full.to_lowercase();
        if let Some(e) = self.existing.iter().find(|e| e.names.contains(&full_lower)) {
            return Ok(SourceRef::Existing(e.id.clone()));
        }
        if let Some(i) = new
            .iter()
            .position(|s| s.anonymous.is_none() && s.name.eq_ignore_ascii_case(&full))
        {
            return Ok(SourceRef::New(i));
        }
        // A shorter mention of a known name: "Galeotti", "Van Aken" for "Joris Van Aken".
        let tail_of = |known: &str| {
            let known: Vec<String> = known.split_whitespace().map(str::to_lowercase).collect();
            let mine: Vec<String> = person.name.iter().map(|w| w.to_lowercase()).collect();
            known.len() > mine.len() && known.ends_with(&mine)
        };
        if let Some(e) = self
            .existing
            .iter()
            .find(|e| e.names.iter().any(|n| tail_of(n)))
        {
            return Ok(SourceRef::Existing(e.id.clone()));
        }
        if let Some(i) = new
            .iter()
            .position(|s| s.anonymous.is_none() && tail_of(&s.name))
        {
            return Ok(SourceRef::New(i));
        }
        if person.name.len() == 1 {
            if let Some(e) = self.existing.iter().find(|e| e.names.contains(&surname)) {
                return Ok(SourceRef::Existing(e.id.clone()));
            }
            return Err("single name that no definition knows");
        }
        let role = appositive_role(&mention, &full).or_else(|| {
            let title = person.title.join(" ");
            (!title.is_empty() && !person.honorific_only).then_some(title)
        });
        let id = self.unique_id(&fold_id(&surname_of(&person.name)), new);
        new.push(NewSource {
            id,
            name: full,
            role,
            anonymous: None,
        });
        Ok(SourceRef::New(new.len() - 1))
    }

    fn unique_id(&self, base: &str, new: &[NewSource]) -> String {
        let base = if is_identifier(base) { base } else { "source" };
        let taken = |id: &str| {
            self.document.sources().any(|d| d.id.text == id) || new.iter().any(|s| s.id == id)
        };
        if !taken(base) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base}{n}"))
            .find(|id| !taken(id))
            .unwrap_or_default()
    }

    /// Line starts where a definitions block may go, best first.
    fn definition_slots(&self) -> Vec<usize> {
        let src = self.source;
        let mut floor = 0;
        for node in &self.document.tree.children {
            if matches!(node.kind, NodeKind::Bom | NodeKind::FrontMatter) {
                floor = node.span.end;
            }
        }
        let line_start =
            |p: usize| p == floor || (p > 0 && src.as_bytes()[p - 1] == b'\n' && p >= floor);
        let indented = |p: usize| {
            let line = src[p..].split('\n').next().unwrap_or("");
            let blank = line.trim_matches([' ', '\t', '\r']).is_empty();
            !blank && (line.starts_with(' ') || line.starts_with('\t'))
        };
        let mut slots = Vec::new();
        if line_start(src.len()) {
            slots.push(src.len());
        }
        for node in self.document.tree.children.iter().rev() {
            let p = node.span.start;
            if p >= floor && line_start(p) && !indented(p) && !slots.contains(&p) {
                slots.push(p);
            }
            if slots.len() >= 32 {
                break;
            }
        }
        slots
    }

    /// Renders the definitions of `sources`.
    fn render_definitions(&self, sources: &[&NewSource]) -> String {
        let eol = self.eol;
        let mut out = String::new();
        for s in sources {
            out.push_str(&format!("[@{}]: {}{eol}", s.id, s.name));
            if let Some(role) = &s.role {
                out.push_str(&format!("  role: {role}{eol}"));
            }
            if let Some(reason) = &s.anonymous {
                if reason.is_empty() {
                    out.push_str(&format!("  anonymous:{eol}"));
                } else {
                    out.push_str(&format!("  anonymous: {reason}{eol}"));
                }
            }
        }
        out
    }

    /// Builds the edits for the accepted tags, verifying the result; drops what fails.
    fn finish(&self, plan: Plan, keep: impl Fn(&Planned) -> bool) -> Suggestion {
        let mut candidates: Vec<&Planned> = plan.tags.iter().filter(|t| keep(t)).collect();
        candidates.sort_by_key(|t| t.content.start);
        let slots = self.definition_slots();
        let mut skipped = plan.skipped.clone();
        let attempt = |tags: &[&Planned]| -> Option<Vec<Edit>> {
            let sources = self.sources_for(tags, &plan.new_sources);
            let tag_edits = self.tag_edits(tags, &plan.new_sources);
            if sources.is_empty() {
                let edits = merge(tag_edits, None);
                return self.verify(&edits, tags, &[]).then_some(edits);
            }
            let block = self.render_definitions(&sources);
            let ids: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
            slots.iter().find_map(|&slot| {
                let edits = merge(tag_edits.clone(), Some((slot, block.clone())));
                self.verify(&edits, tags, &ids).then_some(edits)
            })
        };
        let (accepted, edits) = match attempt(&candidates) {
            Some(edits) => (candidates, edits),
            None => {
                // Add tags one at a time, keeping those that verify.
                let mut accepted: Vec<&Planned> = Vec::new();
                let mut edits = Vec::new();
                for t in candidates {
                    accepted.push(t);
                    match attempt(&accepted) {
                        Some(e) => edits = e,
                        None => {
                            accepted.pop();
                            skipped.push(Skipped {
                                sentence: t.sentence,
                                reason: "the tag would change how the text parses",
                            });
                        }
                    }
                }
                (accepted, edits)
            }
        };
        let text = apply_edits(self.source, &edits);
        let used: Vec<&NewSource> = self.sources_for(&accepted, &plan.new_sources);
        let mut reused: Vec<String> = Vec::new();
        for t in &accepted {
            if let SourceRef::Existing(id) = &t.source
                && !reused.contains(id)
            {
                reused.push(id.clone());
            }
        }
        let tags = accepted
            .iter()
            .map(|t| {
                let (id, suffix) = self.suffix(t, &plan.new_sources);
                SuggestedTag {
                    content: t.content,
                    sentence: t.sentence,
                    source: id,
                    confidence: t.confidence.clone(),
                    kind: t.kind,
                    edits: vec![
                        insertion(t.content.start, "{".into()),
                        insertion(t.content.end, suffix),
                    ],
                }
            })
            .collect();
        skipped.sort_by_key(|s| s.sentence.start);
        Suggestion {
            text,
            edits,
            tags,
            new_sources: used.into_iter().cloned().collect(),
            reused_sources: reused,
            skipped,
        }
    }

    /// The new sources the tags use, in order of first use.
    fn sources_for<'p>(&self, tags: &[&Planned], new: &'p [NewSource]) -> Vec<&'p NewSource> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for t in tags {
            if let SourceRef::New(i) = t.source
                && seen.insert(i)
            {
                out.push(&new[i]);
            }
        }
        out
    }

    fn suffix(&self, t: &Planned, new: &[NewSource]) -> (String, String) {
        let id = match &t.source {
            SourceRef::Existing(id) => id.clone(),
            SourceRef::New(i) => new[*i].id.clone(),
        };
        let mut suffix = format!("}}@{id}");
        if let Some(c) = &t.confidence {
            suffix.push(':');
            suffix.push_str(c);
        }
        (id, suffix)
    }

    fn tag_edits(&self, tags: &[&Planned], new: &[NewSource]) -> Vec<(usize, u8, String)> {
        let mut out = Vec::new();
        for t in tags {
            out.push((t.content.start, 2, "{".to_string()));
            out.push((t.content.end, 0, self.suffix(t, new).1));
        }
        out
    }

    /// The result keeps the copy, adds no parse diagnostic, and holds every tag and
    /// definition where we meant them.
    fn verify(&self, edits: &[Edit], tags: &[&Planned], ids: &[&str]) -> bool {
        let text = apply_edits(self.source, edits);
        let parsed = parse(&text);
        for (rule, n) in count_rules(&parsed.diagnostics) {
            if n > self.baseline_diagnostics.get(rule).copied().unwrap_or(0) {
                return false;
            }
        }
        if strip(&text, &parsed.document, StripOptions::default()).text != self.baseline {
            return false;
        }
        let defined: HashSet<&str> = parsed
            .document
            .sources()
            .filter(|d| d.valid)
            .map(|d| d.id.text.as_str())
            .collect();
        if ids.iter().any(|id| !defined.contains(id)) {
            return false;
        }
        // Each tag's `{` lands where we put it, and its suffix names the source. An
        // insertion moves the text after it, and the text at its own offset when it
        // ranks first there; with the insertions sorted and their lengths summed once,
        // each tag's shift is a binary search (not a pass over every edit).
        let mut insertions: Vec<(usize, u8, usize)> = edits
            .iter()
            .map(|e| (e.span.start, edit_rank(&e.replacement), e.replacement.len()))
            .collect();
        insertions.sort_unstable();
        let mut inserted_before = Vec::with_capacity(insertions.len() + 1);
        inserted_before.push(0);
        let mut total = 0;
        for &(_, _, len) in &insertions {
            total += len;
            inserted_before.push(total);
        }
        let shift = |at: usize, rank: u8| -> usize {
            let i = insertions.partition_point(|&(start, r, _)| (start, r) < (at, rank));
            at + inserted_before[i]
        };
        let single_source_opens: HashSet<usize> = parsed
            .document
            .tags
            .iter()
            .filter(|tag| tag.suffix.sources.len() == 1)
            .map(|tag| tag.open.start)
            .collect();
        tags.iter()
            .all(|t| single_source_opens.contains(&shift(t.content.start, 2)))
    }
}

/// Ranges no two of which overlap (`a.start < b.end && b.start < a.end`, so an empty
/// range strictly inside another counts), with a logarithmic overlap test. Sorted by
/// start, such ranges have non-decreasing ends (only ranges sharing a start, an empty
/// one and a longer one, can break the order), so the latest start before a query's
/// end carries the largest end of every range starting before it.
#[derive(Default)]
struct DisjointRanges {
    max_end_by_start: BTreeMap<usize, usize>,
}

impl DisjointRanges {
    /// Whether some range overlaps `start..end` (same test as [`Span::overlaps`]).
    fn overlaps(&self, start: usize, end: usize) -> bool {
        self.max_end_by_start
            .range(..end)
            .next_back()
            .is_some_and(|(_, &max_end)| start < max_end)
    }

    /// Adds a range that overlaps none of those already held.
    fn insert(&mut self, start: usize, end: usize) {
        let max_end = self.max_end_by_start.entry(start).or_insert(end);
        *max_end = (*max_end).max(end);
    }
}

/// Orders insertions at one offset: a closing suffix, then definitions, then `{`.
fn edit_rank(insert: &str) -> u8 {
    if insert.starts_with('}') {
        0
    } else if insert.starts_with('[') {
        1
    } else {
        2
    }
}

fn insertion(at: usize, text: String) -> Edit {
    Edit {
        span: Span::new(at, at),
        replacement: text,
    }
}

fn merge(mut tags: Vec<(usize, u8, String)>, block: Option<(usize, String)>) -> Vec<Edit> {
    if let Some((at, text)) = block {
        tags.push((at, 1, text));
    }
    tags.sort_by_key(|t| (t.0, t.1));
    tags.into_iter()
        .map(|(at, _, s)| insertion(at, s))
        .collect()
}

fn count_rules(diagnostics: &[crate::Diagnostic]) -> HashMap<&'static str, usize> {
    let mut out = HashMap::new();
    for d in diagnostics {
        *out.entry(d.rule).or_insert(0) += 1;
    }
    out
}

/// Whether the text after a suffix leaves the suffix as it is.
fn safe_after(rest: &str) -> bool {
    let mut chars = rest.chars();
    let Some(c) = chars.next() else {
        return true;
    };
    if c.is_whitespace() {
        return true;
    }
    if matches!(c, '#' | '@' | ':' | '+') {
        return chars.next().is_none_or(char::is_whitespace);
    }
    !(c.is_alphanumeric()
        || c == '_'
        || c == '-'
        || unicode_ident::is_xid_continue(c)
        || confidence_word(rest).is_ok())
}

const OPEN_QUOTES: &[char] = &['"', '“', '‘', '«', '„', '\''];

fn closing_for(open: char) -> &'static [char] {
    match open {
        '"' => &['"', '”'],
        '“' | '„' => &['”', '“', '"'],
        '‘' => &['’'],
        '«' => &['»'],
        _ => &['\''],
    }
}

/// The pieces of a content to wrap, as ranges of the analysed text.
fn content_parts(
    text: &str,
    a: &crate::prose::Attribution,
    content: Range<usize>,
    quote: bool,
) -> Vec<Range<usize>> {
    let mut pieces = vec![content.clone()];
    if quote {
        // A split quote: the cue (and its source) sit inside the hull.
        let inner: Vec<Range<usize>> = [a.cue.clone(), a.source.clone()]
            .into_iter()
            .flatten()
            .filter(|r| content.start < r.start && r.end < content.end)
            .collect();
        if let (Some(lo), Some(hi)) = (
            inner.iter().map(|r| r.start).min(),
            inner.iter().map(|r| r.end).max(),
        ) {
            pieces = vec![content.start..lo, hi..content.end];
        }
    }
    let min_words = if pieces.len() > 1 { 1 } else { 2 };
    pieces
        .into_iter()
        .filter_map(|r| {
            let r = if quote {
                quote_inner(text, r)?
            } else {
                reported(text, r)
            };
            let r = trim_tail(text, r);
            (text[r.clone()].split_whitespace().count() >= min_words).then_some(r)
        })
        .collect()
}

/// The words inside the quotation marks of `r` (from the first opening mark).
fn quote_inner(text: &str, r: Range<usize>) -> Option<Range<usize>> {
    let s = &text[r.clone()];
    let (i, open) = s.char_indices().find(|(_, c)| OPEN_QUOTES.contains(c))?;
    // An apostrophe only opens a quote at the very start.
    if open == '\'' && !s[..i].trim().is_empty() {
        return None;
    }
    let start = r.start + i + open.len_utf8();
    let closers = closing_for(open);
    let body = &text[start..r.end];
    let end = body
        .char_indices()
        .rev()
        .find(|(_, c)| closers.contains(c))
        .map_or(r.end, |(j, _)| start + j);
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    Some(start + lead..end)
}

/// Reported content: drop leading punctuation and a leading `that`.
fn reported(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let t = s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
    let mut start = r.start + (s.len() - t.len());
    // "…, while a spokesperson said …": another attribution starts there.
    let r = match [", while ", ", whereas ", "; while "]
        .iter()
        .filter_map(|cut| s.find(cut))
        .min()
    {
        Some(i) => r.start..r.start + i,
        None => r,
    };
    let lower = t.get(..5).map(str::to_ascii_lowercase);
    if lower.as_deref() == Some("that ") {
        let rest = &t[5..];
        start += 5 + (rest.len() - rest.trim_start().len());
    }
    start.min(r.end)..r.end.max(start.min(r.end))
}

/// Drops trailing whitespace and `. , ; :` (and a dangling opening quote).
fn trim_tail(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':'));
    r.start..r.start + t.len()
}

/// Collapses runs of whitespace (line breaks included) into single spaces.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The source mention without its appositive or relative clause.
fn noun_phrase(mention: &str) -> &str {
    let mut end = mention.len();
    for cut in [",", " who ", " which ", " speaking ", " (", " whose "] {
        if let Some(i) = mention.find(cut) {
            end = end.min(i);
        }
    }
    mention[..end].trim()
}

fn strip_article(s: &str) -> &str {
    for a in ["the ", "The ", "THE "] {
        if let Some(rest) = s.strip_prefix(a) {
            return rest.trim_start();
        }
    }
    s
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

const CONNECTORS: &[&str] = &[
    "of", "for", "and", "the", "&", "on", "de", "du", "la", "van", "von",
];

/// `Harbourton Chamber of Commerce`: capitalised words joined by connectors.
fn is_proper_phrase(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words
            .iter()
            .all(|w| starts_upper(w) || CONNECTORS.contains(w))
        && words.last().is_some_and(|w| starts_upper(w))
}

const INDEFINITES: &[&str] = &[
    "a",
    "an",
    "one",
    "two",
    "three",
    "four",
    "five",
    "several",
    "some",
    "many",
    "most",
    "few",
    "another",
    "other",
    "senior",
    "unnamed",
    "anonymous",
];

const PERSON_NOUNS: &[&str] = &[
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "source",
    "aide",
    "diplomat",
    "member",
    "lawmaker",
    "legislator",
    "officer",
    "person",
    "people",
    "employee",
    "adviser",
    "advisor",
    "executive",
    "insider",
    "staffer",
    "investigator",
    "negotiator",
    "witness",
    "resident",
    "worker",
    "manager",
    "researcher",
    "scientist",
    "doctor",
    "lawyer",
    "engineer",
    "colleague",
    "relative",
    "friend",
    "minister",
    "analyst",
    "banker",
    "trader",
    "agent",
];

/// The person noun of an indefinite source (`a senior official` → `official`).
fn anonymous_head(phrase: &str) -> Option<&'static str> {
    let words: Vec<String> = phrase
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let first = words.first()?;
    let noun = |w: &str| {
        PERSON_NOUNS
            .iter()
            .find(|n| w == **n || singular(w) == **n)
            .copied()
    };
    if INDEFINITES.contains(&first.as_str()) {
        return words.iter().skip(1).find_map(|w| noun(w));
    }
    // A bare plural: "Officials said", "Sources close to the minister said".
    if words.len() <= 4 && first.ends_with('s') {
        return noun(first);
    }
    None
}

fn singular(w: &str) -> String {
    if w == "people" {
        return "person".into();
    }
    w.strip_suffix('s').unwrap_or(w).to_string()
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Why a source is anonymous, when the mention says so.
fn anonymity_reason(mention: &str) -> String {
    let lower = mention.to_lowercase();
    let until_comma = |from: usize| -> String {
        let rest = &mention[from..];
        rest.split(',').next().unwrap_or("").trim().to_string()
    };
    if (lower.contains("anonymity") || lower.contains("named"))
        && let Some(i) = lower.find("because ")
    {
        return until_comma(i + "because ".len());
    }
    for marker in [
        "not authorised",
        "not authorized",
        "not allowed",
        "not permitted",
    ] {
        if let Some(i) = lower.find(marker) {
            return until_comma(i);
        }
    }
    String::new()
}

const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "prof",
    "professor",
    "councillor",
    "councilor",
    "minister",
    "president",
    "senator",
    "sen",
    "rep",
    "representative",
    "governor",
    "mayor",
    "judge",
    "justice",
    "chancellor",
    "director",
    "executive",
    "chief",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "secretary",
    "general",
    "gen",
    "colonel",
    "col",
    "captain",
    "capt",
    "commissioner",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "officer",
    "inspector",
    "superintendent",
    "sergeant",
    "sgt",
    "detective",
    "mp",
    "mep",
    "ceo",
    "cfo",
    "analyst",
    "economist",
    "lawyer",
    "attorney",
    "manager",
    "head",
    "founder",
    "leader",
];

const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady",
];

struct PersonName<'a> {
    title: Vec<&'a str>,
    name: Vec<&'a str>,
    honorific_only: bool,
}

/// Splits `Interior Minister Hanne Okafor` into a title and a name.
fn split_name(mention: &str) -> Option<PersonName<'_>> {
    let words: Vec<&str> = mention.split_whitespace().collect();
    let key = |w: &str| w.trim_end_matches('.').to_lowercase();
    let cut = words
        .iter()
        .rposition(|w| TITLES.contains(&key(w).as_str()))
        .map_or(0, |i| i + 1);
    let title = words[..cut].to_vec();
    let mut name: Vec<&str> = words[cut..].to_vec();
    if let Some(last) = name.last_mut() {
        *last = last
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .trim_end_matches(|c: char| !c.is_alphanumeric());
    }
    name.retain(|w| !w.is_empty());
    let ok = !name.is_empty()
        && name
            .iter()
            .all(|w| starts_upper(w) || CONNECTORS.contains(w))
        && name.last().is_some_and(|w| starts_upper(w));
    let honorific_only = title.iter().all(|w| HONORIFICS.contains(&key(w).as_str()));
    ok.then_some(PersonName {
        title,
        name,
        honorific_only,
    })
}

/// `Kristof Clerix, a Belgian journalist` → `a Belgian journalist`;
/// `The authority's chief executive, Colm Fairweather` → `The authority's chief executive`.
fn appositive_role(mention: &str, name: &str) -> Option<String> {
    let at = mention.find(name)?;
    let after = mention[at + name.len()..].trim_start();
    if let Some(rest) = after.strip_prefix(',') {
        let rest = rest.trim_start();
        let lower = rest.to_lowercase();
        if ["a ", "an ", "the "].iter().any(|a| lower.starts_with(a)) {
            let role = rest.split(',').next().unwrap_or("").trim();
            return (!role.is_empty()).then(|| role.to_string());
        }
    }
    let before = mention[..at].trim_end();
    if let Some(role) = before.strip_suffix(',') {
        let role = role.trim();
        if !role.is_empty() && !role.contains(',') {
            return Some(role.to_string());
        }
    }
    None
}

/// The surname with its particles: `Joris Van Aken` → `Van Aken`.
fn surname_of(name: &[&str]) -> String {
    let mut start = name.len().saturating_sub(1);
    while start > 1 && PARTICLES.contains(&name[start - 1].to_lowercase().as_str()) {
        start -= 1;
    }
    name[start..].join("-")
}

const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "ter", "ten", "al", "el",
    "bin", "dos", "das", "del",
];

/// `, an economist at the Nordhavn Institute,` right after a source: the range through
/// the closing comma (or `None`).
fn appositive_after(text: &str, source: Option<Range<usize>>) -> Option<Range<usize>> {
    let source = source?;
    let rest = &text[source.end..];
    let body = rest.strip_prefix(", ")?;
    let lower = body.get(..3)?.to_ascii_lowercase();
    if !(lower.starts_with("a ") || lower == "an ") {
        return None;
    }
    let comma = body.find(',')?;
    if body[..comma].contains(['\n', '.', ';']) {
        return None;
    }
    Some(source.end..source.end + 2 + comma + 1)
}

/// A surname as an id: lower case, trivially ASCII-folded, only id characters.
fn fold_id(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'č' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ğ' => "g",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
            'ł' | 'ľ' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'œ' => "oe",
            'ř' => "r",
            'ś' | 'š' | 'ş' => "s",
            'ß' => "ss",
            'ť' | 'ţ' => "t",
            'þ' => "th",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            c if c.is_alphanumeric() || c == '_' || c == '-' => {
                out.push(c);
                continue;
            }
            _ => continue,
        };
        out.push_str(folded);
    }
    let out = out.trim_matches(|c| c == '-' || c == '_').to_string();
    if out.chars().next().is_some_and(|c| c.is_numeric()) {
        format!("s_{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str) -> Suggestion {
        let s = suggest(src, &SuggestOptions::default());
        let before = strip(src, &parse(src).document, StripOptions::default()).text;
        let after = strip(&s.text, &parse(&s.text).document, StripOptions::default()).text;
        assert_eq!(before, after, "strip changed for {src:?}");
        s
    }

    #[test]
    fn direct_quote_keeps_quotes_outside() {
        let s = run("\"We will win the vote,\" said Mark Galeotti, a British analyst.\n");
        assert_eq!(
            s.text,
            "\"{We will win the vote}@galeotti,\" said Mark Galeotti, a British analyst.\n\
             [@galeotti]: Mark Galeotti\n  role: a British analyst\n"
        );
    }

    #[test]
    fn reported_speech_drops_that_and_gets_reported() {
        let s = run(
            "Kristof Clerix, a Belgian journalist, said that the agency had lost track of its staff.\n",
        );
        assert!(
            s.text.starts_with("Kristof Clerix, a Belgian journalist, said that {the agency had lost track of its staff}@clerix:reported."),
            "{}",
            s.text
        );
        assert!(
            s.text
                .contains("[@clerix]: Kristof Clerix\n  role: a Belgian journalist\n")
        );
    }

    #[test]
    fn split_quote_becomes_two_tags_and_pronoun_resolves() {
        let s = run(
            "Mark Galeotti, an analyst, said the war was lost. \"We tried,\" he said, \"and we failed badly.\"\n",
        );
        assert!(
            s.text
                .contains("\"{We tried}@galeotti,\" he said, \"{and we failed badly}@galeotti.\""),
            "{}",
            s.text
        );
        assert_eq!(s.new_sources.len(), 1);
    }

    #[test]
    fn existing_definitions_are_reused_by_alias_and_surname() {
        let src = "Galeotti said the plan would fail within a year.\n\n[@mg]: Mark Galeotti\n  alias: the analyst\n";
        let s = run(src);
        assert!(
            s.text
                .contains("{the plan would fail within a year}@mg:reported"),
            "{}",
            s.text
        );
        assert!(s.new_sources.is_empty());
        assert_eq!(s.reused_sources, ["mg"]);
    }

    #[test]
    fn anonymous_source_with_reason() {
        let s = run(
            "A senior official, speaking on condition of anonymity because the talks are secret, said the deal was close.\n",
        );
        assert_eq!(s.new_sources.len(), 1, "{:?}", s);
        let src = &s.new_sources[0];
        assert_eq!(src.id, "official");
        assert_eq!(src.anonymous.as_deref(), Some("the talks are secret"));
        assert!(s.text.contains("  anonymous: the talks are secret\n"));
    }

    #[test]
    fn anonymous_without_reason_gets_an_empty_field() {
        let s = run("Officials said the bridge would reopen next spring.\n");
        assert!(
            s.text.ends_with("[@official]: Officials\n  anonymous:\n"),
            "{}",
            s.text
        );
    }

    #[test]
    fn crlf_is_kept_and_ids_are_unique() {
        let src = "Anna Smith said the budget would grow next year.\r\nJohn Smith said the budget would shrink next year.\r\n";
        let s = run(src);
        assert!(
            s.text
                .contains("[@smith]: Anna Smith\r\n[@smith2]: John Smith\r\n"),
            "{:?}",
            s.text
        );
    }

    #[test]
    fn protected_text_is_left_alone() {
        let src = "Anna Smith said `the budget would grow` soon.\n\n{Anna Smith said the budget would grow}#x.\n";
        let s = run(src);
        assert!(s.tags.is_empty(), "{:?}", s.tags);
        assert_eq!(s.text, src);
    }

    #[test]
    fn a_suffix_is_never_extended_by_the_following_text() {
        assert!(!safe_after("#x"));
        assert!(!safe_after("x"));
        assert!(!safe_after("-x"));
        assert!(!safe_after("+b"));
        assert!(safe_after("# x"));
        assert!(safe_after(", he said"));
        assert!(safe_after("."));
        assert!(safe_after(""));
    }

    /// [`DisjointRanges`] answers as a scan over every range would, empty ranges
    /// (which overlap a range they lie strictly inside) included.
    #[test]
    fn disjoint_ranges_agree_with_a_scan() {
        let all: Vec<(usize, usize)> = (0..7)
            .flat_map(|start| (start..7).map(move |end| (start, end)))
            .collect();
        // Every order of insertion the planner could see: each range in turn is offered,
        // and kept when it overlaps none kept so far.
        for rotation in 0..all.len() {
            let mut ranges = DisjointRanges::default();
            let mut kept: Vec<(usize, usize)> = Vec::new();
            for &(start, end) in all[rotation..].iter().chain(&all[..rotation]) {
                let scanned = kept.iter().any(|&(s, e)| s < end && start < e);
                assert_eq!(
                    ranges.overlaps(start, end),
                    scanned,
                    "{start}..{end} against {kept:?}"
                );
                if !scanned {
                    ranges.insert(start, end);
                    kept.push((start, end));
                }
            }
        }
    }

    #[test]
    fn ids_fold_to_ascii() {
        assert_eq!(fold_id("Müller"), "muller");
        assert_eq!(fold_id("O'Brien"), "obrien");
        assert_eq!(fold_id("Smith-Jones"), "smith-jones");
        assert_eq!(fold_id("Ørsted"), "orsted");
    }

    #[test]
    fn edits_for_span_only_touches_that_sentence() {
        let src = "Anna Smith said the budget would grow next year. John Doe said taxes would fall soon.\n";
        let second = src.find("John").unwrap();
        let edits = edits_for_span(
            src,
            &SuggestOptions::default(),
            Span::new(second, second + 4),
        );
        let out = apply_edits(src, &edits);
        assert!(
            out.contains("{taxes would fall soon}@doe:reported"),
            "{out}"
        );
        assert!(!out.contains("@smith"), "{out}");
        assert!(out.ends_with("[@doe]: John Doe\n"), "{out}");
    }
}
