//! SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, IDE viewers).
//!
//! One run: `tool.driver` describes Claimmark and every rule of the registry (summary,
//! documentation, default level); each finding is a result with its rule, level,
//! message, region, labels as related locations, and its fix as a SARIF fix. Regions are
//! 1-based with exclusive end columns counted in Unicode code points (the run says
//! `columnKind: unicodeCodePoints`), plus `byteOffset`/`byteLength`. Paths stay relative
//! as given, written as URI references with forward slashes.
//!
//! Findings are kept compactly (positions and strings, no JSON trees) until `finish`,
//! which serializes the whole log straight from them.
//!
//! Written with serde rather than the `serde-sarif` crate: the subset we emit is small,
//! serde and serde_json are already dependencies, and the output is validated against
//! the official schema in `tests/cli_formats.rs`.

use std::fmt::Write as _;
use std::io::{self, Write};

use claimmark::rules::{Category, REGISTRY, RuleInfo};
use claimmark::{LineIndex, Severity, Span};
use serde::{Serialize, Serializer};

use super::{Emitter, FileReport, Summary};

/// The official schema this output conforms to (the OASIS errata01 id).
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Where to read about the tool: the package's homepage or repository, when set.
const INFORMATION_URI: Option<&str> = {
    let homepage = env!("CARGO_PKG_HOMEPAGE");
    let repository = env!("CARGO_PKG_REPOSITORY");
    if !homepage.is_empty() {
        Some(homepage)
    } else if !repository.is_empty() {
        Some(repository)
    } else {
        None
    }
};

/// Streams the log: the tool description is written before the first result, each
/// file's results as the file is done (nothing is held across files), the closing
/// brackets at the end. The bytes are those serde_json's pretty printer gives for the
/// whole log.
#[derive(Default)]
pub struct Sarif {
    /// The file being reported; its findings refer to it by index 0.
    uris: Vec<String>,
    findings: Vec<Finding>,
    /// The pretty-printed log with no results, split where the results go.
    frame: Option<(String, String)>,
    written: usize,
    buffer: Vec<u8>,
}

/// Indentation of a result in the pretty-printed log (inside `runs[0].results`).
const RESULT_INDENT: &[u8] = b"        ";

impl Sarif {
    /// The log's text before and after its (empty) results array.
    fn frame(&mut self) -> io::Result<&(String, String)> {
        if self.frame.is_none() {
            let log = Log {
                schema: SCHEMA_URI,
                version: "2.1.0",
                runs: [Run {
                    tool: Tool { driver: driver() },
                    column_kind: "unicodeCodePoints",
                    results: Results(&Sarif::default()),
                }],
            };
            let text = serde_json::to_string_pretty(&log)?;
            let marker = "\"results\": [";
            let at = text
                .rfind(marker)
                .map(|at| at + marker.len())
                .ok_or_else(|| io::Error::other("the SARIF log has no results array"))?;
            // After `[` comes `]` (the empty array) and the rest of the log.
            self.frame = Some((text[..at].to_string(), text[at + 1..].to_string()));
        }
        Ok(self.frame.as_ref().expect("set above"))
    }
}

/// A region: 1-based lines, 1-based columns in code points (end exclusive), bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

fn region(source: &str, index: &LineIndex, span: Span) -> Region {
    let start = index.line_col(source, span.start);
    let end = index.line_col(source, span.end);
    Region {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
        byte_offset: span.start,
        byte_length: span.len(),
    }
}

/// One diagnostic, as little as SARIF needs of it.
struct Finding {
    /// Index into `Sarif::uris`.
    artifact: usize,
    rule: &'static str,
    rule_index: Option<usize>,
    severity: Severity,
    message: Box<str>,
    help: Option<Box<str>>,
    confidence: Option<u8>,
    region: Region,
    labels: Box<[(Region, Box<str>)]>,
    fix: Option<Box<FixRecord>>,
}

struct FixRecord {
    description: Box<str>,
    safe: bool,
    replacements: Box<[(Region, Box<str>)]>,
}

