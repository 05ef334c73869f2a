//! One area compared with its group, for one metric and period.

use crate::order::sort_with;

use crate::dataset::{AreaIndex, Dataset, Series};
use crate::describe::{Description, Quartiles, describe_sorted, sorted_finite};
use crate::domain::{
    Absence, AreaCode, Metric, MetricKind, MetricValue, MissingReason, Polarity, Qualifier, Span,
};
use crate::error::EngineError;
use crate::intervals::{ConfidenceInterval, ConfidenceLevel, interval_for};
use crate::outcome::{NotCalculated, Outcome};
use crate::peers::MAD_TO_SD;
use crate::spec::GroupSpec;
use crate::trend::{
    RelativeTrend, SeriesPoint, SeriesTrend, comparable_history, relative_trend, series_trend,
};

/// How the area is tested against the group benchmark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ComparisonMethod {
    /// Fingertips' overlapping-interval rule: similar if the benchmark lies within the area's
    /// confidence interval.
    #[default]
    ConfidenceIntervals,
    /// Statistical process control limits around the benchmark proportion for the area's
    /// denominator (Fingertips' funnel-plot limits); proportions with counts only.
    ControlLimits,
}

/// One level (95%) or two (95% and 99.8%).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Levels {
    /// 95% only: better, similar, worse.
    One,
    /// 95% and 99.8%: best, better, similar, worse, worst.
    #[default]
    Two,
}

/// What the area is compared with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum BenchmarkChoice {
    /// The median of the group and the area (Oflog).
    #[default]
    GroupMedian,
    /// The group's pooled value, `Σ numerators / Σ denominators × multiplier`, as Fingertips
    /// computes England's value; proportions, crude rates and ratios with counts only.
    GroupPooled,
}

/// Options of a comparison; the default is two-level overlapping intervals against the median.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CompareOptions {
    /// Test.
    pub method: ComparisonMethod,
    /// Levels.
    pub levels: Levels,
    /// Benchmark.
    pub benchmark: BenchmarkChoice,
}

/// Higher, similar or lower, by value alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Above.
    Higher,
    /// Not distinguishable.
    Similar,
    /// Below.
    Lower,
}

/// The outcome of a comparison with a benchmark (Fingertips' wording).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    /// Better at 99.8% (two levels only).
    Best,
    /// Better at 95%.
    Better,
    /// Not significantly different.
    Similar,
    /// Worse at 95%.
    Worse,
    /// Worse at 99.8% (two levels only).
    Worst,
    /// Significantly higher, for a metric without polarity.
    Higher,
    /// Significantly lower, for a metric without polarity.
    Lower,
}

/// Turns a direction and the highest level it is significant at into Fingertips' words.
pub fn judge(
    direction: Direction,
    significant_at: Option<ConfidenceLevel>,
    polarity: Polarity,
) -> Judgement {
    let strong = significant_at == Some(ConfidenceLevel::P998);
    match (direction, polarity) {
        (Direction::Similar, _) => Judgement::Similar,
        (Direction::Higher, Polarity::NoJudgement) => Judgement::Higher,
        (Direction::Lower, Polarity::NoJudgement) => Judgement::Lower,
        (Direction::Higher, Polarity::HigherIsBetter)
        | (Direction::Lower, Polarity::LowerIsBetter) => {
            if strong {
                Judgement::Best
            } else {
                Judgement::Better
            }
        }
        (Direction::Higher, Polarity::LowerIsBetter)
        | (Direction::Lower, Polarity::HigherIsBetter) => {
            if strong {
                Judgement::Worst
            } else {
                Judgement::Worse
            }
        }
    }
}

/// The benchmark the area was compared with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Benchmark {
    /// Which.
    pub kind: BenchmarkChoice,
    /// Its value.
    pub value: f64,
}

