//! A suppression directive, or a rule listed in one, that silences nothing.
//!
//! Reported after suppressions are applied: a `claimmark-disable`,
//! `claimmark-disable-next-line` or `claimmark-disable-file` comment whose listed rule
//! (or, with no list, any rule) produced no finding in its scope, and a listed name that
//! is not a rule at all.
//!
//! ## Why
//! Stale suppressions hide future problems: once the finding they were written for is
//! fixed, they silently swallow the next real one. A misspelt rule name silences nothing.
//!
//! ## Example
//! ```markdown
//! <!-- claimmark-disable-next-line unused-source -->
//! {Spending is low}@galeotti:reported.
//! ```
//! Nothing on the next line is an `unused-source` finding: remove the directive.
