//! `suggest` never changes a word of the copy: `strip(suggest(x)) == strip(x)`, and its
//! output parses back losslessly.
#![no_main]

use claimmark::parse;
use claimmark::suggest::{SuggestOptions, suggest};
use claimmark::syntax::{StripOptions, strip};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let suggestion = suggest(source, &SuggestOptions::default());
    let before = strip(source, &parse(source).document, StripOptions::default());
    let reparsed = parse(&suggestion.text);
    assert_eq!(reparsed.document.print(&suggestion.text), suggestion.text);
    let after = strip(
        &suggestion.text,
        &reparsed.document,
        StripOptions::default(),
    );
    assert_eq!(after.text, before.text, "suggest changed the copy");
});