/// The comparison with the benchmark.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BenchmarkComparison {
    /// The benchmark.
    pub benchmark: Benchmark,
    /// The test.
    pub method: ComparisonMethod,
    /// Levels actually used (one when only published 95% limits exist).
    pub levels: Levels,
    /// Higher, similar or lower.
    pub direction: Direction,
    /// The highest level at which the difference is significant.
    pub significant_at: Option<ConfidenceLevel>,
    /// The words.
    pub judgement: Judgement,
}

/// How a verdict on an area was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictMethod {
    /// A significance test against the benchmark, from the area's confidence interval or the
    /// control limits for its denominator ([`compare_with_benchmark`]).
    Test(ComparisonMethod),
    /// The distance rule of ONS Explore Local Statistics: higher or lower when more than one
    /// scaled MAD (1.4826 × MAD) from the group median, else similar. Descriptive, not a test:
    /// used where the publisher gives neither intervals nor counts.
    DistanceFromMedian,
}

/// The answer to "how does this council compare with its group?", by the strongest method the
/// data allow, always with the method named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// How it was reached.
    pub method: VerdictMethod,
    /// Higher, similar or lower than the benchmark.
    pub direction: Direction,
    /// Better, similar, worse (or higher and lower where neither is better). The distance rule
    /// has one level only: never best or worst.
    pub judgement: Judgement,
}

/// The fewest values (the area's and its peers') for the distance rule: the median and its
/// absolute deviations mean little in a smaller group, and quartiles need four (Fingertips).
pub const VERDICT_MIN_GROUP: usize = 4;

/// The verdict from a comparison's parts: the test where it could be made; otherwise the
/// distance rule, for a group of at least [`VERDICT_MIN_GROUP`] values; otherwise the reason.
pub fn verdict(
    tested: &Outcome<BenchmarkComparison>,
    position: &Outcome<Position>,
    values_in_group: usize,
    polarity: Polarity,
) -> Outcome<Verdict> {
    let untested = match tested {
        Ok(comparison) => {
            return Ok(Verdict {
                method: VerdictMethod::Test(comparison.method),
                direction: comparison.direction,
                judgement: comparison.judgement,
            });
        }
        Err(reason @ NotCalculated::MissingValue { .. }) => return Err(*reason),
        Err(reason) => *reason,
    };
    if values_in_group < VERDICT_MIN_GROUP {
        return Err(NotCalculated::TooFewValues {
            needed: VERDICT_MIN_GROUP,
            found: values_in_group,
        });
    }
    let direction = match position {
        Ok(position) => position.mad_rule?,
        Err(_) => return Err(untested),
    };
    Ok(Verdict {
        method: VerdictMethod::DistanceFromMedian,
        direction,
        judgement: judge(direction, None, polarity),
    })
}

/// Statistical process control limits for a proportion (Fingertips; the funnel-plot limits):
/// with benchmark proportion `P₀` (a fraction) and denominator `N`, `E = N·P₀`,
/// `B = z·√(z² + 4E(1 − E/N))`, limits `(2E + z² ∓ B) / (2(N + z²))`, as fractions.
pub fn control_limits(
    benchmark: f64,
    denominator: f64,
    level: ConfidenceLevel,
) -> Outcome<(f64, f64)> {
    if !(benchmark.is_finite() && denominator.is_finite()) {
        return Err(NotCalculated::NotFinite);
    }
    if benchmark < 0.0 || denominator < 0.0 {
        return Err(NotCalculated::NegativeInput);
    }
    if denominator == 0.0 {
        return Err(NotCalculated::ZeroDenominator);
    }
    if benchmark > 1.0 {
        return Err(NotCalculated::NumeratorExceedsDenominator);
    }
    let z = level.z();
    let z2 = z * z;
    let expected = denominator * benchmark;
    let b = z
        * (z2 + 4.0 * expected * (1.0 - expected / denominator))
            .max(0.0)
            .sqrt();
    let scale = 2.0 * (denominator + z2);
    Ok((
        (2.0 * expected + z2 - b) / scale,
        (2.0 * expected + z2 + b) / scale,
    ))
}

