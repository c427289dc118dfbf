//! JSON Lines: one diagnostic object per line, in the shape of [`JsonDiagnostic`],
//! written as soon as each file is linted (nothing is held back, nothing else is
//! printed), so a pipeline can consume findings while the run goes on.

use std::io::{self, Write};

use super::{Emitter, FileReport, JsonDiagnostic, Summary};

pub struct JsonLines;

impl Emitter for JsonLines {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        for d in report.diagnostics {
            let value = JsonDiagnostic::new(report.path, report.source, report.line_index, d);
            // Compact JSON escapes control characters, so an object never spans lines.
            serde_json::to_writer(&mut *out, &value)?;
            out.write_all(b"\n")?;
        }
        // Hand this file's findings to the reader now rather than at the end of the run.
        out.flush()
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}