/// SARIF's name for a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: forward slashes, percent-encoded where a URI needs it.
/// Relative paths stay relative; absolute ones become `file:` URIs.
pub fn path_uri(path: &str) -> String {
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let bytes = path.as_bytes();
    let drive = cfg!(windows)
        && bytes.len() >= 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && bytes.get(2).is_none_or(|&b| b == b'/');
    let prefix = if path.starts_with("//") {
        "file:"
    } else if path.starts_with('/') {
        "file://"
    } else if drive {
        "file:///"
    } else {
        ""
    };
    let mut uri = String::with_capacity(prefix.len() + path.len());
    uri.push_str(prefix);
    for &b in bytes {
        // Unreserved and sub-delimiter characters, `@` and `/` may stand as they are; a
        // `:` only in an absolute URI (in a relative one it would read as a scheme).
        let keep = b.is_ascii_alphanumeric()
            || b"-._~!$&'()*+,;=@/".contains(&b)
            || (b == b':' && !prefix.is_empty());
        if keep {
            uri.push(b as char);
        } else {
            let _ = write!(uri, "%{b:02X}");
        }
    }
    uri
}

/// `tool.driver`: Claimmark and every rule of the registry.
fn driver() -> Driver {
    Driver {
        name: "claimmark",
        version: env!("CARGO_PKG_VERSION"),
        information_uri: INFORMATION_URI,
        rules: REGISTRY.iter().map(rule_descriptor).collect(),
    }
}

/// A `reportingDescriptor` for a rule of the registry.
fn rule_descriptor(rule: &RuleInfo) -> RuleDescriptor {
    let mut doc = rule.doc();
    doc.truncate(doc.trim_end().len());
    RuleDescriptor {
        id: rule.name,
        short_description: OwnedMessage {
            text: rule.summary(),
        },
        full_description: OwnedMessage { text: doc.clone() },
        help: Help {
            text: doc.clone(),
            markdown: doc,
        },
        default_configuration: Configuration {
            level: level(rule.default_severity),
        },
        properties: RuleProperties {
            tags: [rule.category],
        },
    }
}

impl Emitter for Sarif {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        self.uris.clear();
        self.findings.clear();
        let artifact = 0;
        self.uris.push(path_uri(report.path));
        let (source, index) = (report.source, report.line_index);
        for d in report.diagnostics {
            let fix = d.fix.as_ref().map(|fix| {
                Box::new(FixRecord {
                    description: fix.message.as_str().into(),
                    safe: fix.safe,
                    replacements: fix
                        .edits
                        .iter()
                        .map(|e| (region(source, index, e.span), e.replacement.as_str().into()))
                        .collect(),
                })
            });
            self.findings.push(Finding {
                artifact,
                rule: d.rule,
                rule_index: REGISTRY.iter().position(|r| r.name == d.rule),
                severity: d.severity,
                message: d.message.as_str().into(),
                help: d.help.as_deref().map(Into::into),
                confidence: d.confidence,
                region: region(source, index, d.span),
                labels: d
                    .labels
                    .iter()
                    .map(|l| (region(source, index, l.span), l.message.as_str().into()))
                    .collect(),
                fix,
            });
        }
        if self.written == 0 {
            let head = self.frame()?.0.clone();
            out.write_all(head.as_bytes())?;
        }
        for finding in std::mem::take(&mut self.findings) {
            out.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
            self.buffer.clear();
            let result = SarifResult::new(&self.uris[finding.artifact], &finding);
            serde_json::to_writer_pretty(&mut self.buffer, &result)?;
            // Strings escape their line breaks, so every line here is a line of JSON.
            for (i, line) in self.buffer.split(|&b| b == b'\n').enumerate() {
                if i > 0 {
                    out.write_all(b"\n")?;
                }
                out.write_all(RESULT_INDENT)?;
                out.write_all(line)?;
            }
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        let (head, tail) = self.frame()?.clone();
        if self.written == 0 {
            out.write_all(head.as_bytes())?;
            out.write_all(b"]")?;
        } else {
            out.write_all(b"\n")?;
            out.write_all(&RESULT_INDENT[..RESULT_INDENT.len() - 2])?;
            out.write_all(b"]")?;
        }
        out.write_all(tail.as_bytes())?;
        writeln!(out)
    }
}

