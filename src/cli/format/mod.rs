//! Output formats, behind one small trait. Diagnostics arrive as plain data; each format
//! decides how they look. Line and column numbers are computed here, at the edge.

mod concise;
mod full;
mod github;
mod json;
mod json_lines;
mod sarif;

use std::io::{self, Write};

use claimmark::{Diagnostic, LineIndex, Severity};

pub use concise::Concise;
pub use full::Full;
pub use github::Github;
pub use json::{Json, JsonDiagnostic, diagnostic_json};
pub use json_lines::JsonLines;
pub use sarif::Sarif;

/// One file's findings, with what is needed to place them.
pub struct FileReport<'a> {
    pub path: &'a str,
    pub source: &'a str,
    pub line_index: &'a LineIndex,
    pub diagnostics: &'a [Diagnostic],
}

/// Counts for the closing summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Fixes applied with `--fix`.
    pub fixed: usize,
    pub elapsed: std::time::Duration,
}

impl Summary {
    /// Counts findings by severity; an "and N more" finding counts as the N it stands
    /// for, so the totals are true even when a rule's findings are capped.
    pub fn count(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += d.count(),
                Severity::Warning => self.warnings += d.count(),
                Severity::Info => self.infos += d.count(),
            }
        }
    }
}

/// An output format.
pub trait Emitter {
    /// Called once per file, in a deterministic order.
    fn file(&mut self, out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()>;
    /// Called once at the end.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}
