//! `strip`: the publishable copy, with a map from stripped offsets back to the source.
//!
//! Stripping is a list of edits on the source — delete tag braces and suffixes,
//! definitions, directives (with their line when alone on it), and in text mode the
//! backslash of each Claimmark escape — applied in one pass that also records which
//! source bytes each output byte came from.
//!
//! In Markdown mode, removing an annotation can make neighbouring text form new syntax
//! (`{y}{@x}#id` → `{y}@x`). The output is therefore parsed again; every new tag,
//! definition or directive gets a backslash escape inserted in front of the sigil (which
//! renders the same in Markdown), and the copy is rebuilt until it parses clean.

use crate::span::Span;

use super::{Document, parse};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StripMode {
    /// Publishable Markdown: no Claimmark syntax, escapes kept (they render the same).
    #[default]
    Markdown,
    /// Plain text for reading and analysis: escapes resolved, front matter dropped.
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StripOptions {
    pub mode: StripMode,
    /// Keep the front matter (Markdown mode only; text mode always drops it).
    pub keep_front_matter: bool,
}

impl Default for StripOptions {
    fn default() -> Self {
        StripOptions {
            mode: StripMode::Markdown,
            keep_front_matter: true,
        }
    }
}

/// A run of output bytes copied from the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    output: usize,
    source: usize,
    len: usize,
}

/// Stripped text and the map back to the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stripped {
    pub text: String,
    segments: Vec<Segment>,
}

impl Stripped {
    /// The source offset an output offset came from. Offsets of inserted characters map to
    /// the insertion point; the end of the output maps to the end of the last kept run.
    pub fn source_offset(&self, output: usize) -> usize {
        let index = self.segments.partition_point(|s| s.output <= output);
        match index.checked_sub(1).map(|i| self.segments[i]) {
            Some(seg) if output < seg.output + seg.len => seg.source + (output - seg.output),
            Some(seg) => seg.source + seg.len,
            None => self.segments.first().map_or(0, |s| s.source),
        }
    }

    /// A source span for an output span: start of its first byte to end of its last byte.
    pub fn source_span(&self, output: Span) -> Span {
        if output.is_empty() {
            let at = self.source_offset(output.start);
            return Span::new(at, at);
        }
        let start = self.source_offset(output.start);
        let end = self.source_offset(output.end - 1) + 1;
        // The last byte may be the first of a multi-byte character; extend to its end.
        Span::new(start, end.max(start))
    }
}

/// One edit: replace `span` with `insert` (a deletion when `insert` is empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Edit {
    span: Span,
    insert: &'static str,
}

fn delete(span: Span) -> Edit {
    Edit { span, insert: "" }
}

/// The edits that strip `document`, restricted to `within`.
///
/// `plain_text` calls this once per tag a rule reads, so it looks only at the annotations
/// that start inside `within` (found by binary search) and costs O(log n + what is inside),
/// not O(whole document) per tag.
fn strip_edits(document: &Document, options: StripOptions, within: Span) -> Vec<Edit> {
    let mut edits = Vec::new();
    let inside = |s: Span| within.start <= s.start && s.end <= within.end;
    if let Some(fm) = &document.front_matter
        && (options.mode == StripMode::Text || !options.keep_front_matter)
        && inside(fm.span)
    {
        edits.push(delete(fm.span));
    }
    for tag in starting_within(&document.tags, within, |t| t.span.start) {
        if inside(tag.span) {
            edits.push(delete(tag.open));
            edits.push(delete(Span::new(tag.close.start, tag.suffix.span.end)));
        }
    }
    for def in starting_within(&document.definitions, within, |d| d.span.start) {
        if inside(def.span) {
            edits.push(delete(def.span));
        }
    }
    // A directive's own line starts at or before the comment and ends after it, and is
    // used only when `within` starts at 0, so a directive whose comment starts outside
    // `within` cannot have its removed span inside.
    for directive in starting_within(&document.directives, within, |d| d.span.start) {
        let span = directive
            .own_line
            .filter(|_| within.start == 0)
            .unwrap_or(directive.span);
        if inside(span) {
            edits.push(delete(span));
        }
    }
    if options.mode == StripMode::Text {
        for escape in starting_within(&document.escapes, within, |e| e.start) {
            edits.push(delete(Span::new(escape.start, escape.start + 1)));
        }
    }
    edits
}

/// The items that start inside `within`, from `items` in order of `start` — as the parser
/// emits tags, definitions, directives and escapes (tested below).
fn starting_within<T>(items: &[T], within: Span, start: impl Fn(&T) -> usize) -> &[T] {
    let first = items.partition_point(|item| start(item) < within.start);
    let count = items[first..].partition_point(|item| start(item) < within.end);
    &items[first..first + count]
}

