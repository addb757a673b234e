//! Aligned text tables for people.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

/// A table: a header row and data rows, printed with columns aligned by
/// display width (so Korean and Japanese names line up).
#[derive(Clone, Debug, Default)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headers.
    pub fn new<I, S>(headers: I) -> Table
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Table {
            headers: headers.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells are blank).
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no data rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Writes the table; the last column is not padded. Control characters
    /// in cells are shown escaped so a cell never breaks the layout.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let clean = |s: &str| -> String {
            if s.chars().any(char::is_control) {
                s.escape_debug().to_string()
            } else {
                s.to_owned()
            }
        };
        let rows: Vec<Vec<String>> = std::iter::once(&self.headers)
            .chain(self.rows.iter())
            .map(|r| r.iter().map(|c| clean(c)).collect())
            .collect();
        let ncol = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0usize; ncol];
        for r in &rows {
            for (i, c) in r.iter().enumerate() {
                widths[i] = widths[i].max(UnicodeWidthStr::width(c.as_str()));
            }
        }
        for r in &rows {
            let mut line = String::new();
            for (i, w) in widths.iter().enumerate() {
                let c = r.get(i).map(String::as_str).unwrap_or("");
                line.push_str(c);
                if i + 1 < ncol {
                    let pad = w - UnicodeWidthStr::width(c) + 2;
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_by_display_width() {
        let mut t = Table::new(["id", "name", "kind"]);
        t.row(["a", "서울", "court"]);
        t.row(["bb", "Tokyo", "government"]);
        let mut out = Vec::new();
        t.write(&mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            "id  name   kind\na   서울   court\nbb  Tokyo  government\n"
        );
    }

    #[test]
    fn control_characters_are_escaped() {
        let mut t = Table::new(["x"]);
        t.row(["a\nb"]);
        let mut out = Vec::new();
        t.write(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "x\na\\nb\n");
    }
}
