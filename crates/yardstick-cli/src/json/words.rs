//! The JSON output's words for the engine's enums: snake_case, spelt out here match by match,
//! so that renaming or adding an engine variant is a compile error here rather than a silent
//! change to the published format (docs/schema/cli/output.schema.json lists the same words).

use yardstick_stats::{
    Absence, BenchmarkChoice, ComparisonMethod, ConfidenceLevel, Direction, DistanceMeasure,
    ExclusionReason, IntervalMethod, Judgement, Levels, MissingReason, Polarity, Progress,
    QuartileBand, RankOrder, RelativeMarker, Scaling, Travel, TrendMarker, TrendMethod,
    VerdictMethod,
};

/// Which way is better.
pub fn polarity(polarity: Polarity) -> &'static str {
    match polarity {
        Polarity::HigherIsBetter => "higher_is_better",
        Polarity::LowerIsBetter => "lower_is_better",
        Polarity::NoJudgement => "no_judgement",
    }
}

/// Why a member of a group has no value.
pub fn missing(reason: Absence) -> &'static str {
    match reason {
        Absence::Missing(MissingReason::Suppressed) => "suppressed",
        Absence::Missing(MissingReason::NotAvailable) => "not_available",
        Absence::Missing(MissingReason::NotApplicable) => "not_applicable",
        Absence::NotFinite => "not_finite",
    }
}

/// The area's quarter of the group.
pub fn quartile_band(band: QuartileBand) -> &'static str {
    match band {
        QuartileBand::Lowest => "lowest",
        QuartileBand::LowerMiddle => "lower_middle",
        QuartileBand::UpperMiddle => "upper_middle",
        QuartileBand::Highest => "highest",
    }
}

/// Higher, similar or lower than a benchmark, without a judgement.
pub fn direction(direction: Direction) -> &'static str {
    match direction {
        Direction::Higher => "higher",
        Direction::Similar => "similar",
        Direction::Lower => "lower",
    }
}

/// The comparison's verdict, with the metric's polarity applied.
pub fn judgement(judgement: Judgement) -> &'static str {
    match judgement {
        Judgement::Best => "best",
        Judgement::Better => "better",
        Judgement::Similar => "similar",
        Judgement::Worse => "worse",
        Judgement::Worst => "worst",
        Judgement::Higher => "higher",
        Judgement::Lower => "lower",
    }
}

/// What rank 1 means.
pub fn rank_order(order: RankOrder) -> &'static str {
    match order {
        RankOrder::BestFirst => "best_first",
        RankOrder::HighestFirst => "highest_first",
    }
}

/// What the area is compared with.
pub fn benchmark(kind: BenchmarkChoice) -> &'static str {
    match kind {
        BenchmarkChoice::GroupMedian => "group_median",
        BenchmarkChoice::GroupPooled => "group_pooled",
    }
}

/// How the area is compared with the benchmark.
pub fn comparison_method(method: ComparisonMethod) -> &'static str {
    match method {
        ComparisonMethod::ConfidenceIntervals => "confidence_intervals",
        ComparisonMethod::ControlLimits => "control_limits",
    }
}

/// One level (95%) or two (95% and 99.8%).
pub fn levels(levels: Levels) -> &'static str {
    match levels {
        Levels::One => "one",
        Levels::Two => "two",
    }
}

/// A confidence level, as its percentage.
pub fn level(level: ConfidenceLevel) -> &'static str {
    match level {
        ConfidenceLevel::P95 => "95",
        ConfidenceLevel::P998 => "99.8",
    }
}

/// How an interval was found.
pub fn interval_method(method: IntervalMethod) -> &'static str {
    match method {
        IntervalMethod::Wilson => "wilson",
        IntervalMethod::ExactPoisson => "exact_poisson",
        IntervalMethod::Byar => "byar",
        IntervalMethod::Dobson => "dobson",
        IntervalMethod::StudentT => "student_t",
        IntervalMethod::Published => "published",
    }
}

/// How a verdict was reached.
pub fn verdict_method(method: VerdictMethod) -> &'static str {
    match method {
        VerdictMethod::Test(method) => comparison_method(method),
        VerdictMethod::DistanceFromMedian => "distance_from_median",
    }
}

/// The test behind a recent trend.
pub fn trend_method(method: TrendMethod) -> &'static str {
    match method {
        TrendMethod::CochranArmitage => "cochran_armitage",
        TrendMethod::WeightedLeastSquares => "weighted_least_squares",
        TrendMethod::MannKendall => "mann_kendall",
    }
}

/// A recent trend's finding.
pub fn trend_marker(marker: TrendMarker) -> &'static str {
    match marker {
        TrendMarker::Increasing => "increasing",
        TrendMarker::Decreasing => "decreasing",
        TrendMarker::NoSignificantChange => "no_significant_change",
    }
}

/// A significant trend, with the metric's polarity applied.
pub fn progress(progress: Progress) -> &'static str {
    match progress {
        Progress::Improving => "improving",
        Progress::Worsening => "worsening",
    }
}

/// The direction of travel since the previous period.
pub fn travel(travel: Travel) -> &'static str {
    match travel {
        Travel::Up => "up",
        Travel::Down => "down",
        Travel::NoChange => "no_change",
    }
}

/// The area's trend against its group's.
pub fn relative_marker(marker: RelativeMarker) -> &'static str {
    match marker {
        RelativeMarker::ImprovingFasterThanPeers => "improving_faster_than_peers",
        RelativeMarker::ImprovingSlowerThanPeers => "improving_slower_than_peers",
        RelativeMarker::RisingRelativeToPeers => "rising_relative_to_peers",
        RelativeMarker::FallingRelativeToPeers => "falling_relative_to_peers",
        RelativeMarker::NoSignificantDifference => "no_significant_difference",
    }
}

/// Why a candidate is not in a peer group.
pub fn exclusion(reason: ExclusionReason) -> &'static str {
    match reason {
        ExclusionReason::TheAreaItself => "the_area_itself",
        ExclusionReason::NoService => "no_service",
        ExclusionReason::Nested => "nested",
        ExclusionReason::NotInForce => "not_in_force",
        ExclusionReason::NoContext => "no_context",
    }
}

/// How nearest-neighbour variables are put on one scale.
pub fn scaling(scaling: Scaling) -> &'static str {
    match scaling {
        Scaling::ZScore => "z_score",
        Scaling::Robust => "robust",
    }
}

/// The distance between two areas.
pub fn distance(distance: DistanceMeasure) -> &'static str {
    match distance {
        DistanceMeasure::Euclidean => "euclidean",
        DistanceMeasure::Mahalanobis => "mahalanobis",
    }
}
