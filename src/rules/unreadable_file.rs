//! A file that could not be linted: unreadable, not UTF-8, binary, or over the size limit.
//!
//! Reported by the command line, once per file, with the reason (and for invalid UTF-8
//! the byte offset of the first bad sequence). The run continues with the other files,
//! and the exit code is 2.
//!
//! ## Why
//! In a run over an archive, one bad file must neither stop the run nor disappear
//! silently: the copy in it has not been checked.
//!
//! ## Example
//! A Latin-1 encoded draft: `café` saved as bytes `63 61 66 E9`. Re-save it as UTF-8.
