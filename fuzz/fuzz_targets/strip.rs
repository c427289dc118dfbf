//! `strip`: the offset map is monotone and in range in every mode; the Markdown copy
//! (with and without front matter) holds no Claimmark syntax and strips to itself.
#![no_main]

use claimmark::parse;
use claimmark::syntax::{StripMode, StripOptions, strip};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let document = parse(source).document;
    for (mode, keep_front_matter) in [
        (StripMode::Markdown, true),
        (StripMode::Markdown, false),
        (StripMode::Text, false),
    ] {
        let options = StripOptions {
            mode,
            keep_front_matter,
        };
        let once = strip(source, &document, options);
        let mut previous = 0;
        for i in 0..=once.text.len() {
            let at = once.source_offset(i);
            assert!(at <= source.len(), "offset {i} maps past the source");
            assert!(at >= previous, "the offset map goes back at {i}");
            previous = at;
        }
        if mode == StripMode::Markdown {
            let reparsed = parse(&once.text).document;
            assert!(reparsed.tags.is_empty(), "a tag is left in {:?}", once.text);
            assert!(reparsed.definitions.is_empty(), "a definition is left");
            assert!(reparsed.directives.is_empty(), "a directive is left");
            let twice = strip(&once.text, &reparsed, options);
            assert_eq!(twice.text, once.text, "strip is not idempotent");
        }
    }
});
