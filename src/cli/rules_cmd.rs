//! `claimmark rules` and `claimmark explain RULE`.

use claimmark::rules::{REGISTRY, closest, find};
use clap::Args;

use super::exit;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule's name, e.g. `unattributed-claim`.
    pub rule: String,
}

/// Prints the rule table: name, default severity, category, summary.
pub fn rules() -> u8 {
    let width = REGISTRY.iter().map(|r| r.name.len()).max().unwrap_or(0);
    println!(
        "{:width$}  {:8}  {:11}  summary",
        "rule", "severity", "category"
    );
    for rule in REGISTRY {
        let category = serde_json::to_value(rule.category)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        println!(
            "{:width$}  {:8}  {:11}  {}",
            rule.name,
            rule.default_severity.as_str(),
            category,
            rule.summary()
        );
    }
    exit::OK
}

/// Prints one rule's documentation.
pub fn explain(args: ExplainArgs) -> u8 {
    match find(&args.rule) {
        Some(rule) => {
            println!("# {}\n", rule.name);
            println!("Default severity: {}\n", rule.default_severity);
            print!("{}", rule.doc());
            exit::OK
        }
        None => {
            let hint = closest(&args.rule, REGISTRY.iter().map(|r| r.name))
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_else(|| "; `claimmark rules` lists them".into());
            super::fail(format!("unknown rule `{}`{hint}", args.rule))
        }
    }
}
