//! Property: `strip(suggest(x)) == strip(x)`, and the suggestion adds no parse diagnostic,
//! on arbitrary prose full of quotes, reporting verbs and Claimmark's special characters.

use claimmark::suggest::{SuggestOptions, suggest};
use claimmark::syntax::{StripOptions, strip};
use proptest::prelude::*;

fn stripped(text: &str) -> String {
    let parsed = claimmark::parse(text);
    strip(text, &parsed.document, StripOptions::default()).text
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just("Anna Berg".to_string()),
        2 => Just("Joris Van Aken".to_string()),
        2 => Just("Berg".to_string()),
        2 => Just("a senior official".to_string()),
        2 => Just(", speaking on condition of anonymity because talks are secret,".to_string()),
        4 => Just("said".to_string()),
        2 => Just("she said".to_string()),
        2 => Just("according to".to_string()),
        2 => Just("told reporters that".to_string()),
        3 => Just("\"".to_string()),
        1 => Just("“".to_string()),
        1 => Just("”".to_string()),
        6 => Just("the plan would fail soon".to_string()),
        3 => Just("we will win".to_string()),
        4 => Just(",".to_string()),
        4 => Just(".".to_string()),
        1 => Just(":".to_string()),
        2 => Just("{".to_string()),
        2 => Just("}".to_string()),
        2 => Just("@x".to_string()),
        2 => Just("#y".to_string()),
        1 => Just(":reported".to_string()),
        1 => Just("\\".to_string()),
        1 => Just("\\@".to_string()),
        1 => Just("`".to_string()),
        1 => Just("`code said that x`".to_string()),
        1 => Just("<b>".to_string()),
        1 => Just("[link](http://e.x/a)".to_string()),
        1 => Just("<!-- c -->".to_string()),
        1 => Just("{t}@z".to_string()),
        2 => Just("\n".to_string()),
        1 => Just("\r\n".to_string()),
        2 => Just("\n\n".to_string()),
        1 => Just("\n[@berg]: Anna Berg\n".to_string()),
        1 => Just("\n```\n".to_string()),
        1 => Just("\n  ".to_string()),
        1 => Just("é".to_string()),
        6 => Just(" ".to_string()),
        2 => "[a-z]{1,6}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::bool::ANY,
        prop::collection::vec(piece(), 0..40),
        prop::bool::ANY,
    )
        .prop_map(|(bom, pieces, newline)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            for (i, p) in pieces.iter().enumerate() {
                if i > 0 && !p.starts_with([',', '.', ':', '\n', '\r']) {
                    s.push(' ');
                }
                s.push_str(p);
            }
            if newline {
                s.push('\n');
            }
            s
        })
}

fn noise() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => Just(String::new()),
        1 => Just("{".to_string()),
        1 => Just("}".to_string()),
        1 => Just("#y".to_string()),
        1 => Just("@x".to_string()),
        1 => Just(":reported".to_string()),
        1 => Just("\\".to_string()),
        1 => Just("\\@".to_string()),
        1 => Just("`".to_string()),
        1 => Just("`code`".to_string()),
        1 => Just("<i>".to_string()),
        1 => Just("[site](http://e.x/{a}#b)".to_string()),
        1 => Just("{t}@z".to_string()),
        1 => Just("\n".to_string()),
        1 => Just("\n\n".to_string()),
        1 => Just("_".to_string()),
        1 => Just("-".to_string()),
        1 => Just("é".to_string()),
    ]
}

/// Sentences the detector does attribute, with noise spliced into them.
fn attributed_sentence() -> impl Strategy<Value = String> {
    let who = prop_oneof![
        Just("Anna Berg"),
        Just("Joris Van Aken, a port director,"),
        Just("Berg"),
        Just("She"),
        Just("A senior official, speaking on condition of anonymity because talks are secret,"),
        Just("Officials"),
    ];
    let words = prop::collection::vec("[a-z]{2,7}", 3..7).prop_map(|w| w.join(" "));
    (0..4u8, who, words, noise(), noise(), noise(), 0..3usize).prop_map(
        |(shape, who, words, n1, n2, n3, at)| {
            let mut parts: Vec<&str> = words.split(' ').collect();
            let at = at.min(parts.len());
            parts.insert(at, &n2);
            let words = parts.join(" ");
            match shape {
                0 => format!("{who} said {n1}{words}{n3}."),
                1 => format!("\"{n1}{words}{n3},\" {who} said."),
                2 => format!("According to {who}, {words}{n3}."),
                _ => format!("\"{words},\" {who} said, \"{n1}{words}{n3}.\""),
            }
        },
    )
}

fn attributed_document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(
            (
                attributed_sentence(),
                prop_oneof![Just(" "), Just("\n"), Just("\r\n"), Just("\n\n")],
            ),
            1..5,
        ),
        prop::bool::ANY,
        prop::bool::ANY,
    )
        .prop_map(|(sentences, newline, defined)| {
            let mut s = String::new();
            for (sentence, sep) in sentences {
                s.push_str(&sentence);
                s.push_str(sep);
            }
            if defined {
                s.push_str("\n[@berg]: Anna Berg\n  alias: Berg");
            }
            if newline {
                s.push('\n');
            }
            s
        })
}

fn check(source: &str) -> Result<(), TestCaseError> {
    for options in [
        SuggestOptions::default(),
        SuggestOptions {
            quote_confidence: Some("claimed".into()),
            ..SuggestOptions::default()
        },
    ] {
        let suggestion = suggest(source, &options);
        prop_assert_eq!(stripped(&suggestion.text), stripped(source));
        let before = claimmark::parse(source).diagnostics.len();
        let after = claimmark::parse(&suggestion.text).diagnostics.len();
        prop_assert!(after <= before, "new diagnostics: {:?}", suggestion.text);
        // Every new source is defined exactly once.
        let parsed = claimmark::parse(&suggestion.text);
        for new in &suggestion.new_sources {
            let n = parsed
                .document
                .sources()
                .filter(|d| d.id.text == new.id)
                .count();
            prop_assert_eq!(n, 1, "{} in {:?}", new.id, suggestion.text);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn suggestions_never_change_the_copy(source in document()) {
        check(&source)?;
    }

    #[test]
    fn attributed_prose_keeps_its_copy(source in attributed_document()) {
        check(&source)?;
    }
}

#[test]
fn hand_picked_edge_cases() {
    let cases = [
        "Anna Berg said the plan would fail soon#y.\n",
        "Anna Berg said the plan would fail soon@x.\n",
        "Anna Berg said the plan would fail soon:reported.\n",
        "Anna Berg said the plan would fail soon\\.\n",
        "Anna Berg said the plan would {fail soon.\n",
        "Anna Berg said the plan} would fail soon.\n",
        "Anna Berg said the plan would fail soon",
        "Anna Berg said the plan would fail soon.\n```\ncode\n",
        "\u{feff}Anna Berg said the plan would fail soon.",
        "---\ntitle: x\n---\nAnna Berg said the plan would fail soon.",
        "Anna Berg said the plan would fail soon.\n  indented tail",
        "\"We will win,\" Anna Berg said, \"and we will win again.\"\r\n",
        "Anna Berg said `the plan` would fail soon.\n",
        "Anna Berg said the [plan](http://x.y/{a}#b) would fail soon.\n",
        "Anna Berg said the plan would fail soon\n[@berg]: Anna Berg\n",
    ];
    for case in cases {
        check(case).unwrap_or_else(|e| panic!("{case:?}: {e}"));
    }
}
