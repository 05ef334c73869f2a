//! What the metric view shows, as plain data: built from bundle types, with every number from
//! `yardstick-stats`. Components only lay it out. Tested natively.

use yardstick_bundle::{
    Area, AreaCode, Areas, Manifest, MetricMeta, MetricValues, Period, Reading,
};
use yardstick_stats::NotCalculated;

/// One member of the comparison group.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberRow {
    pub code: AreaCode,
    pub name: String,
    /// The published value or the typed reason there is none.
    pub reading: Reading,
    pub note: Option<String>,
    /// The council the view is about.
    pub chosen: bool,
}

/// Where the chosen council's value sits among the others in its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Members (not counting the council) with a higher value.
    pub above: usize,
    /// Members with the same value.
    pub level: usize,
    /// Members with a lower value.
    pub below: usize,
}

/// One council among the councils of its type, for one metric and period.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedComparison {
    pub metric: MetricMeta,
    pub period: Period,
    pub chosen: Area,
    /// "metropolitan districts".
    pub group_name: String,
    /// Members with a value, highest first; ties in area-code order.
    pub ranked: Vec<MemberRow>,
    /// Members without a value, in name order.
    pub missing: Vec<MemberRow>,
    /// The median of the members' values (Hyndman and Fan type 7), or why there is none.
    pub median: Result<f64, NotCalculated>,
    /// `None` when the council itself has no value.
    pub position: Option<Position>,
}

impl RankedComparison {
    /// The chosen council's row.
    pub fn chosen_row(&self) -> Option<&MemberRow> {
        self.ranked
            .iter()
            .chain(&self.missing)
            .find(|row| row.chosen)
    }
}

/// What the metric view can show for a choice of council, metric and period.
#[derive(Debug, Clone, PartialEq)]
pub enum MetricView {
    /// The comparison.
    Ranked(Box<RankedComparison>),
    /// The council does not provide the service the metric measures.
    NoService {
        area: Box<Area>,
        metric: Box<MetricMeta>,
    },
    /// The metric has no values at all for that period.
    NoValues {
        metric: Box<MetricMeta>,
        period: Period,
    },
}

/// Builds the view of `chosen` among the councils of its own type.
///
/// Members are the councils of the same type that have a row (a value or a typed gap) for the
/// period, so councils abolished since still appear in the years they existed.
pub fn same_type_comparison(
    manifest: &Manifest,
    areas: &Areas,
    metric: &MetricMeta,
    values: &MetricValues,
    chosen: &Area,
    period: Period,
) -> MetricView {
    if !metric.area_types.contains(&chosen.area_type) {
        return MetricView::NoService {
            area: Box::new(chosen.clone()),
            metric: Box::new(metric.clone()),
        };
    }
    let mut ranked = Vec::new();
    let mut missing = Vec::new();
    for value in values.for_period(period) {
        let Some(area) = areas.get(&value.area) else {
            continue;
        };
        if area.area_type != chosen.area_type {
            continue;
        }
        let row = MemberRow {
            code: area.code.clone(),
            name: area.name.clone(),
            reading: value.reading,
            note: value.note.clone(),
            chosen: area.code == chosen.code,
        };
        if row.reading.value().is_some() {
            ranked.push(row);
        } else {
            missing.push(row);
        }
    }
    if ranked.is_empty() && missing.is_empty() {
        return MetricView::NoValues {
            metric: Box::new(metric.clone()),
            period,
        };
    }
    if !ranked.iter().chain(&missing).any(|row| row.chosen) {
        // The council has no row at all for this period: say so rather than leave it out.
        missing.push(MemberRow {
            code: chosen.code.clone(),
            name: chosen.name.clone(),
            reading: Reading::Missing(yardstick_bundle::ValueStatus::NotAvailable),
            note: None,
            chosen: true,
        });
    }
    ranked.sort_by(|a, b| {
        let (x, y) = (a.reading.value(), b.reading.value());
        y.unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&x.unwrap_or(f64::NEG_INFINITY))
            .then_with(|| a.code.cmp(&b.code))
    });
    missing.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.code.cmp(&b.code)));

    let member_values: Vec<f64> = ranked.iter().filter_map(|r| r.reading.value()).collect();
    let median = yardstick_stats::median(&member_values);
    let position = ranked
        .iter()
        .find(|row| row.chosen)
        .and_then(|row| row.reading.value())
        .map(|own| {
            let others = ranked.iter().filter(|row| !row.chosen);
            let mut position = Position {
                above: 0,
                level: 0,
                below: 0,
            };
            for value in others.filter_map(|row| row.reading.value()) {
                match value.total_cmp(&own) {
                    std::cmp::Ordering::Greater => position.above += 1,
                    std::cmp::Ordering::Equal => position.level += 1,
                    std::cmp::Ordering::Less => position.below += 1,
                }
            }
            position
        });
    let group_name = manifest
        .area_type(&chosen.area_type)
        .map(|t| t.plural.to_lowercase())
        .unwrap_or_else(|| "councils of the same type".to_owned());

    MetricView::Ranked(Box::new(RankedComparison {
        metric: metric.clone(),
        period,
        chosen: chosen.clone(),
        group_name,
        ranked,
        missing,
        median,
        position,
    }))
}