fn levels_list(levels: Levels) -> &'static [ConfidenceLevel] {
    match levels {
        Levels::One => &[ConfidenceLevel::P95],
        Levels::Two => &ConfidenceLevel::BOTH,
    }
}

/// Compares an area with a benchmark value by Fingertips' rule at one or two levels: similar
/// if the benchmark lies within the 95% interval; otherwise higher or lower, significant at
/// 99.8% too if it also lies outside the 99.8% interval. When the 99.8% interval cannot be had
/// (published 95% limits only) one level is used.
pub fn compare_with_benchmark(
    value: &MetricValue,
    kind: MetricKind,
    benchmark: Benchmark,
    polarity: Polarity,
    options: CompareOptions,
) -> Outcome<BenchmarkComparison> {
    value
        .value
        .finite()
        .map_err(|missing| NotCalculated::MissingValue { missing })?;
    if !benchmark.value.is_finite() {
        return Err(NotCalculated::NotFinite);
    }
    // For each level: Some(direction) when significant at it.
    let mut used = Levels::One;
    let mut significant: Option<(Direction, ConfidenceLevel)> = None;
    for (i, &level) in levels_list(options.levels).iter().enumerate() {
        let outside = match options.method {
            ComparisonMethod::ConfidenceIntervals => match interval_for(value, kind, level) {
                Ok(interval) => outside_interval(&interval, benchmark.value),
                Err(reason) if i == 0 => return Err(reason),
                Err(_) => break,
            },
            ComparisonMethod::ControlLimits => {
                let MetricKind::Proportion { multiplier } = kind else {
                    return Err(NotCalculated::NoCounts);
                };
                let (Some(x), Some(n)) = (value.numerator, value.denominator) else {
                    return Err(NotCalculated::NoCounts);
                };
                if multiplier == 0.0 || n == 0.0 {
                    return Err(NotCalculated::ZeroDenominator);
                }
                let (lower, upper) = control_limits(benchmark.value / multiplier, n, level)?;
                let p = x / n;
                if p > upper {
                    Some(Direction::Higher)
                } else if p < lower {
                    Some(Direction::Lower)
                } else {
                    None
                }
            }
        };
        if i == 1 {
            used = Levels::Two;
        }
        match outside {
            Some(direction) => significant = Some((direction, level)),
            None => break,
        }
    }
    let (direction, significant_at) = match significant {
        Some((direction, level)) => (direction, Some(level)),
        None => (Direction::Similar, None),
    };
    // A second level that was never reached because the first was similar still counts as used
    // when it was asked for and could have been computed.
    if options.levels == Levels::Two && significant.is_none() {
        used = match options.method {
            ComparisonMethod::ControlLimits => Levels::Two,
            ComparisonMethod::ConfidenceIntervals => {
                if interval_for(value, kind, ConfidenceLevel::P998).is_ok() {
                    Levels::Two
                } else {
                    Levels::One
                }
            }
        };
    }
    Ok(BenchmarkComparison {
        benchmark,
        method: options.method,
        levels: used,
        direction,
        significant_at,
        judgement: judge(direction, significant_at, polarity),
    })
}

fn outside_interval(interval: &ConfidenceInterval, benchmark: f64) -> Option<Direction> {
    if benchmark < interval.lower {
        Some(Direction::Higher)
    } else if benchmark > interval.upper {
        Some(Direction::Lower)
    } else {
        None
    }
}

/// Quartile band of a value within its group, by value (LG Inform's "lowest 25% … highest 25%").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuartileBand {
    /// Below the lower quartile.
    Lowest,
    /// From the lower quartile to below the median.
    LowerMiddle,
    /// From the median to the upper quartile.
    UpperMiddle,
    /// Above the upper quartile.
    Highest,
}

