//! `path:line:col: severity[rule] message` — exactly one line per finding, for hooks,
//! editors' quickfix lists and grep.

use std::io::{self, Write};

use super::{Emitter, FileReport, Summary};

pub struct Concise;

/// Keeps a message on one line: newlines, carriage returns and tabs are escaped.
pub fn one_line(message: &str) -> String {
    message
        .replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
        .replace('\t', "\\t")
}

impl Emitter for Concise {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
        for d in report.diagnostics {
            let at = report.line_index.line_col(report.source, d.span.start);
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                report.path,
                at.line,
                at.column,
                d.severity,
                d.rule,
                one_line(&d.message)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}
