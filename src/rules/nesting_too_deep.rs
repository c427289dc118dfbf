//! Tags nested more than 256 levels deep.
//!
//! Reported by the parser, once per paragraph. Braces deeper than the limit are kept as
//! literal text (they still count for matching), so the parser's memory and time stay
//! bounded on any input.
//!
//! ## Why
//! No real draft nests claims this deep; such input is generated or corrupted, and the
//! deep braces are not checked.
//!
//! ## Example
//! Two hundred and fifty-seven `{` in a row, each closed with `}@x`.
