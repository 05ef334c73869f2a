//! Change over time and the Fingertips recent-trend test.

use crate::domain::{MetricKind, MetricValue, Polarity, Span};
use crate::intervals::{ConfidenceLevel, interval_for};
use crate::outcome::{NotCalculated, Outcome};

/// Points the recent-trend test uses (Fingertips: the most recent five).
pub const TREND_POINTS: usize = 5;

/// The chi-squared value above which a recent trend is called: `3.0902² ≈ 9.5495`, the 99.8%
/// two-sided normal critical value squared (Fingertips).
pub fn trend_threshold() -> f64 {
    ConfidenceLevel::P998.z().powi(2)
}

/// Fingertips converts 95% limits to a standard error by dividing their width by 3.92 (2 × 1.96).
pub const LIMITS_TO_STANDARD_ERROR: f64 = 3.92;

/// A fitted slope and its chi-squared statistic.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendTest {
    /// Change per period (for Cochran–Armitage, in proportion per period, as a fraction).
    pub slope: f64,
    /// The test statistic, compared with [`trend_threshold`].
    pub chi_squared: f64,
}

/// The Cochran–Armitage test for trend in proportions (Armitage 1955; Fingertips' recent trend
/// for proportions), with scores `t`, events `O_t` and denominators `N_t`:
/// `χ² = ΣN·(ΣN·ΣO_t t − ΣO·ΣN_t t)² / (ΣO·(ΣN − ΣO)·(ΣN·ΣN_t t² − (ΣN_t t)²))`. The slope is
/// the `N`-weighted least-squares slope of `O/N` on `t`, which has the same sign.
pub fn cochran_armitage(points: &[(f64, f64, f64)]) -> Outcome<TrendTest> {
    if points.len() < 2 {
        return Err(NotCalculated::TooFewValues {
            needed: 2,
            found: points.len(),
        });
    }
    let (mut n, mut o, mut nt, mut ot, mut ntt) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &(t, events, denominator) in points {
        if !(t.is_finite() && events.is_finite() && denominator.is_finite()) {
            return Err(NotCalculated::NotFinite);
        }
        if events < 0.0 || denominator < 0.0 {
            return Err(NotCalculated::NegativeInput);
        }
        if denominator == 0.0 {
            return Err(NotCalculated::ZeroDenominator);
        }
        if events > denominator {
            return Err(NotCalculated::NumeratorExceedsDenominator);
        }
        n += denominator;
        o += events;
        nt += denominator * t;
        ot += events * t;
        ntt += denominator * t * t;
    }
    let spread = n * ntt - nt * nt;
    let variance = o * (n - o) * spread;
    if !(variance.is_finite() && variance > 0.0) {
        return Err(NotCalculated::NoSpread);
    }
    let difference = n * ot - o * nt;
    Ok(TrendTest {
        slope: difference / spread,
        chi_squared: n * difference * difference / variance,
    })
}

/// Weighted least squares of value on `t` with weights `1/SE²` (Fingertips' recent trend for
/// values other than proportions): `b = (Σw·Σwty − Σwt·Σwy)/(Σw·Σwt² − (Σwt)²)`,
/// `SE_b = √(Σw/(Σw·Σwt² − (Σwt)²))`, `χ² = (b/SE_b)²`. Points are `(t, value, standard error)`.
pub fn weighted_trend(points: &[(f64, f64, f64)]) -> Outcome<TrendTest> {
    if points.len() < 2 {
        return Err(NotCalculated::TooFewValues {
            needed: 2,
            found: points.len(),
        });
    }
    let (mut w, mut wt, mut wy, mut wtt, mut wty) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &(t, y, se) in points {
        if !(t.is_finite() && y.is_finite() && se.is_finite()) {
            return Err(NotCalculated::NotFinite);
        }
        if se < 0.0 {
            return Err(NotCalculated::NegativeInput);
        }
        if se == 0.0 {
            return Err(NotCalculated::ZeroDenominator);
        }
        let weight = 1.0 / (se * se);
        w += weight;
        wt += weight * t;
        wy += weight * y;
        wtt += weight * t * t;
        wty += weight * t * y;
    }
    let spread = w * wtt - wt * wt;
    if !(spread.is_finite() && spread > 0.0) {
        return Err(NotCalculated::NoSpread);
    }
    let slope = (w * wty - wt * wy) / spread;
    let standard_error = (w / spread).sqrt();
    Ok(TrendTest {
        slope,
        chi_squared: (slope / standard_error).powi(2),
    })
}

