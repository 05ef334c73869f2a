//! What each chart shows, before any geometry: plain inputs that the view models build and the
//! widget's chart code (`src/charts/`) lays out and draws. Values arrive already formatted
//! where the chart writes them, so a chart says a number as every table and sentence does.

use yardstick_stats::Polarity;

// The distribution strip (dot plot of every council with the service).

/// What a council is in this comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StripRole {
    /// The council the page is about.
    Chosen,
    /// A member of its peer group.
    Peer,
    /// Any other council with the service.
    Other,
}

/// One council with a figure.
#[derive(Debug, Clone, PartialEq)]
pub struct StripMember {
    /// The council's name.
    pub name: String,
    /// Its figure.
    pub value: f64,
    /// What it is in this comparison.
    pub role: StripRole,
}

/// What the chart shows, before any geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct DotStripInput {
    /// Everyone with the service, in any order: the layout sorts them.
    pub members: Vec<StripMember>,
    /// The peer group's median.
    pub median: Option<f64>,
    /// The peer group's lower and upper quartiles.
    pub quartiles: Option<(f64, f64)>,
    /// The chosen council's name and value, formatted ("Trafford 56.8%").
    pub chosen_label: Option<String>,
    /// Decimals for the value axis; more are used when the ticks need them to differ.
    pub tick_decimals: usize,
    /// Width available, in CSS pixels.
    pub width: u32,
}

// The ranked bar chart of a group.

/// One bar, in the order it is to be drawn (top to bottom).
#[derive(Debug, Clone, PartialEq)]
pub struct BarInput {
    /// The council's name, drawn beside the bar where there is room.
    pub label: String,
    /// The council's figure.
    pub value: f64,
    /// Text for the value, already formatted with its unit.
    pub value_text: String,
    /// The council the chart is about.
    pub highlighted: bool,
    /// The 95% confidence limits, lower and upper, where published or computed.
    pub interval: Option<(f64, f64)>,
}

/// What the chart shows, before any geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedBarsInput {
    /// The bars, top to bottom.
    pub bars: Vec<BarInput>,
    /// The group median and its formatted text.
    pub median: Option<(f64, String)>,
    /// The group's lower and upper quartiles, drawn as a band behind the bars.
    pub quartiles: Option<(f64, f64)>,
    /// Formats an axis tick.
    pub tick_decimals: usize,
    /// Width available, in CSS pixels.
    pub width: u32,
}

/// The part of a long ranking a chart draws: the chosen council's neighbourhood, with what
/// the bars left out above and below it hold, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Neighbourhood {
    /// The first bar drawn (an index into [`RankedBarsInput::bars`]).
    pub start: usize,
    /// One past the last bar drawn.
    pub end: usize,
    /// The bars left out above, as a line ("118 more councils, from 72.0% to 42.9%").
    pub above: Option<String>,
    /// The bars left out below.
    pub below: Option<String>,
}

impl RankedBarsInput {
    /// The `rows` bars around the highlighted one (as near the middle as the ends allow) and a
    /// line for each run left out; `None` when every bar fits or no bar is highlighted.
    pub fn neighbourhood(&self, rows: usize) -> Option<Neighbourhood> {
        let count = self.bars.len();
        let rows = rows.max(1);
        if count <= rows {
            return None;
        }
        let chosen = self.bars.iter().position(|bar| bar.highlighted)?;
        let start = chosen.saturating_sub(rows / 2).min(count - rows);
        let end = start + rows;
        Some(Neighbourhood {
            start,
            end,
            above: self.bars.get(..start).and_then(left_out),
            below: self.bars.get(end..).and_then(left_out),
        })
    }
}

/// One line for a run of bars a chart leaves out: how many, and the figures at its ends.
fn left_out(bars: &[BarInput]) -> Option<String> {
    match bars {
        [] => None,
        [one] => Some(format!("1 more council, {}", one.value_text)),
        [first, .., last] => Some(format!(
            "{} more councils, from {} to {}",
            bars.len(),
            first.value_text,
            last.value_text
        )),
    }
}

// The share bars: why each nearest neighbour is near.

/// One neighbour.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareRow {
    /// The neighbour's name.
    pub label: String,
    /// The 0–100 match score (100 identical, 0 the least similar candidate).
    pub similarity: f64,
    /// Each variable's share of the squared distance, in the order of
    /// [`ShareBarsInput::variables`]; the engine's shares sum to 1.
    pub shares: Vec<f64>,
}

/// What the chart shows, before any geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareBarsInput {
    /// The context variables' titles, in the model's order.
    pub variables: Vec<String>,
    /// Neighbours in rank order, closest first.
    pub rows: Vec<ShareRow>,
    /// Width available, in CSS pixels.
    pub width: u32,
}

// The spine chart of the overview.

/// The comparison with the benchmark, in Fingertips' words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpineOutcome {
    /// Significantly better than the benchmark.
    Better,
    /// Not significantly different.
    Similar,
    /// Significantly worse.
    Worse,
    /// Significantly higher, for a metric without polarity.
    Higher,
    /// Significantly lower, for a metric without polarity.
    Lower,
    /// No comparison could be made (missing data or no interval).
    NotCompared,
}

/// What the chart shows: the group's five-number summary, the council's value and how it
/// compares.
#[derive(Debug, Clone, PartialEq)]
pub struct SpineInput {
    /// The group's lowest figure.
    pub min: f64,
    /// Lower quartile (Fingertips needs at least four values for quartiles).
    pub q1: f64,
    /// The benchmark the chart is centred on.
    pub median: f64,
    /// Upper quartile.
    pub q3: f64,
    /// The group's highest figure.
    pub max: f64,
    /// The council's value, if it has one.
    pub value: Option<f64>,
    /// Which direction is better, if either: it decides which way the axis runs.
    pub polarity: Polarity,
    /// How the council compares with the benchmark.
    pub outcome: SpineOutcome,
    /// Width available, in CSS pixels.
    pub width: u32,
}

