//! `claimmark.toml`: parsing and validating a configuration file's text. Finding the
//! file (nearest one up from each linted file) is the CLI's job; this module only turns
//! text into settings, or into an error that names the line and the key.
//!
//! ```toml
//! select = ["all"]                 # rules or categories: all, syntax, attribution, numbers
//! ignore = ["unused-source"]
//! max-findings-per-rule = 200      # per file; then one "and N more" finding
//!
//! [rules]                          # per-rule severity: error | warning | info | off
//! confidence-mismatch = "error"
//!
//! [confidence]
//! vocabulary = ["confirmed", "reported", "claimed", "alleged", "disputed", "denied", "estimate", "opinion", "unverified"]
//! unsourced-ok = ["confirmed"]
//!
//! [numbers]
//! tolerance = "10%"                # how wide "about 650" is
//!
//! [untagged-assertion]
//! numbers = "statistics"           # or "all": every unsourced figure (a numbers check)
//!
//! [words]
//! hedges = ["it is understood"]    # added to the built-in lists
//! assertions = ["beyond question"]
//!
//! [files]
//! extensions = ["md", "markdown", "txt"]
//! include = []                     # globs, relative to this file; empty = everything
//! exclude = ["archive/drafts/**"]
//! max-size = 10485760              # bytes; larger files are reported, not linted
//! ```

use std::collections::{BTreeMap, HashMap};

use num_rational::BigRational;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::lint::{ClassPolicy, Config, DEFAULT_CONFIDENCES, Level, UntaggedNumbers};
use crate::rules::{self, Category, REGISTRY};

/// Which files to lint, from the `[files]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSettings {
    pub extensions: Vec<String>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub max_size: u64,
}

pub const DEFAULT_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];
pub const DEFAULT_MAX_SIZE: u64 = 10 * 1024 * 1024;

impl Default for FileSettings {
    fn default() -> Self {
        FileSettings {
            extensions: DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect(),
            include: Vec::new(),
            exclude: Vec::new(),
            max_size: DEFAULT_MAX_SIZE,
        }
    }
}

/// A whole configuration: lint settings and file selection.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub lint: Config,
    pub files: FileSettings,
}

