//! Human output with miette: the source around each finding, labels on the exact
//! words, every secondary label, and the help line.
//!
//! miette is handed an [`Excerpt`] per finding, not the file: only the lines it draws
//! (each label's lines and one line of context around them), and on a line longer than
//! [`WIDTH`] characters only a window around each label, the cuts marked with `…` (as
//! rustc and ruff do). Output and work are then O(findings), not O(findings × file or
//! line length): one minified or one-line draft cannot fill a disk.

use std::fmt;
use std::io::{self, Write};

use claimmark::{Diagnostic, Severity};
use claimmark::{LineIndex, Span};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::{Emitter, FileReport, Summary};

pub struct Full {
    handler: GraphicalReportHandler,
}

impl Full {
    pub fn new(color: bool) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Full {
            handler: GraphicalReportHandler::new_themed(theme)
                .with_width(100)
                .with_links(false)
                .with_context_lines(1),
        }
    }

    pub fn render(
        &self,
        path: &str,
        source: &str,
        index: &LineIndex,
        diagnostic: &Diagnostic,
    ) -> String {
        let spans: Vec<Span> = std::iter::once(diagnostic.span)
            .chain(diagnostic.labels.iter().map(|l| l.span))
            .collect();
        let excerpt = Excerpt::new(path, source, index, &spans);
        let adapter = Adapter {
            diagnostic,
            excerpt,
        };
        let mut out = String::new();
        if self.handler.render_report(&mut out, &adapter).is_err() {
            out = format!(
                "{}: {}[{}] {}\n",
                path, diagnostic.severity, diagnostic.rule, diagnostic.message
            );
        }
        out
    }
}

impl Emitter for Full {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
        for diagnostic in report.diagnostics {
            out.write_all(
                self.render(report.path, report.source, report.line_index, diagnostic)
                    .as_bytes(),
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        // The summary goes to stderr so stdout stays the findings alone.
        let files = if summary.files == 1 { "file" } else { "files" };
        let elapsed = if summary.elapsed.is_zero() {
            String::new()
        } else {
            format!(" in {:.2?}", summary.elapsed)
        };
        let fixed = if summary.fixed > 0 {
            format!(", {} fixed", summary.fixed)
        } else {
            String::new()
        };
        eprintln!(
            "{} {files} checked: {} error{}, {} warning{}, {} info{fixed}{elapsed}",
            summary.files,
            summary.errors,
            if summary.errors == 1 { "" } else { "s" },
            summary.warnings,
            if summary.warnings == 1 { "" } else { "s" },
            summary.infos,
        );
        Ok(())
    }
}

/// Presents one of our diagnostics to miette.
struct Adapter<'a> {
    diagnostic: &'a Diagnostic,
    excerpt: Excerpt<'a>,
}

impl fmt::Debug for Adapter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.diagnostic.fmt(f)
    }
}

impl fmt::Display for Adapter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Adapter<'_> {}

impl miette::Diagnostic for Adapter<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = self.diagnostic.help.as_deref();
        let fix = self.diagnostic.fix.as_ref().map(|f| f.message.as_str());
        match (help, fix) {
            (Some(h), Some(f)) => Some(Box::new(format!("{h}\nfix: {f}"))),
            (Some(h), None) => Some(Box::new(h)),
            (None, Some(f)) => Some(Box::new(format!("fix: {f}"))),
            (None, None) => None,
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.excerpt)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diagnostic;
        let at = |span: Span| {
            let span = self.excerpt.map(span);
            (span.start, span.len())
        };
        let primary = LabeledSpan::new_primary_with_span(Some(primary_label(d)), at(d.span));
        let secondary = d
            .labels
            .iter()
            .map(move |l| LabeledSpan::new_with_span(Some(l.message.clone()), at(l.span)));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

/// The short text under the primary span: the rule name reads well there.
fn primary_label(d: &Diagnostic) -> String {
    d.rule.replace('-', " ")
}

/// Lines longer than this many characters are drawn as windows around the labels.
pub const WIDTH: usize = 120;
/// Characters kept on each side of a label on a long line.
const MARGIN: usize = 40;
/// A label longer than this on a long line is drawn as its two ends.
const LONG_LABEL: usize = WIDTH - 2 * MARGIN;

