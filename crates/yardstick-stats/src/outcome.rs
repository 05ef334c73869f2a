//! Why a statistic could not be calculated.

use crate::domain::Absence;

/// The reason a statistic, interval, comparison or trend has no value. Every function that
/// could otherwise divide by zero, take the median of nothing or meet a NaN returns one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotCalculated {
    /// There were no usable values at all.
    NoValues,
    /// Fewer values than the method needs (quartiles need 4, a trend 5, a spread 2).
    TooFewValues {
        /// Values the method needs.
        needed: usize,
        /// Values there were.
        found: usize,
    },
    /// Every value is the same (standard deviation or MAD is zero), so a score is undefined.
    NoSpread,
    /// An input was NaN or infinite.
    NotFinite,
    /// A denominator, population, expected count or weight total was zero.
    ZeroDenominator,
    /// A count, denominator, sample size or standard deviation was negative.
    NegativeInput,
    /// More events than trials.
    NumeratorExceedsDenominator,
    /// Fewer events than the method allows (Dobson's interval is suppressed under 10).
    TooFewEvents {
        /// Smallest total the method accepts.
        needed: u32,
    },
    /// The area's own value is missing.
    MissingValue {
        /// Why.
        missing: Absence,
    },
    /// The method needs a numerator and denominator that were not published.
    NoCounts,
    /// Neither published limits nor counts to compute them from.
    NoIntervals,
    /// The published limits do not contain the value or are reversed.
    InconsistentLimits,
    /// The metric's kind has no interval at this level (only published 95% limits exist).
    LevelNotPublished,
    /// The area does not provide the service the metric measures.
    NoService,
    /// The comparison group has no member with a value.
    EmptyGroup,
    /// The statistic is undefined for metrics without polarity.
    NoPolarity,
}

/// Shorthand for results in this crate.
pub type Outcome<T> = Result<T, NotCalculated>;

/// A finite number or `NotFinite`.
pub(crate) fn finite(value: f64) -> Outcome<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(NotCalculated::NotFinite)
    }
}
