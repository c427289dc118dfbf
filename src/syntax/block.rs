//! The line pass: BOM, front matter, fences, block comments, definitions, link
//! reference definitions, blank lines and paragraphs. Each line is looked at a bounded
//! number of times, so the pass is linear.

use crate::diagnostic::Diagnostic;
use crate::span::Span;

use super::tree::{Node, NodeKind};
use super::{Document, definition, front_matter, inline, lexical, rule_names};

/// One line: `[start, content_end)` is its text, `[content_end, end)` its line ending
/// (`\n` or `\r\n`; empty on the last line without one).
#[derive(Debug, Clone, Copy)]
pub(super) struct Line {
    pub start: usize,
    pub content_end: usize,
    pub end: usize,
}

pub(super) fn line_at(source: &str, start: usize) -> Line {
    let bytes = source.as_bytes();
    match memchr::memchr(b'\n', &bytes[start..]) {
        Some(i) => {
            let newline = start + i;
            let content_end = if newline > start && bytes[newline - 1] == b'\r' {
                newline - 1
            } else {
                newline
            };
            Line {
                start,
                content_end,
                end: newline + 1,
            }
        }
        None => Line {
            start,
            content_end: source.len(),
            end: source.len(),
        },
    }
}

pub(super) fn is_blank(text: &str) -> bool {
    text.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r'))
}

/// A definition continuation line: non-blank and indented by two spaces or a tab.
pub(super) fn is_continuation(text: &str) -> bool {
    (text.starts_with("  ") || text.starts_with('\t')) && !is_blank(text)
}

/// `[label]: …` with up to three spaces of indentation and a label that does not start
/// with `@`, `#` or `^`: a Markdown link reference definition, kept verbatim.
fn is_link_reference(text: &str) -> bool {
    let indent = text.bytes().take_while(|&b| b == b' ').count();
    if indent > 3 {
        return false;
    }
    let rest = &text[indent..];
    let Some(label_and_more) = rest.strip_prefix('[') else {
        return false;
    };
    // `[^1]: …` is a footnote definition: prose, whose claims are parsed like any other.
    if label_and_more.starts_with(['@', '#', ']', '^']) {
        return false;
    }
    match memchr::memchr(b']', label_and_more.as_bytes()) {
        Some(close) => {
            !label_and_more[..close].contains('[') && label_and_more[close + 1..].starts_with(':')
        }
        None => false,
    }
}

/// Offset of `<!--` when the line opens a block HTML comment (≤ 3 spaces of indent).
fn block_comment_start(text: &str) -> Option<usize> {
    let indent = text.bytes().take_while(|&b| b == b' ').count();
    (indent <= 3 && text[indent..].starts_with("<!--")).then_some(indent)
}

/// Where an HTML comment opened at `open` (pointing at `<!--`) ends (exclusive), if it does.
/// `<!-->` and `<!--->` are complete (empty) comments, as in CommonMark.
pub(super) fn comment_end(source: &str, open: usize, limit: usize) -> Option<usize> {
    let body = open + 4;
    let rest = &source.as_bytes()[body.min(limit)..limit];
    if rest.starts_with(b">") {
        return Some(body + 1);
    }
    if rest.starts_with(b"->") {
        return Some(body + 2);
    }
    memchr::memmem::find(rest, b"-->").map(|i| body + i + 3)
}

struct BlockParser<'a> {
    source: &'a str,
    nodes: Vec<Node>,
    document: Document,
    inline: inline::InlineParser,
    paragraph_start: Option<usize>,
}

/// The document and the cap on per-brace findings, with what it left out.
pub(super) fn parse_blocks(
    source: &str,
    diagnostics: &mut Vec<Diagnostic>,
    cap: crate::diagnostic::FindingsCap,
) -> (Document, crate::diagnostic::FindingsCap) {
    let mut parser = BlockParser {
        source,
        nodes: Vec::new(),
        document: Document {
            tree: Node::leaf(NodeKind::Document, Span::new(0, source.len())),
            front_matter: None,
            tags: Vec::new(),
            definitions: Vec::new(),
            directives: Vec::new(),
            escapes: Vec::new(),
        },
        inline: inline::InlineParser::new(cap),
        paragraph_start: None,
    };
    parser.run(diagnostics);
    let BlockParser {
        nodes,
        mut document,
        inline,
        ..
    } = parser;
    document.tree = Node::container(NodeKind::Document, Span::new(0, source.len()), nodes);
    (document, inline.cap)
}

