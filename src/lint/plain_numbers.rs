//! Numbers in the document's plain copy ([`crate::numbers::plain`]), computed once per
//! document on first use ([`Context::plain_numbers`]) for `plain-number-conflict` and
//! `export`: the publication day (front matter, else the dateline at the top of the
//! copy) and the links between untagged figures and dates, with source spans.

use crate::lint::Context;
use crate::lint::quantities::Publication;
use crate::numbers::plain::{Link, analyze_plain};
use crate::numbers::{Date, NumberOptions, read_dateline};
use crate::span::Span;

/// Where the publication day came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishedFrom {
    /// Front matter `published` (or `date`).
    FrontMatter,
    /// The dateline at the top of the copy.
    Dateline,
}

impl PublishedFrom {
    pub fn as_str(self) -> &'static str {
        match self {
            PublishedFrom::FrontMatter => "front_matter",
            PublishedFrom::Dateline => "dateline",
        }
    }
}

/// The publication day plain copy is read against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlainPublication {
    pub date: Date,
    pub from: PublishedFrom,
    /// The front-matter value or the dateline's date phrase, in the source.
    pub span: Span,
}

/// The plain-copy analysis of one document; spans are source spans.
#[derive(Debug, Clone, Default)]
pub struct PlainAnalysis {
    pub publication: Option<PlainPublication>,
    /// Links in order of their second mention.
    pub links: Vec<PlainLink>,
}

/// A link with its mentions as source spans (the [`Link`]'s own ranges are bytes of
/// the stripped copy).
#[derive(Debug, Clone)]
pub struct PlainLink {
    pub link: Link,
    pub first: Span,
    pub first_about: Span,
    pub second: Span,
    pub second_about: Span,
}

impl<'a> Context<'a> {
    /// The publication day and the plain-copy number links, computed on first use.
    pub fn plain_numbers(&self) -> &PlainAnalysis {
        self.plain_numbers.get_or_init(|| build(self))
    }
}

fn build(ctx: &Context<'_>) -> PlainAnalysis {
    let quantities = ctx.quantities();
    let prose = ctx.prose();
    let publication = match quantities.publication {
        Publication::Date(date) => {
            let span = ctx
                .document
                .front_matter
                .as_ref()
                .and_then(|fm| fm.published.as_ref())
                .map_or(Span::new(0, 0), |n| n.span);
            Some(PlainPublication {
                date,
                from: PublishedFrom::FrontMatter,
                span,
            })
        }
        _ => read_dateline(&prose.text.text).map(|d| PlainPublication {
            date: d.date,
            from: PublishedFrom::Dateline,
            span: prose.source_span(d.phrase),
        }),
    };
    let options = NumberOptions {
        publication_date: publication.map(|p| p.date),
        ..quantities.options.clone()
    };
    let links = analyze_plain(&prose.text.text, &prose.sentences, &options)
        .links
        .into_iter()
        .map(|link| PlainLink {
            first: prose.source_span(link.first.phrase.clone()),
            first_about: prose.source_span(link.first.about.clone()),
            second: prose.source_span(link.second.phrase.clone()),
            second_about: prose.source_span(link.second.about.clone()),
            link,
        })
        .collect();
    PlainAnalysis { publication, links }
}
