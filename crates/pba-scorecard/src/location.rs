//! Where a byte offset of a TOML text is, as the 1-based line and column an
//! editor shows (columns count characters, not bytes).

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl Location {
    /// The start of a file: used when no better place is known.
    pub const START: Self = Self { line: 1, column: 1 };

    /// The location of byte `offset` of `text`; an offset past the end (or
    /// inside a character) is clamped to the last character boundary before it.
    #[must_use]
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = text.get(..end).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        let line = before.matches('\n').count() + 1;
        let column = before.get(line_start..).unwrap_or_default().chars().count() + 1;
        Self { line, column }
    }
}

#[cfg(test)]
mod tests {
    use super::Location;

    #[test]
    fn counts_lines_and_characters() {
        let text = "a = 1\nçé = \"x\"\n";
        assert_eq!(
            Location::of_offset(text, 0),
            Location { line: 1, column: 1 }
        );
        assert_eq!(
            Location::of_offset(text, 4),
            Location { line: 1, column: 5 }
        );
        assert_eq!(
            Location::of_offset(text, 6),
            Location { line: 2, column: 1 }
        );
        // `ç` and `é` are two bytes each: byte 11 is the fourth character.
        assert_eq!(
            Location::of_offset(text, 11),
            Location { line: 2, column: 4 }
        );
    }

    #[test]
    fn clamps_offsets_past_the_end_or_inside_a_character() {
        let text = "é\n";
        assert_eq!(
            Location::of_offset(text, 1),
            Location { line: 1, column: 1 }
        );
        assert_eq!(
            Location::of_offset(text, 99),
            Location { line: 2, column: 1 }
        );
    }
}
