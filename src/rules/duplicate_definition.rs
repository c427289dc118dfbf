//! Two definitions of the same source or quantity id.
//!
//! Reported by the parser on the second definition, with a label on the first. Sources
//! (`[@id]:`) and relations (`[#id]:`) are separate namespaces.
//!
//! ## Why
//! With two definitions it is unclear who a tag names or which relation holds; usually
//! one is a copy-paste left over from another draft.
//!
//! ## Example
//! ```markdown
//! [@kross]: Kristof Clerix
//! [@kross]: Kristof Clerix, journalist
//! ```
//! Keep one definition.
