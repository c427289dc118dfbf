//! `claimmark strip [FILE|-] [--to markdown|text] [-o OUT] [--no-front-matter]`

use std::path::PathBuf;

use claimmark::syntax::{StripMode, StripOptions, strip};
use clap::{Args, ValueEnum};

use super::{exit, fail, input, output};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StripTo {
    /// Publishable Markdown: no Claimmark syntax left, escapes kept.
    Markdown,
    /// Plain text: front matter dropped, escapes resolved.
    Text,
}

#[derive(Debug, Args)]
pub struct StripArgs {
    /// The drafts to strip, printed one after another (like `cat`); `-` reads stdin.
    #[arg(default_value = "-")]
    pub files: Vec<PathBuf>,
    /// Output flavour.
    #[arg(long = "to", value_enum, default_value_t = StripTo::Markdown)]
    pub to: StripTo,
    /// Write here (atomically) instead of standard output; takes a single input.
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// Drop the front matter in Markdown mode too.
    #[arg(long)]
    pub no_front_matter: bool,
}

pub fn run(args: StripArgs) -> u8 {
    if args.output.is_some() && args.files.len() > 1 {
        return fail("-o/--output takes a single input file");
    }
    let options = StripOptions {
        mode: match args.to {
            StripTo::Markdown => StripMode::Markdown,
            StripTo::Text => StripMode::Text,
        },
        keep_front_matter: !args.no_front_matter,
    };
    // Like `lint`, a bad file does not stop the others: it is reported, the rest are
    // printed, and the exit code is 2. With -o (one input) nothing is written then.
    let mut copy = String::new();
    let mut failed = false;
    for file in &args.files {
        let doc = match input::read(file, None, None) {
            Ok(doc) => doc,
            Err(e) => {
                fail(e);
                failed = true;
                continue;
            }
        };
        let parsed = claimmark::parse(&doc.text);
        copy.push_str(&strip(&doc.text, &parsed.document, options).text);
    }
    if failed && args.output.is_some() {
        return exit::ERROR;
    }
    match output::write(args.output.as_deref(), copy.as_bytes()) {
        Ok(()) if failed => exit::ERROR,
        Ok(()) => exit::OK,
        Err(e) => {
            let target = args
                .output
                .as_deref()
                .map_or("<stdout>".into(), input::display_path);
            fail(format!("{target}: cannot write: {e}"))
        }
    }
}
