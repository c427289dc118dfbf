//! Front matter that is not valid YAML or TOML, or not a mapping of keys to values.
//!
//! Reported by the parser on the failing line. The rest of the file is still parsed,
//! but no front matter key is read, so the publication date is unknown.
//!
//! ## Why
//! The publication date in the front matter resolves relative dates ("10 years ago");
//! when it cannot be read, date checks are skipped and the CMS may reject the file too.
//!
//! ## Example
//! ```markdown
//! ---
//! title: "Spies in Brussels
//! published: 2019-06-01
//! ---
//! ```
//! Close the quoted string.
