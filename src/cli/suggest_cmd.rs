//! `claimmark suggest [FILE|-] [--write | --diff] [--quote-confidence WORD]`: turn the
//! attributions found in plain prose into tags and source definitions
//! ([`claimmark::suggest`]). Prints the suggested draft, or a unified diff, or rewrites
//! the file in place (atomically, keeping its line endings and BOM).

use std::path::PathBuf;

use claimmark::suggest::{SuggestOptions, suggest};
use claimmark::syntax::lexical::confidence_word;
use clap::Args;

use super::{exit, fail, input, output};

#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// The draft to annotate; `-` reads standard input.
    #[arg(default_value = "-")]
    pub file: PathBuf,
    /// Rewrite FILE in place (atomically) instead of printing the result.
    #[arg(long, conflicts_with = "diff")]
    pub write: bool,
    /// Print a unified diff of the suggested changes instead of the whole draft.
    #[arg(long)]
    pub diff: bool,
    /// Confidence for direct quotes (`{…}@x:WORD`); by default they get none.
    #[arg(long, value_name = "WORD", value_parser = parse_confidence)]
    pub quote_confidence: Option<String>,
}

fn parse_confidence(word: &str) -> Result<String, String> {
    match confidence_word(word) {
        Ok(("", _)) => Ok(word.to_string()),
        _ => Err("a confidence is lower-case words joined by hyphens, e.g. `confirmed`".into()),
    }
}

pub fn run(args: SuggestArgs) -> u8 {
    if args.write && args.file == std::path::Path::new("-") {
        return fail("--write needs a file, not standard input");
    }
    let doc = match input::read(&args.file, None, None) {
        Ok(doc) => doc,
        Err(e) => return fail(e),
    };
    let options = SuggestOptions {
        quote_confidence: args.quote_confidence,
        ..SuggestOptions::default()
    };
    let suggestion = suggest(&doc.text, &options);
    if args.write {
        if suggestion.edits.is_empty() {
            return exit::OK;
        }
        return match output::write_atomically(&args.file, suggestion.text.as_bytes()) {
            Ok(()) => {
                eprintln!(
                    "{}: {} tag(s), {} new source(s)",
                    doc.name,
                    suggestion.tags.len(),
                    suggestion.new_sources.len()
                );
                exit::OK
            }
            Err(e) => fail(format!("{}: cannot write: {e}", doc.name)),
        };
    }
    let out = if args.diff {
        similar::TextDiff::from_lines(&doc.text, &suggestion.text)
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{}", doc.name), &format!("b/{}", doc.name))
            .to_string()
    } else {
        suggestion.text
    };
    match output::write(None, out.as_bytes()) {
        Ok(()) => exit::OK,
        Err(e) => fail(format!("<stdout>: cannot write: {e}")),
    }
}