/// The band of `value` given quartiles and median: `v < Q1` lowest, `Q1 ≤ v < median` lower
/// middle, `median ≤ v ≤ Q3` upper middle, `v > Q3` highest.
pub fn quartile_band(value: f64, quartiles: &Quartiles, median: f64) -> QuartileBand {
    if value < quartiles.q1 {
        QuartileBand::Lowest
    } else if value < median {
        QuartileBand::LowerMiddle
    } else if value <= quartiles.q3 {
        QuartileBand::UpperMiddle
    } else {
        QuartileBand::Highest
    }
}

/// Which end rank 1 is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankOrder {
    /// Rank 1 is the best value.
    BestFirst,
    /// Rank 1 is the highest value (metrics without polarity).
    HighestFirst,
}

impl RankOrder {
    /// The order for a polarity.
    pub fn for_polarity(polarity: Polarity) -> Self {
        if polarity.is_judged() {
            Self::BestFirst
        } else {
            Self::HighestFirst
        }
    }
}

/// A rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rank {
    /// 1 = best (or highest); tied values share the best rank among them ("1224" standard
    /// competition ranking), so the rank is 1 + the number of strictly better values.
    pub rank: usize,
    /// Values ranked.
    pub of: usize,
    /// How many values share this rank (1 when untied).
    pub tied: usize,
    /// Which end rank 1 is at.
    pub order: RankOrder,
}

/// `Ordering` of two values with the better (or higher) first.
fn better_first(polarity: Polarity, a: f64, b: f64) -> std::cmp::Ordering {
    match polarity {
        Polarity::LowerIsBetter => a.total_cmp(&b),
        Polarity::HigherIsBetter | Polarity::NoJudgement => b.total_cmp(&a),
    }
}

/// One ranked value.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedValue {
    /// Area.
    pub code: AreaCode,
    /// Value.
    pub value: f64,
    /// Competition rank (ties share the best rank).
    pub rank: usize,
}

/// Ranks finite values by polarity (rank 1 = best, or highest without polarity), ties sharing
/// the best rank; sorted by rank, then code. Non-finite values are left out.
pub fn rank_values(values: &[(&AreaCode, f64)], polarity: Polarity) -> Vec<RankedValue> {
    let mut sorted: Vec<(&AreaCode, f64)> = values
        .iter()
        .filter(|(_, v)| v.is_finite())
        .copied()
        .collect();
    sort_with(&mut sorted, |a, b| {
        better_first(polarity, a.1, b.1).then_with(|| a.0.cmp(b.0))
    });
    let mut ranked = Vec::with_capacity(sorted.len());
    let mut previous: Option<(f64, usize)> = None;
    for (position, (code, value)) in sorted.into_iter().enumerate() {
        let rank = match previous {
            Some((last, rank)) if last == value => rank,
            _ => position + 1,
        };
        previous = Some((value, rank));
        ranked.push(RankedValue {
            code: code.clone(),
            value,
            rank,
        });
    }
    ranked
}

/// Where the area's value sits in its group.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    /// Rank.
    pub rank: Rank,
    /// Mid-rank percentile by value: `100 × (values below + ½ × values equal, the area's own
    /// included) / n`; 50 for a group of one.
    pub percentile: f64,
    /// Quartile band (needs four values).
    pub quartile_band: Outcome<QuartileBand>,
    /// `(value − mean) / standard deviation`.
    pub z_score: Outcome<f64>,
    /// `(value − median) / MAD`, unscaled MAD, as Oflog published it.
    pub mad_score: Outcome<f64>,
    /// ONS Explore Local Statistics' wording: higher or lower when more than one scaled MAD
    /// (1.4826 × MAD) from the median, else similar. Descriptive, not a test.
    pub mad_rule: Outcome<Direction>,
}

