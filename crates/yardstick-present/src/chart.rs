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
