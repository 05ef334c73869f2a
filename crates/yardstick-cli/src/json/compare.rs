//! `yardstick compare --format json`: the area against its group for one metric and period.

use serde::Serialize;
use yardstick_stats::{
    Assessment, BenchmarkComparison, Change, Comparison, ConfidenceInterval, Description,
    GroupUsed, Position, RecentTrend, RelativeTrend, SeriesTrend, TrendEvidence, Verdict,
};

use super::period_text;
use super::{Figure, Flags, words};

/// The comparison of one area with its group.
#[derive(Debug, Serialize)]
pub struct CompareOutput {
    /// The area's GSS code.
    pub area: String,
    /// The metric's id.
    pub metric: String,
    /// The period compared, as the bundle names it (ISO 8601).
    pub period: String,
    /// The same period as people read it (`2022-23`).
    pub period_label: String,
    /// Which way is better.
    pub polarity: &'static str,
    /// The group the area is compared with.
    pub group: GroupOutput,
    /// The area's figures and where they sit in the group.
    pub assessment: AssessmentOutput,
    /// Every member with a value, the area included, best or highest first.
    pub ranking: Vec<RankedOutput>,
    /// The area's own series.
    pub trend: TrendOutput,
    /// The group median's series.
    pub group_trend: TrendOutput,
    /// The area's trend against its group's.
    pub relative_trend: Figure<RelativeTrendOutput>,
}

impl From<&Comparison> for CompareOutput {
    fn from(c: &Comparison) -> Self {
        Self {
            area: c.area.to_string(),
            metric: c.metric.clone(),
            period: c.period.clone(),
            period_label: period_text(&c.period),
            polarity: words::polarity(c.polarity),
            group: GroupOutput::from(&c.group),
            assessment: AssessmentOutput::from(&c.assessment),
            ranking: c
                .ranking
                .iter()
                .map(|r| RankedOutput {
                    code: r.code.to_string(),
                    value: r.value,
                    rank: r.rank,
                })
                .collect(),
            trend: TrendOutput::from(&c.trend),
            group_trend: TrendOutput::from(&c.group_trend),
            relative_trend: Figure::from_outcome(&c.relative_trend, RelativeTrendOutput::from),
        }
    }
}

/// The group a comparison used.
#[derive(Debug, Serialize)]
pub struct GroupOutput {
    /// The group spec, as given on the command line (`nearest:10`).
    pub spec: String,
    /// The engine's short name for the group.
    pub label: String,
    /// Members other than the area.
    pub peers: usize,
    /// Members without a value in the period, and why.
    pub missing: Vec<MissingOutput>,
}

impl From<&GroupUsed> for GroupOutput {
    fn from(group: &GroupUsed) -> Self {
        Self {
            spec: group.spec.to_string(),
            label: group.label.clone(),
            peers: group.peers,
            missing: group
                .missing
                .iter()
                .map(|m| MissingOutput {
                    code: m.code.to_string(),
                    reason: words::missing(m.reason),
                })
                .collect(),
        }
    }
}

/// A member without a value.
#[derive(Debug, Serialize)]
pub struct MissingOutput {
    /// Its GSS code.
    pub code: String,
    /// Why it has no value (`suppressed`, `not_available`, `not_applicable`, `not_finite`).
    pub reason: &'static str,
}

/// One member of the ranking.
#[derive(Debug, Serialize)]
pub struct RankedOutput {
    /// Its GSS code.
    pub code: String,
    /// Its value as published.
    pub value: f64,
    /// Its rank, 1 first; tied values share the best rank.
    pub rank: usize,
}

