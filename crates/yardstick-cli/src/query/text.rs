//! The command line's layout of words and numbers for people. Numbers, units, minus signs, group
//! names and the reasons a figure could not be calculated come from `yardstick-present`, as
//! in the widget; this module adds the words only the command line uses, and aligns them.

use std::fmt::Write as _;

use anyhow::Result;
use yardstick_bundle::MetricMeta;
use yardstick_present::table::Table;
use yardstick_present::{format, words};
use yardstick_stats::{
    BenchmarkComparison, ConfidenceInterval, ConfidenceLevel, Direction, IntervalMethod, Judgement,
    NotCalculated, Outcome, Polarity, Qualifier, QuartileBand, RankOrder, RelativeMarker, Travel,
    TrendMarker,
};

/// A signed number with two decimal places, for scores.
pub fn signed(value: f64) -> String {
    let text = format::number(value, 2);
    if value > 0.0 && text != "0.00" {
        format!("+{text}")
    } else {
        text
    }
}

/// A signed number with one decimal place, for percentage changes.
pub fn signed_1(value: f64) -> String {
    let text = format::number(value, 1);
    if value > 0.0 && text != "0.0" {
        format!("+{text}")
    } else {
        text
    }
}

/// 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st.
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A figure, or the widget's "Not calculated: reason".
pub fn or_reason<T>(outcome: &Outcome<T>, show: impl FnOnce(&T) -> String) -> String {
    match outcome {
        Ok(value) => show(value),
        Err(why) => words::not_calculated_note(*why),
    }
}

/// "Not compared: reason", in the widget's words for the badge and the reason.
pub fn not_compared(why: NotCalculated) -> String {
    format!(
        "{}: {}",
        words::NOT_COMPARED.words,
        words::not_calculated(why)
    )
}

/// What the polarity means for a reader.
pub fn polarity(polarity: Polarity) -> &'static str {
    match polarity {
        Polarity::HigherIsBetter => "A higher figure is better.",
        Polarity::LowerIsBetter => "A lower figure is better.",
        Polarity::NoJudgement => "Neither a higher nor a lower figure is better.",
    }
}

/// What rank 1 is.
pub fn rank_order(order: RankOrder) -> &'static str {
    match order {
        RankOrder::BestFirst => "1 = best",
        RankOrder::HighestFirst => "1 = highest",
    }
}

/// LG Inform's quartile bands.
pub fn band(band: QuartileBand) -> &'static str {
    match band {
        QuartileBand::Lowest => "lowest 25%",
        QuartileBand::LowerMiddle => "lower middle 25%",
        QuartileBand::UpperMiddle => "upper middle 25%",
        QuartileBand::Highest => "highest 25%",
    }
}

/// Higher, similar, lower.
pub fn direction(direction: Direction) -> &'static str {
    match direction {
        Direction::Higher => "higher",
        Direction::Similar => "similar",
        Direction::Lower => "lower",
    }
}

fn level(level: ConfidenceLevel) -> &'static str {
    match level {
        ConfidenceLevel::P95 => "95%",
        ConfidenceLevel::P998 => "99.8%",
    }
}

/// Fingertips' words for a comparison with the benchmark, with its level.
pub fn judgement(comparison: &BenchmarkComparison) -> String {
    let word = match comparison.judgement {
        Judgement::Best | Judgement::Better => "better",
        Judgement::Similar => "similar",
        Judgement::Worse | Judgement::Worst => "worse",
        Judgement::Higher => "higher",
        Judgement::Lower => "lower",
    };
    match comparison.significant_at {
        Some(at) if comparison.judgement != Judgement::Similar => {
            format!("{word} (significant at {})", level(at))
        }
        _ => word.to_owned(),
    }
}

/// A comparison, or "not compared: reason".
pub fn comparison(outcome: &Outcome<BenchmarkComparison>) -> String {
    match outcome {
        Ok(c) => judgement(c),
        Err(why) => not_compared(*why),
    }
}

