//! Yardstick's statistical core: everything that turns published numbers into a comparison.
//!
//! The crate is pure: no I/O, clock, randomness, JSON, wasm or UI. It takes validated domain
//! values (built from the wire format by `yardstick-bundle`) and returns typed outcomes; where a
//! statistic cannot be calculated it says why instead of returning NaN or panicking.
//!
//! ```
//! use yardstick_stats::{AreaCode, Polarity};
//!
//! let code = AreaCode::new("E08000009");
//! assert_eq!(code.as_str(), "E08000009");
//! assert!(Polarity::HigherIsBetter.is_judged());
//! ```

mod compare;
mod dataset;
mod describe;
mod distributions;
mod domain;
mod error;
mod intervals;
mod linalg;
mod outcome;
mod peers;
mod spec;
mod summary;
mod trend;

pub use compare::{
    Assessment, Benchmark, BenchmarkChoice, BenchmarkComparison, CompareOptions, Comparison,
    ComparisonMethod, Direction, GroupUsed, Judgement, Levels, MissingMember, Position,
    QuartileBand, Rank, RankOrder, RankedValue, assess, compare_with_benchmark, control_limits,
    judge, position, quartile_band, rank_values,
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
    Area, AreaCode, Metric, MetricKind, MetricValue, MissingReason, Observation, Polarity,
    ServiceScope, ValueFlags,
};
pub use error::EngineError;
pub use intervals::{
    ConfidenceInterval, ConfidenceLevel, IntervalMethod, StandardisedRate, Stratum, byar_interval,
    crude_rate_interval, dobson_interval, exact_poisson_interval, interval_for, mean_interval,
    poisson_interval, published_interval, ratio_interval, wilson_interval,
};
pub use outcome::{NotCalculated, Outcome};
pub use peers::{
    DroppedVariable, Exclusion, ExclusionReason, ImputedValue, MAD_TO_SD, MAHALANOBIS_SHRINKAGE,
    ModelVariable, Neighbour, NeighbourModel, Overlap, PeerGroup, PeerMember, VariableShare,
    overlap,
};
pub use spec::{
    DEFAULT_NEIGHBOURS, DistanceMeasure, GroupSpec, GroupSpecError, LogChoice, NearestSpec,
    NeighbourCount, Scaling, SpecProblem,
};
pub use summary::{Summary, SummaryRow};
pub use trend::{
    Change, LIMITS_TO_STANDARD_ERROR, Progress, RecentTrend, RelativeMarker, RelativeTrend,
    SeriesTrend, TREND_POINTS, Travel, TrendMarker, TrendMethod, TrendTest, cochran_armitage,
    recent_trend, relative_trend, series_trend, trend_threshold, weighted_trend,
};
