//! `claimmark init` (write a commented default configuration) and
//! `claimmark config --show [PATH]` (print the effective configuration for a file).

use std::path::PathBuf;

use claimmark::lint::Level;
use claimmark::lint::config::DEFAULT_TOML;
use claimmark::rules::REGISTRY;
use clap::Args;
use num_rational::BigRational;

use super::discover::{CONFIG_NAMES, ConfigSource};
use super::{exit, fail, input, output};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Directory to write `claimmark.toml` into.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Overwrite an existing configuration.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the effective configuration for PATH (a file or directory; default `.`).
    #[arg(long, value_name = "PATH", num_args = 0..=1, default_missing_value = ".", required = true)]
    pub show: Option<PathBuf>,
    #[command(flatten)]
    pub config_source: ConfigSource,
}

pub fn init(args: InitArgs) -> u8 {
    let target = args.dir.join(CONFIG_NAMES[0]);
    let existing = CONFIG_NAMES
        .iter()
        .map(|n| args.dir.join(n))
        .find(|p| p.exists());
    if let (false, Some(existing)) = (args.force, existing) {
        return fail(format!(
            "{} already exists; use --force to overwrite it",
            input::display_path(&existing)
        ));
    }
    match output::write_atomically(&target, DEFAULT_TOML.as_bytes()) {
        Ok(()) => {
            eprintln!("wrote {}", input::display_path(&target));
            exit::OK
        }
        Err(e) => fail(format!(
            "{}: cannot write: {e}",
            input::display_path(&target)
        )),
    }
}

/// An exact fraction as a percentage string: 1/10 → "10%", 1/40 → "2.5%".
fn percent(value: &BigRational) -> String {
    let hundred = BigRational::from_integer(100.into());
    let scaled = value * hundred;
    // Up to six decimals; exact fractions from a config file terminate well before that.
    let million = BigRational::from_integer(1_000_000.into());
    let micro = (scaled * million).round().to_integer();
    let text = format!(
        "{}.{:06}",
        &micro / 1_000_000,
        (&micro % 1_000_000u32).magnitude()
    );
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    format!("{trimmed}%")
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("{i:?}")).collect();
    format!("[{}]", quoted.join(", "))
}

pub fn show(args: ConfigArgs) -> u8 {
    let path = args.show.unwrap_or_else(|| PathBuf::from("."));
    let mut resolver = match args.config_source.resolver() {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let loaded = match resolver.for_path(&path) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let settings = &loaded.settings;
    let mut out = String::new();
    out.push_str(&format!(
        "# Effective configuration for {}\n",
        input::display_path(&path)
    ));
    match &loaded.path {
        Some(file) => out.push_str(&format!("# from {}\n", input::display_path(file))),
        None => out.push_str("# from the built-in defaults (no claimmark.toml found)\n"),
    }
    out.push_str(&format!(
        "\nmax-findings-per-rule = {}\n",
        settings.lint.max_findings_per_rule
    ));
    out.push_str("\n[rules]\n");
    for rule in REGISTRY {
        let level = match settings.lint.level(rule) {
            Level::Off => "off",
            Level::On(severity) => severity.as_str(),
        };
        out.push_str(&format!("{} = \"{level}\"\n", rule.name));
    }
    out.push_str("\n[confidence]\n");
    out.push_str(&format!(
        "vocabulary = {}\n",
        list(&settings.lint.confidences)
    ));
    out.push_str(&format!(
        "unsourced-ok = {}\n",
        list(&settings.lint.unsourced_ok)
    ));
    out.push_str("\n[numbers]\n");
    out.push_str(&format!(
        "tolerance = \"{}\"\n",
        percent(&settings.lint.tolerance)
    ));
    out.push_str("\n[untagged-assertion]\n");
    out.push_str(&format!(
        "numbers = \"{}\"\n",
        settings.lint.untagged_numbers.as_str()
    ));
    out.push_str(&format!(
        "min-confidence = {}\n",
        settings.lint.untagged_min_confidence
    ));
    out.push_str(&format!(
        "public-record = \"{}\"\n",
        settings.lint.public_record.as_str()
    ));
    out.push_str(&format!(
        "common-knowledge = \"{}\"\n",
        settings.lint.common_knowledge.as_str()
    ));
    out.push_str(&format!("facts = {}\n", list(&settings.lint.facts)));
    out.push_str("\n[words]\n");
    out.push_str(&format!("hedges = {}\n", list(&settings.lint.extra_hedges)));
    out.push_str(&format!(
        "assertions = {}\n",
        list(&settings.lint.extra_assertions)
    ));
    out.push_str("\n[files]\n");
    out.push_str(&format!(
        "extensions = {}\n",
        list(&settings.files.extensions)
    ));
    out.push_str(&format!("include = {}\n", list(&settings.files.include)));
    out.push_str(&format!("exclude = {}\n", list(&settings.files.exclude)));
    out.push_str(&format!("max-size = {}\n", settings.files.max_size));
    match output::write(None, out.as_bytes()) {
        Ok(()) => exit::OK,
        Err(e) => fail(format!("<stdout>: cannot write: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_render_exactly() {
        assert_eq!(percent(&BigRational::new(1.into(), 10.into())), "10%");
        assert_eq!(percent(&BigRational::new(1.into(), 40.into())), "2.5%");
        assert_eq!(percent(&BigRational::new(1.into(), 3.into())), "33.333333%");
    }
}