/// What miette draws of one finding: the lines around its labels, long lines windowed,
/// in a text of its own. Offsets in it are mapped from the source ([`Excerpt::map`]),
/// and the line and column numbers miette prints are the source's.
struct Excerpt<'a> {
    name: &'a str,
    text: String,
    /// For each line of `text`: where it starts there, and its 0-based source line.
    lines: Vec<(usize, usize)>,
    /// Runs copied from the source: (offset in `text`, source offset, length), in order.
    pieces: Vec<(usize, usize, usize)>,
    /// Source offset of the start of each line of `text` (to count columns).
    line_starts: Vec<usize>,
}

impl<'a> Excerpt<'a> {
    fn new(name: &'a str, source: &str, index: &LineIndex, spans: &[Span]) -> Self {
        let clamp = |o: usize| claimmark::span::floor_char_boundary(source, o.min(source.len()));
        let spans: Vec<Span> = spans
            .iter()
            .map(|s| Span::new(clamp(s.start), clamp(s.end.max(s.start))))
            .collect();
        let last_line = index.line_count() - 1;
        // The source lines to draw: each label's lines and one of context either side.
        let mut groups: Vec<(usize, usize)> = spans
            .iter()
            .map(|s| {
                let first = index.line_of(s.start);
                let last = index.line_of(if s.end > s.start { s.end - 1 } else { s.start });
                (first.saturating_sub(1), (last + 1).min(last_line))
            })
            .collect();
        groups.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (from, to) in groups {
            match merged.last_mut() {
                Some(last) if from <= last.1 + 1 => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        let mut excerpt = Excerpt {
            name,
            text: String::new(),
            lines: Vec::new(),
            pieces: Vec::new(),
            line_starts: Vec::new(),
        };
        for (from, to) in merged {
            for line in from..=to {
                let start = index.line_start(line);
                let end = if line == last_line {
                    source.len()
                } else {
                    index.line_start(line + 1)
                };
                excerpt.push_line(source, line, Span::new(start, end), &spans);
            }
        }
        excerpt
    }

    /// Appends one source line (with its line break), windowed when it is long.
    fn push_line(&mut self, source: &str, line: usize, whole: Span, spans: &[Span]) {
        let text = &source[whole.start..whole.end];
        let content_len = text.trim_end_matches(['\n', '\r']).len();
        let content = Span::new(whole.start, whole.start + content_len);
        self.lines.push((self.text.len(), line));
        self.line_starts.push(whole.start);
        let windows = if text[..content_len].chars().nth(WIDTH).is_none() {
            vec![content]
        } else {
            windows(source, content, spans)
        };
        let mut cursor = content.start;
        for window in windows {
            if window.start > cursor {
                self.text.push('…');
            }
            self.pieces
                .push((self.text.len(), window.start, window.len()));
            self.text.push_str(&source[window.start..window.end]);
            cursor = window.end;
        }
        if cursor < content.end {
            self.text.push('…');
        }
        // The line break is copied too, so a label on it (an empty span at the end of a
        // line) has somewhere to be.
        self.pieces
            .push((self.text.len(), content.end, whole.end - content.end));
        self.text.push_str(&source[content.end..whole.end]);
        // A lone `\r` is no line end to the rest of Claimmark (nor to the line numbers
        // printed), but miette would break there: it is drawn as a space.
        let from = self.lines.last().map_or(0, |l| l.0);
        if self.text[from..].contains('\r') {
            let line_text = self.text.split_off(from);
            let kept_crlf = line_text.ends_with("\r\n");
            let mut fixed = line_text.replace('\r', " ");
            if kept_crlf {
                fixed.truncate(fixed.len() - 2);
                fixed.push_str("\r\n");
            }
            self.text.push_str(&fixed);
        }
    }

    /// The offset in the excerpt of a source offset the excerpt shows (labels' ends
    /// always are); others go to the nearest shown offset after them.
    fn map_offset(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.1 + p.2 < offset);
        match self.pieces.get(i) {
            Some(&(at, from, len)) => at + offset.clamp(from, from + len) - from,
            None => self.text.len(),
        }
    }

    fn map(&self, span: Span) -> Span {
        let start = self.map_offset(span.start);
        Span::new(start, self.map_offset(span.end).max(start))
    }

    /// The source offset an excerpt offset shows (an elision mark: the next shown one).
    fn source_offset(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.0 + p.2 <= at);
        match self.pieces.get(i) {
            Some(&(start, from, _)) => from + at.saturating_sub(start),
            None => self.pieces.last().map_or(0, |p| p.1 + p.2),
        }
    }

    /// The excerpt line holding excerpt offset `at`.
    fn line_index(&self, at: usize) -> usize {
        self.lines.partition_point(|l| l.0 <= at).saturating_sub(1)
    }
}