/// The Mann–Kendall test for a monotonic trend (Mann 1945; Kendall, *Rank Correlation Methods*,
/// 1975) on values equally spaced in time, oldest first: `S = Σ_{i<j} sign(y_j − y_i)`, with
/// the exact two-sided probability `P(|S| ≥ |s|)` under no trend from the distribution of `S`
/// over all `n!` orders (counted by inversions). Ties add nothing to `S`; the probability is
/// that of the untied distribution, which is exact for five points at the 5% level because
/// only `|S| = 10`, impossible with a tie, reaches it. The slope is Sen's (1968): the median of
/// the pairwise slopes `(y_j − y_i)/(j − i)`.
pub fn mann_kendall(values: &[f64]) -> Outcome<KendallTest> {
    let n = values.len();
    if n < 3 {
        return Err(NotCalculated::TooFewValues {
            needed: 3,
            found: n,
        });
    }
    if values.iter().any(|v| !v.is_finite()) {
        return Err(NotCalculated::NotFinite);
    }
    let mut s: i64 = 0;
    let mut slopes = Vec::with_capacity(n * (n - 1) / 2);
    for (i, earlier) in values.iter().enumerate() {
        for (later, gap) in values.iter().skip(i + 1).zip(1u32..) {
            s += match later.total_cmp(earlier) {
                std::cmp::Ordering::Greater => 1,
                std::cmp::Ordering::Less => -1,
                std::cmp::Ordering::Equal => 0,
            };
            slopes.push((later - earlier) / f64::from(gap));
        }
    }
    let slope = crate::describe::median(&slopes)?;
    Ok(KendallTest {
        s,
        p_value: kendall_two_sided_p(n, s.unsigned_abs()),
        slope,
    })
}

/// `P(|S| ≥ s)` for `n` untied values in random order. `S = n(n−1)/2 − 2·inversions`, and the
/// number of orders of `n` items with `k` inversions follows `I(n, k) = Σ_{j=0}^{min(k, n−1)}
/// I(n−1, k−j)` (the Mahonian numbers).
fn kendall_two_sided_p(n: usize, s: u64) -> f64 {
    let pairs = n * n.saturating_sub(1) / 2;
    let mut counts = vec![1.0_f64];
    for size in 2..=n {
        let mut next = vec![0.0; counts.len() + size - 1];
        for (k, slot) in next.iter_mut().enumerate() {
            *slot = (0..size)
                .filter_map(|j| k.checked_sub(j).and_then(|from| counts.get(from)))
                .sum();
        }
        counts = next;
    }
    let total: f64 = counts.iter().sum();
    let extreme: f64 = counts
        .iter()
        .enumerate()
        .filter(|&(inversions, _)| {
            let statistic = pairs.abs_diff(2 * inversions) as u64;
            statistic >= s
        })
        .map(|(_, count)| count)
        .sum();
    (extreme / total).min(1.0)
}

/// The Mann–Kendall statistic, its exact two-sided probability and Sen's slope.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KendallTest {
    /// `S`: pairs that rise minus pairs that fall.
    pub s: i64,
    /// `P(|S| ≥ |s|)` with no trend.
    pub p_value: f64,
    /// Sen's slope, per period.
    pub slope: f64,
}

/// The significance level of the Mann–Kendall recent trend: 5% two-sided, the strictest level
/// five points can reach (the smallest possible probability is 2/120 ≈ 0.017, when every value
/// is higher, or every value lower, than the one before).
pub const MANN_KENDALL_LEVEL: f64 = 0.05;

/// Which recent-trend test was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrendMethod {
    /// Cochran–Armitage, for proportions with counts.
    CochranArmitage,
    /// Weighted least squares with standard errors from the 95% limits.
    WeightedLeastSquares,
    /// Mann–Kendall on the values alone, for measures without counts or intervals.
    MannKendall,
}