/// An interval in the metric's unit, with its method.
pub fn interval(meta: &MetricMeta, interval: &ConfidenceInterval) -> String {
    let method = match interval.method {
        IntervalMethod::Wilson => "Wilson score",
        IntervalMethod::ExactPoisson => "exact Poisson",
        IntervalMethod::Byar => "Byar's",
        IntervalMethod::Dobson => "Dobson",
        IntervalMethod::StudentT => "Student's t",
        IntervalMethod::Published => "published",
    };
    format!(
        "{} ({method})",
        format::range(meta, interval.lower, interval.upper)
    )
}

/// Direction of travel.
pub fn travel(travel: Travel) -> &'static str {
    match travel {
        Travel::Up => "up",
        Travel::Down => "down",
        Travel::NoChange => "no change",
    }
}

/// Fingertips' recent-trend marker.
pub fn trend_marker(marker: TrendMarker) -> &'static str {
    match marker {
        TrendMarker::Increasing => "increasing",
        TrendMarker::Decreasing => "decreasing",
        TrendMarker::NoSignificantChange => "no significant change",
    }
}

/// The relative-trend verdict.
pub fn relative_marker(marker: RelativeMarker) -> &'static str {
    match marker {
        RelativeMarker::ImprovingFasterThanPeers => "improving faster than its peers",
        RelativeMarker::ImprovingSlowerThanPeers => "improving more slowly than its peers",
        RelativeMarker::RisingRelativeToPeers => "rising relative to its peers",
        RelativeMarker::FallingRelativeToPeers => "falling relative to its peers",
        RelativeMarker::NoSignificantDifference => "no significant difference from its peers",
    }
}

/// The publisher's qualifier, as a parenthesis (empty when none).
pub fn qualifier(qualifier: Option<Qualifier>) -> String {
    let word = match qualifier {
        None => return String::new(),
        Some(Qualifier::Provisional) => "provisional",
        Some(Qualifier::Revised) => "revised",
        Some(Qualifier::Estimated) => "estimated",
        Some(Qualifier::LowReliability) => "low reliability",
    };
    format!(" ({word})")
}

/// Left-aligned columns separated by two spaces, with a header row.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let header: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
    let mut text = String::new();
    for row in std::iter::once(&header).chain(rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| {
                let pad = width.saturating_sub(cell.chars().count());
                format!("{cell}{}", " ".repeat(pad))
            })
            .collect();
        let _ = writeln!(text, "{}", cells.join("  ").trim_end());
    }
    text
}

/// One of `yardstick-present`'s tables, laid out as [`table`] does: its column titles, and
/// each cell as the widget's data table shows it. `lead` adds a first column (a title and a
/// cell for each row, in the table's row order).
pub fn laid_out(model: &Table, lead: Option<(&str, &[String])>) -> String {
    let mut headers: Vec<&str> = Vec::with_capacity(model.columns.len() + 1);
    headers.extend(lead.map(|(title, _)| title));
    headers.extend(model.columns.iter().map(|c| c.title.as_str()));
    let rows: Vec<Vec<String>> = model
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut cells = Vec::with_capacity(row.cells.len() + 1);
            if let Some((_, lead)) = lead {
                cells.push(lead.get(i).cloned().unwrap_or_default());
            }
            cells.extend(row.cells.iter().map(|cell| cell.shown.clone()));
            cells
        })
        .collect();
    table(&headers, &rows)
}

/// Label–value lines, the labels padded to one width.
pub fn pairs(lines: &[(&str, String)]) -> String {
    let width = lines
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for (label, value) in lines {
        let pad = width.saturating_sub(label.chars().count());
        let _ = writeln!(text, "{label}{}  {value}", " ".repeat(pad));
    }
    text
}

/// CSV with a header row.
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(headers)?;
    for row in rows {
        writer.write_record(row)?;
    }
    Ok(String::from_utf8(writer.into_inner()?)?)
}

/// A number for CSV: full precision, empty when not calculated.
pub fn csv_number(outcome: Result<f64, impl Sized>) -> String {
    outcome.map(|v| v.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_follow_english() {
        let all: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            all,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th", "112th"
            ]
        );
    }
}
