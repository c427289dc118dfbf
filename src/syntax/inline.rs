//! The inline pass, run once per paragraph.
//!
//! 1. **Scan**: one left-to-right walk records the *specials* — escapes, code spans,
//!    HTML comments and tags, autolinks, link destinations, directives, and braces.
//!    Everything between specials is text. Verbatim specials are skipped whole, so a
//!    brace inside them is never seen.
//! 2. **Match**: braces are paired with a stack, innermost first.
//! 3. **Classify**: a pair followed by a valid suffix is a tag; otherwise it is literal
//!    text — silently for template (`{{…}}`, `{%…%}`) and attribute (`{#id}`, `{.class}`)
//!    braces, with `bare-braces` otherwise. An unmatched `{` is `unclosed-tag`.
//! 4. **Build**: the specials and the text between them become the paragraph's nodes.
//!
//! Every search that could rescan input (closing backtick runs, `-->`, `>`, matching
//! parentheses) is either precomputed once per paragraph or memoised on failure, which
//! keeps the pass linear even on adversarial input.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, FindingsCap, Severity};
use crate::span::Span;

use super::tree::{Node, NodeKind};
use super::{
    Directive, DirectiveKind, Document, MAX_TAG_DEPTH, Name, Suffix, Tag, block, lexical,
    rule_names,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Not decided yet / unmatched.
    Unmatched,
    Tag {
        suffix_len: usize,
    },
    /// Template or attribute braces, or braces nested too deep: literal, not reported.
    Silent,
    /// Balanced braces without a suffix: literal, reported.
    Bare,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Escape,
    CodeSpan,
    HtmlComment,
    HtmlTag,
    Autolink,
    LinkDestination,
    /// Index into `InlineParser::pending_directives`.
    Directive(usize),
    Open,
    Close,
}

#[derive(Debug, Clone, Copy)]
struct Special {
    kind: Kind,
    start: usize,
    end: usize,
    /// For braces: index of the matching brace in `specials`.
    partner: Option<usize>,
    role: Role,
}

/// Bytes at which the scanner has to stop and look.
const fn interesting_table() -> [bool; 256] {
    let mut table = [false; 256];
    table[b'\\' as usize] = true;
    table[b'`' as usize] = true;
    table[b'<' as usize] = true;
    table[b']' as usize] = true;
    table[b'{' as usize] = true;
    table[b'}' as usize] = true;
    table
}
static INTERESTING: [bool; 256] = interesting_table();

const ESCAPABLE: &[u8] = b"{}@#:\\";

/// Reusable buffers, so that parsing many paragraphs allocates little.
#[derive(Default)]
pub(super) struct InlineParser {
    specials: Vec<Special>,
    stack: Vec<usize>,
    pending_directives: Vec<Directive>,
    /// Per-brace findings of the whole document (`unclosed-tag`, `bare-braces`), capped
    /// as they are found: each stray brace is a finding, so a file of a million `{`
    /// would otherwise hold a million diagnostics (about 800 MB).
    pub(super) cap: FindingsCap,
}

/// Per-paragraph lazily built lookup tables.
struct Lookups {
    /// Backtick runs by length: starts in increasing order, and a cursor.
    backtick_runs: Option<HashMap<usize, (Vec<usize>, usize)>>,
    /// For each `(` right after a `]`: its matching `)`.
    link_parens: Option<HashMap<usize, usize>>,
    /// No `-->` exists at or after this offset.
    no_comment_close_from: usize,
}

impl InlineParser {
    pub(super) fn new(cap: FindingsCap) -> Self {
        InlineParser {
            cap,
            ..Default::default()
        }
    }

