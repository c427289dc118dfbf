//! `claimmark parse [FILE|-] [--format full|json]`: the syntax tree and parse diagnostics.

use std::io::Write;
use std::path::PathBuf;

use claimmark::syntax::Node;
use claimmark::{LineIndex, Severity};
use clap::{Args, ValueEnum};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::format::{Emitter, FileReport, Full, JsonDiagnostic, Summary};
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

/// `parse --format json`, serialized straight to the output: no `serde_json::Value` of
/// the whole document (a million tags took 10 GB that way). Keys are written in sorted
/// order, as the format has always printed them (serde_json's map order); each tag,
/// definition and directive goes through a small `Value` of its own so its nested keys
/// are sorted too.
struct ParseJson<'a> {
    path: &'a str,
    source: &'a str,
    index: &'a LineIndex,
    parsed: &'a claimmark::Parsed,
}

impl Serialize for ParseJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = &self.parsed.document;
        let mut map = serializer.serialize_map(Some(8))?;
        map.serialize_entry("definitions", &Sorted(&d.definitions))?;
        map.serialize_entry(
            "diagnostics",
            &each(&self.parsed.diagnostics, |x| {
                JsonDiagnostic::new(self.path, self.source, self.index, x)
            }),
        )?;
        map.serialize_entry("directives", &Sorted(&d.directives))?;
        map.serialize_entry(
            "front_matter",
            &serde_json::to_value(&d.front_matter).map_err(serde::ser::Error::custom)?,
        )?;
        map.serialize_entry("path", self.path)?;
        map.serialize_entry("tags", &Sorted(&d.tags))?;
        map.serialize_entry(
            "tree",
            &NodeJson {
                node: &d.tree,
                source: self.source,
            },
        )?;
        map.serialize_entry("version", &1)?;
        map.end()
    }
}

/// A list whose items are serialized with sorted keys, one small `Value` at a time.
struct Sorted<'a, T>(&'a [T]);

impl<T: Serialize> Serialize for Sorted<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            seq.serialize_element(&serde_json::to_value(item).map_err(serde::ser::Error::custom)?)?;
        }
        seq.end()
    }
}

/// A list serialized through `f`, item by item.
struct Each<'a, T, F>(&'a [T], F);

/// An [`Each`], with `f`'s argument typed for closure inference.
fn each<'a, T, R: Serialize, F: Fn(&'a T) -> R>(items: &'a [T], f: F) -> Each<'a, T, F> {
    Each(items, f)
}

impl<'a, T, R: Serialize, F: Fn(&'a T) -> R> Serialize for Each<'a, T, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            seq.serialize_element(&(self.1)(item))?;
        }
        seq.end()
    }
}

/// A node as JSON, with the text of each leaf so the output reads on its own.
struct NodeJson<'a> {
    node: &'a Node,
    source: &'a str,
}

impl Serialize for NodeJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let node = self.node;
        let mut map = serializer.serialize_map(Some(4))?;
        if !node.children.is_empty() {
            map.serialize_entry(
                "children",
                &each(&node.children, |child| NodeJson {
                    node: child,
                    source: self.source,
                }),
            )?;
        }
        map.serialize_entry("end", &node.span.end)?;
        map.serialize_entry("kind", &node.kind)?;
        map.serialize_entry("start", &node.span.start)?;
        if node.children.is_empty() {
            map.serialize_entry("text", node.span.text(self.source))?;
        }
        map.end()
    }
}

pub fn run(args: ParseArgs) -> u8 {
    let doc = match input::read(&args.file, args.stdin_filename.as_deref(), None) {
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
            let document = ParseJson {
                path: &doc.name,
                source: &doc.text,
                index: &index,
                parsed: &parsed,
            };
            let mut buffered = std::io::BufWriter::new(&mut out);
            serde_json::to_writer_pretty(&mut buffered, &document)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(buffered))
                .and_then(|()| buffered.flush())
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