/// The evidence behind a recent-trend marker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TrendEvidence {
    /// Fingertips' tests: the chi-squared statistic of the full fit, compared with
    /// [`trend_threshold`], and whether the slope keeps its sign when each point in turn is left
    /// out.
    ChiSquared {
        /// The statistic.
        chi_squared: f64,
        /// The leave-one-out rule held.
        robust: bool,
    },
    /// Mann–Kendall's `S` and its exact two-sided probability, compared with
    /// [`MANN_KENDALL_LEVEL`].
    Kendall {
        /// `S`.
        s: i64,
        /// Its probability with no trend.
        p_value: f64,
    },
}

/// Fingertips' recent-trend marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrendMarker {
    /// A significant, robust increase.
    Increasing,
    /// A significant, robust decrease.
    Decreasing,
    /// Neither.
    NoSignificantChange,
}

/// Whether a change is for the better, by polarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Moving in the better direction.
    Improving,
    /// Moving in the worse direction.
    Worsening,
}

fn progress(rising: bool, polarity: Polarity) -> Option<Progress> {
    match (polarity, rising) {
        (Polarity::HigherIsBetter, true) | (Polarity::LowerIsBetter, false) => {
            Some(Progress::Improving)
        }
        (Polarity::HigherIsBetter, false) | (Polarity::LowerIsBetter, true) => {
            Some(Progress::Worsening)
        }
        (Polarity::NoJudgement, _) => None,
    }
}

/// The result of the recent-trend test on the last five points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecentTrend {
    /// The test used.
    pub method: TrendMethod,
    /// Change per period, in the metric's units (proportions × multiplier; Sen's slope for
    /// Mann–Kendall).
    pub slope: f64,
    /// The statistic the marker rests on.
    pub evidence: TrendEvidence,
    /// The marker: for Fingertips' tests, a trend is called only if the chi-squared statistic
    /// exceeds the threshold and the fit is robust; for Mann–Kendall, only if the probability is
    /// below [`MANN_KENDALL_LEVEL`].
    pub marker: TrendMarker,
    /// Improving or worsening, for metrics with polarity and a called trend.
    pub progress: Option<Progress>,
}

/// Points `(t, a, b)` of a trend test.
type Points = [(f64, f64, f64)];

/// Applies a test to all points and to each leave-one-out subset: Fingertips calls a trend only
/// if the slope has the same sign in the full fit and in all leave-one-out fits.
fn robust_test(
    points: &Points,
    test: fn(&Points) -> Outcome<TrendTest>,
) -> Outcome<(TrendTest, bool)> {
    let full = test(points)?;
    let sign = full.slope.signum();
    let mut robust = full.slope != 0.0;
    for left_out in 0..points.len() {
        let subset: Vec<(f64, f64, f64)> = points
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != left_out)
            .map(|(_, p)| *p)
            .collect();
        match test(&subset) {
            Ok(fit) if fit.slope != 0.0 && fit.slope.signum() == sign => {}
            _ => robust = false,
        }
    }
    Ok((full, robust))
}

fn marker_for(
    method: TrendMethod,
    (fit, robust): (TrendTest, bool),
    scale: f64,
    polarity: Polarity,
) -> RecentTrend {
    let called = robust && fit.chi_squared > trend_threshold();
    let marker = match (called, fit.slope > 0.0) {
        (false, _) => TrendMarker::NoSignificantChange,
        (true, true) => TrendMarker::Increasing,
        (true, false) => TrendMarker::Decreasing,
    };
    RecentTrend {
        method,
        slope: fit.slope * scale,
        evidence: TrendEvidence::ChiSquared {
            chi_squared: fit.chi_squared,
            robust,
        },
        marker,
        progress: if called {
            progress(fit.slope > 0.0, polarity)
        } else {
            None
        },
    }
}

/// The last five values (oldest first), or why there are not five.
fn last_five<'a>(series: &[&'a MetricValue]) -> Outcome<Vec<&'a MetricValue>> {
    let start = series.len().saturating_sub(TREND_POINTS);
    let recent: Vec<&MetricValue> = series.iter().skip(start).copied().collect();
    let found = recent.iter().filter(|v| v.value.finite().is_ok()).count();
    if found < TREND_POINTS {
        return Err(NotCalculated::TooFewValues {
            needed: TREND_POINTS,
            found,
        });
    }
    Ok(recent)
}

