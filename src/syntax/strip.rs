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
fn strip_edits(document: &Document, options: StripOptions, within: Span) -> Vec<Edit> {
    let mut edits = Vec::new();
    let inside = |s: Span| within.start <= s.start && s.end <= within.end;
    if let Some(fm) = &document.front_matter
        && (options.mode == StripMode::Text || !options.keep_front_matter)
        && inside(fm.span)
    {
        edits.push(delete(fm.span));
    }
    let first_tag = document
        .tags
        .partition_point(|t| t.span.start < within.start);
    for tag in document.tags[first_tag..]
        .iter()
        .take_while(|t| t.span.start < within.end)
    {
        if inside(tag.span) {
            edits.push(delete(tag.open));
            edits.push(delete(Span::new(tag.close.start, tag.suffix.span.end)));
        }
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
    if options.mode == StripMode::Text {
        let first = document.escapes.partition_point(|e| e.start < within.start);
        for escape in document.escapes[first..]
            .iter()
            .take_while(|e| e.start < within.end)
        {
            edits.push(delete(Span::new(escape.start, escape.start + 1)));
        }
    }
    edits
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
    // only adds escapes, and escapes never create syntax, so this ends quickly.
    for _ in 0..8 {
        let reparsed = parse(&stripped.text).document;
        let mut new_syntax: Vec<usize> = Vec::new();
        new_syntax.extend(reparsed.tags.iter().map(|t| t.suffix.span.start));
        new_syntax.extend(reparsed.definitions.iter().map(|d| d.header.start + 1));
        new_syntax.extend(reparsed.directives.iter().map(|d| d.span.start));
        if new_syntax.is_empty() {
            break;
        }
        for output in new_syntax {
            edits.push(Edit {
                span: Span::new(
                    stripped.source_offset(output),
                    stripped.source_offset(output),
                ),
                insert: "\\",
            });
        }
        stripped = apply(source, whole, &mut edits.clone());
    }
    stripped
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