/// The position of `value` among `sorted` finite values (which include it).
pub fn position(
    value: f64,
    sorted: &[f64],
    description: &Description,
    polarity: Polarity,
) -> Position {
    let mut better = 0;
    let mut below = 0;
    let mut equal = 0;
    for &other in sorted {
        if other == value {
            equal += 1;
        } else {
            if other < value {
                below += 1;
            }
            if better_first(polarity, other, value).is_lt() {
                better += 1;
            }
        }
    }
    let n = sorted.len();
    let percentile = if n == 0 {
        50.0
    } else {
        100.0 * (below as f64 + 0.5 * equal as f64) / n as f64
    };
    let median = description.median;
    let mad = description.mad;
    Position {
        rank: Rank {
            rank: better + 1,
            of: n,
            tied: equal.max(1),
            order: RankOrder::for_polarity(polarity),
        },
        percentile,
        quartile_band: description
            .quartiles
            .map(|quartiles| quartile_band(value, &quartiles, median)),
        z_score: description.standard_deviation.and_then(|sd| {
            if sd > 0.0 {
                Ok((value - description.mean) / sd)
            } else {
                Err(NotCalculated::NoSpread)
            }
        }),
        mad_score: if mad > 0.0 {
            Ok((value - median) / mad)
        } else {
            Err(NotCalculated::NoSpread)
        },
        mad_rule: if mad > 0.0 {
            let scaled = MAD_TO_SD * mad;
            Ok(if value > median + scaled {
                Direction::Higher
            } else if value < median - scaled {
                Direction::Lower
            } else {
                Direction::Similar
            })
        } else {
            Err(NotCalculated::NoSpread)
        },
    }
}

/// A group member without a usable value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingMember {
    /// Area.
    pub code: AreaCode,
    /// Why.
    pub reason: Absence,
}

/// The figures of one comparison that do not need the full ranking (shared with the summary).
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The area's value.
    pub value: Outcome<f64>,
    /// Its qualifier.
    pub qualifier: Option<Qualifier>,
    /// The group's statistics, over the peers and the area itself.
    pub description: Outcome<Description>,
    /// Where the area sits.
    pub position: Outcome<Position>,
    /// 95% interval of the area's value.
    pub interval_95: Outcome<ConfidenceInterval>,
    /// 99.8% interval of the area's value.
    pub interval_998: Outcome<ConfidenceInterval>,
    /// Comparison with the group benchmark by a significance test.
    pub benchmark: Outcome<BenchmarkComparison>,
    /// The headline answer: the test where it could be made, else the distance rule.
    pub verdict: Outcome<Verdict>,
}

/// The group's pooled value, `Σx / Σn × multiplier`.
fn pooled(values: &[&MetricValue], kind: MetricKind) -> Outcome<f64> {
    let multiplier = match kind {
        MetricKind::Proportion { multiplier }
        | MetricKind::CrudeRate { multiplier }
        | MetricKind::Ratio { multiplier } => multiplier,
        _ => return Err(NotCalculated::NoCounts),
    };
    let mut numerator = 0.0;
    let mut denominator = 0.0;
    for value in values {
        if value.value.finite().is_err() {
            continue;
        }
        let (Some(x), Some(n)) = (value.numerator, value.denominator) else {
            return Err(NotCalculated::NoCounts);
        };
        numerator += x;
        denominator += n;
    }
    if !(numerator.is_finite() && denominator.is_finite()) {
        return Err(NotCalculated::NotFinite);
    }
    if denominator == 0.0 {
        return Err(NotCalculated::ZeroDenominator);
    }
    Ok(numerator / denominator * multiplier)
}

