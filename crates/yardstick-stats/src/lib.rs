//! Yardstick's statistical core: everything that turns published numbers into a comparison.
//!
//! The crate is pure: no I/O, clock, randomness, JSON, wasm or UI. The command line and the
//! widget build one [`Dataset`] from a bundle (plain [`DatasetInput`] structs: areas, context
//! variables, published groups, metric series) and ask it three questions:
//!
//! - [`Dataset::peers`]: an area's peer group under a [`GroupSpec`] (`all`, `type`, `region`,
//!   `published:ID`, `nearest:K;...`, `list:...`), with each nearest neighbour's distance,
//!   similarity, rank and each variable's share of the distance;
//! - [`Dataset::compare`]: the area against its group for one metric and period (median,
//!   quartiles, MAD, rank, z-score, Fingertips' intervals and better/similar/worse, trends);
//! - [`Dataset::summary`]: every metric's latest figures for one area.
//!
//! The building blocks (quantiles, intervals, benchmark tests, trend tests) are public too. A
//! statistic that cannot be calculated is a [`NotCalculated`] reason, never NaN or a panic, and
//! every list comes back sorted with ties broken by area code.
//!
//! ```
//! use yardstick_stats::{ConfidenceLevel, GroupSpec, NotCalculated, describe, wilson_interval};
//!
//! // 37 of 212: the Wilson score interval at 95%, as a percentage.
//! let interval = wilson_interval(37.0, 212.0, ConfidenceLevel::P95, 100.0).unwrap();
//! assert!((interval.lower - 12.94).abs() < 0.005 && (interval.upper - 23.13).abs() < 0.005);
//!
//! // Quartiles need four values; the reason says so.
//! let group = describe(&[3.0, 1.0, 2.0]).unwrap();
//! assert_eq!(group.median, 2.0);
//! assert_eq!(group.quartiles, Err(NotCalculated::TooFewValues { needed: 4, found: 3 }));
//!
//! let spec: GroupSpec = "nearest:10;scale=robust".parse().unwrap();
//! assert_eq!(spec.to_string(), "nearest:10;scale=robust");
//! ```

mod compare;
mod dataset;
mod describe;
mod distributions;
mod domain;
mod error;
mod intervals;
mod linalg;
mod order;
mod outcome;
mod peers;
mod spec;
mod summary;
mod trend;

pub use compare::{
    Assessment, Benchmark, BenchmarkChoice, BenchmarkComparison, CompareOptions, Comparison,
    ComparisonMethod, Direction, GroupUsed, Judgement, Levels, MissingMember, Position,
    QuartileBand, Rank, RankOrder, RankedValue, VERDICT_MIN_GROUP, Verdict, VerdictMethod, assess,
    compare_with_benchmark, control_limits, judge, position, quartile_band, rank_values, verdict,
};
pub use dataset::{
    ContextRow, ContextTable, ContextVariable, Dataset, DatasetError, DatasetInput, MetricSeries,
    PeriodValues, PublishedGroups, PublishedNeighbour,
};
pub use describe::{
    Description, MIN_VALUES_FOR_QUARTILES, Quartiles, describe, describe_sorted, median,
    median_absolute_deviation, quantile_sorted, sorted_finite,
};
pub use distributions::{chi_squared_quantile, normal_quantile, student_t_quantile};
pub use domain::{
    Absence, Area, AreaCode, Metric, MetricKind, MetricValue, MissingReason, Observation, Polarity,
    Qualifier, ServiceScope, Span, Status,
};
pub use error::EngineError;
pub use intervals::{
    ConfidenceInterval, ConfidenceLevel, IntervalMethod, StandardisedRate, Stratum, byar_interval,
    crude_rate_interval, dobson_interval, exact_poisson_interval, interval_for, mean_interval,
    poisson_interval, published_interval, ratio_interval, wilson_interval,
};
pub use order::{set_of, sort_with};
pub use outcome::{NotCalculated, Outcome};
pub use peers::{
    DroppedVariable, Exclusion, ExclusionReason, ImputedValue, MAD_TO_SD, MAHALANOBIS_SHRINKAGE,
    ModelVariable, Neighbour, NeighbourModel, Overlap, PeerGroup, PeerMember, VariableShare,
    overlap,
};
pub use spec::{
    DEFAULT_NEIGHBOURS, DistanceMeasure, GroupSpec, GroupSpecError, LogChoice, NearestSpec,
    NeighbourCount, NumberParser, Scaling, SpecProblem, is_decimal_number, std_number,
};
pub use summary::{Summary, SummaryRow};
pub use trend::{
    Change, KendallTest, LIMITS_TO_STANDARD_ERROR, MANN_KENDALL_LEVEL, Progress, RecentTrend,
    RelativeMarker, RelativeTrend, SeriesPoint, SeriesTrend, TREND_POINTS, Travel, TrendEvidence,
    TrendMarker, TrendMethod, TrendTest, cochran_armitage, comparable_history, mann_kendall,
    recent_trend, relative_trend, series_trend, trend_threshold, weighted_trend,
};
