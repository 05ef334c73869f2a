//! Domain types shared by every part of Yardstick.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A GSS code (E08000009) or any other stable identifier of an area.
///
/// Ordering is by the code's text, which is how every returned list breaks ties.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AreaCode(String);

impl AreaCode {
    /// Wraps a code as given; validation of its shape belongs to the bundle reader.
    pub fn new(code: impl Into<String>) -> Self {
        Self(code.into())
    }

    /// The code's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AreaCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for AreaCode {
    fn from(code: &str) -> Self {
        Self::new(code)
    }
}

/// Which direction of a metric is "better" (Fingertips' polarity).
///
/// `NoJudgement` metrics are described as higher or lower, never better or worse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// A higher value is better (e.g. recycling rate).
    HigherIsBetter,
    /// A lower value is better (e.g. residual waste per household).
    LowerIsBetter,
    /// Neither direction is better (e.g. population); comparisons say higher or lower.
    NoJudgement,
}

impl Polarity {
    /// Whether "better" and "worse" may be said of this metric.
    pub fn is_judged(self) -> bool {
        !matches!(self, Self::NoJudgement)
    }
}