/// Windows of at most about [`WIDTH`] characters around each label's ends on a long
/// line, merged where they meet, in order.
fn windows(source: &str, content: Span, spans: &[Span]) -> Vec<Span> {
    let back = |from: usize, chars: usize| {
        source[content.start..from]
            .char_indices()
            .rev()
            .nth(chars.saturating_sub(1))
            .map_or(content.start, |(i, _)| content.start + i)
    };
    let ahead = |from: usize, chars: usize| {
        source[from..content.end]
            .char_indices()
            .nth(chars)
            .map_or(content.end, |(i, _)| from + i)
    };
    let mut windows: Vec<Span> = Vec::new();
    for span in spans {
        // The part of the label on this line.
        let (start, end) = (
            span.start.clamp(content.start, content.end),
            span.end.clamp(content.start, content.end),
        );
        if span.end < content.start || span.start > content.end {
            continue;
        }
        if source[start..end].chars().nth(LONG_LABEL).is_none() {
            let len = source[start..end].chars().count();
            let margin = (WIDTH - len) / 2;
            windows.push(Span::new(back(start, margin), ahead(end, margin)));
        } else {
            windows.push(Span::new(back(start, MARGIN), ahead(start, MARGIN)));
            windows.push(Span::new(back(end, MARGIN), ahead(end, MARGIN)));
        }
    }
    windows.sort_unstable_by_key(|w| (w.start, w.end));
    let mut merged: Vec<Span> = Vec::new();
    for window in windows {
        match merged.last_mut() {
            Some(last) if window.start <= last.end => last.end = last.end.max(window.end),
            _ => merged.push(window),
        }
    }
    merged
}

impl SourceCode for Excerpt<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let contents =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        let data_start = contents.span().offset();
        let data_end = data_start + contents.span().len();
        let first = self.line_index(data_start);
        let last = self.line_index(data_end.saturating_sub(1).max(data_start));
        let line = self.lines.get(first).map_or(0, |l| l.1);
        let last_line = self.lines.get(last).map_or(line, |l| l.1);
        // miette counts columns in bytes from the line start; so does this, in the source.
        let column = if context_lines_before > 0 || contents.column() == 0 {
            0
        } else {
            let start = self.line_starts.get(first).copied().unwrap_or(0);
            self.source_offset(span.offset()).saturating_sub(start)
        };
        // miette merges two labels' snippets when the first one's line plus its line count
        // reaches the second one's line: with the source's numbers, lines the excerpt
        // leaves out are never merged over.
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            contents.data(),
            *contents.span(),
            line,
            column,
            last_line - line + 1,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimmark::lint::{Config, lint};

    /// Every finding of `source`, rendered.
    fn render_all(source: &str) -> Vec<String> {
        let full = Full::new(false);
        let index = LineIndex::new(source);
        lint(source, &Config::default())
            .diagnostics
            .iter()
            .map(|d| full.render("x.md", source, &index, d))
            .collect()
    }

    #[test]
    fn awkward_sources_render_within_the_window() {
        let long = "word ".repeat(10_000);
        let sources = [
            String::new(),
            "{".to_string(),
            "{a}@x".to_string(),
            format!("{long}{{a}}@x {long}\n"),
            format!("{{a}}@x{long}{{b}}@y\n"),
            // Multi-byte characters around the cuts, and a label past a long run.
            format!("{}{{é}}@x{}\n", "é😀".repeat(5_000), "😀".repeat(5_000)),
            // Lone carriage returns (not line ends here) on a long line.
            format!("{}{{a}}@x\r{}\r", "a\r".repeat(3_000), "b".repeat(300)),
            // A tag spanning lines of a paragraph, each long.
            format!("{{{long}\n{long}}}@x\n"),
            "{a}@x\r\n\r\n[@y]: Y\r\n".to_string(),
        ];
        for source in &sources {
            for out in render_all(source) {
                assert!(out.lines().all(|l| l.chars().count() < 2 * WIDTH), "{out}");
            }
        }
    }

    #[test]
    fn short_lines_are_drawn_whole() {
        let source = "Intro.\n\n{The council cut jobs}@nobody:reported.\n";
        let out = render_all(source).join("");
        assert!(
            out.contains("{The council cut jobs}@nobody:reported."),
            "{out}"
        );
        assert!(!out.contains('…'), "{out}");
        assert!(out.contains("[x.md:3:24]"), "{out}");
    }
}
