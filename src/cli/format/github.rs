//! GitHub Actions workflow commands, one per finding, so that findings show up as
//! annotations on the pull request:
//!
//! ```text
//! ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE%0AHELP
//! ```
//!
//! Errors are `::error`, warnings `::warning`, infos `::notice`. Columns count Unicode
//! scalar values and `endColumn` is exclusive, as in the other formats. The runner
//! rejects a whole annotation whose `col`/`endColumn` are set while `line` and
//! `endLine` differ, so a finding spanning several lines carries lines only.
//!
//! Values are escaped as GitHub's toolkit (`@actions/core`, `command.ts`) escapes them:
//! see [`escape_data`] and [`escape_property`].

use std::io::{self, Write};

use claimmark::Severity;

use super::{Emitter, FileReport, Summary};

pub struct Github;

/// Escapes a command's data (the message): `%`, `\r` and `\n`.
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value: as [`escape_data`], plus `:` and `,`, which delimit
/// properties.
pub fn escape_property(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

/// The workflow command for a severity.
pub fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// A path as GitHub expects it: forward slashes.
fn github_path(path: &str) -> String {
    if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    }
}

impl Emitter for Github {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        let file = escape_property(&github_path(report.path));
        for d in report.diagnostics {
            let start = report.line_index.line_col(report.source, d.span.start);
            let end = report.line_index.line_col(report.source, d.span.end);
            write!(
                out,
                "::{} file={file},line={}",
                command(d.severity),
                start.line
            )?;
            if start.line == end.line {
                write!(
                    out,
                    ",col={},endLine={},endColumn={}",
                    start.column, end.line, end.column
                )?;
            } else {
                write!(out, ",endLine={}", end.line)?;
            }
            write!(
                out,
                ",title={}::{}",
                escape_property(d.rule),
                escape_data(&d.message)
            )?;
            if let Some(help) = &d.help {
                write!(out, "%0A{}", escape_data(help))?;
            }
            writeln!(out)?;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_matches_the_actions_toolkit() {
        // (input, escapeData, escapeProperty) as `@actions/core` computes them.
        let table = [
            ("plain text", "plain text", "plain text"),
            ("", "", ""),
            ("100%", "100%25", "100%25"),
            (
                "%25 stays literal",
                "%2525 stays literal",
                "%2525 stays literal",
            ),
            ("a\nb", "a%0Ab", "a%0Ab"),
            ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
            ("lone\rcr", "lone%0Dcr", "lone%0Dcr"),
            ("key: value", "key: value", "key%3A value"),
            ("a, b, c", "a, b, c", "a%2C b%2C c"),
            ("::error::", "::error::", "%3A%3Aerror%3A%3A"),
            (
                "drafts/budget, v2: final.md",
                "drafts/budget, v2: final.md",
                "drafts/budget%2C v2%3A final.md",
            ),
            ("50%: 1,2\n", "50%25: 1,2%0A", "50%25%3A 1%2C2%0A"),
            ("é ünïcode ✓", "é ünïcode ✓", "é ünïcode ✓"),
            (
                "tab\tand ; ] stay",
                "tab\tand ; ] stay",
                "tab\tand ; ] stay",
            ),
        ];
        for (input, data, property) in table {
            assert_eq!(escape_data(input), data, "escape_data({input:?})");
            assert_eq!(
                escape_property(input),
                property,
                "escape_property({input:?})"
            );
        }
    }

    #[test]
    fn severities_map_to_commands() {
        assert_eq!(command(Severity::Error), "error");
        assert_eq!(command(Severity::Warning), "warning");
        assert_eq!(command(Severity::Info), "notice");
    }

    #[test]
    fn findings_become_commands() {
        use claimmark::{Diagnostic, LineIndex, Span};
        let source = "ab\n{x}@y:reported\nline 3\n";
        let index = LineIndex::new(source);
        let diagnostics = [
            Diagnostic::error("undefined-source", Span::new(7, 8), "source `@y`\r\n: 5%")
                .with_help("did you mean, perhaps, `@z`?"),
            Diagnostic::new("unknown-field", Severity::Info, Span::new(1, 20), "multi"),
        ];
        let report = FileReport {
            path: "a,b:c.md",
            source,
            line_index: &index,
            diagnostics: &diagnostics,
        };
        let mut out = Vec::new();
        Github.file(&mut out, &report).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=a%2Cb%3Ac.md,line=2,col=5,endLine=2,endColumn=6,\
             title=undefined-source::source `@y`%0D%0A: 5%25%0Adid you mean, perhaps, `@z`?\n\
             ::notice file=a%2Cb%3Ac.md,line=1,endLine=3,title=unknown-field::multi\n"
        );
    }
}
