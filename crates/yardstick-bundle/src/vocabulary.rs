//! The bundle's shared words: the enums that the wire types and the domain types both use.
//!
//! A leaf: it names nothing else in the crate, so `wire` and the domain modules can both
//! import it without importing each other.

use serde::{Deserialize, Serialize};

/// What kind of number a metric's values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueType {
    /// Per cent, 0 to 100.
    Percentage,
    /// A rate per `rate_per` of something (per 100,000 population).
    Rate,
    /// A count of things.
    Count,
    /// One quantity divided by another (house prices to earnings).
    Ratio,
    /// Money, in the unit the `unit` label names (£, £ million).
    Currency,
    /// A score on a scale (wellbeing out of 10, deprivation score).
    Score,
    /// Any other measured quantity (kg per household, minutes, years).
    Quantity,
}

/// How a variable should be transformed before distances are measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transform {
    /// Use as published.
    None,
    /// Take the natural logarithm first (population and other skewed counts).
    Log,
}

/// How close a publisher says a neighbour is (DfE's bands).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Closeness {
    /// DfE "Extremely close".
    ExtremelyClose,
    /// DfE "Very close".
    VeryClose,
    /// DfE "Close".
    Close,
    /// DfE "Somewhat close".
    SomewhatClose,
    /// DfE "Not close".
    NotClose,
}

impl Closeness {
    /// Reads DfE's labels in any case ("Very Close", "very close").
    pub fn from_label(label: &str) -> Option<Self> {
        match label.trim().to_ascii_lowercase().as_str() {
            "extremely close" => Some(Self::ExtremelyClose),
            "very close" => Some(Self::VeryClose),
            "close" => Some(Self::Close),
            "somewhat close" => Some(Self::SomewhatClose),
            "not close" => Some(Self::NotClose),
            _ => None,
        }
    }
}