// The log's shape, borrowed from the collected findings at `finish`.

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Results<'a>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<RuleDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: &'static str,
    short_description: OwnedMessage,
    full_description: OwnedMessage,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct OwnedMessage {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    /// The rule's category, for filtering in code-scanning views.
    tags: [Category; 1],
}

struct Results<'a>(&'a Sarif);

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let sarif = self.0;
        serializer.collect_seq(
            sarif
                .findings
                .iter()
                .map(|f| SarifResult::new(&sarif.uris[f.artifact], f)),
        )
    }
}

#[derive(Serialize)]
struct Message<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message<'a>>,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<[SarifFix<'a>; 1]>,
    /// The finding's own help ("did you mean …"), which the rule's help cannot give.
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Message<'a>,
    artifact_changes: [ArtifactChange<'a>; 1],
    properties: FixProperties,
}

#[derive(Serialize)]
struct FixProperties {
    /// Claimmark's notion: a safe fix never changes a word of the copy.
    safe: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation<'a>,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Message<'a>,
}

impl<'a> SarifResult<'a> {
    fn new(uri: &'a str, f: &'a Finding) -> Self {
        let physical = |region| PhysicalLocation {
            artifact_location: ArtifactLocation { uri },
            region,
        };
        SarifResult {
            rule_id: f.rule,
            rule_index: f.rule_index,
            level: level(f.severity),
            message: Message { text: &f.message },
            locations: [Location {
                id: None,
                physical_location: physical(f.region),
                message: None,
            }],
            related_locations: f
                .labels
                .iter()
                .enumerate()
                .map(|(id, (region, message))| Location {
                    id: Some(id),
                    physical_location: physical(*region),
                    message: Some(Message { text: message }),
                })
                .collect(),
            fixes: f.fix.as_ref().map(|fix| {
                [SarifFix {
                    description: Message {
                        text: &fix.description,
                    },
                    artifact_changes: [ArtifactChange {
                        artifact_location: ArtifactLocation { uri },
                        replacements: fix
                            .replacements
                            .iter()
                            .map(|(region, text)| Replacement {
                                deleted_region: *region,
                                inserted_content: Message { text },
                            })
                            .collect(),
                    }],
                    properties: FixProperties { safe: fix.safe },
                }]
            }),
            properties: (f.help.is_some() || f.confidence.is_some()).then(|| ResultProperties {
                help: f.help.as_deref(),
                confidence: f.confidence.map(super::json::round_confidence),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels() {
        assert_eq!(level(Severity::Error), "error");
        assert_eq!(level(Severity::Warning), "warning");
        assert_eq!(level(Severity::Info), "note");
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_uri("drafts/budget.md"), "drafts/budget.md");
        assert_eq!(path_uri("drafts/my draft.md"), "drafts/my%20draft.md");
        assert_eq!(path_uri("a,b;c=d@e.md"), "a,b;c=d@e.md");
        assert_eq!(path_uri("x:y.md"), "x%3Ay.md");
        assert_eq!(path_uri("100%.md"), "100%25.md");
        assert_eq!(path_uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(path_uri("café.md"), "caf%C3%A9.md");
        assert_eq!(path_uri("/srv/news/a:b.md"), "file:///srv/news/a:b.md");
        if cfg!(windows) {
            assert_eq!(path_uri(r"drafts\a.md"), "drafts/a.md");
            assert_eq!(path_uri(r"C:\news\a.md"), "file:///C:/news/a.md");
        } else {
            assert_eq!(path_uri(r"drafts\a.md"), "drafts%5Ca.md");
        }
    }

    #[test]
    fn regions_count_code_points_and_bytes() {
        let source = "çé {x}\nnext";
        let index = LineIndex::new(source);
        // `{x}` starts after "çé " (4 + 1 bytes, 3 characters).
        assert_eq!(
            region(source, &index, Span::new(5, 8)),
            Region {
                start_line: 1,
                start_column: 4,
                end_line: 1,
                end_column: 7,
                byte_offset: 5,
                byte_length: 3,
            }
        );
    }
}