/// A configuration error, placed at a byte offset of the file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub offset: usize,
    /// 1-based line of `offset`.
    pub line: usize,
    pub key: Option<String>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.key {
            Some(key) => write!(f, "line {}: `{key}`: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Spanned<Vec<Spanned<String>>>>,
    ignore: Option<Vec<Spanned<String>>>,
    max_findings_per_rule: Option<Spanned<i64>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    confidence: Option<RawConfidence>,
    numbers: Option<RawNumbers>,
    words: Option<RawWords>,
    files: Option<RawFiles>,
    untagged_assertion: Option<RawUntaggedAssertion>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawUntaggedAssertion {
    numbers: Option<Spanned<String>>,
    min_confidence: Option<Spanned<f64>>,
    public_record: Option<Spanned<String>>,
    common_knowledge: Option<Spanned<String>>,
    facts: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfidence {
    vocabulary: Option<Vec<Spanned<String>>>,
    unsourced_ok: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawNumbers {
    tolerance: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawWords {
    hedges: Option<Vec<String>>,
    assertions: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFiles {
    extensions: Option<Vec<String>>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    max_size: Option<u64>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

struct Errors<'a> {
    text: &'a str,
}

impl Errors<'_> {
    fn at<T>(&self, spanned: &Spanned<T>, key: &str, message: impl Into<String>) -> ConfigError {
        let offset = spanned.span().start;
        ConfigError {
            offset,
            line: line_of(self.text, offset),
            key: Some(key.to_string()),
            message: message.into(),
        }
    }
}

/// `10%` or `2.5%` as an exact fraction.
pub fn parse_percent(text: &str) -> Option<BigRational> {
    let number = text.trim().strip_suffix('%')?.trim_end();
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let digits: num_bigint::BigInt = format!("{whole}{fraction}").parse().ok()?;
    let scale = num_bigint::BigInt::from(10u32).pow(fraction.len() as u32)
        * num_bigint::BigInt::from(100u32);
    Some(BigRational::new(digits, scale))
}

/// Rule names a `select`/`ignore` entry stands for: a rule, a category, or `all`.
fn expand(entry: &str) -> Option<Vec<&'static str>> {
    let category = match entry {
        "all" => return Some(REGISTRY.iter().map(|r| r.name).collect()),
        "syntax" => Category::Syntax,
        "attribution" => Category::Attribution,
        "numbers" => Category::Numbers,
        name => return rules::find(name).map(|r| vec![r.name]),
    };
    Some(
        REGISTRY
            .iter()
            .filter(|r| r.category == category)
            .map(|r| r.name)
            .collect(),
    )
}

fn unknown_rule_message(name: &str) -> String {
    match rules::closest(name, REGISTRY.iter().map(|r| r.name)) {
        Some(near) => format!("unknown rule `{name}`; did you mean `{near}`?"),
        None => format!("unknown rule `{name}`; `claimmark rules` lists them"),
    }
}

impl Settings {
    /// Parses and validates a `claimmark.toml`.
    pub fn from_toml(text: &str) -> Result<Settings, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let message = e.message().trim().to_string();
            let key = message
                .split('`')
                .nth(1)
                .filter(|_| message.starts_with("unknown field"))
                .map(str::to_string);
            ConfigError {
                offset,
                line: line_of(text, offset),
                key,
                message,
            }
        })?;
        let errors = Errors { text };
        let mut settings = Settings::default();
        let lint = &mut settings.lint;

        let mut enabled: Vec<&'static str> = REGISTRY.iter().map(|r| r.name).collect();
        if let Some(select) = &raw.select {
            enabled.clear();
            for entry in select.get_ref() {
                let names = expand(entry.get_ref()).ok_or_else(|| {
                    errors.at(entry, "select", unknown_rule_message(entry.get_ref()))
                })?;
                enabled.extend(names);
            }
        }
        for entry in raw.ignore.iter().flatten() {
            let names = expand(entry.get_ref())
                .ok_or_else(|| errors.at(entry, "ignore", unknown_rule_message(entry.get_ref())))?;
            enabled.retain(|n| !names.contains(n));
        }
        let mut levels: HashMap<String, Level> = HashMap::new();
        for rule in REGISTRY {
            if !enabled.contains(&rule.name) {
                levels.insert(rule.name.to_string(), Level::Off);
            }
        }
        for (name, level) in &raw.rules {
            let key = format!("rules.{}", name.get_ref());
            if rules::find(name.get_ref()).is_none() {
                return Err(errors.at(name, &key, unknown_rule_message(name.get_ref())));
            }
            let parsed = match level.get_ref().as_str() {
                "error" => Level::On(Severity::Error),
                "warning" => Level::On(Severity::Warning),
                "info" => Level::On(Severity::Info),
                "off" => Level::Off,
                other => {
                    return Err(errors.at(
                        level,
                        &key,
                        format!("`{other}` is not a severity; use \"error\", \"warning\", \"info\" or \"off\""),
                    ));
                }
            };
            levels.insert(name.get_ref().clone(), parsed);
        }
        lint.levels = levels;
        if let Some(max) = &raw.max_findings_per_rule {
            lint.max_findings_per_rule = usize::try_from(*max.get_ref())
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| {
                    errors.at(
                        max,
                        "max-findings-per-rule",
                        format!("`{}` is not a positive number of findings", max.get_ref()),
                    )
                })?;
        }

        if let Some(confidence) = raw.confidence {
            if let Some(vocabulary) = confidence.vocabulary {
                for word in &vocabulary {
                    if crate::syntax::lexical::confidence_word(word.get_ref())
                        .map(|(rest, _)| rest.is_empty())
                        != Ok(true)
                    {
                        return Err(errors.at(
                            word,
                            "confidence.vocabulary",
                            format!("`{}` cannot be written as `:word` (use lower-case letters and inner hyphens)", word.get_ref()),
                        ));
                    }
                }
                lint.confidences = vocabulary.into_iter().map(Spanned::into_inner).collect();
            }
            if let Some(ok) = confidence.unsourced_ok {
                for word in &ok {
                    if !lint.confidences.contains(word.get_ref()) {
                        return Err(errors.at(
                            word,
                            "confidence.unsourced-ok",
                            format!("`{}` is not in the confidence vocabulary", word.get_ref()),
                        ));
                    }
                }
                lint.unsourced_ok = ok.into_iter().map(Spanned::into_inner).collect();
            }
        }
        if let Some(tolerance) = raw.numbers.and_then(|n| n.tolerance) {
            lint.tolerance = parse_percent(tolerance.get_ref()).ok_or_else(|| {
                errors.at(
                    &tolerance,
                    "numbers.tolerance",
                    format!(
                        "`{}` is not a percentage such as \"10%\"",
                        tolerance.get_ref()
                    ),
                )
            })?;
        }
        let untagged = raw.untagged_assertion.unwrap_or_default();
        if let Some(min) = untagged.min_confidence {
            let value = *min.get_ref();
            if !(0.0..=1.0).contains(&value) {
                return Err(errors.at(
                    &min,
                    "untagged-assertion.min-confidence",
                    format!("`{value}` is not a confidence from 0 to 1"),
                ));
            }
            lint.untagged_min_confidence = value as f32;
        }
        for (policy, key, slot) in [
            (
                untagged.public_record,
                "untagged-assertion.public-record",
                &mut lint.public_record,
            ),
            (
                untagged.common_knowledge,
                "untagged-assertion.common-knowledge",
                &mut lint.common_knowledge,
            ),
        ] {
            if let Some(policy) = policy {
                *slot = match policy.get_ref().as_str() {
                    "ignore" => ClassPolicy::Ignore,
                    "info" => ClassPolicy::Info,
                    "warn" => ClassPolicy::Warn,
                    other => {
                        return Err(errors.at(
                            &policy,
                            key,
                            format!(
                                "`{other}` is not a choice; use \"ignore\", \"info\" or \"warn\""
                            ),
                        ));
                    }
                };
            }
        }
        lint.facts = untagged
            .facts
            .unwrap_or_default()
            .iter()
            .map(|f| f.trim().to_ascii_lowercase())
            .filter(|f| !f.is_empty())
            .collect();
        if let Some(numbers) = untagged.numbers {
            lint.untagged_numbers = match numbers.get_ref().as_str() {
                "statistics" => UntaggedNumbers::Statistics,
                "all" => UntaggedNumbers::All,
                other => {
                    return Err(errors.at(
                        &numbers,
                        "untagged-assertion.numbers",
                        format!("`{other}` is not a choice; use \"statistics\" or \"all\""),
                    ));
                }
            };
        }
        if let Some(words) = raw.words {
            lint.extra_hedges = words.hedges.unwrap_or_default();
            lint.extra_assertions = words.assertions.unwrap_or_default();
        }
        if let Some(files) = raw.files {
            let check_globs = |list: Option<Vec<Spanned<String>>>,
                               key: &str|
             -> Result<Vec<String>, ConfigError> {
                let mut out = Vec::new();
                for glob in list.into_iter().flatten() {
                    globset::Glob::new(glob.get_ref()).map_err(|e| {
                        errors.at(&glob, key, format!("invalid glob: {}", e.kind()))
                    })?;
                    out.push(glob.into_inner());
                }
                Ok(out)
            };
            if let Some(extensions) = files.extensions {
                settings.files.extensions = extensions
                    .into_iter()
                    .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
                    .collect();
            }
            settings.files.include = check_globs(files.include, "files.include")?;
            settings.files.exclude = check_globs(files.exclude, "files.exclude")?;
            if let Some(max) = files.max_size {
                settings.files.max_size = max;
            }
        }
        Ok(settings)
    }
}

