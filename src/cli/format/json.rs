//! One JSON document: `{"version":1,"diagnostics":[…],"summary":{…}}`. Lines and columns
//! are 1-based, `end_column` is exclusive, columns count Unicode scalar values, and
//! `offset`/`length` are bytes.

use std::io::{self, Write};

use claimmark::{Diagnostic, LineIndex, Span};
use serde_json::{Value, json};

use super::{Emitter, FileReport, Summary};

#[derive(Default)]
pub struct Json {
    diagnostics: Vec<Value>,
}

/// Position fields of a span.
fn place(source: &str, index: &LineIndex, span: Span) -> serde_json::Map<String, Value> {
    let start = index.line_col(source, span.start);
    let end = index.line_col(source, span.end);
    let mut map = serde_json::Map::new();
    map.insert("line".into(), json!(start.line));
    map.insert("column".into(), json!(start.column));
    map.insert("end_line".into(), json!(end.line));
    map.insert("end_column".into(), json!(end.column));
    map.insert("offset".into(), json!(span.start));
    map.insert("length".into(), json!(span.len()));
    map
}

/// A diagnostic in the shape every JSON output shares (`lint --format json`, `parse`, `export`).
pub fn diagnostic_json(path: &str, source: &str, index: &LineIndex, d: &Diagnostic) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("path".into(), json!(path));
    map.insert("rule".into(), json!(d.rule));
    map.insert("severity".into(), json!(d.severity));
    map.insert("message".into(), json!(d.message));
    map.extend(place(source, index, d.span));
    let labels: Vec<Value> = d
        .labels
        .iter()
        .map(|l| {
            let mut label = place(source, index, l.span);
            label.insert("message".into(), json!(l.message));
            Value::Object(label)
        })
        .collect();
    map.insert("labels".into(), Value::Array(labels));
    map.insert("help".into(), json!(d.help));
    let fix = d.fix.as_ref().map(|fix| {
        let edits: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| {
                let mut edit = place(source, index, e.span);
                edit.insert("replacement".into(), json!(e.replacement));
                Value::Object(edit)
            })
            .collect();
        json!({"message": fix.message, "safe": fix.safe, "edits": edits})
    });
    map.insert("fix".into(), fix.unwrap_or(Value::Null));
    Value::Object(map)
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
