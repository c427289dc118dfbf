//! Definitions: `[@id]: Name` sources and `[#id]: = expression` relations, each with
//! indented `key: value` continuation lines.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::span::Span;

use super::block::{Line, is_continuation, line_at};
use super::lexical::{self, DefinitionHeader};
use super::{Definition, DefinitionKind, Field, Name, rule_names};

/// Keys a source definition may carry.
pub const SOURCE_KEYS: &[&str] = &["role", "kind", "anonymous", "url", "alias"];
/// Keys a relation definition may carry.
pub const RELATION_KEYS: &[&str] = &["tolerance"];
/// Values of a source's `kind:`.
pub const SOURCE_KINDS: &[&str] = &["person", "organization", "document"];

fn malformed(span: Span, message: impl Into<String>, help: &str) -> Diagnostic {
    Diagnostic::error(rule_names::MALFORMED_DEFINITION, span, message).with_help(help)
}

/// Parses the definition whose header is on `first`, with its continuation lines.
pub(super) fn parse(
    source: &str,
    first: Line,
    header: &DefinitionHeader<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Definition {
    let kind = if header.sigil == '@' {
        DefinitionKind::Source
    } else {
        DefinitionKind::Relation
    };
    let id_span = Span::new(first.start + 2, first.start + 2 + header.raw_id.len());
    let header_span = Span::new(first.start, first.content_end);
    let mut valid = true;
    if !lexical::is_identifier(header.raw_id) {
        valid = false;
        let message = if header.raw_id.is_empty() {
            "definition has no id".to_string()
        } else {
            format!("`{}` is not a valid id", header.raw_id)
        };
        diagnostics.push(malformed(
            if id_span.is_empty() { header_span } else { id_span },
            message,
            "ids start with a letter or `_`, hold letters, digits, `_` and `-`, and end in a letter or digit",
        ));
    }

    let value_start = first.start + header.len;
    let value = trimmed(source, Span::new(value_start, first.content_end));
    let mut expression_span = None;
    let mut expression = None;
    match kind {
        DefinitionKind::Source if value.text.is_empty() => {
            valid = false;
            diagnostics.push(malformed(
                header_span,
                format!("source `{}` has no name", header.raw_id),
                "write the source's name after the colon, e.g. `[@galeotti]: Mark Galeotti`",
            ));
        }
        DefinitionKind::Relation => match value.text.strip_prefix('=') {
            Some(expr) => {
                let span = Span::new(value.span.start + 1, value.span.end);
                expression_span = Some(span);
                match crate::numbers::parse_expr(expr) {
                    Ok(parsed) => expression = Some(parsed),
                    Err(error) => {
                        valid = false;
                        // One character of the expression at `offset`, as a source span.
                        let char_at = |offset: usize| {
                            let at = (span.start + offset).min(span.end);
                            let end = source[at..span.end]
                                .chars()
                                .next()
                                .map_or(at, |c| at + c.len_utf8());
                            Span::new(at, end.max(at))
                        };
                        let mut diagnostic = malformed(
                            char_at(error.offset),
                            format!("invalid relation expression: {}", error.message),
                            "a relation is `= expression` over ids and numbers with + - * / and parentheses, e.g. `= vsse_staff + adiv_staff`",
                        );
                        if let Some(open) = error.opened_at {
                            diagnostic =
                                diagnostic.with_label(char_at(open), "this '(' is not closed");
                        }
                        diagnostics.push(diagnostic);
                    }
                }
            }
            None => {
                valid = false;
                diagnostics.push(malformed(
                    if value.span.is_empty() {
                        header_span
                    } else {
                        value.span
                    },
                    format!("relation `{}` must start with `=`", header.raw_id),
                    "write the relation as `[#total]: = part_a + part_b`",
                ));
            }
        },
        DefinitionKind::Source => {}
    }

    let allowed = match kind {
        DefinitionKind::Source => SOURCE_KEYS,
        DefinitionKind::Relation => RELATION_KEYS,
    };
    let mut fields: Vec<Field> = Vec::new();
    let mut pos = first.end;
    while pos < source.len() {
        let line = line_at(source, pos);
        let text = &source[line.start..line.content_end];
        if !is_continuation(text) {
            break;
        }
        pos = line.end;
        let indent = text.len() - text.trim_start_matches([' ', '\t']).len();
        let content = Span::new(
            line.start + indent,
            trim_end_offset(source, line.start + indent, line.content_end),
        );
        let Some((key, value_at)) = lexical::field(content.text(source)) else {
            valid = false;
            diagnostics.push(malformed(
                content,
                "continuation lines of a definition must be `key: value`",
                "indent only `key: value` lines under a definition; leave a blank line before ordinary text",
            ));
            continue;
        };
        let key = Name::new(key, Span::new(content.start, content.start + key.len()));
        let value = trimmed(source, Span::new(content.start + value_at, content.end));
        if !allowed.contains(&key.text.as_str()) {
            diagnostics.push(
                Diagnostic::warning(
                    rule_names::UNKNOWN_FIELD,
                    key.span,
                    format!(
                        "unknown field `{}` on a {} definition",
                        key.text,
                        kind_word(kind)
                    ),
                )
                .with_help(format!("known fields: {}", allowed.join(", "))),
            );
        } else if let Some(earlier) = fields.iter().find(|f| f.key.text == key.text) {
            valid = false;
            diagnostics.push(
                malformed(
                    key.span,
                    format!("field `{}` is given twice", key.text),
                    "keep one of them",
                )
                .with_label(earlier.key.span, "first given here"),
            );
            continue;
        } else if let Some(problem) = check_value(&key.text, &value.text) {
            valid = false;
            diagnostics.push(malformed(
                if value.span.is_empty() {
                    content
                } else {
                    value.span
                },
                problem.0,
                problem.1,
            ));
        }
        fields.push(Field {
            key,
            value,
            span: content,
        });
    }

    Definition {
        kind,
        id: Name::new(header.raw_id, id_span),
        span: Span::new(first.start, pos.max(first.end)),
        header: header_span,
        value,
        fields,
        expression_span,
        expression,
        valid,
    }
}

fn kind_word(kind: DefinitionKind) -> &'static str {
    match kind {
        DefinitionKind::Source => "source",
        DefinitionKind::Relation => "relation",
    }
}