impl RankedComparison {
    fn value_text(&self, value: f64) -> String {
        crate::format::value(&self.metric, value)
    }

    /// "the 36 metropolitan districts with a figure".
    pub fn members_phrase(&self) -> String {
        match self.ranked.len() {
            1 => format!("the one council of the {} with a figure", self.group_name),
            n => format!("the {n} {} with a figure", self.group_name),
        }
    }

    /// The median as text, or why there is none.
    pub fn median_text(&self) -> Option<String> {
        self.median.ok().map(|m| self.value_text(m))
    }

    /// One plain-English paragraph: the council's figure, the group median and how many
    /// members are higher or lower. It describes values, never places in a table.
    pub fn summary(&self) -> String {
        let period = self.period.label();
        let name = &self.chosen.name;
        let title = &self.metric.short_title;
        let members = self.members_phrase();
        let chosen = self.chosen_row();
        let Some(own) = chosen.and_then(|row| row.reading.value()) else {
            let why = chosen
                .and_then(|row| row.reading.status())
                .map(|status| crate::format::status(status).to_lowercase())
                .unwrap_or_else(|| "not available".to_owned());
            return match self.median_text() {
                Some(median) => format!(
                    "{title} in {period}: there is no figure for {name} ({why}). The median \
                     across {members} was {median}."
                ),
                None => format!("{title} in {period}: there is no figure for {name} ({why})."),
            };
        };
        let mut text = format!("{title} in {period}: {name} {}", self.value_text(own));
        match self.median_text() {
            Some(median) => {
                text.push_str(&format!(", against a median of {median} across {members}."))
            }
            None => text.push('.'),
        }
        if let Some(position) = self.position {
            let others = position.above + position.level + position.below;
            let parts: Vec<String> = [
                (position.below, "had a lower figure"),
                (position.above, "had a higher figure"),
                (position.level, "had the same figure"),
            ]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, phrase)| format!("{n} {phrase}"))
            .collect();
            if let Some((last, rest)) = parts.split_last() {
                let listed = if rest.is_empty() {
                    last.clone()
                } else {
                    format!("{} and {last}", rest.join(", "))
                };
                text.push_str(&format!(" Of the other {others}, {listed}."));
            }
        }
        text
    }

    /// The chart's text alternative.
    pub fn chart_description(&self) -> String {
        let mut text = format!(
            "Bar chart of {} in {} for {}, highest first. ",
            self.metric.short_title,
            self.period.label(),
            self.members_phrase(),
        );
        match self.chosen_row().and_then(|row| row.reading.value()) {
            Some(own) => text.push_str(&format!(
                "{} is marked, at {}. ",
                self.chosen.name,
                self.value_text(own)
            )),
            None => text.push_str(&format!("{} has no figure. ", self.chosen.name)),
        }
        if let Some(median) = self.median_text() {
            text.push_str(&format!("A dashed line marks the median, {median}. "));
        }
        text.push_str("The table below lists the same figures.");
        text
    }

    /// What the bar chart draws, before it is sized.
    pub fn chart_input(&self) -> crate::charts::ranked_bars::RankedBarsInput {
        use crate::charts::ranked_bars::{BarInput, RankedBarsInput};
        RankedBarsInput {
            bars: self
                .ranked
                .iter()
                .filter_map(|row| {
                    row.reading.value().map(|value| BarInput {
                        label: row.name.clone(),
                        value,
                        value_text: self.value_text(value),
                        highlighted: row.chosen,
                    })
                })
                .collect(),
            median: self
                .median
                .ok()
                .map(|m| (m, format!("Median {}", self.value_text(m)))),
            tick_decimals: tick_decimals(&self.ranked),
            width: 640,
        }
    }
}

