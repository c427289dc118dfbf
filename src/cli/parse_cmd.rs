//! `claimmark parse [FILE|-] [--format full|json]`: the syntax tree and parse diagnostics.

use std::io::Write;
use std::path::PathBuf;

use claimmark::syntax::Node;
use claimmark::{LineIndex, Severity};
use clap::{Args, ValueEnum};
use serde_json::{Value, json};

use super::format::{Emitter, FileReport, Full, Summary, diagnostic_json};
use super::{ColorChoice, exit, fail, input};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParseFormat {
    /// Diagnostics rendered for people (miette).
    Full,
    /// The tree, typed views and diagnostics as JSON.
    Json,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The document to parse; `-` reads standard input.
    #[arg(default_value = "-")]
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = ParseFormat::Full)]
    pub format: ParseFormat,
    /// Name to show for standard input.
    #[arg(long)]
    pub stdin_filename: Option<String>,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// A node as JSON, with the text of each leaf so the output reads on its own.
fn node_json(node: &Node, source: &str) -> Value {
    let mut value = json!({
        "kind": node.kind,
        "start": node.span.start,
        "end": node.span.end,
    });
    if node.children.is_empty() {
        value["text"] = json!(node.span.text(source));
    } else {
        value["children"] = node.children.iter().map(|c| node_json(c, source)).collect();
    }
    value
}

pub fn run(args: ParseArgs) -> u8 {
    let doc = match input::read(&args.file, args.stdin_filename.as_deref()) {
        Ok(doc) => doc,
        Err(e) => return fail(e),
    };
    let parsed = claimmark::parse(&doc.text);
    let index = LineIndex::new(&doc.text);
    let code = if parsed
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error)
    {
        exit::FINDINGS
    } else {
        exit::OK
    };
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        ParseFormat::Json => {
            let d = &parsed.document;
            let value = json!({
                "version": 1,
                "path": doc.name,
                "tree": node_json(&d.tree, &doc.text),
                "front_matter": d.front_matter,
                "tags": d.tags,
                "definitions": d.definitions,
                "directives": d.directives,
                "diagnostics": parsed.diagnostics.iter()
                    .map(|x| diagnostic_json(&doc.name, &doc.text, &index, x))
                    .collect::<Vec<_>>(),
            });
            serde_json::to_writer_pretty(&mut out, &value)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
        }
        ParseFormat::Full => {
            let mut full = Full::new(args.color.enabled());
            let report = FileReport {
                path: &doc.name,
                source: &doc.text,
                line_index: &index,
                diagnostics: &parsed.diagnostics,
            };
            full.file(&mut out, &report).and_then(|()| {
                let mut summary = Summary {
                    files: 1,
                    ..Summary::default()
                };
                summary.count(&parsed.diagnostics);
                full.finish(&mut out, &summary)
            })
        }
    };
    match written {
        Ok(()) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
        Err(e) => fail(format!("<stdout>: cannot write: {e}")),
    }
}
