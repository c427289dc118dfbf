//! `parse` is lossless on any text: the tree tiles the input and prints it back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = claimmark::parse(source);
    assert_eq!(
        parsed.document.print(source),
        source,
        "print(parse(x)) != x"
    );
    assert!(
        parsed.document.tree.check_tiling().is_ok(),
        "the tree does not tile"
    );
});