/// The area's figures in the period.
#[derive(Debug, Serialize)]
pub struct AssessmentOutput {
    /// The area's value as published.
    pub value: Figure<f64>,
    /// The publisher's marks on it.
    pub flags: Flags,
    /// The group's distribution, the area included.
    pub description: Figure<DescriptionOutput>,
    /// Where the area sits in it.
    pub position: Figure<PositionOutput>,
    /// The area's 95% confidence interval.
    pub interval_95: Figure<IntervalOutput>,
    /// The area's 99.8% confidence interval.
    pub interval_998: Figure<IntervalOutput>,
    /// The comparison with the group's benchmark by a significance test.
    pub benchmark: Figure<BenchmarkOutput>,
    /// The headline verdict: the test where it could be made, else the distance rule.
    pub verdict: Figure<VerdictOutput>,
}

/// The headline verdict and how it was reached.
#[derive(Debug, Serialize)]
pub struct VerdictOutput {
    /// `confidence_intervals`, `control_limits` or `distance_from_median` (not a test).
    pub method: &'static str,
    /// Higher, similar or lower than the group median (or the benchmark of the test).
    pub direction: &'static str,
    /// The verdict, with the polarity applied.
    pub judgement: &'static str,
}

impl From<&Verdict> for VerdictOutput {
    fn from(v: &Verdict) -> Self {
        Self {
            method: words::verdict_method(v.method),
            direction: words::direction(v.direction),
            judgement: words::judgement(v.judgement),
        }
    }
}

impl From<&Assessment> for AssessmentOutput {
    fn from(a: &Assessment) -> Self {
        Self {
            value: Figure::number(&a.value),
            flags: Flags::from(a.qualifier),
            description: Figure::from_outcome(&a.description, DescriptionOutput::from),
            position: Figure::from_outcome(&a.position, PositionOutput::from),
            interval_95: Figure::from_outcome(&a.interval_95, IntervalOutput::from),
            interval_998: Figure::from_outcome(&a.interval_998, IntervalOutput::from),
            benchmark: Figure::from_outcome(&a.benchmark, BenchmarkOutput::from),
            verdict: Figure::from_outcome(&a.verdict, VerdictOutput::from),
        }
    }
}

/// The group's distribution.
#[derive(Debug, Serialize)]
pub struct DescriptionOutput {
    /// Members with a value.
    pub n: usize,
    /// The median.
    pub median: f64,
    /// The quartiles (Hyndman and Fan type 7).
    pub quartiles: Figure<QuartilesOutput>,
    /// The unscaled median absolute deviation.
    pub mad: f64,
    /// The mean.
    pub mean: f64,
    /// The sample standard deviation.
    pub standard_deviation: Figure<f64>,
    /// The lowest value.
    pub min: f64,
    /// The highest value.
    pub max: f64,
}

impl From<&Description> for DescriptionOutput {
    fn from(d: &Description) -> Self {
        Self {
            n: d.n,
            median: d.median,
            quartiles: Figure::from_outcome(&d.quartiles, |q| QuartilesOutput {
                q1: q.q1,
                q3: q.q3,
                interquartile_range: q.interquartile_range,
            }),
            mad: d.mad,
            mean: d.mean,
            standard_deviation: Figure::number(&d.standard_deviation),
            min: d.min,
            max: d.max,
        }
    }
}

/// The lower and upper quartiles.
#[derive(Debug, Serialize)]
pub struct QuartilesOutput {
    /// The lower quartile.
    pub q1: f64,
    /// The upper quartile.
    pub q3: f64,
    /// Their difference.
    pub interquartile_range: f64,
}

/// Where the area sits in its group.
#[derive(Debug, Serialize)]
pub struct PositionOutput {
    /// Its rank.
    pub rank: RankOutput,
    /// Its percentile, 0 to 100, 100 best (or highest).
    pub percentile: f64,
    /// Its quarter of the group.
    pub quartile_band: Figure<&'static str>,
    /// Standard deviations from the mean.
    pub z_score: Figure<f64>,
    /// Unscaled MADs from the median (Oflog).
    pub mad_score: Figure<f64>,
    /// Higher, similar or lower by more than one scaled MAD (ONS).
    pub mad_rule: Figure<&'static str>,
}

