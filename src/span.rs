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

/// Ranges sorted by start with the running maximum of their ends, so that "does any
/// range start before `hi` and end after `lo`" is one binary search. The linter asks it
/// once per sentence over thousands of ranges (claim tags, quotations, hedges, planned
/// tags), where a scan each time would be quadratic.
#[derive(Debug, Default)]
pub struct Reach {
    starts: Vec<usize>,
    /// `max_ends[k]`: the largest end among the ranges with the `k + 1` first starts.
    max_ends: Vec<usize>,
}

impl Reach {
    /// Indexes `(start, end)` pairs, in any order.
    pub fn new(ranges: impl IntoIterator<Item = (usize, usize)>) -> Reach {
        let mut ranges: Vec<(usize, usize)> = ranges.into_iter().collect();
        ranges.sort_unstable();
        let mut max_end = 0;
        let (starts, max_ends) = ranges
            .into_iter()
            .map(|(start, end)| {
                max_end = max_end.max(end);
                (start, max_end)
            })
            .unzip();
        Reach { starts, max_ends }
    }

    /// The largest end among the ranges that start before `hi`, if any does.
    pub fn max_end_before(&self, hi: usize) -> Option<usize> {
        let k = self.starts.partition_point(|&start| start < hi);
        k.checked_sub(1).map(|k| self.max_ends[k])
    }
}

/// A line and column position, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    /// 1-based column counted in Unicode scalar values.
    pub column: usize,
}

/// Lines longer than this many bytes get column checkpoints, so that computing a column
/// counts at most about this many bytes however long the line is. One checkpoint costs
/// 24 bytes, about 9% of the line it indexes; only long lines have them.
const COLUMN_CHECKPOINT_INTERVAL: usize = 256;

/// Column counts at a char boundary inside a long line, counted from the line start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ColumnCheckpoint {
    offset: usize,
    /// Unicode scalar values in `line start..offset`.
    chars: usize,
    /// UTF-16 code units in `line start..offset`.
    utf16_units: usize,
}

impl ColumnCheckpoint {
    fn line_start(offset: usize) -> Self {
        ColumnCheckpoint {
            offset,
            chars: 0,
            utf16_units: 0,
        }
    }

    /// The counts at `to`, a char boundary at or after this checkpoint.
    fn advance(self, text: &str, to: usize) -> Self {
        let piece = &text[self.offset..to];
        let chars = piece.chars().count();
        ColumnCheckpoint {
            offset: to,
            chars: self.chars + chars,
            utf16_units: self.utf16_units + chars + supplementary_chars(piece),
        }
    }
}

/// Maps byte offsets to lines and columns. Built in one pass over the text, plus one
/// counting pass over lines longer than [`COLUMN_CHECKPOINT_INTERVAL`].
///
/// A column is counted from the nearest preceding checkpoint on its line rather than
/// from the line start: one paragraph written on one line, or a file whose only line
/// breaks are lone `\r` (not line ends here), would otherwise cost a scan of the line
/// for every finding on it.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset at which each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
    /// Checkpoints every [`COLUMN_CHECKPOINT_INTERVAL`] bytes (rounded down to a char
    /// boundary) of each line longer than that, in offset order. Empty for most files.
    column_checkpoints: Vec<ColumnCheckpoint>,
    /// Length of the indexed text, to catch queries against another text in debug builds.
    text_len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let line_ends = line_starts.iter().skip(1).copied().chain([text.len()]);
        let mut column_checkpoints = Vec::new();
        for (start, end) in line_starts.iter().copied().zip(line_ends) {
            let mut counted = ColumnCheckpoint::line_start(start);
            let mut next = start + COLUMN_CHECKPOINT_INTERVAL;
            while next < end {
                // At least INTERVAL - 3 bytes past the previous checkpoint, so it advances.
                counted = counted.advance(text, floor_char_boundary(text, next));
                column_checkpoints.push(counted);
                next += COLUMN_CHECKPOINT_INTERVAL;
            }
        }
        LineIndex {
            line_starts,
            column_checkpoints,
            text_len: text.len(),
        }
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
        let (line, from, offset) = self.nearest_checkpoint(text, offset);
        LineCol {
            line: line + 1,
            column: from.chars + text[from.offset..offset].chars().count() + 1,
        }
    }

    /// 0-based line and UTF-16 code unit column, as the Language Server Protocol counts.
    pub fn line_col_utf16(&self, text: &str, offset: usize) -> (usize, usize) {
        let (line, from, offset) = self.nearest_checkpoint(text, offset);
        (line, from.advance(text, offset).utf16_units)
    }

    /// The 0-based line of `offset`, the checkpoint to count its column from (the line
    /// start when none is nearer), and `offset` clamped as [`LineIndex::line_col`] says.
    fn nearest_checkpoint(&self, text: &str, offset: usize) -> (usize, ColumnCheckpoint, usize) {
        debug_assert_eq!(
            text.len(),
            self.text_len,
            "a LineIndex is queried with the text it was built from"
        );
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let line_start = self.line_starts[line];
        let after = self
            .column_checkpoints
            .partition_point(|c| c.offset <= offset);
        let from = match after.checked_sub(1).map(|i| self.column_checkpoints[i]) {
            Some(checkpoint) if checkpoint.offset >= line_start => checkpoint,
            _ => ColumnCheckpoint::line_start(line_start),
        };
        (line, from, offset)
    }
}

