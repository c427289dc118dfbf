//! One JSON document: `{"version":1,"diagnostics":[…],"summary":{…}}`. Lines and columns
//! are 1-based, `end_column` is exclusive, columns count Unicode scalar values, and
//! `offset`/`length` are bytes.

use std::io::{self, Write};

use claimmark::{Diagnostic, LineIndex, Span};
use serde::Serialize;
use serde_json::{Value, json};

use super::{Emitter, FileReport, Summary};

#[derive(Default)]
pub struct Json {
    diagnostics: Vec<Value>,
}

/// Where a span is: 1-based lines and columns (columns in Unicode scalar values,
/// `end_column` exclusive) and the byte offset and length.
struct Place {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    offset: usize,
    length: usize,
}

fn place(source: &str, index: &LineIndex, span: Span) -> Place {
    let start = index.line_col(source, span.start);
    let end = index.line_col(source, span.end);
    Place {
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        offset: span.start,
        length: span.len(),
    }
}

// The structs below serialize straight to the documented shape. Their fields are in
// alphabetical order on purpose: it is the order the shape has always been printed in
// (serde_json's map order), so output stays byte-identical while avoiding a map per
// finding on the json-lines hot path.

#[derive(Serialize)]
struct JsonEdit<'a> {
    column: usize,
    end_column: usize,
    end_line: usize,
    length: usize,
    line: usize,
    offset: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    edits: Vec<JsonEdit<'a>>,
    message: &'a str,
    safe: bool,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    column: usize,
    end_column: usize,
    end_line: usize,
    length: usize,
    line: usize,
    message: &'a str,
    offset: usize,
}

/// A diagnostic in the shape every JSON output shares (`lint --format json` and
/// `json-lines`, `parse`, `export`).
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    column: usize,
    /// From 0 to 1, in hundredths.
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f64>,
    end_column: usize,
    end_line: usize,
    fix: Option<JsonFix<'a>>,
    help: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
    length: usize,
    line: usize,
    message: &'a str,
    offset: usize,
    path: &'a str,
    rule: &'a str,
    severity: claimmark::Severity,
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(path: &'a str, source: &str, index: &LineIndex, d: &'a Diagnostic) -> Self {
        let at = place(source, index, d.span);
        JsonDiagnostic {
            column: at.column,
            confidence: d.confidence.map(round_confidence),
            end_column: at.end_column,
            end_line: at.end_line,
            fix: d.fix.as_ref().map(|fix| JsonFix {
                edits: fix
                    .edits
                    .iter()
                    .map(|e| {
                        let p = place(source, index, e.span);
                        JsonEdit {
                            column: p.column,
                            end_column: p.end_column,
                            end_line: p.end_line,
                            length: p.length,
                            line: p.line,
                            offset: p.offset,
                            replacement: &e.replacement,
                        }
                    })
                    .collect(),
                message: &fix.message,
                safe: fix.safe,
            }),
            help: d.help.as_deref(),
            labels: d
                .labels
                .iter()
                .map(|l| {
                    let p = place(source, index, l.span);
                    JsonLabel {
                        column: p.column,
                        end_column: p.end_column,
                        end_line: p.end_line,
                        length: p.length,
                        line: p.line,
                        message: &l.message,
                        offset: p.offset,
                    }
                })
                .collect(),
            length: at.length,
            line: at.line,
            message: &d.message,
            offset: at.offset,
            path,
            rule: d.rule,
            severity: d.severity,
        }
    }
}

/// The shared diagnostic shape as a JSON value (for documents that embed it).
pub fn diagnostic_json(path: &str, source: &str, index: &LineIndex, d: &Diagnostic) -> Value {
    serde_json::to_value(JsonDiagnostic::new(path, source, index, d)).unwrap_or(Value::Null)
}

impl Emitter for Json {
    fn file(&mut self, _out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
        self.diagnostics.extend(
            report
                .diagnostics
                .iter()
                .map(|d| diagnostic_json(report.path, report.source, report.line_index, d)),
        );
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let document = json!({
            "version": 1,
            "diagnostics": std::mem::take(&mut self.diagnostics),
            "summary": {
                "files": summary.files,
                "errors": summary.errors,
                "warnings": summary.warnings,
                "infos": summary.infos,
            },
        });
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)
    }
}

/// A confidence (whole percent) as JSON shows it: from 0 to 1.
pub fn round_confidence(percent: u8) -> f64 {
    f64::from(percent) / 100.0
}
