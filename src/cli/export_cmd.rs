//! `claimmark export [FILE|-] --to json`: the document model as one JSON document, the
//! stable machine interface (schema: `grammar/export.schema.json`).

use std::io::Write;
use std::path::{Path, PathBuf};

use claimmark::LineIndex;
use claimmark::export::export;
use clap::{Args, ValueEnum};

use super::discover::ConfigSource;
use super::format::diagnostic_json;
use super::{exit, fail, input};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportTo {
    /// One JSON document: front matter, sources, tags with values, relations with their
    /// evaluation, prose attributions, diagnostics.
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The document to export; `-` reads standard input.
    #[arg(default_value = "-")]
    pub file: PathBuf,
    /// Output format.
    #[arg(long = "to", value_enum, default_value_t = ExportTo::Json)]
    pub to: ExportTo,
    /// Name to show for standard input (also where its configuration is looked up).
    #[arg(long)]
    pub stdin_filename: Option<String>,
    #[command(flatten)]
    pub config_source: ConfigSource,
}

/// Exits 0 whatever the diagnostics say (they are part of the output); 2 on I/O errors.
pub fn run(args: ExportArgs) -> u8 {
    let doc = match input::read(&args.file, args.stdin_filename.as_deref(), None) {
        Ok(doc) => doc,
        Err(e) => return fail(e),
    };
    let ExportTo::Json = args.to;
    // The configuration `lint` would use for this file, so the diagnostics agree.
    let governed_by = if args.file == Path::new("-") {
        Path::new(args.stdin_filename.as_deref().unwrap_or("."))
    } else {
        args.file.as_path()
    };
    let loaded = match args
        .config_source
        .resolver()
        .and_then(|mut resolver| resolver.for_path(governed_by))
    {
        Ok(loaded) => loaded,
        Err(e) => return fail(e),
    };
    let index = LineIndex::new(&doc.text);
    let exported = export(&doc.name, &doc.text, &loaded.settings.lint)
        .map_diagnostics(|d| diagnostic_json(&doc.name, &doc.text, &index, d));
    // Serialized straight to stdout, never held as a string. Buffered: stdout alone
    // flushes at every line break, and pretty JSON has one every few bytes.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = serde_json::to_writer_pretty(&mut out, &exported)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => exit::OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => exit::OK,
        Err(e) => fail(format!("<stdout>: cannot write: {e}")),
    }
}