/// Applies sorted, non-overlapping edits to `source[within]`.
fn apply(source: &str, within: Span, edits: &mut [Edit]) -> Stripped {
    edits.sort();
    let mut text = String::with_capacity(within.len());
    let mut segments = Vec::new();
    let mut cursor = within.start;
    for edit in edits.iter() {
        // Overlapping edits cannot come from one parse; skip defensively rather than panic.
        if edit.span.start < cursor {
            continue;
        }
        if edit.span.start > cursor {
            segments.push(Segment {
                output: text.len(),
                source: cursor,
                len: edit.span.start - cursor,
            });
            text.push_str(&source[cursor..edit.span.start]);
        }
        text.push_str(edit.insert);
        cursor = edit.span.end;
    }
    if cursor < within.end {
        segments.push(Segment {
            output: text.len(),
            source: cursor,
            len: within.end - cursor,
        });
        text.push_str(&source[cursor..within.end]);
    }
    Stripped { text, segments }
}

/// Strip a parsed document. See the module docs for what goes and what stays.
pub fn strip(source: &str, document: &Document, options: StripOptions) -> Stripped {
    let whole = Span::new(0, source.len());
    let mut edits = strip_edits(document, options, whole);
    let mut stripped = apply(source, whole, &mut edits.clone());
    if options.mode == StripMode::Text {
        return stripped;
    }
    // Escape any syntax the removals created, until the copy parses clean. Each round
    // only adds escapes. A tag's or definition's escape creates nothing; a directive's
    // escape (`\<!--`) turns its comment back into text, which can expose what the
    // comment held, so every directive opener inside it is escaped in the same round
    // (chained `<!--claimmark-` openers would otherwise take one round each, and a
    // fixed number of rounds would leave the last one live).
    let kept_front_matter = document
        .front_matter
        .as_ref()
        .filter(|_| options.keep_front_matter)
        .map(|fm| fm.span.len());
    for _ in 0..8 {
        let reparsed = parse(&stripped.text).document;
        let mut new_syntax: Vec<usize> = Vec::new();
        new_syntax.extend(reparsed.tags.iter().map(|t| t.suffix.span.start));
        new_syntax.extend(reparsed.definitions.iter().map(|d| d.header.start + 1));
        for directive in &reparsed.directives {
            new_syntax.push(directive.span.start);
            new_syntax.extend(nested_openers(&stripped.text, directive.span));
        }
        // Removing what came first (a directive, or the front matter itself with
        // --no-front-matter) can leave a `---`/`+++` block at the very start, which now
        // reads as front matter: a blank line in front keeps it body text, as it was.
        let new_front_matter = reparsed
            .front_matter
            .as_ref()
            .filter(|fm| Some(fm.span.len()) != kept_front_matter);
        if new_syntax.is_empty() && new_front_matter.is_none() {
            break;
        }
        for output in new_syntax {
            let at = stripped.source_offset(output);
            edits.push(Edit {
                span: Span::new(at, at),
                insert: "\\",
            });
        }
        if let Some(fm) = new_front_matter {
            let at = stripped.source_offset(fm.span.start);
            edits.push(Edit {
                span: Span::new(at, at),
                insert: "\n",
            });
        }
        stripped = apply(source, whole, &mut edits.clone());
    }
    stripped
}

/// Offsets of the `<!--` inside a directive's comment that would open a directive of
/// their own once the comment is gone.
fn nested_openers(text: &str, directive: Span) -> impl Iterator<Item = usize> + '_ {
    let inside = &text[directive.start + 1..directive.end];
    memchr::memmem::find_iter(inside.as_bytes(), b"<!--")
        .map(move |at| directive.start + 1 + at)
        .filter(move |&at| text[at + 4..].trim_start().starts_with("claimmark-"))
}