// The trend chart.

/// How final a figure is; publishers flag provisional and revised figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerKind {
    /// A final figure.
    Plain,
    /// A figure the publisher calls provisional.
    Provisional,
    /// A figure the publisher has revised.
    Revised,
}

/// One period's figure for the council.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    /// The figure.
    pub value: f64,
    /// The 95% confidence limits, lower and upper, where published or computed.
    pub interval: Option<(f64, f64)>,
    /// How final the figure is.
    pub marker: MarkerKind,
}

/// What the chart shows, before any geometry. The series are read by position against
/// `periods`; a series shorter than `periods` is missing at the end, and entries past the
/// last period are ignored.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendLineInput {
    /// Period labels, oldest first, already formatted ("2022-23").
    pub periods: Vec<String>,
    /// The council's figure in each period.
    pub points: Vec<Option<TrendPoint>>,
    /// The group median in each period.
    pub median: Vec<Option<f64>>,
    /// The group's lower and upper quartiles in each period: the interquartile band.
    pub band: Vec<Option<(f64, f64)>>,
    /// Decimals for the value axis; more are used when the ticks need them to differ.
    pub tick_decimals: usize,
    /// Width available, in CSS pixels.
    pub width: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranking(count: usize, chosen: usize) -> RankedBarsInput {
        RankedBarsInput {
            bars: (0..count)
                .map(|i| BarInput {
                    label: format!("Council {i}"),
                    value: (count - i) as f64,
                    value_text: format!("{}%", count - i),
                    highlighted: i == chosen,
                    interval: None,
                })
                .collect(),
            median: None,
            quartiles: None,
            tick_decimals: 0,
            width: 640,
        }
    }

    #[test]
    fn a_ranking_that_fits_has_no_neighbourhood() {
        assert_eq!(ranking(15, 3).neighbourhood(15), None);
        assert_eq!(ranking(3, 0).neighbourhood(15), None);
    }

    #[test]
    fn the_neighbourhood_centres_on_the_council_and_says_what_it_leaves_out() {
        // 176 councils valued 176 down to 1; the 59th (index 58, 118%) in a window of 15.
        let n = ranking(176, 58).neighbourhood(15).unwrap();
        assert_eq!((n.start, n.end), (51, 66));
        assert_eq!(
            n.above.as_deref(),
            Some("51 more councils, from 176% to 126%")
        );
        assert_eq!(
            n.below.as_deref(),
            Some("110 more councils, from 110% to 1%")
        );
    }

    #[test]
    fn at_the_ends_the_window_stays_full_and_one_side_has_no_line() {
        let top = ranking(50, 0).neighbourhood(15).unwrap();
        assert_eq!((top.start, top.end, top.above), (0, 15, None));
        assert_eq!(
            top.below.as_deref(),
            Some("35 more councils, from 35% to 1%")
        );
        let bottom = ranking(50, 49).neighbourhood(15).unwrap();
        assert_eq!((bottom.start, bottom.end, bottom.below), (35, 50, None));
        let one = ranking(16, 15).neighbourhood(15).unwrap();
        assert_eq!(one.above.as_deref(), Some("1 more council, 16%"));
    }

    #[test]
    fn without_a_highlighted_bar_there_is_no_neighbourhood() {
        assert_eq!(ranking(50, 99).neighbourhood(15), None);
    }
}

// The choropleth map.

/// The shade of a map class: darker is further along the scale the legend names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shade {
    /// One hue, 1 (lightest) to 5 (darkest).
    Sequential(u8),
    /// Below zero on a diverging scale, 1 (near zero) to 3 (furthest below).
    Below(u8),
    /// Above zero on a diverging scale, 1 (near zero) to 3 (furthest above).
    Above(u8),
}

/// One council on the map, in keyboard order (by name).
#[derive(Debug, Clone, PartialEq)]
pub struct MapShapeInput {
    /// The council's code.
    pub code: String,
    /// Its outline: SVG path data in the map's frame, as the bundle gives it.
    pub path: String,
    /// Its class's shade; `None` for a council without a figure (hatched).
    pub shade: Option<Shade>,
    /// The chosen council, a member of its peer group, or another.
    pub role: StripRole,
    /// What a screen reader says of it: "Trafford (chosen): 57.1%, group median 45.0%".
    pub label: String,
}

/// What the map draws.
#[derive(Debug, Clone, PartialEq)]
pub struct MapInput {
    /// The frame, in the outlines' units.
    pub width: u32,
    pub height: u32,
    /// Every council drawn, in keyboard order.
    pub shapes: Vec<MapShapeInput>,
    /// The council that takes the keyboard focus first (the chosen one, when drawn).
    pub tab_stop: Option<String>,
    /// An enlarged view around a small chosen council, if there is one.
    pub inset: Option<Inset>,
}

/// A rectangle of the map's frame, in the outlines' units: left, top, width and height.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
}

impl Rect {
    /// Whether the two rectangles overlap.
    pub fn meets(&self, other: &Rect) -> bool {
        self.x <= other.x.saturating_add(other.width)
            && other.x <= self.x.saturating_add(self.width)
            && self.y <= other.y.saturating_add(other.height)
            && other.y <= self.y.saturating_add(self.height)
    }
}

/// The enlarged view: the part of the frame it shows and the councils in it (indexes into
/// the map's shapes).
#[derive(Debug, Clone, PartialEq)]
pub struct Inset {
    pub view: Rect,
    pub shapes: Vec<usize>,
}