/// Standard errors from 95% limits (published or computed), as Fingertips does.
fn standard_error(value: &MetricValue, kind: MetricKind) -> Outcome<f64> {
    let interval = interval_for(value, kind, ConfidenceLevel::P95)?;
    Ok((interval.upper - interval.lower) / LIMITS_TO_STANDARD_ERROR)
}

/// The recent-trend test on the last five values of a series (oldest first), which should be
/// a [`comparable_history`]: periods of one length, none overlapping the next. Cochran–Armitage
/// for proportions where every point has counts, weighted least squares otherwise, each with the
/// leave-one-out robustness rule; the five most recent periods must all have values.
pub fn recent_trend(
    series: &[&MetricValue],
    kind: MetricKind,
    polarity: Polarity,
) -> Outcome<RecentTrend> {
    let recent = last_five(series)?;
    if let MetricKind::Proportion { multiplier } = kind {
        let counts: Option<Vec<(f64, f64, f64)>> = recent
            .iter()
            .zip(1..)
            .map(|(v, t)| Some((f64::from(t), v.numerator?, v.denominator?)))
            .collect();
        if let Some(points) = counts {
            let fit = robust_test(&points, cochran_armitage)?;
            return Ok(marker_for(
                TrendMethod::CochranArmitage,
                fit,
                multiplier,
                polarity,
            ));
        }
    }
    let values = recent
        .iter()
        .map(|v| {
            v.value
                .finite()
                .map_err(|missing| NotCalculated::MissingValue { missing })
        })
        .collect::<Outcome<Vec<f64>>>()?;
    let errors = recent
        .iter()
        .map(|v| standard_error(v, kind))
        .collect::<Outcome<Vec<f64>>>();
    match errors {
        Ok(errors) => {
            let points: Vec<(f64, f64, f64)> = values
                .iter()
                .zip(errors)
                .zip(1..)
                .map(|((&y, se), t)| (f64::from(t), y, se))
                .collect();
            let fit = robust_test(&points, weighted_trend)?;
            Ok(marker_for(
                TrendMethod::WeightedLeastSquares,
                fit,
                1.0,
                polarity,
            ))
        }
        // Without counts or intervals, the values' order alone.
        Err(NotCalculated::NoIntervals | NotCalculated::NoCounts) => {
            Ok(kendall_marker(mann_kendall(&values)?, polarity))
        }
        Err(reason) => Err(reason),
    }
}

fn kendall_marker(test: KendallTest, polarity: Polarity) -> RecentTrend {
    let called = test.s != 0 && test.p_value < MANN_KENDALL_LEVEL;
    let rising = test.s > 0;
    RecentTrend {
        method: TrendMethod::MannKendall,
        slope: test.slope,
        evidence: TrendEvidence::Kendall {
            s: test.s,
            p_value: test.p_value,
        },
        marker: match (called, rising) {
            (false, _) => TrendMarker::NoSignificantChange,
            (true, true) => TrendMarker::Increasing,
            (true, false) => TrendMarker::Decreasing,
        },
        progress: if called {
            progress(rising, polarity)
        } else {
            None
        },
    }
}

/// The change between two periods of the same length that share no day.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Earlier period.
    pub from: String,
    /// Later period.
    pub to: String,
    /// The earlier period's days.
    pub from_span: Span,
    /// The later period's days.
    pub to_span: Span,
    /// Later minus earlier value.
    pub absolute: f64,
    /// Change as a percentage of the earlier value.
    pub percent: Outcome<f64>,
}

impl Change {
    /// Whether the later period begins the day after the earlier one ends. When it does not
    /// (a survey every other year, a year not published, pools three years apart), words for
    /// the change must name both periods rather than say "since the previous period".
    pub fn adjacent(&self) -> bool {
        self.from_span.adjacent_to(self.to_span)
    }
}

fn change(from: &SeriesPoint<'_>, from_value: f64, to: &SeriesPoint<'_>, to_value: f64) -> Change {
    let absolute = to_value - from_value;
    Change {
        from: from.label.to_owned(),
        to: to.label.to_owned(),
        from_span: from.span,
        to_span: to.span,
        absolute,
        percent: if from_value == 0.0 {
            Err(NotCalculated::ZeroDenominator)
        } else {
            Ok(100.0 * absolute / from_value.abs())
        },
    }
}