impl From<&Position> for PositionOutput {
    fn from(p: &Position) -> Self {
        Self {
            rank: RankOutput {
                rank: p.rank.rank,
                of: p.rank.of,
                tied: p.rank.tied,
                order: words::rank_order(p.rank.order),
            },
            percentile: p.percentile,
            quartile_band: Figure::from_outcome(&p.quartile_band, |b| words::quartile_band(*b)),
            z_score: Figure::number(&p.z_score),
            mad_score: Figure::number(&p.mad_score),
            mad_rule: Figure::from_outcome(&p.mad_rule, |d| words::direction(*d)),
        }
    }
}

/// A rank in the group.
#[derive(Debug, Serialize)]
pub struct RankOutput {
    /// The rank, 1 first.
    pub rank: usize,
    /// Members ranked.
    pub of: usize,
    /// Members sharing the rank, the area included (1 when not tied).
    pub tied: usize,
    /// What rank 1 is: `best_first`, or `highest_first` for metrics without polarity.
    pub order: &'static str,
}

/// A confidence interval.
#[derive(Debug, Serialize)]
pub struct IntervalOutput {
    /// `95` or `99.8`.
    pub level: &'static str,
    /// How it was found (`wilson`, `published`, ...).
    pub method: &'static str,
    /// Its lower limit.
    pub lower: f64,
    /// Its upper limit.
    pub upper: f64,
}

impl From<&ConfidenceInterval> for IntervalOutput {
    fn from(i: &ConfidenceInterval) -> Self {
        Self {
            level: words::level(i.level),
            method: words::interval_method(i.method),
            lower: i.lower,
            upper: i.upper,
        }
    }
}

/// The area against its group's benchmark.
#[derive(Debug, Serialize)]
pub struct BenchmarkOutput {
    /// The benchmark.
    pub benchmark: BenchmarkValue,
    /// `confidence_intervals` or `control_limits`.
    pub method: &'static str,
    /// `one` (95%) or `two` (95% and 99.8%).
    pub levels: &'static str,
    /// Higher, similar or lower than the benchmark.
    pub direction: &'static str,
    /// The highest level at which the difference is significant, if any.
    pub significant_at: Option<&'static str>,
    /// The verdict, with the polarity applied.
    pub judgement: &'static str,
}

/// What the area was compared with.
#[derive(Debug, Serialize)]
pub struct BenchmarkValue {
    /// `group_median` or `group_pooled`.
    pub kind: &'static str,
    /// Its value.
    pub value: f64,
}

impl From<&BenchmarkComparison> for BenchmarkOutput {
    fn from(b: &BenchmarkComparison) -> Self {
        Self {
            benchmark: BenchmarkValue {
                kind: words::benchmark(b.benchmark.kind),
                value: b.benchmark.value,
            },
            method: words::comparison_method(b.method),
            levels: words::levels(b.levels),
            direction: words::direction(b.direction),
            significant_at: b.significant_at.map(words::level),
            judgement: words::judgement(b.judgement),
        }
    }
}

/// A series' changes and trend.
#[derive(Debug, Serialize)]
pub struct TrendOutput {
    /// Periods with a value.
    pub points: usize,
    /// The change since the previous period with a value.
    pub change_since_previous: Figure<ChangeOutput>,
    /// The change since the first period with a value.
    pub change_since_first: Figure<ChangeOutput>,
    /// The direction of travel since the previous period.
    pub direction: Figure<&'static str>,
    /// The trend over the last five points.
    pub recent: Figure<RecentTrendOutput>,
}