/// Scalar values above U+FFFF in `text`, which take two UTF-16 code units: exactly the
/// four-byte UTF-8 sequences, whose lead bytes are the only bytes ≥ 0xF0.
fn supplementary_chars(text: &str) -> usize {
    text.bytes().filter(|&b| b >= 0xF0).count()
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
    fn reach_answers_like_a_scan() {
        let ranges = [(10, 12), (0, 3), (5, 20), (5, 6), (30, 31)];
        let reach = Reach::new(ranges);
        for hi in 0..35 {
            let scan = ranges.iter().filter(|r| r.0 < hi).map(|r| r.1).max();
            assert_eq!(reach.max_end_before(hi), scan, "hi = {hi}");
        }
        assert_eq!(Reach::new([]).max_end_before(100), None);
    }

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

    /// Columns as they were computed before checkpoints: counted from the line start.
    fn columns_by_counting_the_line(text: &str, offset: usize) -> (LineCol, (usize, usize)) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = text[..offset].matches('\n').count();
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let piece = &text[start..offset];
        let line_col = LineCol {
            line: line + 1,
            column: piece.chars().count() + 1,
        };
        (line_col, (line, piece.chars().map(char::len_utf16).sum()))
    }

    fn assert_columns_match_counting(text: &str, offsets: impl IntoIterator<Item = usize>) {
        let index = LineIndex::new(text);
        for offset in offsets {
            let (line_col, utf16) = columns_by_counting_the_line(text, offset);
            assert_eq!(index.line_col(text, offset), line_col, "offset {offset}");
            assert_eq!(index.line_col_utf16(text, offset), utf16, "offset {offset}");
        }
    }

    #[test]
    fn long_lines_with_multi_byte_characters_count_like_the_line_scan() {
        // Lone CRs are not line ends, so this is one line of about 10 KB; the CRLF lines
        // and the short lines around it check that checkpoints stay on their own line.
        let sentence = "Le déficit a atteint 4,2 % — 😀 selon l’Insee.\r";
        let mut text = String::from("short\r\nline\n");
        text.push_str(&sentence.repeat(200));
        text.push_str("\r\n");
        text.push_str(&"x€😀".repeat(700));
        text.push_str("\nend");
        let index = LineIndex::new(&text);
        assert!(index.column_checkpoints.len() > 10);
        assert_columns_match_counting(&text, 0..=text.len() + 2);
    }

    #[test]
    fn characters_straddling_a_checkpoint_count_once() {
        // A 2-, 3- or 4-byte character across every checkpoint offset, shifted by 1 to 3
        // bytes so that each byte of it lands on the boundary, on a line starting at 0
        // (also with a lone CR in it) and on one starting after a line break.
        let interval = COLUMN_CHECKPOINT_INTERVAL;
        for prefix in ["", "ab\n", "a\r"] {
            for shift in 1..=3 {
                for wide in ["é", "€", "😀"] {
                    let unit = format!("{}{wide}", "a".repeat(interval - wide.len()));
                    let text = format!("{prefix}{}{}", "a".repeat(shift), unit.repeat(6));
                    let line_start = text.rfind('\n').map_or(0, |i| i + 1);
                    let around_checkpoints = (1..=6).flat_map(|k| {
                        let at = line_start + k * interval;
                        at - 4..at + 5
                    });
                    assert_columns_match_counting(&text, around_checkpoints);
                }
            }
        }
    }

    #[test]
    fn only_lines_longer_than_one_interval_get_checkpoints() {
        let interval = COLUMN_CHECKPOINT_INTERVAL;
        // The first line is `interval` bytes with its `\n`; the second is one byte more.
        let text = format!("{}\n{}", "a".repeat(interval - 1), "b".repeat(interval + 1));
        let index = LineIndex::new(&text);
        assert_eq!(index.column_checkpoints.len(), 1);
        assert_columns_match_counting(&text, 0..=text.len());
    }

    proptest::proptest! {
        #[test]
        fn columns_match_counting_the_line(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "a", "a", "word ", "é", "€", "😀", "\u{7ff}", "\u{10000}", "\r", "\r\n", "\n",
                ]),
                0..3000,
            ),
            offsets in proptest::collection::vec(proptest::prelude::any::<proptest::sample::Index>(), 1..64),
        ) {
            let text: String = pieces.concat();
            let index = LineIndex::new(&text);
            for offset in offsets.iter().map(|i| i.index(text.len() + 2)) {
                let (line_col, utf16) = columns_by_counting_the_line(&text, offset);
                proptest::prop_assert_eq!(index.line_col(&text, offset), line_col);
                proptest::prop_assert_eq!(index.line_col_utf16(&text, offset), utf16);
            }
        }
    }

    #[test]
    fn offsets_inside_a_character_clamp_to_its_start() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 1), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_col(text, 99), LineCol { line: 1, column: 2 });
    }
}
