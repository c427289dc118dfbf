//! The document's prose as a reader sees it, split into sentences, with the attributions
//! the prose detector finds — computed once per document and shared by the rules (and
//! exports) that need them ([`Context::prose`](super::Context::prose)).
//!
//! The text is the text-mode [`strip`] of the document (front matter, definitions,
//! directives and tag syntax removed, escapes resolved), so the detector sees the
//! writer's words; [`ProseAnalysis::source_span`] maps its offsets back to the source.

use std::ops::Range;

use crate::prose::claims::{Assertion, ClaimOptions, read_assertions};
use crate::prose::{Analysis, Attribution, analyze};
use crate::span::{Reach, Span};
use crate::syntax::{Document, StripMode, StripOptions, Stripped, strip};

/// Sentences and attributions of a document's prose. Offsets are bytes into `text.text`.
pub struct ProseAnalysis {
    /// The stripped text and its map back to the source.
    pub text: Stripped,
    /// Sentence byte ranges, in order ([`split_sentences`](crate::prose::split_sentences)).
    pub sentences: Vec<Range<usize>>,
    /// Attributions, in order ([`detect_attributions`](crate::prose::detect_attributions)).
    pub attributions: Vec<Attribution>,
}

impl ProseAnalysis {
    pub fn new(source: &str, document: &Document) -> Self {
        let options = StripOptions {
            mode: StripMode::Text,
            keep_front_matter: false,
        };
        let text = strip(source, document, options);
        // One tokenization for both.
        let Analysis {
            sentences,
            attributions,
        } = analyze(&text.text);
        ProseAnalysis {
            text,
            sentences,
            attributions,
        }
    }

    /// The source span of a range of the stripped text.
    pub fn source_span(&self, range: Range<usize>) -> Span {
        self.text.source_span(range.into())
    }
}

impl super::Context<'_> {
    /// The document's sentences and prose attributions, computed on first use.
    pub fn prose(&self) -> &ProseAnalysis {
        self.prose
            .get_or_init(|| ProseAnalysis::new(self.source, self.document))
    }

    /// The check-worthy sentences of the prose that nobody is on record for and no
    /// claim tag covers, read on first use (`untagged-assertion` and `export`). Offsets
    /// are into the prose text; [`ProseAnalysis::source_span`] maps them back.
    pub fn assertions(&self) -> &[Assertion] {
        self.assertions.get_or_init(|| {
            let prose = self.prose();
            let claims = Reach::new(
                self.document
                    .tags
                    .iter()
                    .filter(|t| t.is_claim())
                    .map(|t| (t.span.start, t.span.end)),
            );
            // Code spans, link destinations, HTML: text Claimmark does not read as
            // prose, so a number there (`Art. 41(2)`, a URL) is never a statistic.
            let verbatim: Vec<Span> = self
                .document
                .tree
                .leaves()
                .filter(|leaf| leaf.kind.is_verbatim())
                .map(|leaf| leaf.span)
                .collect();
            let in_verbatim = |at: &Range<usize>| {
                let span = prose.source_span(at.clone());
                let i = verbatim.partition_point(|v| v.end <= span.start);
                verbatim.get(i).is_some_and(|v| v.overlaps(span))
            };
            let tagged = |sentence: &Range<usize>| {
                let span = prose.source_span(sentence.clone());
                claims
                    .max_end_before(span.end)
                    .is_some_and(|end| end > span.start)
            };
            read_assertions(
                &prose.text.text,
                &prose.sentences,
                &prose.attributions,
                &ClaimOptions {
                    numbers: self.config.untagged_numbers,
                    facts: &self.config.facts,
                },
                tagged,
                in_verbatim,
            )
        })
    }
}