impl From<&SeriesTrend> for TrendOutput {
    fn from(t: &SeriesTrend) -> Self {
        Self {
            points: t.points,
            change_since_previous: Figure::from_outcome(
                &t.change_since_previous,
                ChangeOutput::from,
            ),
            change_since_first: Figure::from_outcome(&t.change_since_first, ChangeOutput::from),
            direction: Figure::from_outcome(&t.direction, |d| words::travel(*d)),
            recent: Figure::from_outcome(&t.recent, RecentTrendOutput::from),
        }
    }
}

/// A change between two periods.
#[derive(Debug, Serialize)]
pub struct ChangeOutput {
    /// The earlier period (ISO 8601).
    pub from: String,
    /// It as people read it.
    pub from_label: String,
    /// The later period (ISO 8601).
    pub to: String,
    /// It as people read it.
    pub to_label: String,
    /// The later value less the earlier.
    pub absolute: f64,
    /// The change as a percentage of the earlier value.
    pub percent: Figure<f64>,
}

impl From<&Change> for ChangeOutput {
    fn from(c: &Change) -> Self {
        Self {
            from: c.from.clone(),
            from_label: period_text(&c.from),
            to: c.to.clone(),
            to_label: period_text(&c.to),
            absolute: c.absolute,
            percent: Figure::number(&c.percent),
        }
    }
}

/// A trend test over the recent points (Fingertips' methods).
#[derive(Debug, Serialize)]
pub struct RecentTrendOutput {
    /// `cochran_armitage`, `weighted_least_squares` or `mann_kendall`.
    pub method: &'static str,
    /// Change per period, in the metric's units (Sen's slope for Mann–Kendall).
    pub slope: f64,
    /// The chi-squared statistic (Fingertips' tests; null for Mann–Kendall).
    pub chi_squared: Option<f64>,
    /// Whether the slope keeps its sign when each point in turn is left out (Fingertips'
    /// tests; null for Mann–Kendall).
    pub robust: Option<bool>,
    /// Mann–Kendall's S (null for Fingertips' tests).
    pub kendall_s: Option<i64>,
    /// Mann–Kendall's exact two-sided probability (null for Fingertips' tests).
    pub p_value: Option<f64>,
    /// `increasing`, `decreasing` or `no_significant_change`.
    pub marker: &'static str,
    /// `improving` or `worsening` for a significant trend on a metric with polarity.
    pub progress: Option<&'static str>,
}

impl From<&RecentTrend> for RecentTrendOutput {
    fn from(t: &RecentTrend) -> Self {
        Self {
            method: words::trend_method(t.method),
            slope: t.slope,
            chi_squared: match t.evidence {
                TrendEvidence::ChiSquared { chi_squared, .. } => Some(chi_squared),
                TrendEvidence::Kendall { .. } => None,
            },
            robust: match t.evidence {
                TrendEvidence::ChiSquared { robust, .. } => Some(robust),
                TrendEvidence::Kendall { .. } => None,
            },
            kendall_s: match t.evidence {
                TrendEvidence::Kendall { s, .. } => Some(s),
                TrendEvidence::ChiSquared { .. } => None,
            },
            p_value: match t.evidence {
                TrendEvidence::Kendall { p_value, .. } => Some(p_value),
                TrendEvidence::ChiSquared { .. } => None,
            },
            marker: words::trend_marker(t.marker),
            progress: t.progress.map(words::progress),
        }
    }
}

/// The area's trend against its group's.
#[derive(Debug, Serialize)]
pub struct RelativeTrendOutput {
    /// Change in (area − group median) per period.
    pub slope: f64,
    /// The test statistic.
    pub chi_squared: f64,
    /// Whether the slope keeps its sign when each point in turn is left out.
    pub robust: bool,
    /// The finding (`improving_faster_than_peers`, ...).
    pub marker: &'static str,
}

impl From<&RelativeTrend> for RelativeTrendOutput {
    fn from(t: &RelativeTrend) -> Self {
        Self {
            slope: t.slope,
            chi_squared: t.chi_squared,
            robust: t.robust,
            marker: words::relative_marker(t.marker),
        }
    }
}