    pub(super) fn parse(
        &mut self,
        source: &str,
        span: Span,
        document: &mut Document,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<Node> {
        self.specials.clear();
        self.pending_directives.clear();
        self.scan(source, span, diagnostics);
        self.match_braces(diagnostics);
        self.classify(source, span, diagnostics);
        self.build(source, span, document)
    }

    fn scan(&mut self, source: &str, span: Span, diagnostics: &mut Vec<Diagnostic>) {
        let bytes = source.as_bytes();
        let end = span.end;
        let mut lookups = Lookups {
            backtick_runs: None,
            link_parens: None,
            no_comment_close_from: usize::MAX,
        };
        let mut i = span.start;
        while i < end {
            if !INTERESTING[bytes[i] as usize] {
                i += 1;
                continue;
            }
            match bytes[i] {
                b'\\' => match bytes.get(i + 1) {
                    Some(next) if i + 1 < end && ESCAPABLE.contains(next) => {
                        self.push(Kind::Escape, i, i + 2);
                        i += 2;
                    }
                    // Other escapes are the host format's: `\`` and `\<` keep a backtick
                    // or an angle bracket from opening a code span or HTML.
                    Some(next) if i + 1 < end && next.is_ascii_punctuation() => i += 2,
                    _ => i += 1,
                },
                b'`' => {
                    let run = bytes[i..end].iter().take_while(|&&b| b == b'`').count();
                    match closing_backticks(bytes, span, &mut lookups, i, run) {
                        Some(close) => {
                            self.push(Kind::CodeSpan, i, close + run);
                            i = close + run;
                        }
                        None => i += run,
                    }
                }
                b'<' => i = self.angle(source, span, &mut lookups, i, diagnostics),
                b']' => {
                    let dest = (bytes.get(i + 1) == Some(&b'(') && i + 1 < end)
                        .then(|| {
                            link_parens(bytes, span, &mut lookups)
                                .get(&(i + 1))
                                .copied()
                        })
                        .flatten();
                    match dest {
                        Some(close) => {
                            self.push(Kind::LinkDestination, i, close + 1);
                            i = close + 1;
                        }
                        None => i += 1,
                    }
                }
                b'{' => {
                    self.push(Kind::Open, i, i + 1);
                    i += 1;
                }
                b'}' => {
                    self.push(Kind::Close, i, i + 1);
                    i += 1;
                }
                _ => unreachable!("only interesting bytes reach the match"),
            }
        }
    }

    /// Handles `<` at `i`: a comment (maybe a directive), an HTML tag, an autolink, or text.
    fn angle(
        &mut self,
        source: &str,
        span: Span,
        lookups: &mut Lookups,
        i: usize,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> usize {
        let bytes = source.as_bytes();
        let end = span.end;
        let rest = &bytes[i..end];
        if rest.starts_with(b"<!--") {
            if i >= lookups.no_comment_close_from {
                return i + 1;
            }
            return match block::comment_end(source, i, end) {
                Some(close) => {
                    let comment = Span::new(i, close);
                    match directive(source, comment, diagnostics) {
                        Some(mut d) => {
                            d.own_line = own_line(source, span, comment);
                            self.pending_directives.push(d);
                            self.push(Kind::Directive(self.pending_directives.len() - 1), i, close);
                        }
                        None => self.push(Kind::HtmlComment, i, close),
                    }
                    close
                }
                None => {
                    lookups.no_comment_close_from = i;
                    i + 1
                }
            };
        }
        let opens_tag = match rest.get(1) {
            Some(b) if b.is_ascii_alphabetic() => true,
            Some(b'/') => rest.get(2).is_some_and(u8::is_ascii_alphabetic),
            _ => false,
        };
        if !opens_tag {
            return i + 1;
        }
        // Up to the next `>`, giving up at another `<`: each byte is scanned at most once
        // by such a search, which keeps this linear.
        let Some(len) = rest[1..].iter().position(|&b| b == b'>' || b == b'<') else {
            return i + 1;
        };
        if rest[1 + len] != b'>' {
            return i + 1;
        }
        let close = i + 1 + len + 1;
        let inner = &rest[1..1 + len];
        let kind = if is_autolink(inner) {
            Kind::Autolink
        } else {
            Kind::HtmlTag
        };
        self.push(kind, i, close);
        close
    }

    fn push(&mut self, kind: Kind, start: usize, end: usize) {
        self.specials.push(Special {
            kind,
            start,
            end,
            partner: None,
            role: Role::Unmatched,
        });
    }

    fn match_braces(&mut self, diagnostics: &mut Vec<Diagnostic>) {
        self.stack.clear();
        let mut first_too_deep: Option<usize> = None;
        for index in 0..self.specials.len() {
            match self.specials[index].kind {
                Kind::Open => self.stack.push(index),
                Kind::Close => {
                    if let Some(open) = self.stack.pop() {
                        self.specials[open].partner = Some(index);
                        self.specials[index].partner = Some(open);
                        // Depth of this pair, 1 for a top-level tag.
                        if self.stack.len() + 1 > MAX_TAG_DEPTH {
                            self.specials[open].role = Role::Silent;
                            self.specials[index].role = Role::Silent;
                            let at = self.specials[open].start;
                            first_too_deep = Some(first_too_deep.map_or(at, |f| f.min(at)));
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some(at) = first_too_deep {
            diagnostics.push(
                Diagnostic::warning(
                    rule_names::NESTING_TOO_DEEP,
                    Span::new(at, at + 1),
                    format!("tags are nested more than {MAX_TAG_DEPTH} levels deep"),
                )
                .with_help("braces deeper than this are kept as literal text"),
            );
        }
        for &open in &self.stack {
            let at = self.specials[open].start;
            if !self.cap.admit(
                rule_names::UNCLOSED_TAG,
                Severity::Warning,
                Span::new(at, at + 1),
            ) {
                continue;
            }
            diagnostics.push(
                Diagnostic::warning(
                    rule_names::UNCLOSED_TAG,
                    Span::new(at, at + 1),
                    "this `{` is never closed before the paragraph ends",
                )
                .with_help("close the tag with `}` and a suffix such as `@source`, or write `\\{` for a literal brace"),
            );
        }
    }

    fn classify(&mut self, source: &str, span: Span, diagnostics: &mut Vec<Diagnostic>) {
        let bytes = source.as_bytes();
        // First: which pairs have a suffix.
        for index in 0..self.specials.len() {
            let special = self.specials[index];
            if special.kind != Kind::Close || special.role != Role::Unmatched {
                continue;
            }
            let Some(open) = special.partner else {
                continue;
            };
            let suffix = lexical::suffix(&source[special.end..span.end]);
            if suffix.len > 0 {
                let role = Role::Tag {
                    suffix_len: suffix.len,
                };
                self.specials[index].role = role;
                self.specials[open].role = role;
            }
        }
        // Then the literal pairs, outermost first so a template's inner braces are known.
        for index in 0..self.specials.len() {
            let special = self.specials[index];
            if special.kind != Kind::Open || special.role != Role::Unmatched {
                continue;
            }
            let Some(close) = special.partner else {
                continue;
            };
            let (o, c) = (special.start, self.specials[close].start);
            let role = if self.mark_template(index) {
                Role::Silent
            } else if (c > o + 2 && bytes[o + 1] == b'%' && bytes[c - 1] == b'%')
                || matches!(bytes[o + 1], b'#' | b'.' | b':')
            {
                // `{%…%}` template tags and `{#id}`/`{.class}`/`{:attr}` attributes.
                Role::Silent
            } else {
                if self.cap.admit(
                    rule_names::BARE_BRACES,
                    Severity::Warning,
                    Span::new(o, c + 1),
                ) {
                    diagnostics.push(
                    Diagnostic::warning(
                        rule_names::BARE_BRACES,
                        Span::new(o, c + 1),
                        "braces without a suffix are kept as literal text",
                    )
                    .with_help(
                        "add a suffix right after `}` (`#id`, `@source` or `:confidence`), or write `\\{…\\}` for literal braces",
                    ),
                );
                }
                Role::Bare
            };
            self.specials[index].role = role;
            self.specials[close].role = role;
        }
    }

    /// If the pair opened at `open` is template braces `{{…}}` — its first inner byte opens
    /// an undecided pair closed right before its own `}` — marks the chain of such pairs
    /// silent (`{{{body}}}` is literal at every level) and returns true.
    fn mark_template(&mut self, open: usize) -> bool {
        let mut outer = open;
        let mut marked = false;
        loop {
            let (o, c) = match self.specials[outer].partner {
                Some(close) => (self.specials[outer].start, self.specials[close].start),
                None => return marked,
            };
            let inner = outer + 1;
            let inner_close = self
                .specials
                .get(inner)
                .filter(|s| s.kind == Kind::Open && s.start == o + 1 && s.role == Role::Unmatched)
                .and_then(|s| s.partner)
                .filter(|&p| self.specials[p].start + 1 == c);
            let Some(inner_close) = inner_close else {
                return marked;
            };
            for at in [outer, inner, inner_close] {
                self.specials[at].role = Role::Silent;
            }
            if let Some(close) = self.specials[outer].partner {
                self.specials[close].role = Role::Silent;
            }
            marked = true;
            outer = inner;
        }
    }

    fn build(&mut self, source: &str, span: Span, document: &mut Document) -> Vec<Node> {
        // Frames of open tags: (index of the `{` special, children so far).
        let mut frames: Vec<(usize, Vec<Node>)> = Vec::new();
        let mut top: Vec<Node> = Vec::new();
        let mut cursor = span.start;
        for index in 0..self.specials.len() {
            let special = self.specials[index];
            let children = frames.last_mut().map_or(&mut top, |f| &mut f.1);
            if special.start > cursor {
                push_text(children, Span::new(cursor, special.start));
            }
            let here = Span::new(special.start, special.end);
            cursor = special.end;
            match (special.kind, special.role) {
                (Kind::Open, Role::Tag { .. }) => {
                    frames.push((index, vec![Node::leaf(NodeKind::TagOpen, here)]));
                }
                (Kind::Close, Role::Tag { suffix_len }) => {
                    let (open_index, mut tag_children) =
                        frames.pop().expect("a tag close has an open frame");
                    let open = self.specials[open_index].start;
                    let suffix_span = Span::new(special.end, special.end + suffix_len);
                    tag_children.push(Node::leaf(NodeKind::TagClose, here));
                    tag_children.push(Node::leaf(NodeKind::Suffix, suffix_span));
                    let tag_span = Span::new(open, suffix_span.end);
                    document
                        .tags
                        .push(make_tag(source, open, special.start, suffix_span));
                    let parent = frames.last_mut().map_or(&mut top, |f| &mut f.1);
                    parent.push(Node::container(NodeKind::Tag, tag_span, tag_children));
                    cursor = suffix_span.end;
                }
                (Kind::Open | Kind::Close, _) => push_text(children, here),
                (Kind::Escape, _) => {
                    document.escapes.push(here);
                    children.push(Node::leaf(NodeKind::Escape, here));
                }
                (Kind::CodeSpan, _) => children.push(Node::leaf(NodeKind::CodeSpan, here)),
                (Kind::HtmlComment, _) => children.push(Node::leaf(NodeKind::HtmlComment, here)),
                (Kind::HtmlTag, _) => children.push(Node::leaf(NodeKind::HtmlTag, here)),
                (Kind::Autolink, _) => children.push(Node::leaf(NodeKind::Autolink, here)),
                (Kind::LinkDestination, _) => {
                    children.push(Node::leaf(NodeKind::LinkDestination, here))
                }
                (Kind::Directive(d), _) => {
                    children.push(Node::leaf(NodeKind::Directive, here));
                    document.directives.push(self.pending_directives[d].clone());
                }
            }
        }
        debug_assert!(frames.is_empty(), "every tag open has its close");
        if cursor < span.end {
            push_text(&mut top, Span::new(cursor, span.end));
        }
        top
    }
}

/// Appends text, merging with a directly preceding text leaf.
fn push_text(children: &mut Vec<Node>, span: Span) {
    if let Some(last) = children.last_mut()
        && last.kind == NodeKind::Text
        && last.span.end == span.start
    {
        last.span.end = span.end;
        return;
    }
    children.push(Node::leaf(NodeKind::Text, span));
}

fn make_tag(source: &str, open: usize, close: usize, suffix_span: Span) -> Tag {
    let parts = lexical::suffix(suffix_span.text(source));
    let base = suffix_span.start;
    let name = |n: &lexical::SuffixName<'_>| {
        Name::new(
            n.text,
            Span::new(base + n.start, base + n.start + n.text.len()),
        )
    };
    Tag {
        span: Span::new(open, suffix_span.end),
        text: Span::new(open + 1, close),
        open: Span::new(open, open + 1),
        close: Span::new(close, close + 1),
        suffix: Suffix {
            span: suffix_span,
            id: parts.id.as_ref().map(name),
            sources: parts.sources.iter().map(name).collect(),
            confidence: parts.confidence.as_ref().map(name),
        },
        parent: None,
    }
}

/// The next run of exactly `run` backticks after the opener at `at`.
fn closing_backticks(
    bytes: &[u8],
    span: Span,
    lookups: &mut Lookups,
    at: usize,
    run: usize,
) -> Option<usize> {
    let runs = lookups.backtick_runs.get_or_insert_with(|| {
        let mut runs: HashMap<usize, (Vec<usize>, usize)> = HashMap::new();
        let mut i = span.start;
        while let Some(found) = memchr::memchr(b'`', &bytes[i..span.end]) {
            let start = i + found;
            let len = bytes[start..span.end]
                .iter()
                .take_while(|&&b| b == b'`')
                .count();
            runs.entry(len).or_default().0.push(start);
            i = start + len;
        }
        runs
    });
    let (starts, cursor) = runs.get_mut(&run)?;
    while *cursor < starts.len() && starts[*cursor] < at + run {
        *cursor += 1;
    }
    starts.get(*cursor).copied()
}

/// Matching `)` for every `(` that follows a `]`, computed in one stack pass.
fn link_parens<'a>(
    bytes: &[u8],
    span: Span,
    lookups: &'a mut Lookups,
) -> &'a HashMap<usize, usize> {
    lookups.link_parens.get_or_insert_with(|| {
        let mut matches = HashMap::new();
        let mut stack = Vec::new();
        for i in span.start..span.end {
            let escaped = i > span.start && bytes[i - 1] == b'\\';
            match bytes[i] {
                b'(' if !escaped => stack.push(i),
                b')' if !escaped => {
                    if let Some(open) = stack.pop()
                        && open > span.start
                        && bytes[open - 1] == b']'
                    {
                        matches.insert(open, i);
                    }
                }
                _ => {}
            }
        }
        matches
    })
}

/// `<scheme:…>` or `<user@host>` without spaces: an autolink rather than an HTML tag.
fn is_autolink(inner: &[u8]) -> bool {
    if inner.iter().any(|b| b.is_ascii_whitespace()) {
        return false;
    }
    let scheme = inner
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
        .count();
    (scheme >= 2 && inner.get(scheme) == Some(&b':')) || inner.contains(&b'@')
}

/// When the comment stands alone on its line(s): the whole line(s) with the line ending.
fn own_line(source: &str, paragraph: Span, comment: Span) -> Option<Span> {
    let bytes = source.as_bytes();
    let mut start = comment.start;
    while start > paragraph.start && matches!(bytes[start - 1], b' ' | b'\t') {
        start -= 1;
    }
    if start > paragraph.start && bytes[start - 1] != b'\n' {
        return None;
    }
    let mut end = comment.end;
    while end < paragraph.end && matches!(bytes[end], b' ' | b'\t' | b'\r') {
        end += 1;
    }
    if end < paragraph.end && bytes[end] != b'\n' {
        return None;
    }
    Some(Span::new(start, (end + 1).min(paragraph.end)))
}

/// Reads a complete `<!-- … -->` comment as a directive, if it is one.
pub(super) fn directive(
    source: &str,
    comment: Span,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Directive> {
    let body_start = comment.start + 4;
    let body_end = comment.end.saturating_sub(3).max(body_start);
    let body = &source[body_start..body_end];
    let parts = lexical::directive(body)?;
    let kind = match parts.name {
        "disable" => DirectiveKind::Disable,
        "enable" => DirectiveKind::Enable,
        "disable-next-line" => DirectiveKind::DisableNextLine,
        "disable-file" => DirectiveKind::DisableFile,
        other => {
            let at = body_start + parts.name_start;
            diagnostics.push(
                Diagnostic::warning(
                    rule_names::UNKNOWN_DIRECTIVE,
                    Span::new(at - "claimmark-".len(), at + other.len()),
                    format!("unknown directive `claimmark-{other}`"),
                )
                .with_help(
                    "known directives: claimmark-disable, claimmark-enable, claimmark-disable-next-line, claimmark-disable-file",
                ),
            );
            DirectiveKind::Unknown(other.to_string())
        }
    };
    Some(Directive {
        kind,
        span: comment,
        rules: parts
            .rules
            .iter()
            .map(|&(rule, at)| {
                Name::new(
                    rule,
                    Span::new(body_start + at, body_start + at + rule.len()),
                )
            })
            .collect(),
        reason: parts.reason.map(str::to_string),
        own_line: None,
    })
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::DEFAULT_MAX_FINDINGS_PER_RULE as CAP;
    use crate::syntax::{parse, parse_capped, rule_names};

    fn count(diagnostics: &[crate::diagnostic::Diagnostic], rule: &str) -> usize {
        diagnostics.iter().filter(|d| d.rule == rule).count()
    }

    #[test]
    fn per_brace_findings_are_capped_with_a_summary() {
        let extra = 7;
        // Unclosed braces, spread over paragraphs: the cap is per document.
        let text = "{ open\n\n".repeat(CAP + extra);
        let parsed = parse(&text);
        assert_eq!(
            count(&parsed.diagnostics, rule_names::UNCLOSED_TAG),
            CAP + 1
        );
        let summary = parsed.diagnostics.last().unwrap();
        assert_eq!(summary.omitted, extra);
        assert!(
            summary
                .message
                .starts_with(&format!("and {extra} more `unclosed-tag` findings")),
            "{}",
            summary.message
        );
        // It points at the first brace left out.
        assert_eq!(summary.span.start, CAP * "{ open\n\n".len());
        // Bare braces, counted on their own.
        let text = "{x} ".repeat(CAP + extra) + "\n";
        let parsed = parse(&text);
        assert_eq!(count(&parsed.diagnostics, rule_names::BARE_BRACES), CAP + 1);
        // Under the cap, no summary; a higher cap reports more.
        let parsed = parse(&"{x} ".repeat(3));
        assert_eq!(count(&parsed.diagnostics, rule_names::BARE_BRACES), 3);
        let parsed = parse_capped(&text, CAP + extra);
        assert_eq!(
            count(&parsed.diagnostics, rule_names::BARE_BRACES),
            CAP + extra
        );
        // The tree stays lossless either way.
        let text = "{".repeat(3 * CAP);
        assert_eq!(parse(&text).document.print(&text), text);
    }
}
