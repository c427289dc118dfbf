//! A fenced code block that is never closed.
//!
//! Reported by the parser on the opening fence line. As in CommonMark, an unclosed fence
//! runs to the end of the document, so everything after it is verbatim code.
//!
//! ## Why
//! A forgotten closing fence silently turns the rest of the draft into code: its tags are
//! no longer checked, and `strip` leaves them — and the definitions — in the published copy.
//!
//! ## Example
//! ````markdown
//! ```
//! curl https://api.example.org/budget
//!
//! {The budget doubled}@finance:reported.
//! ````
//! Close the code block with a line of three backticks before the prose resumes.