/// Which way a value moved since the previous period, and nothing more: a single change is
/// not a trend, so it is never called better or worse (that takes [`recent_trend`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Travel {
    /// Higher than before.
    Up,
    /// Lower than before.
    Down,
    /// Exactly the same value.
    NoChange,
}

fn travel(absolute: f64) -> Travel {
    if absolute > 0.0 {
        Travel::Up
    } else if absolute < 0.0 {
        Travel::Down
    } else {
        Travel::NoChange
    }
}

/// One period of a series: its label, its days and the value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeriesPoint<'a> {
    /// The period's label.
    pub label: &'a str,
    /// Its days and nominal length.
    pub span: Span,
    /// The value.
    pub value: &'a MetricValue,
}

/// The periods a change or trend ending at the last of `spans` may be drawn from, as indices
/// oldest first: walking back from the last period, each earlier period of the same length
/// that ends before the period after it in the history begins.
///
/// Overlapping periods are never both taken. Values pooled over several years (a three-year
/// average published every year) share years with their neighbours, so consecutive pools are
/// not independent: a change between them is two thirds the same data, and a trend test on
/// them counts each year up to three times. For annual series every period is taken; for
/// three-year pools published every year, every third. A period of another length (a single
/// year among pools) is passed over. `spans` must be oldest first, as a series' periods are.
pub fn comparable_history(spans: &[Span]) -> Vec<usize> {
    let Some(mut index) = spans.len().checked_sub(1) else {
        return Vec::new();
    };
    let mut history = vec![index];
    while let Some(later) = spans.get(index).copied() {
        let earlier = spans
            .iter()
            .take(index)
            .rposition(|span| span.same_length(later) && span.ends_before(later));
        match earlier {
            Some(found) => {
                history.push(found);
                index = found;
            }
            None => break,
        }
    }
    history.reverse();
    history
}

/// Change and trend of one series.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesTrend {
    /// Periods with a value.
    pub points: usize,
    /// The labels of the periods the changes and the recent trend are drawn from, oldest first
    /// (see [`comparable_history`]).
    pub history: Vec<String>,
    /// Change from the previous comparable period to the last: the latest earlier period of
    /// the same length that ends before the last begins. It need not be adjacent
    /// ([`Change::adjacent`]).
    pub change_since_previous: Outcome<Change>,
    /// Change from the first comparable period with a value to the last.
    pub change_since_first: Outcome<Change>,
    /// Direction of travel since the previous comparable period.
    pub direction: Outcome<Travel>,
    /// The recent-trend test, on the last five comparable periods.
    pub recent: Outcome<RecentTrend>,
}

