//! `claimmark lint [PATH…]`: lint drafts and report findings.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use claimmark::diagnostic::apply_fixes;
use claimmark::lint::lint;
use claimmark::{Diagnostic, LineIndex, Severity, Span};
use clap::{Args, ValueEnum};
use rayon::prelude::*;

use super::discover::{ConfigSource, LoadError, Loaded, Resolver, Shard};
use super::format::{Concise, Emitter, FileReport, Full, Json, Summary};
use super::{ColorChoice, exit, input, output};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    /// miette's graphical report: the source, labels on the exact words, help.
    Full,
    /// `path:line:col: severity[rule] message`, one line per finding.
    Concise,
    /// One JSON document with every finding and a summary.
    Json,
    /// One JSON object per finding and line, streamed as files are linted.
    JsonLines,
    /// SARIF 2.1.0, for code scanning (rules, results, fixes).
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…`), one per finding.
    Github,
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
    /// Files and directories to lint (directories: files with the configured extensions,
    /// .md .markdown .txt by default, respecting .gitignore/.ignore); `-` reads stdin.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format [default: full on a terminal, concise otherwise].
    #[arg(long, value_enum)]
    pub format: Option<LintFormat>,
    /// Exit with 1 when a finding is at least this severe.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Always exit 0 when linting ran (report only); unreadable files still exit 2.
    #[arg(long)]
    pub exit_zero: bool,
    /// The file name to show for standard input (also used to find its configuration).
    #[arg(long)]
    pub stdin_filename: Option<String>,
    #[command(flatten)]
    pub config_source: ConfigSource,
    /// Lint this many files at once [default: the number of cores].
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,
    /// Lint only slice K of N (1-based) of the files, chosen by a stable hash of the path,
    /// so a CI matrix can split an archive: `--shard 1/4` … `--shard 4/4`.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Apply safe fixes in place (atomically), then report what is left. Safe fixes never
    /// change a word of the copy: they add tags and source definitions.
    #[arg(long)]
    pub fix: bool,
    /// With --fix, also apply fixes that change the copy (e.g. replacing a mistyped id).
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// One file to lint and the configuration that governs it.
struct Job {
    path: PathBuf,
    /// The name shown in output.
    name: String,
    config: Arc<Loaded>,
}

/// What linting one file produced.
struct Outcome {
    name: String,
    text: String,
    diagnostics: Vec<Diagnostic>,
    unreadable: bool,
    /// Fixes applied to the file (with --fix).
    fixed: usize,
    /// The fixed file could not be written.
    write_error: Option<String>,
}

/// Files are linted in ordered batches: each batch in parallel, then emitted in order.
/// Output is identical for any `-j`, and memory holds one batch, not the archive: at
/// most two batches of outcomes, each file's findings capped (`max-findings-per-rule`)
/// and its text kept only when it has findings.
const BATCH: usize = 128;

/// Expands the arguments into jobs: explicit files always, directory contents filtered by
/// their configuration; sorted by path for deterministic output.
fn collect_jobs(
    args: &LintArgs,
    resolver: &mut Resolver,
) -> Result<(Vec<Job>, Vec<Outcome>), LoadError> {
    let mut jobs = Vec::new();
    let mut missing = Vec::new();
    for path in &args.paths {
        if path == Path::new("-") {
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| "<stdin>".into());
            let config =
                resolver.for_path(Path::new(args.stdin_filename.as_deref().unwrap_or(".")))?;
            jobs.push(Job {
                path: path.clone(),
                name,
                config,
            });
            continue;
        }
        // Anything but a directory is read as a file, so that what is wrong with it (no
        // such file, a symlink loop, a FIFO, permissions) is reported by the one reader.
        if !path.is_dir() {
            let config = resolver.for_path(path)?;
            jobs.push(Job {
                path: path.clone(),
                name: input::display_path(path),
                config,
            });
            continue;
        }
        for entry in ignore::WalkBuilder::new(path).require_git(false).build() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    missing.push(unreadable(input::display_path(path), e.to_string()));
                    continue;
                }
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let file = entry.into_path();
            // The walker knows this is a file: no second stat, one absolute path.
            let absolute_file = std::path::absolute(&file).unwrap_or_else(|_| file.clone());
            let config = resolver.for_file(&absolute_file)?;
            if config.wants(&absolute_file) {
                jobs.push(Job {
                    name: input::display_path(&file),
                    path: file,
                    config,
                });
            }
        }
    }
    jobs.sort_by(|a, b| a.name.cmp(&b.name));
    jobs.dedup_by(|a, b| a.name == b.name);
    if let Some(shard) = args.shard {
        jobs.retain(|job| shard.contains(&job.name));
        missing.retain(|o| shard.contains(&o.name));
    }
    Ok((jobs, missing))
}

fn unreadable(name: String, reason: String) -> Outcome {
    let diagnostic = Diagnostic::error(
        "unreadable-file",
        Span::new(0, 0),
        format!("cannot lint this file: {reason}"),
    )
    .with_help("the other files were linted; fix or exclude this one");
    Outcome {
        name,
        text: String::new(),
        diagnostics: vec![diagnostic],
        unreadable: true,
        fixed: 0,
        write_error: None,
    }
}

/// What `--fix` may do.
#[derive(Debug, Clone, Copy)]
struct FixMode {
    enabled: bool,
    include_unsafe: bool,
}

/// Reads and lints one file. Never fails: problems become an `unreadable-file` finding.
fn lint_one(job: &Job, fix: FixMode) -> Outcome {
    let max_size = job.config.settings.files.max_size;
    // The same reading and decoding as every other command: a FIFO, a symlink loop, a
    // file over the limit (checked before it is read), a NUL anywhere, UTF-16 or bad
    // UTF-8 each become one `unreadable-file` finding.
    let mut text = match input::read(&job.path, Some(&job.name), Some(max_size)) {
        Ok(input) => input.text,
        Err(e) => return unreadable(job.name.clone(), e.reason()),
    };
    let config = &job.config.settings.lint;
    let mut linted = lint(&text, config);
    let (mut fixed, mut write_error) = (0, None);
    if fix.enabled {
        let mut current = text;
        // A few rounds: a fix left out for colliding with another is tried again.
        for _ in 0..4 {
            let (next, applied) = apply_fixes(&current, &linted.diagnostics, fix.include_unsafe);
            if applied == 0 {
                break;
            }
            fixed += applied;
            current = next;
            linted = lint(&current, config);
        }
        if fixed > 0
            && let Err(e) = output::write_atomically(&job.path, current.as_bytes())
        {
            write_error = Some(format!("{}: cannot write fixes: {e}", job.name));
        }
        text = current;
    }
    // The text is kept only to place findings when they are printed: a batch of clean
    // files then holds no drafts, only their names.
    if linted.diagnostics.is_empty() {
        text = String::new();
    }
    Outcome {
        name: job.name.clone(),
        text,
        diagnostics: linted.diagnostics,
        unreadable: false,
        fixed,
        write_error,
    }
}

pub fn run(args: LintArgs) -> u8 {
    let started = Instant::now();
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
        LintFormat::JsonLines => Box::new(super::format::JsonLines),
        LintFormat::Sarif => Box::<super::format::Sarif>::default(),
        LintFormat::Github => Box::new(super::format::Github),
    };
    let mut resolver = match args.config_source.resolver() {
        Ok(resolver) => resolver,
        Err(e) => return super::fail(e),
    };
    let (jobs, missing) = match collect_jobs(&args, &mut resolver) {
        Ok(found) => found,
        Err(e) => return super::fail(e),
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool,
        Err(e) => return super::fail(format!("cannot start worker threads: {e}")),
    };

    let fix = FixMode {
        enabled: args.fix,
        include_unsafe: args.unsafe_fixes,
    };
    if fix.enabled && args.paths.iter().any(|p| p == Path::new("-")) {
        return super::fail("--fix cannot rewrite standard input; pass the file's path");
    }
    let mut write_errors = Vec::new();
    let mut summary = Summary::default();
    let mut failing = false;
    let mut any_unreadable = false;
    let threshold = args.fail_on.threshold();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut emit = |outcome: &Outcome, out: &mut dyn Write| -> std::io::Result<()> {
        summary.files += 1;
        summary.count(&outcome.diagnostics);
        any_unreadable |= outcome.unreadable;
        summary.fixed += outcome.fixed;
        write_errors.extend(outcome.write_error.clone());
        failing |= outcome.diagnostics.iter().any(|d| d.severity >= threshold);
        let index = LineIndex::new(&outcome.text);
        emitter.file(
            out,
            &FileReport {
                path: &outcome.name,
                source: &outcome.text,
                line_index: &index,
                diagnostics: &outcome.diagnostics,
            },
        )
    };
    for outcome in &missing {
        if let Err(e) = emit(outcome, &mut out) {
            return write_failed(e);
        }
    }
    // The next batch is linted while this thread prints the previous one; the channel
    // holds at most one finished batch, so memory stays bounded.
    let written = std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Outcome>>(1);
        let jobs = &jobs;
        let pool = &pool;
        scope.spawn(move || {
            for batch in jobs.chunks(BATCH) {
                let outcomes =
                    pool.install(|| batch.par_iter().map(|job| lint_one(job, fix)).collect());
                if sender.send(outcomes).is_err() {
                    // The printer stopped (a write failed): stop linting too.
                    break;
                }
            }
        });
        for outcomes in receiver {
            for outcome in &outcomes {
                emit(outcome, &mut out)?;
            }
        }
        Ok::<(), std::io::Error>(())
    });
    if let Err(e) = written {
        return write_failed(e);
    }
    summary.elapsed = started.elapsed();
    if let Err(e) = emitter
        .finish(&mut out, &summary)
        .and_then(|()| out.flush())
    {
        return write_failed(e);
    }
    for error in &write_errors {
        eprintln!("claimmark: {error}");
    }
    if any_unreadable || !write_errors.is_empty() {
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
