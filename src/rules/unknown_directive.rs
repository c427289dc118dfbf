//! A `<!-- claimmark-… -->` comment whose name is not a known directive.
//!
//! Reported by the parser. Known directives are `claimmark-disable`,
//! `claimmark-enable`, `claimmark-disable-next-line` and `claimmark-disable-file`.
//!
//! ## Why
//! A misspelt directive does nothing, so the findings it was meant to silence still
//! appear, or worse, a later `enable` never takes effect.
//!
//! ## Example
//! ```markdown
//! <!-- claimmark-disabel unused-source -->
//! ```
//! Spell it `claimmark-disable`.
