//! Suppression directives: `<!-- claimmark-disable RULES -->` … `<!-- claimmark-enable
//! RULES -->`, `claimmark-disable-next-line RULES` and `claimmark-disable-file RULES`
//! (no list = every rule). A directive, or a rule named in one, that suppresses
//! nothing is itself reported as `unused-directive`, as ruff does for unused `noqa`.
//!
//! Range directives are events: whether rule `r` is silenced at offset `x` is decided by
//! the last `disable`/`enable` event before `x` that names `r` or all rules. Events are
//! kept sorted per rule, so each lookup is a binary search and the pass stays
//! O((diagnostics + directives) · log directives).

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::rules::{self, REGISTRY};
use crate::span::LineIndex;
use crate::syntax::{Directive, DirectiveKind};

pub const UNUSED_DIRECTIVE: &str = "unused-directive";

/// Which directive (and which of its listed rules) silenced something.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Use {
    directive: usize,
    /// Index into the directive's rule list; `None` when it lists none (all rules).
    rule: Option<usize>,
}

/// An event in a rule's timeline: at `offset`, the rule becomes disabled or enabled.
#[derive(Clone, Copy)]
struct Event {
    offset: usize,
    disable: bool,
    by: Use,
}

/// Events for one rule name, or for "all rules" under the key `*`.
type Timelines<'a> = HashMap<&'a str, Vec<Event>>;

fn last_before(events: Option<&Vec<Event>>, offset: usize) -> Option<Event> {
    let events = events?;
    let index = events.partition_point(|e| e.offset <= offset);
    index.checked_sub(1).map(|i| events[i])
}

/// The suppressions of one document. Findings are checked as they arrive
/// ([`Suppressions::silences`]), so `lint` can cap each rule's findings right after the
/// rule runs; [`Suppressions::unused`] then reports the directives that silenced nothing.
pub struct Suppressions<'a> {
    directives: &'a [Directive],
    index: &'a LineIndex,
    ranges: Timelines<'a>,
    whole_file: Timelines<'a>,
    /// For next-line directives: the 0-based line they apply to.
    next_line: HashMap<(usize, &'a str), Use>,
    used: HashMap<Use, usize>,
}

impl<'a> Suppressions<'a> {
    pub fn new(directives: &'a [Directive], index: &'a LineIndex) -> Self {
        let mut ranges: Timelines<'_> = HashMap::new();
        let mut whole_file: Timelines<'_> = HashMap::new();
        // For next-line directives: the 0-based line they apply to.
        let mut next_line: HashMap<(usize, &str), Use> = HashMap::new();
        for (d, directive) in directives.iter().enumerate() {
            let uses: Vec<(&str, Use)> = if directive.rules.is_empty() {
                vec![(
                    "*",
                    Use {
                        directive: d,
                        rule: None,
                    },
                )]
            } else {
                directive
                    .rules
                    .iter()
                    .enumerate()
                    .map(|(r, name)| {
                        (
                            name.text.as_str(),
                            Use {
                                directive: d,
                                rule: Some(r),
                            },
                        )
                    })
                    .collect()
            };
            for (rule, by) in uses {
                let event = |disable| Event {
                    offset: directive.span.end,
                    disable,
                    by,
                };
                match directive.kind {
                    DirectiveKind::Disable => ranges.entry(rule).or_default().push(event(true)),
                    DirectiveKind::Enable => ranges.entry(rule).or_default().push(event(false)),
                    DirectiveKind::DisableFile => {
                        whole_file.entry(rule).or_default().push(event(true))
                    }
                    DirectiveKind::DisableNextLine => {
                        let line = index.line_of(directive.span.end.saturating_sub(1)) + 1;
                        next_line.entry((line, rule)).or_insert(by);
                    }
                    DirectiveKind::Unknown(_) => {}
                }
            }
        }
        for events in ranges.values_mut() {
            events.sort_by_key(|e| e.offset);
        }
        Suppressions {
            directives,
            index,
            ranges,
            whole_file,
            next_line,
            used: HashMap::new(),
        }
    }

    /// Whether a directive silences `diagnostic` (and if so, that directive was used).
    pub fn silences(&mut self, diagnostic: &Diagnostic) -> bool {
        if self.directives.is_empty() {
            return false;
        }
        let (ranges, whole_file, next_line, index) =
            (&self.ranges, &self.whole_file, &self.next_line, self.index);
        let rule = diagnostic.rule;
        let at = diagnostic.span.start;
        let line = index.line_of(at);
        let file_use = whole_file
            .get(rule)
            .or(whole_file.get("*"))
            .and_then(|e| e.first())
            .map(|e| e.by);
        let range_use = [
            last_before(ranges.get(rule), at),
            last_before(ranges.get("*"), at),
        ]
        .into_iter()
        .flatten()
        .max_by_key(|e| e.offset)
        .filter(|e| e.disable)
        .map(|e| e.by);
        let line_use = next_line
            .get(&(line, rule))
            .or(next_line.get(&(line, "*")))
            .copied();
        match file_use.or(range_use).or(line_use) {
            Some(by) => {
                *self.used.entry(by).or_default() += 1;
                true
            }
            None => false,
        }
    }