/// The words of `span` as a reader sees them (text mode, restricted to the span), with
/// the map back to source offsets.
pub(super) fn plain_text(document: &Document, source: &str, span: Span) -> Stripped {
    let options = StripOptions {
        mode: StripMode::Text,
        keep_front_matter: false,
    };
    let mut edits = strip_edits(document, options, span);
    apply(source, span, &mut edits)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const TEXT_MODE: StripOptions = StripOptions {
        mode: StripMode::Text,
        keep_front_matter: false,
    };

    /// What `strip_edits` must find, by looking at every tag, definition, directive and
    /// escape (as it did for definitions and directives before the binary search).
    fn strip_edits_by_full_scan(document: &Document, within: Span) -> Vec<Edit> {
        let mut edits = Vec::new();
        let inside = |s: Span| within.start <= s.start && s.end <= within.end;
        if let Some(fm) = &document.front_matter
            && inside(fm.span)
        {
            edits.push(delete(fm.span));
        }
        for tag in document.tags.iter().filter(|t| inside(t.span)) {
            edits.push(delete(tag.open));
            edits.push(delete(Span::new(tag.close.start, tag.suffix.span.end)));
        }
        for def in document.definitions.iter().filter(|d| inside(d.span)) {
            edits.push(delete(def.span));
        }
        for directive in &document.directives {
            let span = directive
                .own_line
                .filter(|_| within.start == 0)
                .unwrap_or(directive.span);
            if inside(span) {
                edits.push(delete(span));
            }
        }
        let escape_starts_inside = |e: &&Span| within.start <= e.start && e.start < within.end;
        for escape in document.escapes.iter().filter(escape_starts_inside) {
            edits.push(delete(Span::new(escape.start, escape.start + 1)));
        }
        edits
    }

    fn plain_text_by_full_scan(document: &Document, source: &str, span: Span) -> Stripped {
        apply(source, span, &mut strip_edits_by_full_scan(document, span))
    }

    /// The order `starting_within` relies on.
    fn assert_views_in_source_order(document: &Document) {
        let starts = |spans: Vec<usize>| spans.windows(2).all(|w| w[0] <= w[1]);
        assert!(starts(document.tags.iter().map(|t| t.span.start).collect()));
        assert!(starts(
            document.definitions.iter().map(|d| d.span.start).collect()
        ));
        assert!(starts(
            document.directives.iter().map(|d| d.span.start).collect()
        ));
        assert!(starts(document.escapes.iter().map(|e| e.start).collect()));
    }

    const MIXED: &str = "---\npublished: 2025-01-01\n---\n\n\
        [@before]: Before\n\
        <!-- claimmark-disable unused-source -->\n\
        Start {one}@a:reported and \\{ <!-- claimmark-enable --> here.\n\n\
        [@inside]: Inside\n  role: x\n\
        <!-- claimmark-disable-next-line -->\n\
        {Two {2}#n}@b middle.\n\n\
        End {three}@c.\n\
        [#after]: = n + 1\n\
        <!-- claimmark-disable-file -->\n";

    #[test]
    fn spans_with_annotations_before_inside_and_after_match_the_full_scan() {
        let document = parse(MIXED).document;
        assert_views_in_source_order(&document);
        assert_eq!(document.definitions.len(), 3);
        assert_eq!(document.directives.len(), 4);
        let from = MIXED.find("Start").unwrap();
        let to = MIXED.find(" middle").unwrap();
        let span = Span::new(from, to);
        let plain = plain_text(&document, MIXED, span);
        // The definition goes with its field line; the directives inside go, but not
        // their lines, since `span` does not start at 0.
        assert_eq!(plain.text, "Start one and {  here.\n\n\nTwo 2");
        assert_eq!(plain, plain_text_by_full_scan(&document, MIXED, span));
        // Every tag's words, and every span between char boundaries, as before.
        for tag in &document.tags {
            assert_eq!(
                plain_text(&document, MIXED, tag.text),
                plain_text_by_full_scan(&document, MIXED, tag.text)
            );
        }
        for start in 0..=MIXED.len() {
            for end in start..=MIXED.len() {
                let span = Span::new(start, end);
                assert_eq!(
                    plain_text(&document, MIXED, span),
                    plain_text_by_full_scan(&document, MIXED, span),
                    "{span:?}"
                );
            }
        }
    }

    #[test]
    fn whole_document_text_strip_matches_the_full_scan() {
        let document = parse(MIXED).document;
        let whole = Span::new(0, MIXED.len());
        let mut fast = strip_edits(&document, TEXT_MODE, whole);
        let mut full = strip_edits_by_full_scan(&document, whole);
        fast.sort();
        full.sort();
        assert_eq!(fast, full);
    }

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "word ",
            "é😀 ",
            "\n",
            "\n\n",
            "{x}@a ",
            "{{2}#n}@b:confirmed ",
            "{open ",
            "} ",
            "\\{ ",
            "\\@",
            "[@src]: Someone\n",
            "[@src]: Someone\n  role: x\n",
            "[#n]: = a + 1\n",
            "<!-- claimmark-disable -->\n",
            "  <!-- claimmark-enable x -->  \n",
            "<!-- claimmark-disable-next-line --> ",
            " <!-- claimmark-bogus --> ",
            "<!-- not a directive -->",
            "`{code}@a` ",
            "```\n{x}@a\n```\n",
        ])
    }

    proptest! {
        #[test]
        fn plain_text_matches_the_full_scan_on_any_span(
            pieces in prop::collection::vec(piece(), 0..40),
            front_matter in any::<bool>(),
            cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..20),
        ) {
            let mut source = String::from(if front_matter { "---\na: 1\n---\n" } else { "" });
            source.extend(pieces);
            let document = parse(&source).document;
            assert_views_in_source_order(&document);
            let boundaries: Vec<usize> =
                (0..=source.len()).filter(|&i| source.is_char_boundary(i)).collect();
            let tag_texts = document.tags.iter().map(|t| t.text);
            let cut_spans = cuts.iter().map(|(a, b)| {
                let (a, b) = (a.get(&boundaries), b.get(&boundaries));
                Span::new(*a.min(b), *a.max(b))
            });
            for span in tag_texts.chain(cut_spans).chain([Span::new(0, source.len())]) {
                prop_assert_eq!(
                    plain_text(&document, &source, span),
                    plain_text_by_full_scan(&document, &source, span)
                );
            }
        }
    }
}
