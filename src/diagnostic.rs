//! Diagnostics are plain, serializable data: a rule name, a severity, a message, the
//! exact span, secondary labels, help, and an optional fix. Nothing here prints;
//! rendering (miette, concise lines, JSON, SARIF, an editor) happens at the edges.

use serde::Serialize;

use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary span with its own short message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// Replace the bytes of `span` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A set of edits that resolves a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub message: String,
    pub edits: Vec<Edit>,
    /// Safe fixes never change a word of the copy and may be applied without review.
    pub safe: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The rule's public name, e.g. `unclosed-tag`.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The exact words the finding is about.
    pub span: Span,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
    /// How likely the finding is right, in percent, for rules that read prose
    /// (`untagged-assertion`); `None` for rules that check syntax and are certain.
    /// Whole percent keeps diagnostics comparable and their output exact.
    pub confidence: Option<u8>,
}

impl Diagnostic {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
            confidence: None,
        }
    }

    pub fn error(rule: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(rule, Severity::Error, span, message)
    }

    pub fn warning(rule: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(rule, Severity::Warning, span, message)
    }

    /// `confidence` from 0 to 1, kept in whole percent.
    pub fn with_confidence(mut self, confidence: f32) -> Self {
        self.confidence = Some((confidence.clamp(0.0, 1.0) * 100.0).round() as u8);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// Applies edits sorted by position; an edit starting inside an earlier one is skipped.
pub fn apply_edits(source: &str, edits: &[Edit]) -> String {
    let extra: usize = edits.iter().map(|e| e.replacement.len()).sum();
    let mut out = String::with_capacity(source.len() + extra);
    let mut cursor = 0;
    for edit in edits {
        if edit.span.start < cursor || edit.span.end > source.len() {
            continue;
        }
        out.push_str(&source[cursor..edit.span.start]);
        out.push_str(&edit.replacement);
        cursor = edit.span.end;
    }
    out.push_str(&source[cursor..]);
    out
}

/// Applies the fixes carried by `diagnostics` — only the safe ones unless
/// `include_unsafe` — and returns the new text and how many fixes were applied.
///
/// A fix is applied whole or not at all: one whose edits collide with an edit already
/// accepted is left for a later run. Identical edits from different fixes (two findings
/// that both add the same source definition) are applied once.
pub fn apply_fixes(
    source: &str,
    diagnostics: &[Diagnostic],
    include_unsafe: bool,
) -> (String, usize) {
    let mut accepted: Vec<Edit> = Vec::new();
    let mut applied = 0;
    let collides = |a: &Edit, b: &Edit| {
        a != b
            && (a.span.overlaps(b.span)
                || (a.span.start == b.span.start && (a.span.is_empty() || b.span.is_empty())))
    };
    for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
        if !(fix.safe || include_unsafe) || fix.edits.is_empty() {
            continue;
        }
        if fix
            .edits
            .iter()
            .any(|e| accepted.iter().any(|a| collides(e, a)))
        {
            continue;
        }
        for edit in &fix.edits {
            if !accepted.contains(edit) {
                accepted.push(edit.clone());
            }
        }
        applied += 1;
    }
    accepted.sort_by_key(|e| (e.span.start, e.span.end));
    (apply_edits(source, &accepted), applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn insert(at: usize, text: &str) -> Edit {
        Edit {
            span: Span::new(at, at),
            replacement: text.into(),
        }
    }

    fn finding(edits: Vec<Edit>, safe: bool) -> Diagnostic {
        Diagnostic::warning("untagged-assertion", Span::new(0, 1), "m").with_fix(Fix {
            message: "tag it".into(),
            edits,
            safe,
        })
    }

    #[test]
    fn fixes_apply_whole_shared_edits_once_and_collisions_wait() {
        let source = "He said it. She said so.\n";
        let definition = insert(source.len(), "[@x]: X\n");
        let findings = [
            finding(
                vec![insert(3, "{"), insert(11, "}@x"), definition.clone()],
                true,
            ),
            finding(
                vec![insert(16, "{"), insert(24, "}@x"), definition.clone()],
                true,
            ),
            // Collides with the first fix's `{` insertion: left for another run.
            finding(vec![insert(3, "("), insert(5, ")")], true),
            finding(vec![insert(0, "UNSAFE ")], false),
        ];
        let (text, applied) = apply_fixes(source, &findings, false);
        assert_eq!(applied, 2);
        assert_eq!(text, "He {said it.}@x She {said so.}@x\n[@x]: X\n");
        let (text, applied) = apply_fixes(source, &findings[3..], true);
        assert_eq!(
            (text.as_str(), applied),
            ("UNSAFE He said it. She said so.\n", 1)
        );
    }
}
