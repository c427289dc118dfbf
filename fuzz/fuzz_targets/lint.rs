//! `lint` never panics; every span it reports (findings, labels, fix edits) lies on
//! char boundaries of the source; the safe fixes give a document that parses back
//! losslessly.
#![no_main]

use claimmark::diagnostic::apply_fixes;
use claimmark::lint::{Config, lint};
use claimmark::{Span, parse};
use libfuzzer_sys::fuzz_target;

fn on_boundaries(source: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= source.len(),
        "{what} {span:?} out of range"
    );
    assert!(
        source.is_char_boundary(span.start) && source.is_char_boundary(span.end),
        "{what} {span:?} is not on char boundaries"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let config = Config::default();
    let linted = lint(source, &config);
    for d in &linted.diagnostics {
        on_boundaries(source, d.span, d.rule);
        for label in &d.labels {
            on_boundaries(source, label.span, "label");
        }
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            on_boundaries(source, edit.span, "fix edit");
        }
    }
    let (fixed, _) = apply_fixes(source, &linted.diagnostics, false);
    assert_eq!(parse(&fixed).document.print(&fixed), fixed);
});
