//! Human output with miette: the source around each finding, labels on the exact
//! words, every secondary label, and the help line.

use std::fmt;
use std::io::{self, Write};

use claimmark::{Diagnostic, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

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

    pub fn render(&self, path: &str, source: &str, diagnostic: &Diagnostic) -> String {
        let adapter = Adapter {
            diagnostic,
            source: NamedSource::new(path, source.to_string()).with_language("markdown"),
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
                self.render(report.path, report.source, diagnostic)
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
    source: NamedSource<String>,
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
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diagnostic;
        let primary = LabeledSpan::new_primary_with_span(
            Some(primary_label(d)),
            (d.span.start, d.span.len()),
        );
        let secondary = d.labels.iter().map(|l| {
            LabeledSpan::new_with_span(Some(l.message.clone()), (l.span.start, l.span.len()))
        });
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

/// The short text under the primary span: the rule name reads well there.
fn primary_label(d: &Diagnostic) -> String {
    d.rule.replace('-', " ")
}
