//! Balanced braces with no suffix after them.
//!
//! Reported by the parser. `{…}` followed by something other than `#id`, `@source` or
//! `:confidence` is literal text. Template braces (`{{…}}`, `{%…%}`) and attribute braces
//! (`{#id}`, `{.class}`, `{:attr}`) are never reported.
//!
//! ## Why
//! A forgotten or mistyped suffix (`{…} @galeotti`, `{…}@`) turns a claim into plain
//! text: nobody is on record for it and nothing checks it.
//!
//! ## Example
//! ```markdown
//! {Belgium spends 0.01 percent of GDP on intelligence} @galeotti
//! ```
//! Remove the space: `{…}@galeotti`; for literal braces write `\{…\}`.
