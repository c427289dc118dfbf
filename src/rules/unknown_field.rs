//! A continuation key that the definition kind does not know.
//!
//! Reported by the parser. Sources know `role`, `kind`, `anonymous`, `url` and `alias`;
//! relations know `tolerance`. The field is kept but ignored.
//!
//! ## Why
//! Usually a typo (`anonymus:`), which means the information the writer meant to give —
//! such as the reason for anonymity — is lost.
//!
//! ## Example
//! ```markdown
//! [@official]: A senior official
//!   anonymus: not authorised to speak publicly
//! ```
//! Spell the key `anonymous:`.
