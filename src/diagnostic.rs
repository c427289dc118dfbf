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
    /// Non-zero on the closing "and N more" finding of a capped rule ([`FindingsCap`]):
    /// how many findings of the rule in this file it stands for and are not reported.
    /// Summaries count them, so the totals stay true.
    #[serde(skip_serializing_if = "is_zero")]
    pub omitted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
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
            omitted: 0,
        }
    }

    /// How many findings this one counts for in a summary: itself, or the findings an
    /// "and N more" finding stands for.
    pub fn count(&self) -> usize {
        self.omitted.max(1)
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

/// How many findings of one rule a file reports by default (`max-findings-per-rule` in
/// `claimmark.toml`). A pathological file can hold one finding every few bytes (a
/// million undefined sources in 6 MB); nobody reads past the first few hundred, and each
/// one held or printed costs memory and output.
pub const DEFAULT_MAX_FINDINGS_PER_RULE: usize = 200;

/// The per-file cap on findings of one rule: the first `limit` of each rule (by position)
/// are reported, the rest are counted and summarized by one closing finding of the same
/// rule at the first one left out ("and N more …"), so configuration and suppressions
/// treat it like the others and summaries can still give the true counts.
///
/// The parser uses it while it emits findings in source order ([`FindingsCap::admit`]);
/// `lint` uses it on each rule's findings as they arrive ([`FindingsCap::compact`]), so a
/// file never holds more than `limit` findings of a rule for long.
#[derive(Debug, Clone)]
pub struct FindingsCap {
    limit: usize,
    /// One tally per rule seen; there are a few dozen rules at most, so a list is enough.
    tallies: Vec<Tally>,
}

#[derive(Debug, Clone)]
struct Tally {
    rule: &'static str,
    severity: Severity,
    /// Findings admitted (only for [`FindingsCap::admit`]).
    reported: usize,
    omitted: usize,
    /// The span of the first finding left out, by position.
    first_omitted: Option<Span>,
}

impl Default for FindingsCap {
    fn default() -> Self {
        FindingsCap::new(DEFAULT_MAX_FINDINGS_PER_RULE)
    }
}

impl FindingsCap {
    pub fn new(limit: usize) -> Self {
        FindingsCap {
            limit,
            tallies: Vec::new(),
        }
    }

    pub fn limit(&self) -> usize {
        self.limit
    }

    fn tally(&mut self, rule: &'static str, severity: Severity) -> &mut Tally {
        let index = match self.tallies.iter().position(|t| t.rule == rule) {
            Some(index) => index,
            None => {
                self.tallies.push(Tally {
                    rule,
                    severity,
                    reported: 0,
                    omitted: 0,
                    first_omitted: None,
                });
                self.tallies.len() - 1
            }
        };
        &mut self.tallies[index]
    }

    /// For findings produced in source order: whether one more of `rule` may be
    /// reported; if not, it is counted.
    pub fn admit(&mut self, rule: &'static str, severity: Severity, span: Span) -> bool {
        let limit = self.limit;
        let tally = self.tally(rule, severity);
        if tally.reported < limit {
            tally.reported += 1;
            true
        } else {
            tally.omitted += 1;
            tally.first_omitted.get_or_insert(span);
            false
        }
    }

    /// Keeps the first `limit` findings of each rule in `findings` (by position) and
    /// counts the others, including what earlier "and N more" findings stood for (they
    /// are folded into this cap's own). Call it as often as findings arrive; the order of
    /// `findings` is not kept.
    pub fn compact(&mut self, findings: &mut Vec<Diagnostic>) {
        let mut previous: Vec<Diagnostic> = Vec::new();
        findings.retain(|d| {
            if d.omitted > 0 {
                previous.push(d.clone());
                false
            } else {
                true
            }
        });
        for summary in previous {
            let tally = self.tally(summary.rule, summary.severity);
            tally.omitted += summary.omitted;
            tally.first_omitted = Some(match tally.first_omitted {
                Some(at) if (at.start, at.end) <= (summary.span.start, summary.span.end) => at,
                _ => summary.span,
            });
        }
        let limit = self.limit;
        let over = |findings: &[Diagnostic]| {
            let mut counts: Vec<(&'static str, usize)> = Vec::new();
            findings.iter().any(|d| {
                match counts.iter_mut().find(|(rule, _)| *rule == d.rule) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((d.rule, 1)),
                }
                counts.iter().any(|&(_, n)| n > limit)
            })
        };
        if !over(findings) {
            return;
        }
        findings.sort_by(|a, b| {
            (a.rule, a.span.start, a.span.end).cmp(&(b.rule, b.span.start, b.span.end))
        });
        let mut kept = Vec::with_capacity(findings.len().min(limit * 8));
        let mut run: (&str, usize) = ("", 0);
        for d in findings.drain(..) {
            if run.0 != d.rule {
                run = (d.rule, 0);
            }
            run.1 += 1;
            if run.1 <= limit {
                kept.push(d);
                continue;
            }
            let tally = self.tally(d.rule, d.severity);
            tally.omitted += 1;
            tally.first_omitted = Some(match tally.first_omitted {
                Some(at) if (at.start, at.end) <= (d.span.start, d.span.end) => at,
                _ => d.span,
            });
        }
        *findings = kept;
    }

    /// How many findings were left out, over all rules.
    pub fn omitted(&self) -> usize {
        self.tallies.iter().map(|t| t.omitted).sum()
    }

    /// One closing finding per rule that had findings left out.
    pub fn summaries(&self) -> impl Iterator<Item = Diagnostic> + '_ {
        self.tallies.iter().filter_map(|t| {
            let at = t.first_omitted?;
            let mut summary = Diagnostic::new(
                t.rule,
                t.severity,
                at,
                format!(
                    "and {} more `{}` finding{} in this file from here on (only the first {} of a rule are reported)",
                    t.omitted,
                    t.rule,
                    if t.omitted == 1 { "" } else { "s" },
                    self.limit
                ),
            )
            .with_help(
                "fix the first ones and lint again, or raise `max-findings-per-rule` in claimmark.toml",
            );
            summary.omitted = t.omitted;
            Some(summary)
        })
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
