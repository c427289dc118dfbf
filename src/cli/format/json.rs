//! One JSON document: `{"version":1,"diagnostics":[…],"summary":{…}}`. Lines and columns
//! are 1-based, `end_column` is exclusive, columns count Unicode scalar values, and
//! `offset`/`length` are bytes.

use std::io::{self, Write};

use claimmark::{Diagnostic, LineIndex, Span};
use serde::Serialize;
use serde_json::{Value, json};

use super::{Emitter, FileReport, Summary};

/// Streams the document: diagnostics are written as each file is linted (nothing is
/// held across files), the summary at the end. The bytes are those serde_json's pretty
/// printer gives for the whole document, keys in sorted order as always.
#[derive(Default)]
pub struct Json {
    /// How many diagnostics have been written.
    written: usize,
    /// One diagnostic, pretty-printed, before it is indented into place.
    buffer: Vec<u8>,
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
    fn file(&mut self, out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
        for d in report.diagnostics {
            out.write_all(if self.written == 0 {
                b"{\n  \"diagnostics\": [\n"
            } else {
                b",\n"
            })?;
            self.buffer.clear();
            let value = JsonDiagnostic::new(report.path, report.source, report.line_index, d);
            serde_json::to_writer_pretty(&mut self.buffer, &value)?;
            // Strings escape their line breaks, so every line here is a line of JSON.
            for (i, line) in self.buffer.split(|&b| b == b'\n').enumerate() {
                if i > 0 {
                    out.write_all(b"\n")?;
                }
                out.write_all(b"    ")?;
                out.write_all(line)?;
            }
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.written == 0 {
            out.write_all(b"{\n  \"diagnostics\": [],\n")?;
        } else {
            out.write_all(b"\n  ],\n")?;
        }
        let summary = json!({
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        });
        let mut text = serde_json::to_string_pretty(&summary)?;
        text = text.replace('\n', "\n  ");
        writeln!(out, "  \"summary\": {text},\n  \"version\": 1\n}}")
    }
}

/// A confidence (whole percent) as JSON shows it: from 0 to 1.
pub fn round_confidence(percent: u8) -> f64 {
    f64::from(percent) / 100.0
}