/// The commented default configuration that `claimmark init` writes.
pub const DEFAULT_TOML: &str = include_str!("default_config.toml");

/// Vocabulary words as a TOML array (used to check the default file stays in sync).
pub fn default_vocabulary() -> Vec<String> {
    DEFAULT_CONFIDENCES.iter().map(|s| s.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_parses_to_the_defaults() {
        let settings = Settings::from_toml(DEFAULT_TOML).unwrap();
        assert_eq!(settings.lint.confidences, default_vocabulary());
        assert_eq!(settings.lint.tolerance, Config::default().tolerance);
        assert_eq!(settings.files, FileSettings::default());
        assert!(settings.lint.levels.is_empty());
        assert_eq!(settings.lint.untagged_numbers, UntaggedNumbers::Statistics);
        assert_eq!(
            settings.lint.max_findings_per_rule,
            crate::diagnostic::DEFAULT_MAX_FINDINGS_PER_RULE
        );
    }

    #[test]
    fn max_findings_per_rule() {
        let s = Settings::from_toml("max-findings-per-rule = 5\n").unwrap();
        assert_eq!(s.lint.max_findings_per_rule, 5);
        for bad in ["0", "-3"] {
            let e = Settings::from_toml(&format!("\nmax-findings-per-rule = {bad}\n")).unwrap_err();
            assert_eq!(
                (e.line, e.key.as_deref()),
                (2, Some("max-findings-per-rule"))
            );
        }
    }

    #[test]
    fn untagged_assertion_numbers() {
        let s = Settings::from_toml("[untagged-assertion]\nnumbers = \"all\"\n").unwrap();
        assert_eq!(s.lint.untagged_numbers, UntaggedNumbers::All);
        let e = Settings::from_toml("[untagged-assertion]\n\nnumbers = \"every\"\n").unwrap_err();
        assert_eq!(
            (e.line, e.key.as_deref()),
            (3, Some("untagged-assertion.numbers"))
        );
        assert!(
            e.message.contains("\"statistics\" or \"all\""),
            "{}",
            e.message
        );
    }

    #[test]
    fn severities_select_and_ignore() {
        let s = Settings::from_toml(
            "select = [\"attribution\"]\nignore = [\"unused-source\"]\n[rules]\nconfidence-mismatch = \"error\"\n",
        )
        .unwrap();
        assert_eq!(s.lint.levels["unused-source"], Level::Off);
        assert_eq!(s.lint.levels["bare-braces"], Level::Off);
        assert_eq!(
            s.lint.levels["confidence-mismatch"],
            Level::On(Severity::Error)
        );
        assert!(!s.lint.levels.contains_key("undefined-source"));
    }

    #[test]
    fn errors_name_the_line_and_key() {
        let e = Settings::from_toml("[rules]\nunused-source = \"loud\"\n").unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (2, Some("rules.unused-source")));
        let e = Settings::from_toml("\n[rules]\nunused-sauce = \"off\"\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.message.contains("did you mean `unused-source`"),
            "{}",
            e.message
        );
        let e = Settings::from_toml("colour = true\n").unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (1, Some("colour")));
        let e = Settings::from_toml("[numbers]\ntolerance = \"ten\"\n").unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (2, Some("numbers.tolerance")));
        let e = Settings::from_toml("[files]\nexclude = [\"a/[\"]\n").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("files.exclude"));
        let e = Settings::from_toml("[confidence]\nunsourced-ok = [\"sure\"]\n").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("confidence.unsourced-ok"));
    }

    #[test]
    fn percentages_are_exact() {
        assert_eq!(
            parse_percent("10%"),
            Some(BigRational::new(1.into(), 10.into()))
        );
        assert_eq!(
            parse_percent("2.5 %"),
            Some(BigRational::new(1.into(), 40.into()))
        );
        assert_eq!(parse_percent("ten%"), None);
        assert_eq!(parse_percent("5"), None);
    }
}