/// Assesses `area_value` against `group` (the peers and the area itself, in any order).
pub fn assess(
    area_value: &MetricValue,
    group: &[&MetricValue],
    metric: &Metric,
    options: CompareOptions,
) -> Assessment {
    let sorted = sorted_finite(group.iter().filter_map(|v| v.value.finite().ok()));
    let description = describe_sorted(&sorted).map_err(|reason| match reason {
        NotCalculated::NoValues => NotCalculated::EmptyGroup,
        other => other,
    });
    let value = area_value
        .value
        .finite()
        .map_err(|missing| NotCalculated::MissingValue { missing });
    let position = match (&value, &description) {
        (Ok(v), Ok(d)) => Ok(position(*v, &sorted, d, metric.polarity)),
        (Err(reason), _) | (_, Err(reason)) => Err(*reason),
    };
    let benchmark = match options.benchmark {
        BenchmarkChoice::GroupMedian => description.as_ref().map(|d| d.median).map_err(|r| *r),
        BenchmarkChoice::GroupPooled => pooled(group, metric.kind),
    };
    let comparison = value.and_then(|_| {
        benchmark.and_then(|b| {
            compare_with_benchmark(
                area_value,
                metric.kind,
                Benchmark {
                    kind: options.benchmark,
                    value: b,
                },
                metric.polarity,
                options,
            )
        })
    });
    let interval = |level| value.and_then(|_| interval_for(area_value, metric.kind, level));
    Assessment {
        verdict: verdict(&comparison, &position, sorted.len(), metric.polarity),
        value,
        qualifier: area_value.qualifier,
        description,
        position,
        interval_95: interval(ConfidenceLevel::P95),
        interval_998: interval(ConfidenceLevel::P998),
        benchmark: comparison,
    }
}

/// The group a comparison used.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupUsed {
    /// The spec, canonical.
    pub spec: GroupSpec,
    /// Its label.
    pub label: String,
    /// Peers in force during the period (the area itself not counted).
    pub peers: usize,
    /// Peers and area without a usable value, sorted by code.
    pub missing: Vec<MissingMember>,
}

/// One area compared with its group for one metric and period.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The area.
    pub area: AreaCode,
    /// Metric id.
    pub metric: String,
    /// Period label.
    pub period: String,
    /// The period's days and nominal length.
    pub span: Span,
    /// Polarity.
    pub polarity: Polarity,
    /// The group.
    pub group: GroupUsed,
    /// The figures.
    pub assessment: Assessment,
    /// The area and its peers with values, ranked (1 = best, or highest without polarity),
    /// sorted by rank then code.
    pub ranking: Vec<RankedValue>,
    /// The area's series up to this period: its comparable history (periods of this one's
    /// length, none overlapping the next; see `comparable_history`).
    pub trend: SeriesTrend,
    /// The group median's series up to this period: change and direction of travel. Its
    /// recent-trend test is not calculated (`no_intervals`): a median has no standard error;
    /// `relative_trend` answers "is the area improving faster than its peers?" instead.
    pub group_trend: SeriesTrend,
    /// The area's trend relative to the group median.
    pub relative_trend: Outcome<RelativeTrend>,
}

impl Dataset {
    pub(crate) fn period_index(
        &self,
        series: &Series,
        period: Option<&str>,
    ) -> Result<usize, EngineError> {
        match period {
            Some(label) => series
                .periods
                .iter()
                .position(|p| p.label == label)
                .ok_or_else(|| EngineError::UnknownPeriod {
                    metric: series.metric.id.clone(),
                    period: label.to_owned(),
                    known: series.periods.iter().map(|p| p.label.clone()).collect(),
                }),
            None => series
                .periods
                .len()
                .checked_sub(1)
                .ok_or_else(|| EngineError::NoPeriods(series.metric.id.clone())),
        }
    }