/// Problems with a known key's value: (message, help).
fn check_value(key: &str, value: &str) -> Option<(String, &'static str)> {
    match key {
        "kind" if !SOURCE_KINDS.contains(&value) => Some((
            format!("`{value}` is not a source kind"),
            "use `kind: person`, `kind: organization` or `kind: document`",
        )),
        "tolerance" if parse_tolerance(value).is_none() => Some((
            format!("`{value}` is not a tolerance"),
            "write a percentage such as `tolerance: 5%`",
        )),
        _ => None,
    }
}

/// `5%` or `2.5 %` → the fraction as (numerator digits, scale) checked for shape only;
/// the linter turns it into an exact number.
pub fn parse_tolerance(value: &str) -> Option<&str> {
    let number = value.strip_suffix('%')?.trim_end();
    let mut parts = number.splitn(2, '.');
    let whole = parts.next()?;
    let fraction = parts.next().unwrap_or("0");
    (!whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b.is_ascii_digit()))
    .then_some(number)
}

/// The span with surrounding whitespace removed, and its text.
fn trimmed(source: &str, span: Span) -> Name {
    let text = span.text(source);
    let start = span.start + (text.len() - text.trim_start().len());
    let end = trim_end_offset(source, start, span.end);
    Name::new(&source[start..end], Span::new(start, end))
}

fn trim_end_offset(source: &str, start: usize, end: usize) -> usize {
    start + source[start..end].trim_end().len()
}

/// Two definitions of one id (in one namespace) are an error on the second.
pub(super) fn check_duplicates(definitions: &[Definition], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(DefinitionKind, &str), &Definition> = HashMap::new();
    for def in definitions {
        if def.id.text.is_empty() {
            continue;
        }
        match seen.get(&(def.kind, def.id.text.as_str())) {
            Some(first) => {
                let sigil = if def.kind == DefinitionKind::Source {
                    '@'
                } else {
                    '#'
                };
                diagnostics.push(
                    Diagnostic::error(
                        rule_names::DUPLICATE_DEFINITION,
                        def.header,
                        format!("`{sigil}{}` is defined twice", def.id.text),
                    )
                    .with_label(first.header, "first defined here")
                    .with_help("remove one definition, or give this one a different id"),
                );
            }
            None => {
                seen.insert((def.kind, def.id.text.as_str()), def);
            }
        }
    }
}
