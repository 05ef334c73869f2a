//! Why a statistic could not be calculated.

use serde::{Deserialize, Serialize};

use crate::domain::MissingReason;

/// The reason a statistic, interval, comparison or trend has no value. Every function that
/// could otherwise divide by zero, take the median of nothing or meet a NaN returns one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
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
        missing: MissingReason,
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

/// Serde for `Outcome<T>` fields: the value itself, or `{"reason": "..."}` when it could not be
/// calculated (rather than serde's default `{"Ok": ...}` / `{"Err": ...}`).
pub(crate) mod value_or_reason {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::NotCalculated;

    pub(crate) fn serialize<S, T>(
        outcome: &Result<T, NotCalculated>,
        serializer: S,
    ) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        T: Serialize,
    {
        match outcome {
            Ok(value) => value.serialize(serializer),
            Err(reason) => reason.serialize(serializer),
        }
    }

    pub(crate) fn deserialize<'de, D, T>(
        deserializer: D,
    ) -> Result<Result<T, NotCalculated>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        // The reason is tried first: no output type has a `reason` field.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either<T> {
            Reason(NotCalculated),
            Value(T),
        }
        Ok(match Either::deserialize(deserializer)? {
            Either::Reason(reason) => Err(reason),
            Either::Value(value) => Ok(value),
        })
    }
}