/// Change and trend of a series given oldest first, ending at the period of interest. Only the
/// series' [`comparable_history`] is used: periods of the same length as the last, none
/// overlapping the next.
pub fn series_trend(
    series: &[SeriesPoint<'_>],
    kind: MetricKind,
    polarity: Polarity,
) -> SeriesTrend {
    let spans: Vec<Span> = series.iter().map(|p| p.span).collect();
    let history: Vec<&SeriesPoint<'_>> = comparable_history(&spans)
        .into_iter()
        .filter_map(|i| series.get(i))
        .collect();
    let value_at = |i: usize| -> Outcome<(&SeriesPoint<'_>, f64)> {
        let point = history.get(i).ok_or(NotCalculated::TooFewValues {
            needed: 2,
            found: history.len(),
        })?;
        let v = point
            .value
            .value
            .finite()
            .map_err(|missing| NotCalculated::MissingValue { missing })?;
        Ok((*point, v))
    };
    let last = history.len().checked_sub(1);
    let latest = last.ok_or(NotCalculated::NoValues).and_then(value_at);
    let previous = match last.and_then(|l| l.checked_sub(1)) {
        Some(p) => value_at(p),
        None => Err(NotCalculated::TooFewValues {
            needed: 2,
            found: history.len(),
        }),
    };
    let first = history
        .iter()
        .position(|p| p.value.value.finite().is_ok())
        .ok_or(NotCalculated::NoValues)
        .and_then(value_at);
    let change_since_previous = latest.and_then(|(to, to_value)| {
        previous.map(|(from, from_value)| change(from, from_value, to, to_value))
    });
    let change_since_first = match (first, latest) {
        (Ok((from, from_value)), Ok((to, to_value))) if from.label != to.label => {
            Ok(change(from, from_value, to, to_value))
        }
        (Ok(_), Ok(_)) => Err(NotCalculated::TooFewValues {
            needed: 2,
            found: 1,
        }),
        (Err(reason), _) | (_, Err(reason)) => Err(reason),
    };
    let values: Vec<&MetricValue> = history.iter().map(|p| p.value).collect();
    SeriesTrend {
        points: series
            .iter()
            .filter(|p| p.value.value.finite().is_ok())
            .count(),
        history: history.iter().map(|p| p.label.to_owned()).collect(),
        direction: change_since_previous
            .as_ref()
            .map(|c| travel(c.absolute))
            .map_err(|reason| *reason),
        change_since_previous,
        change_since_first,
        recent: recent_trend(&values, kind, polarity),
    }
}

/// How an area's recent trend compares with its group median's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelativeMarker {
    /// The gap to the group median moves significantly in the better direction: the area is
    /// improving faster than its peers (or worsening more slowly).
    ImprovingFasterThanPeers,
    /// The gap moves significantly in the worse direction: improving more slowly than its peers
    /// (or worsening faster).
    ImprovingSlowerThanPeers,
    /// The area rises significantly relative to its peers (metrics without polarity).
    RisingRelativeToPeers,
    /// The area falls significantly relative to its peers (metrics without polarity).
    FallingRelativeToPeers,
    /// No significant, robust change in the gap.
    NoSignificantDifference,
}

/// The test of the gap between an area and its group median.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RelativeTrend {
    /// Change in (area − group median) per period.
    pub slope: f64,
    /// Chi-squared of the weighted fit.
    pub chi_squared: f64,
    /// Whether the slope keeps its sign in every leave-one-out fit.
    pub robust: bool,
    /// The verdict.
    pub marker: RelativeMarker,
}

/// "Improving faster than its peers", defined: over the last five periods (of a
/// [`comparable_history`], as for [`recent_trend`]), the gap
/// `g_t = area_t − median_t` between the area and its group median is fitted on `t` by weighted
/// least squares with the area's standard errors (the median is treated as a fixed benchmark,
/// as Fingertips treats England's value), and the same threshold and leave-one-out rule as the
/// recent-trend test apply. A significant rise in the gap means improving faster for a
/// higher-is-better metric and slower for a lower-is-better one.
pub fn relative_trend(
    area: &[&MetricValue],
    medians: &[Outcome<f64>],
    kind: MetricKind,
    polarity: Polarity,
) -> Outcome<RelativeTrend> {
    let recent = last_five(area)?;
    let start = medians.len().saturating_sub(TREND_POINTS);
    let recent_medians: Vec<Outcome<f64>> = medians.iter().skip(start).copied().collect();
    if recent_medians.len() != recent.len() {
        return Err(NotCalculated::TooFewValues {
            needed: TREND_POINTS,
            found: recent_medians.len(),
        });
    }
    let points = recent
        .iter()
        .zip(recent_medians)
        .zip(1..)
        .map(|((v, median), t)| {
            let y = v
                .value
                .finite()
                .map_err(|missing| NotCalculated::MissingValue { missing })?;
            Ok((f64::from(t), y - median?, standard_error(v, kind)?))
        })
        .collect::<Outcome<Vec<_>>>()?;
    let (fit, robust) = robust_test(&points, weighted_trend)?;
    let called = robust && fit.chi_squared > trend_threshold();
    let rising = fit.slope > 0.0;
    let marker = match (called, progress(rising, polarity)) {
        (false, _) => RelativeMarker::NoSignificantDifference,
        (true, Some(Progress::Improving)) => RelativeMarker::ImprovingFasterThanPeers,
        (true, Some(Progress::Worsening)) => RelativeMarker::ImprovingSlowerThanPeers,
        (true, None) if rising => RelativeMarker::RisingRelativeToPeers,
        (true, None) => RelativeMarker::FallingRelativeToPeers,
    };
    Ok(RelativeTrend {
        slope: fit.slope,
        chi_squared: fit.chi_squared,
        robust,
        marker,
    })
}
