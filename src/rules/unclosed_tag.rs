//! A `{` that is never closed before the paragraph ends.
//!
//! Reported by the parser. The brace is kept as literal text, so whatever the writer
//! meant to tag is not checked at all.
//!
//! ## Why
//! An unclosed tag usually means a missing `}` or a tag broken by a blank line. The
//! claim it was meant to mark silently escapes every attribution check, and the stray
//! brace would be published.
//!
//! ## Example
//! ```markdown
//! {The ministry cut the budget by a third@finance:reported
//! ```
//! Close the tag: `{The ministry cut the budget by a third}@finance:reported`, or
//! write `\{` for a literal brace.
