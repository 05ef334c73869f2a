//! Tables as plain data: the numbers behind every chart, sortable, and the same rows as CSV.
//! Natively tested; the widget's `components/data_table.rs` draws them.

use std::cmp::Ordering;
use yardstick_stats::is_decimal_number;
use yardstick_stats::sort_with;

/// How a column sorts and aligns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text, sorted alphabetically.
    Text,
    /// Numbers, right-aligned, sorted numerically with blanks last.
    Number,
}

/// A column heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub kind: ColumnKind,
}

impl Column {
    pub fn text(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            kind: ColumnKind::Text,
        }
    }

    pub fn number(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            kind: ColumnKind::Number,
        }
    }
}

/// One cell: what is shown, and the raw value behind it for sorting and CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// As displayed ("56.8%", "Not available").
    pub shown: String,
    /// The number, for numeric columns; `None` for a blank or a typed gap.
    pub number: Option<f64>,
    /// The value written to CSV (a plain number without unit, or the text).
    pub raw: String,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            shown: text.clone(),
            number: None,
            raw: text,
        }
    }

    /// A published value: shown formatted, written to CSV with every digit the publisher gave
    /// (the shortest decimal that reads back as the same number), never rounded.
    pub fn published(value: f64, shown: impl Into<String>) -> Self {
        Self {
            shown: shown.into(),
            number: value.is_finite().then_some(value),
            raw: if value.is_finite() {
                value.to_string()
            } else {
                String::new()
            },
        }
    }

    /// A computed figure (a median, a distance) shown formatted and written plainly, with the
    /// given decimal places, to CSV.
    pub fn number(value: f64, shown: impl Into<String>, decimals: usize) -> Self {
        Self {
            shown: shown.into(),
            number: value.is_finite().then_some(value),
            raw: if value.is_finite() {
                format!("{value:.decimals$}")
            } else {
                String::new()
            },
        }
    }

    /// A numeric column's gap: shown as text, blank in CSV, sorted last.
    pub fn gap(shown: impl Into<String>) -> Self {
        Self {
            shown: shown.into(),
            number: None,
            raw: String::new(),
        }
    }
}

/// A row; `highlighted` marks the council the view is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub highlighted: bool,
}

/// A table with a caption and the lines that must travel with it (source, licence, caveats).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub caption: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Source, licence, period, group definition, caveats and bundle hash, one per line.
    pub provenance: Vec<String>,
}

/// Sort order of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Ascending,
    Descending,
}

impl Table {
    /// Row indices in the order given by sorting `column`; ties keep the table's own order,
    /// and gaps in numeric columns always come last.
    pub fn sorted_indices(&self, column: usize, order: SortOrder) -> Vec<usize> {
        let kind = self
            .columns
            .get(column)
            .map_or(ColumnKind::Text, |c| c.kind);
        let mut indices: Vec<usize> = (0..self.rows.len()).collect();
        let cell = |row: usize| self.rows.get(row).and_then(|r| r.cells.get(column));
        sort_with(&mut indices, |&a, &b| {
            let (x, y) = (cell(a), cell(b));
            let ordering = match kind {
                ColumnKind::Number => match (x.and_then(|c| c.number), y.and_then(|c| c.number)) {
                    (Some(x), Some(y)) => {
                        let o = x.total_cmp(&y);
                        if order == SortOrder::Descending {
                            o.reverse()
                        } else {
                            o
                        }
                    }
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                },
                ColumnKind::Text => {
                    let key = |c: Option<&Cell>| c.map(|c| c.shown.to_lowercase());
                    let o = key(x).cmp(&key(y));
                    if order == SortOrder::Descending {
                        o.reverse()
                    } else {
                        o
                    }
                }
            };
            ordering.then(a.cmp(&b))
        });
        indices
    }

    /// The table as CSV (RFC 4180): provenance lines first, each as a one-cell row starting
    /// with `#`, then the header and the rows. Numbers are plain, without units.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        for line in &self.provenance {
            out.push_str(&csv_field(&format!("# {line}")));
            out.push_str("\r\n");
        }
        let header: Vec<String> = self.columns.iter().map(|c| csv_field(&c.title)).collect();
        out.push_str(&header.join(","));
        out.push_str("\r\n");
        for row in &self.rows {
            let cells: Vec<String> = row.cells.iter().map(|c| csv_field(&c.raw)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

/// Quotes a field when it holds a comma, quote or line break; doubles inner quotes. A field
/// that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`,
/// unless it is a plain number.
fn csv_field(text: &str) -> String {
    let looks_like_formula =
        text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_decimal_number(text);
    let text = if looks_like_formula {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let row = |name: &str, value: Option<f64>| Row {
            cells: vec![
                Cell::text(name),
                match value {
                    Some(v) => Cell::number(v, format!("{v:.1}%"), 1),
                    None => Cell::gap("Suppressed"),
                },
            ],
            highlighted: name == "Trafford",
        };
        Table {
            caption: "Recycling rate".to_owned(),
            columns: vec![Column::text("Council"), Column::number("Rate")],
            rows: vec![
                row("Wigan", None),
                row("Bury", Some(52.6)),
                row("Trafford", Some(58.4)),
                row("Bolton", Some(52.6)),
            ],
            provenance: vec![
                "Source: DEFRA, \"ENV18\"".to_owned(),
                "Period: 2022-23".to_owned(),
            ],
        }
    }

    #[test]
    fn numbers_sort_either_way_with_gaps_last_and_ties_stable() {
        let t = table();
        assert_eq!(t.sorted_indices(1, SortOrder::Descending), [2, 1, 3, 0]);
        assert_eq!(t.sorted_indices(1, SortOrder::Ascending), [1, 3, 2, 0]);
    }

    #[test]
    fn text_sorts_without_regard_to_case() {
        let t = table();
        assert_eq!(t.sorted_indices(0, SortOrder::Ascending), [3, 1, 2, 0]);
        assert_eq!(t.sorted_indices(0, SortOrder::Descending), [0, 2, 1, 3]);
    }

    #[test]
    fn csv_carries_provenance_and_plain_numbers() {
        assert_eq!(
            table().to_csv(),
            "\"# Source: DEFRA, \"\"ENV18\"\"\"\r\n# Period: 2022-23\r\nCouncil,Rate\r\n\
             Wigan,\r\nBury,52.6\r\nTrafford,58.4\r\nBolton,52.6\r\n"
        );
    }

    #[test]
    fn published_values_keep_every_digit_in_csv() {
        // ASC workforce turnover as NHS England published it; computed figures keep places.
        let published = Cell::published(28.04317139, "28.0%");
        assert_eq!(
            (published.shown.as_str(), published.raw.as_str()),
            ("28.0%", "28.04317139")
        );
        // The publisher's text carries binary noise; the same number reads back shortest.
        let noisy: f64 = "9.3699999999999992".parse().unwrap();
        assert_eq!(Cell::published(noisy, "9.4").raw, "9.37");
        assert_eq!(Cell::published(40.0, "40.0%").raw, "40");
        assert_eq!(Cell::number(0.123456, "0.12", 3).raw, "0.123");
        assert_eq!(Cell::published(f64::NAN, "–").raw, "");
    }

    #[test]
    fn csv_defuses_spreadsheet_formulas_but_not_negative_numbers() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-12.5"), "-12.5");
        assert_eq!(csv_field("+3"), "+3");
        assert_eq!(csv_field("-1.5e3"), "-1.5e3");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-1+2"), "'-1+2");
        assert_eq!(csv_field("-inf"), "'-inf");
    }
}