/// Decimal places for axis ticks: none unless every value is below 10.
fn tick_decimals(rows: &[MemberRow]) -> usize {
    let largest = rows
        .iter()
        .filter_map(|row| row.reading.value())
        .map(f64::abs)
        .fold(0.0, f64::max);
    if largest < 1.0 {
        2
    } else if largest < 10.0 {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yardstick_bundle::{parse_areas, parse_manifest, parse_metric_values};

    const MANIFEST: &str = include_str!("../tests/fixtures/mini-bundle/manifest.json");

    const AREAS: &str = include_str!("../tests/fixtures/mini-bundle/areas.json");

    const VALUES: &str = include_str!("../tests/fixtures/mini-bundle/metrics/recycling.json");

    fn view_for(code: &str, period: &str) -> MetricView {
        let manifest = parse_manifest(MANIFEST.as_bytes()).expect("manifest fixture");
        let areas = parse_areas(AREAS.as_bytes()).expect("areas fixture");
        let values = parse_metric_values(VALUES.as_bytes()).expect("values fixture");
        let metric = manifest.metric("recycling").expect("metric").clone();
        let chosen = areas.get(&AreaCode::new(code)).expect("area").clone();
        let period = Period::parse_iso(period).expect("period");
        same_type_comparison(&manifest, &areas, &metric, &values, &chosen, period)
    }

    fn ranked(code: &str, period: &str) -> RankedComparison {
        match view_for(code, period) {
            MetricView::Ranked(comparison) => *comparison,
            other => panic!("expected a comparison, got {other:?}"),
        }
    }

    #[test]
    fn members_are_ordered_by_value_then_code_and_gaps_come_last() {
        let c = ranked("E08000009", "2022-04-01/P1Y");
        let names: Vec<&str> = c.ranked.iter().map(|r| r.name.as_str()).collect();
        // Bolton and Trafford tie at 40.0: area code decides.
        assert_eq!(names, ["Bury", "Bolton", "Trafford", "Manchester"]);
        let missing: Vec<&str> = c.missing.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(missing, ["Wigan"]);
    }

    #[test]
    fn the_median_counts_only_published_values() {
        // 30, 40, 40, 50: the median is 40 (Wigan's suppressed figure is not a zero).
        let c = ranked("E08000009", "2022-04-01/P1Y");
        assert_eq!(c.median, Ok(40.0));
        assert_eq!(
            c.position,
            Some(Position {
                above: 1,
                level: 1,
                below: 1
            })
        );
    }

    #[test]
    fn the_summary_states_values_not_places() {
        let c = ranked("E08000009", "2022-04-01/P1Y");
        assert_eq!(
            c.summary(),
            "Recycling rate in 2022-23: Trafford 40.0%, against a median of 40.0% across the 4 \
             metropolitan districts with a figure. Of the other 3, 1 had a lower figure, 1 had a \
             higher figure and 1 had the same figure."
        );
        for word in ["rank", "worst", "best", "top", "bottom", "league"] {
            assert!(
                !c.summary().to_lowercase().contains(word),
                "summary says {word}"
            );
        }
    }

    #[test]
    fn a_council_without_a_figure_is_listed_and_explained() {
        let c = ranked("E08000010", "2022-04-01/P1Y");
        assert_eq!(c.position, None);
        assert!(c.chosen_row().is_some_and(|row| row.chosen));
        assert!(
            c.summary()
                .contains("there is no figure for Wigan (suppressed)")
        );
    }

    #[test]
    fn a_council_absent_from_the_period_is_still_shown() {
        let c = ranked("E08000001", "2021-04-01/P1Y");
        assert_eq!(c.ranked.len(), 1);
        assert_eq!(c.missing.len(), 1);
        assert_eq!(c.missing[0].name, "Bolton");
    }

    #[test]
    fn a_county_has_no_waste_collection_figure() {
        assert!(matches!(
            view_for("E10000014", "2022-04-01/P1Y"),
            MetricView::NoService { .. }
        ));
    }

    #[test]
    fn the_chart_marks_the_chosen_bar_and_the_median() {
        let input = ranked("E08000009", "2022-04-01/P1Y").chart_input();
        let highlighted: Vec<&str> = input
            .bars
            .iter()
            .filter(|b| b.highlighted)
            .map(|b| b.label.as_str())
            .collect();
        assert_eq!(highlighted, ["Trafford"]);
        assert_eq!(input.median, Some((40.0, "Median 40.0%".to_owned())));
    }
}
