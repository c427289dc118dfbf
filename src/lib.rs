//! Claimmark: a plain-text markup for annotating claims in article drafts, and a linter.
//!
//! This library knows nothing of terminals or files: it parses text into a lossless
//! tree with typed views ([`syntax`]), and produces diagnostics as plain data
//! ([`diagnostic`]). The `claimmark` binary is a thin layer that reads files and
//! renders the data.

pub mod diagnostic;
pub mod export;
pub mod lint;
pub mod numbers;
pub mod prose;
pub mod rules;
pub mod span;
pub mod suggest;
pub mod syntax;

pub use diagnostic::{Diagnostic, Severity};
pub use span::{LineIndex, Span};
pub use syntax::{Document, Parsed, parse};