    /// Compares `area` with its group for `metric` in `period` (the latest when `None`).
    ///
    /// The group is the spec's group among the areas in force during the period
    /// ([`Area::in_force_during`](crate::Area::in_force_during)): a council abolished before
    /// the period, or created after it, is neither a peer nor a member without a figure. The
    /// trends are drawn from the comparable history of the period (same length, no overlap).
    pub fn compare(
        &self,
        area: &AreaCode,
        metric: &str,
        period: Option<&str>,
        spec: &GroupSpec,
        options: CompareOptions,
    ) -> Result<Comparison, EngineError> {
        let series = self
            .series(metric)
            .ok_or_else(|| EngineError::UnknownMetric(metric.to_owned()))?;
        let period_index = self.period_index(series, period)?;
        let group = self.peers(area, spec, &series.metric.service)?;
        let focus = self
            .index_of(area)
            .ok_or_else(|| EngineError::UnknownArea(area.clone()))?;
        let span = series
            .periods
            .get(period_index)
            .map(|p| p.span)
            .ok_or_else(|| EngineError::NoPeriods(series.metric.id.clone()))?;
        let members = self.members_during(&group, focus, span);
        let at = |p: usize, i: AreaIndex| {
            series
                .periods
                .get(p)
                .and_then(|period| period.values.get(i))
        };
        let missing_value = MetricValue::missing(MissingReason::NotAvailable);
        let values: Vec<&MetricValue> = members
            .iter()
            .map(|&i| at(period_index, i).unwrap_or(&missing_value))
            .collect();
        let area_value = at(period_index, focus).unwrap_or(&missing_value);
        let assessment = assess(area_value, &values, &series.metric, options);
        let mut missing = Vec::new();
        let mut pairs = Vec::new();
        for (&i, value) in members.iter().zip(&values) {
            let Some(a) = self.areas.get(i) else {
                continue;
            };
            match value.value.finite() {
                Ok(v) => pairs.push((&a.code, v)),
                Err(reason) => missing.push(MissingMember {
                    code: a.code.clone(),
                    reason,
                }),
            }
        }
        let ranking = rank_values(&pairs, series.metric.polarity);

        let periods: Vec<&crate::dataset::Period> =
            series.periods.iter().take(period_index + 1).collect();
        let area_series: Vec<SeriesPoint<'_>> = periods
            .iter()
            .enumerate()
            .map(|(p, period)| SeriesPoint {
                label: &period.label,
                span: period.span,
                value: at(p, focus).unwrap_or(&missing_value),
            })
            .collect();
        let medians: Vec<Outcome<f64>> = (0..periods.len())
            .map(|p| {
                let sorted = sorted_finite(
                    members
                        .iter()
                        .filter_map(|&i| at(p, i).and_then(|v| v.value.finite().ok())),
                );
                crate::describe::quantile_sorted(&sorted, 0.5)
                    .map_err(|_| NotCalculated::EmptyGroup)
            })
            .collect();
        let median_values: Vec<MetricValue> = medians
            .iter()
            .map(|m| match m {
                Ok(v) => MetricValue::new(*v),
                Err(_) => MetricValue::missing(MissingReason::NotAvailable),
            })
            .collect();
        let median_series: Vec<SeriesPoint<'_>> = area_series
            .iter()
            .zip(median_values.iter())
            .map(|(point, value)| SeriesPoint { value, ..*point })
            .collect();
        let kind = series.metric.kind;
        let polarity = series.metric.polarity;
        // The relative trend takes the same comparable periods as the area's own trend.
        let spans: Vec<Span> = area_series.iter().map(|p| p.span).collect();
        let history = comparable_history(&spans);
        let area_values: Vec<&MetricValue> = history
            .iter()
            .filter_map(|&p| area_series.get(p).map(|point| point.value))
            .collect();
        let history_medians: Vec<Outcome<f64>> = history
            .iter()
            .filter_map(|&p| medians.get(p).copied())
            .collect();
        Ok(Comparison {
            area: area.clone(),
            metric: series.metric.id.clone(),
            period: periods
                .last()
                .map(|p| p.label.clone())
                .ok_or_else(|| EngineError::NoPeriods(series.metric.id.clone()))?,
            span,
            polarity,
            group: GroupUsed {
                spec: group.spec.clone(),
                label: group.label.clone(),
                peers: members.iter().filter(|&&i| i != focus).count(),
                missing,
            },
            assessment,
            ranking,
            trend: series_trend(&area_series, kind, polarity),
            group_trend: series_trend(&median_series, MetricKind::Other, polarity),
            relative_trend: relative_trend(&area_values, &history_medians, kind, polarity),
        })
    }
}
