//! `claimmark lint [PATH…]`: lint drafts and report findings.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use claimmark::lint::{Config, lint};
use claimmark::{LineIndex, Severity};
use clap::{Args, ValueEnum};

use super::format::{Concise, Emitter, FileReport, Full, Json, Summary};
use super::{ColorChoice, exit, input};

/// File extensions linted when walking directories.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// miette's graphical report: the source, labels on the exact words, help.
    Full,
    /// `path:line:col: severity[rule] message`, one line per finding.
    Concise,
    /// One JSON document with every finding and a summary.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    fn threshold(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files and directories to lint (directories: .md, .markdown and .txt files,
    /// respecting .gitignore); `-` reads standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format [default: full on a terminal, concise otherwise].
    #[arg(long, value_enum)]
    pub format: Option<LintFormat>,
    /// Exit with 1 when a finding is at least this severe.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Always exit 0 when linting ran (report only); I/O errors still exit 2.
    #[arg(long)]
    pub exit_zero: bool,
    /// The file name to show for standard input.
    #[arg(long)]
    pub stdin_filename: Option<String>,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Expands the arguments into files, sorted within each directory for stable output.
fn collect_files(paths: &[PathBuf], problems: &mut Vec<String>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path == Path::new("-") || path.is_file() {
            files.push(path.clone());
            continue;
        }
        if !path.exists() {
            problems.push(format!(
                "{}: no such file or directory",
                input::display_path(path)
            ));
            continue;
        }
        let mut found = Vec::new();
        for entry in ignore::WalkBuilder::new(path).require_git(false).build() {
            match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    let wanted = entry
                        .path()
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
                    if is_file && wanted {
                        found.push(entry.into_path());
                    }
                }
                Err(e) => problems.push(e.to_string()),
            }
        }
        found.sort();
        files.extend(found);
    }
    files
}

pub fn run(args: LintArgs) -> u8 {
    let started = Instant::now();
    let config = Config::default();
    let format = args.format.unwrap_or_else(|| {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal() {
            LintFormat::Full
        } else {
            LintFormat::Concise
        }
    });
    let mut emitter: Box<dyn Emitter> = match format {
        LintFormat::Full => Box::new(Full::new(args.color.enabled())),
        LintFormat::Concise => Box::new(Concise),
        LintFormat::Json => Box::<Json>::default(),
    };
    let mut problems = Vec::new();
    let files = collect_files(&args.paths, &mut problems);
    let mut summary = Summary::default();
    let mut failing = false;
    let threshold = args.fail_on.threshold();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in &files {
        let doc = match input::read(path, args.stdin_filename.as_deref()) {
            Ok(doc) => doc,
            Err(e) => {
                problems.push(e.to_string());
                continue;
            }
        };
        let linted = lint(&doc.text, &config);
        summary.files += 1;
        summary.count(&linted.diagnostics);
        failing |= linted.diagnostics.iter().any(|d| d.severity >= threshold);
        let index = LineIndex::new(&doc.text);
        let report = FileReport {
            path: &doc.name,
            source: &doc.text,
            line_index: &index,
            diagnostics: &linted.diagnostics,
        };
        if let Err(e) = emitter.file(&mut out, &report) {
            return write_failed(e);
        }
    }
    summary.elapsed = started.elapsed();
    if let Err(e) = emitter
        .finish(&mut out, &summary)
        .and_then(|()| out.flush())
    {
        return write_failed(e);
    }
    for problem in &problems {
        eprintln!("claimmark: {problem}");
    }
    if !problems.is_empty() {
        exit::ERROR
    } else if failing && !args.exit_zero {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

fn write_failed(e: std::io::Error) -> u8 {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return exit::OK;
    }
    super::fail(format!("<stdout>: cannot write: {e}"))
}
