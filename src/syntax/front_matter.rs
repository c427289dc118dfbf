//! Front matter: YAML between `---` lines or TOML between `+++` lines at the very start
//! of the file (after an optional BOM). Parsed with maintained crates (`saphyr`, `toml`);
//! invalid front matter is a diagnostic that points at the failing line, never a crash.

use saphyr::{LoadableYamlNode, Yaml};
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::span::Span;

use super::block::line_at;
use super::{Name, rule_names};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FrontMatterFormat {
    Yaml,
    Toml,
}

/// The keys Claimmark reads; others are kept in the file and ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrontMatter {
    pub format: FrontMatterFormat,
    /// The delimiters, the body and the closing line's ending.
    pub span: Span,
    /// The text between the delimiter lines.
    pub body: Span,
    /// `published` (or its alias `date`): the raw value, with the span of its line.
    pub published: Option<Name>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    pub lang: Option<String>,
    /// False when the body did not parse; then no key was read.
    pub valid: bool,
}

/// Recognises front matter starting at `pos` (0, or 3 after a BOM).
pub(super) fn detect(
    source: &str,
    pos: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<FrontMatter> {
    if pos >= source.len() {
        return None;
    }
    let first = line_at(source, pos);
    let delimiter = source[first.start..first.content_end].trim_end_matches([' ', '\t']);
    let (format, closers): (_, &[&str]) = match delimiter {
        "---" => (FrontMatterFormat::Yaml, &["---", "..."]),
        "+++" => (FrontMatterFormat::Toml, &["+++"]),
        _ => return None,
    };
    let mut at = first.end;
    while at < source.len() {
        let line = line_at(source, at);
        let text = source[line.start..line.content_end].trim_end_matches([' ', '\t']);
        if closers.contains(&text) {
            let body = Span::new(first.end, line.start);
            let mut fm = FrontMatter {
                format,
                span: Span::new(first.start, line.end),
                body,
                published: None,
                title: None,
                url: None,
                authors: Vec::new(),
                lang: None,
                valid: true,
            };
            let result = match format {
                FrontMatterFormat::Yaml => read_yaml(source, body, &mut fm),
                FrontMatterFormat::Toml => read_toml(source, body, &mut fm),
            };
            if let Err((offset, message)) = result {
                fm.valid = false;
                let line = line_at(source, offset.min(body.end.max(body.start)));
                let span = if line.content_end > line.start && offset < body.end {
                    Span::new(line.start, line.content_end)
                } else {
                    Span::new(first.start, first.content_end)
                };
                diagnostics.push(
                    Diagnostic::error(rule_names::INVALID_FRONT_MATTER, span, message)
                        .with_help("fix the front matter; Claimmark reads `published`, `title`, `url`, `author`, `lang`"),
                );
            }
            return Some(fm);
        }
        at = line.end;
    }
    // A leading `---` with no closing line is ordinary Markdown (a thematic break).
    None
}

/// Byte offset in `source` of (1-based line, 0-based char column) of the body.
fn body_offset(source: &str, body: Span, line: usize, column: usize) -> usize {
    let mut at = body.start;
    for _ in 1..line.max(1) {
        let l = line_at(source, at);
        if l.end >= body.end {
            break;
        }
        at = l.end;
    }
    let l = line_at(source, at);
    source[at..l.content_end.min(body.end.max(at))]
        .char_indices()
        .nth(column)
        .map_or(l.content_end.min(body.end.max(at)), |(i, _)| at + i)
}

/// Reads the keys Claimmark knows, whatever the format: `published` (alias `date`),
/// `title`, `url`, `lang`, and `author`/`authors` (a string or a list).
fn read_keys(
    source: &str,
    body: Span,
    fm: &mut FrontMatter,
    scalar: impl Fn(&str) -> Option<String>,
    list: impl Fn(&str) -> Vec<String>,
) {
    if let Some((key, value)) = ["published", "date"]
        .iter()
        .find_map(|k| scalar(k).map(|v| (*k, v)))
    {
        fm.published = Some(Name::new(value, key_line(source, body, key)));
    }
    fm.title = scalar("title");
    fm.url = scalar("url");
    fm.lang = scalar("lang");
    fm.authors = ["author", "authors"].iter().flat_map(|k| list(k)).collect();
}

fn read_yaml(source: &str, body: Span, fm: &mut FrontMatter) -> Result<(), (usize, String)> {
    let text = body.text(source);
    let docs = Yaml::load_from_str(text).map_err(|e| {
        let mark = e.marker();
        (
            body_offset(source, body, mark.line(), mark.col()),
            format!("invalid YAML front matter: {}", e.info()),
        )
    })?;
    let Some(root) = docs.first() else {
        return Ok(());
    };
    if root.is_null() {
        return Ok(());
    }
    if !root.is_mapping() {
        return Err((
            body.start,
            "front matter must be a mapping of keys to values".into(),
        ));
    }
    let scalar = |key: &str| root.as_mapping_get(key).and_then(yaml_scalar);
    let list = |key: &str| match root.as_mapping_get(key) {
        Some(node) if node.is_sequence() => node
            .as_sequence()
            .into_iter()
            .flatten()
            .filter_map(yaml_scalar)
            .collect(),
        Some(node) => yaml_scalar(node).into_iter().collect(),
        None => Vec::new(),
    };
    read_keys(source, body, fm, scalar, list);
    Ok(())
}

fn yaml_scalar(node: &Yaml<'_>) -> Option<String> {
    if let Some(s) = node.as_str() {
        return Some(s.to_string());
    }
    if let Some(i) = node.as_integer() {
        return Some(i.to_string());
    }
    if let Some(f) = node.as_floating_point() {
        return Some(f.to_string());
    }
    node.as_bool().map(|b| b.to_string())
}

/// The span of the body line that sets `key` (`key:` or `key =` at the start of a line).
fn key_line(source: &str, body: Span, key: &str) -> Span {
    let mut at = body.start;
    while at < body.end {
        let line = line_at(source, at);
        let text = &source[line.start..line.content_end];
        if let Some(rest) = text.strip_prefix(key)
            && rest.trim_start().starts_with([':', '='])
        {
            return Span::new(line.start, line.content_end);
        }
        at = line.end;
    }
    Span::new(body.start, body.start)
}

fn read_toml(source: &str, body: Span, fm: &mut FrontMatter) -> Result<(), (usize, String)> {
    let table: toml::Table = body.text(source).parse().map_err(|e: toml::de::Error| {
        let offset = e.span().map_or(0, |s| s.start);
        (
            body.start + offset,
            format!("invalid TOML front matter: {}", e.message()),
        )
    })?;
    let scalar = |key: &str| -> Option<String> {
        match table.get(key)? {
            toml::Value::String(s) => Some(s.clone()),
            toml::Value::Datetime(d) => Some(d.to_string()),
            toml::Value::Integer(i) => Some(i.to_string()),
            toml::Value::Float(f) => Some(f.to_string()),
            toml::Value::Boolean(b) => Some(b.to_string()),
            _ => None,
        }
    };
    let list = |key: &str| match table.get(key) {
        Some(toml::Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        Some(toml::Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    read_keys(source, body, fm, scalar, list);
    Ok(())
}
