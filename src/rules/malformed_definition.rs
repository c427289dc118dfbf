//! A definition line or continuation line that does not follow the grammar.
//!
//! Reported by the parser: an invalid id (`[@galeotti-]:`), a source without a name, a
//! relation that does not start with `=` or whose expression does not parse, an
//! indented line under a definition that is not `key: value`, a key given twice, or a
//! bad value for `kind:` or `tolerance:`. The definition is kept (and stripped) but not
//! used by other checks.
//!
//! ## Why
//! A malformed definition is a source or a relation the linter cannot use, so claims
//! that cite it look undefined and figures that depend on it go unchecked.
//!
//! ## Example
//! ```markdown
//! [#total]: vsse_staff + adiv_staff
//! ```
//! A relation needs `=`: `[#total]: = vsse_staff + adiv_staff`.