    /// `unused-directive` findings: directives, and rules named in them, that silenced
    /// nothing.
    pub fn unused(self) -> Vec<Diagnostic> {
        let used = self.used;
        let mut kept = Vec::new();
        for (d, directive) in self.directives.iter().enumerate() {
            if matches!(
                directive.kind,
                DirectiveKind::Enable | DirectiveKind::Unknown(_)
            ) {
                continue;
            }
            let name = directive_name(&directive.kind);
            if directive.rules.is_empty() {
                if !used.contains_key(&Use {
                    directive: d,
                    rule: None,
                }) {
                    kept.push(
                        Diagnostic::warning(
                            UNUSED_DIRECTIVE,
                            directive.span,
                            format!("`{name}` suppresses nothing"),
                        )
                        .with_help(
                            "remove the directive, or list the rules it is meant to silence",
                        ),
                    );
                }
                continue;
            }
            for (r, rule) in directive.rules.iter().enumerate() {
                if used.contains_key(&Use {
                    directive: d,
                    rule: Some(r),
                }) {
                    continue;
                }
                let diagnostic = if rules::find(&rule.text).is_some() {
                    Diagnostic::warning(
                        UNUSED_DIRECTIVE,
                        rule.span,
                        format!("`{name} {}` suppresses nothing", rule.text),
                    )
                    .with_help(format!(
                        "no `{}` finding is silenced here; remove it from the directive",
                        rule.text
                    ))
                } else {
                    let help = match rules::closest(&rule.text, REGISTRY.iter().map(|r| r.name)) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "`claimmark rules` lists the rule names".to_string(),
                    };
                    Diagnostic::warning(
                        UNUSED_DIRECTIVE,
                        rule.span,
                        format!("`{}` is not a rule", rule.text),
                    )
                    .with_help(help)
                };
                kept.push(diagnostic);
            }
        }
        kept
    }
}

fn directive_name(kind: &DirectiveKind) -> &'static str {
    match kind {
        DirectiveKind::Disable => "claimmark-disable",
        DirectiveKind::Enable => "claimmark-enable",
        DirectiveKind::DisableNextLine => "claimmark-disable-next-line",
        DirectiveKind::DisableFile => "claimmark-disable-file",
        DirectiveKind::Unknown(_) => "claimmark-?",
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::{Config, lint};

    fn rules_found(source: &str) -> Vec<(&'static str, String)> {
        lint(source, &Config::default())
            .diagnostics
            .into_iter()
            .map(|d| (d.rule, d.span.text(source).to_string()))
            .collect()
    }

    const DEFS: &str = "\n\n[@a]: Agency A\n";

    #[test]
    fn disable_and_enable_ranges() {
        let src = format!(
            "{{x}}@b one.\n<!-- claimmark-disable undefined-source -->\n{{y}}@c two.\n<!-- claimmark-enable undefined-source -->\n{{z}}@d three {{w}}@a.{DEFS}"
        );
        let found = rules_found(&src);
        assert_eq!(
            found,
            [
                ("undefined-source", "b".to_string()),
                ("undefined-source", "d".to_string())
            ]
        );
    }

    #[test]
    fn disable_all_then_enable_one() {
        let src = format!(
            "<!-- claimmark-disable -->\n{{x}}:sure {{y}}@b\n<!-- claimmark-enable undefined-source -->\n{{z}}@c {{v}}:sure {{w}}@a.{DEFS}"
        );
        let found = rules_found(&src);
        assert_eq!(found, [("undefined-source", "c".to_string())]);
    }

    #[test]
    fn next_line_and_file() {
        let src = format!(
            "<!-- claimmark-disable-next-line undefined-source -->\n{{x}}@b then {{w}}@a.\n{{y}}@c.{DEFS}"
        );
        assert_eq!(rules_found(&src), [("undefined-source", "c".to_string())]);
        let src = format!(
            "Intro.\n\n<!-- claimmark-disable-file undefined-source -- wire copy -->\n\n{{x}}@b {{w}}@a.{DEFS}"
        );
        assert!(rules_found(&src).is_empty());
    }

    #[test]
    fn unused_directives_are_reported() {
        let src = format!(
            "<!-- claimmark-disable-next-line undefined-source, unused-sauce -->\n{{w}}@a plain.\n<!-- claimmark-disable-file -->\n{DEFS}"
        );
        let found = lint(&src, &Config::default()).diagnostics;
        let unused: Vec<_> = found
            .iter()
            .filter(|d| d.rule == "unused-directive")
            .collect();
        assert_eq!(unused.len(), 3, "{found:#?}");
        assert_eq!(unused[0].span.text(&src), "undefined-source");
        assert_eq!(unused[1].message, "`unused-sauce` is not a rule");
        assert_eq!(
            unused[1].help.as_deref(),
            Some("did you mean `unused-source`?")
        );
        assert!(unused[2].message.contains("claimmark-disable-file"));
    }
}
