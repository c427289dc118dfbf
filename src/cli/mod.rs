//! The `claimmark` command line: a thin layer over the library that reads files,
//! picks an output format and sets the exit code.

mod config_cmd;
pub mod discover;
mod export_cmd;
pub mod format;
pub mod input;
mod lint_cmd;
pub mod output;
mod parse_cmd;
mod rules_cmd;
mod strip_cmd;
mod suggest_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit codes shared by every command.
pub mod exit {
    /// Nothing at or above the failing severity.
    pub const OK: u8 = 0;
    /// Findings at or above the failing severity.
    pub const FINDINGS: u8 = 1;
    /// Usage or I/O error (unreadable or non-UTF-8 input, bad arguments).
    pub const ERROR: u8 = 2;
}

#[derive(Debug, Parser)]
#[command(
    name = "claimmark",
    version,
    about = "Annotate claims in article drafts, and lint them."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint drafts: unattributed claims, undefined sources, inconsistent numbers.
    #[command(visible_alias = "check")]
    Lint(lint_cmd::LintArgs),
    /// List every rule with its default severity.
    Rules,
    /// Write a commented default claimmark.toml.
    Init(config_cmd::InitArgs),
    /// Show the effective configuration for a file.
    Config(config_cmd::ConfigArgs),
    /// Explain a rule: what it flags, why, and an example.
    Explain(rules_cmd::ExplainArgs),
    /// Print the publishable copy: annotations removed, the writer's text untouched.
    Strip(strip_cmd::StripArgs),
    /// Print the syntax tree and parse diagnostics.
    Parse(parse_cmd::ParseArgs),
    /// Export the document model (tags, values, relations, attributions, diagnostics).
    Export(export_cmd::ExportArgs),
    /// Suggest tags and source definitions for the attributions in plain prose.
    Suggest(suggest_cmd::SuggestArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `claimmark man > claimmark.1`.
    Man,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell, e.g. `bash`: `claimmark completions bash > /etc/bash_completion.d/claimmark`.
    pub shell: clap_complete::Shell,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether standard output gets colour. `auto` follows the conventions of
    /// no-color.org and bixense.com/clicolors: no colour when NO_COLOR is set and
    /// non-empty; colour when CLICOLOR_FORCE is set and not "0", even into a pipe; no
    /// colour when CLICOLOR is "0"; otherwise colour on a terminal that is not "dumb".
    /// (anstream's detection reads CLICOLOR_FORCE=0 as forcing, so it is spelled out.)
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal;
        let set = |key: &str, off: &str| std::env::var_os(key).is_some_and(|v| v != off);
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                if set("NO_COLOR", "") {
                    false
                } else if set("CLICOLOR_FORCE", "0") {
                    true
                } else {
                    std::env::var_os("CLICOLOR").is_none_or(|v| v != "0")
                        && std::io::stdout().is_terminal()
                        && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
                }
            }
        }
    }
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::ERROR
            } else {
                exit::OK
            });
        }
    };
    let code = match cli.command {
        Command::Lint(args) => lint_cmd::run(args),
        Command::Rules => rules_cmd::rules(),
        Command::Init(args) => config_cmd::init(args),
        Command::Config(args) => config_cmd::show(args),
        Command::Explain(args) => rules_cmd::explain(args),
        Command::Strip(args) => strip_cmd::run(args),
        Command::Parse(args) => parse_cmd::run(args),
        Command::Export(args) => export_cmd::run(args),
        Command::Suggest(args) => suggest_cmd::run(args),
        Command::Completions(args) => completions(args.shell),
        Command::Man => man(),
    };
    ExitCode::from(code)
}

/// Writes the completion script for `shell` to stdout.
fn completions(shell: clap_complete::Shell) -> u8 {
    use clap::CommandFactory;
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "claimmark", &mut out);
    match output::write(None, &out) {
        Ok(()) => exit::OK,
        Err(e) => fail(format!("cannot write the completions: {e}")),
    }
}

/// Writes the manual page (roff) to stdout, with one section per subcommand.
fn man() -> u8 {
    use clap::CommandFactory;
    let command = Cli::command();
    let mut out = Vec::new();
    let rendered = clap_mangen::Man::new(command.clone())
        .render(&mut out)
        .and_then(|()| {
            // Each subcommand's synopsis and options, so `man claimmark` documents
            // every flag (clap_mangen renders only the top level on its own).
            for sub in command.get_subcommands().filter(|c| c.get_name() != "help") {
                let name = format!("claimmark {}", sub.get_name());
                out.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
                if let Some(about) = sub.get_about() {
                    out.extend_from_slice(format!("{about}\n").as_bytes());
                }
                let page = clap_mangen::Man::new(sub.clone());
                page.render_synopsis_section(&mut out)?;
                page.render_options_section(&mut out)?;
            }
            Ok(())
        });
    match rendered.and_then(|()| output::write(None, &out)) {
        Ok(()) => exit::OK,
        Err(e) => fail(format!("cannot write the manual page: {e}")),
    }
}

/// Reports an error on stderr as `claimmark: …` and returns the error exit code.
pub fn fail(message: impl std::fmt::Display) -> u8 {
    eprintln!("claimmark: {message}");
    exit::ERROR
}
