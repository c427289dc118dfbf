//! The lossless syntax tree.
//!
//! Every byte of the input belongs to exactly one leaf, and the leaves appear in
//! source order, so printing the leaves reproduces the input byte for byte.
//! Containers (`Document`, `Paragraph`, `Tag`, `HtmlBlock`) hold no text of their own:
//! their children tile their span exactly.

use serde::Serialize;

use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NodeKind {
    // Containers.
    Document,
    Paragraph,
    /// A tag `{TEXT}SUFFIX`: children are `TagOpen`, the inline text, `TagClose`, `Suffix`.
    Tag,
    /// A block-level HTML comment (possibly a directive) with its surrounding line text.
    HtmlBlock,
    // Block-level leaves.
    Bom,
    FrontMatter,
    BlankLine,
    /// A source or relation definition with its continuation lines and line endings.
    Definition,
    FencedCode,
    /// A Markdown link reference definition line `[label]: url` (verbatim).
    LinkReference,
    // Inline leaves.
    Text,
    /// One of `\{ \} \@ \# \: \\`.
    Escape,
    CodeSpan,
    HtmlComment,
    HtmlTag,
    Autolink,
    /// `](…)` of an inline link or image, through the matching `)`.
    LinkDestination,
    /// A `<!-- claimmark-… -->` comment.
    Directive,
    TagOpen,
    TagClose,
    Suffix,
}

impl NodeKind {
    /// Verbatim leaves: Claimmark parses nothing inside them.
    pub fn is_verbatim(self) -> bool {
        matches!(
            self,
            NodeKind::FrontMatter
                | NodeKind::FencedCode
                | NodeKind::LinkReference
                | NodeKind::CodeSpan
                | NodeKind::HtmlComment
                | NodeKind::HtmlTag
                | NodeKind::Autolink
                | NodeKind::LinkDestination
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
}

impl Node {
    pub fn leaf(kind: NodeKind, span: Span) -> Self {
        Node {
            kind,
            span,
            children: Vec::new(),
        }
    }

    pub fn container(kind: NodeKind, span: Span, children: Vec<Node>) -> Self {
        Node {
            kind,
            span,
            children,
        }
    }

    /// Leaves in source order.
    pub fn leaves(&self) -> Leaves<'_> {
        Leaves { stack: vec![self] }
    }

    /// The source text again, from the leaves.
    pub fn print(&self, source: &str) -> String {
        let mut out = String::with_capacity(self.span.len());
        for leaf in self.leaves() {
            out.push_str(leaf.span.text(source));
        }
        out
    }

    /// Checks the tiling invariant: children cover their parent exactly, in order.
    /// Returns the first node that breaks it. Used by tests and debug assertions.
    pub fn check_tiling(&self) -> Result<(), String> {
        if self.children.is_empty() {
            return Ok(());
        }
        let mut at = self.span.start;
        for child in &self.children {
            if child.span.start != at {
                return Err(format!(
                    "{:?} at {}..{}: child {:?} starts at {}, expected {}",
                    self.kind, self.span.start, self.span.end, child.kind, child.span.start, at
                ));
            }
            child.check_tiling()?;
            at = child.span.end;
        }
        if at != self.span.end {
            return Err(format!(
                "{:?}: children end at {}, node ends at {}",
                self.kind, at, self.span.end
            ));
        }
        Ok(())
    }
}

/// Depth-first iterator over leaves.
pub struct Leaves<'a> {
    stack: Vec<&'a Node>,
}

impl<'a> Iterator for Leaves<'a> {
    type Item = &'a Node;

    fn next(&mut self) -> Option<&'a Node> {
        while let Some(node) = self.stack.pop() {
            if node.children.is_empty() {
                return Some(node);
            }
            self.stack.extend(node.children.iter().rev());
        }
        None
    }
}