impl BlockParser<'_> {
    fn run(&mut self, diagnostics: &mut Vec<Diagnostic>) {
        let source = self.source;
        let mut pos = 0;
        if source.starts_with('\u{feff}') {
            self.nodes.push(Node::leaf(NodeKind::Bom, Span::new(0, 3)));
            pos = 3;
        }
        if let Some(fm) = front_matter::detect(source, pos, diagnostics) {
            pos = fm.span.end;
            self.nodes.push(Node::leaf(NodeKind::FrontMatter, fm.span));
            self.document.front_matter = Some(fm);
        }
        while pos < source.len() {
            let line = line_at(source, pos);
            let text = &source[line.start..line.content_end];
            pos = if is_blank(text) {
                self.flush_paragraph(line.start, diagnostics);
                self.nodes.push(Node::leaf(
                    NodeKind::BlankLine,
                    Span::new(line.start, line.end),
                ));
                line.end
            } else if let Some((fence_char, fence_len)) = lexical::fence_open(text) {
                self.flush_paragraph(line.start, diagnostics);
                let end = match self.fence_end(line.end, fence_char, fence_len) {
                    Some(end) => end,
                    None => {
                        diagnostics.push(
                            Diagnostic::warning(
                                rule_names::UNCLOSED_FENCE,
                                Span::new(line.start, line.content_end),
                                "this code fence is never closed, so the rest of the file is code",
                            )
                            .with_help(format!(
                                "close it with a line of at least {fence_len} {}; tags after it are neither checked nor stripped",
                                if fence_char == b'`' { "backticks" } else { "tildes" }
                            )),
                        );
                        source.len()
                    }
                };
                self.nodes
                    .push(Node::leaf(NodeKind::FencedCode, Span::new(line.start, end)));
                end
            } else if let Some(header) = lexical::definition_header(text) {
                self.flush_paragraph(line.start, diagnostics);
                let def = definition::parse(source, line, &header, diagnostics);
                let end = def.span.end;
                self.nodes.push(Node::leaf(NodeKind::Definition, def.span));
                self.document.definitions.push(def);
                end
            } else if let Some(indent) = block_comment_start(text)
                .filter(|&i| comment_end(source, line.start + i, line.content_end).is_none())
            {
                self.flush_paragraph(line.start, diagnostics);
                self.block_comment(line, line.start + indent, diagnostics)
            } else if is_link_reference(text) {
                self.flush_paragraph(line.start, diagnostics);
                self.nodes.push(Node::leaf(
                    NodeKind::LinkReference,
                    Span::new(line.start, line.end),
                ));
                line.end
            } else {
                self.paragraph_start.get_or_insert(line.start);
                line.end
            };
        }
        self.flush_paragraph(source.len(), diagnostics);
    }

    fn flush_paragraph(&mut self, end: usize, diagnostics: &mut Vec<Diagnostic>) {
        if let Some(start) = self.paragraph_start.take() {
            let span = Span::new(start, end);
            let children = self
                .inline
                .parse(self.source, span, &mut self.document, diagnostics);
            self.nodes
                .push(Node::container(NodeKind::Paragraph, span, children));
        }
    }

    /// End of a fenced block opened before `pos`: after its closing line; `None` when no
    /// line closes it (the block then runs to the end of the document).
    fn fence_end(&self, mut pos: usize, fence_char: u8, fence_len: usize) -> Option<usize> {
        while pos < self.source.len() {
            let line = line_at(self.source, pos);
            if lexical::fence_close(
                &self.source[line.start..line.content_end],
                fence_char,
                fence_len,
            ) {
                return Some(line.end);
            }
            pos = line.end;
        }
        None
    }

    /// A comment that starts a line and does not close on it: a block that runs to the
    /// end of the line holding `-->` (or to the end of the document).
    fn block_comment(
        &mut self,
        first: Line,
        open: usize,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> usize {
        let source = self.source;
        let close = comment_end(source, open, source.len());
        let (comment_end, block_end) = match close {
            Some(end) => (
                end,
                line_at(source, end.saturating_sub(1).max(open))
                    .end
                    .max(end),
            ),
            None => (source.len(), source.len()),
        };
        let mut children = Vec::new();
        if open > first.start {
            children.push(Node::leaf(NodeKind::Text, Span::new(first.start, open)));
        }
        let comment = Span::new(open, comment_end);
        let directive = close.and_then(|_| inline::directive(source, comment, diagnostics));
        let kind = if directive.is_some() {
            NodeKind::Directive
        } else {
            NodeKind::HtmlComment
        };
        children.push(Node::leaf(kind, comment));
        if block_end > comment_end {
            children.push(Node::leaf(
                NodeKind::Text,
                Span::new(comment_end, block_end),
            ));
        }
        if let Some(mut directive) = directive {
            let rest = &source[comment_end..block_end];
            if is_blank(rest.trim_end_matches('\n')) {
                directive.own_line = Some(Span::new(first.start, block_end));
            }
            self.document.directives.push(directive);
        }
        self.nodes.push(Node::container(
            NodeKind::HtmlBlock,
            Span::new(first.start, block_end),
            children,
        ));
        block_end
    }
}
