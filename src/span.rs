//! Byte-offset spans and the line index that turns them into lines and columns.
//!
//! Every span in Claimmark is a half-open byte range into the source text. Lines and
//! columns are computed only at the edges (renderers, JSON output, a language server),
//! through a [`LineIndex`] built once per file.

use serde::Serialize;

/// A half-open byte range `[start, end)` into a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers in `source`.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// Whether two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// This span moved right by `delta` bytes (for spans computed on a substring).
    pub const fn shift(&self, delta: usize) -> Span {
        Span::new(self.start + delta, self.end + delta)
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A line and column position, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    /// 1-based column counted in Unicode scalar values.
    pub column: usize,
}

/// Maps byte offsets to lines and columns. Built in one pass over the text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset at which each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { line_starts }
    }

    /// 0-based line number containing `offset` (an offset at a line's `\n` belongs to that line).
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(usize::MAX)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 1-based line and column (in Unicode scalar values). Offsets inside a multi-byte
    /// character count as that character; offsets past the end clamp to the end.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        LineCol {
            line: line + 1,
            column: text[start..offset].chars().count() + 1,
        }
    }

    /// 0-based line and UTF-16 code unit column, as the Language Server Protocol counts.
    pub fn line_col_utf16(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = text[start..offset].chars().map(char::len_utf16).sum();
        (line, column)
    }
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_scalar_values() {
        let text = "ab\nçé{x}\r\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_col(text, 2), LineCol { line: 1, column: 3 });
        assert_eq!(index.line_col(text, 3), LineCol { line: 2, column: 1 });
        // "çé" is four bytes; `{` is the third character of line 2.
        assert_eq!(index.line_col(text, 7), LineCol { line: 2, column: 3 });
        assert_eq!(
            index.line_col(text, text.len()),
            LineCol { line: 3, column: 5 }
        );
        let emoji = "a😀b";
        assert_eq!(LineIndex::new(emoji).line_col_utf16(emoji, 5), (0, 3));
    }

    #[test]
    fn offsets_inside_a_character_clamp_to_its_start() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 1), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_col(text, 99), LineCol { line: 1, column: 2 });
    }
}
