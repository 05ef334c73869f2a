//! Errors in a request (an unknown area, metric, period, group or variable), as opposed to
//! statistics that cannot be calculated from the data (those are [`NotCalculated`](crate::NotCalculated)).

use std::fmt;

use crate::domain::AreaCode;

/// A request the dataset cannot answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineError {
    /// No area has this code.
    UnknownArea(AreaCode),
    /// No metric has this id.
    UnknownMetric(String),
    /// The metric has no such period.
    UnknownPeriod {
        /// The metric.
        metric: String,
        /// The period asked for.
        period: String,
        /// The periods there are, oldest first.
        known: Vec<String>,
    },
    /// The metric has no periods at all.
    NoPeriods(String),
    /// No published group has this id.
    UnknownPublishedGroup {
        /// The id asked for.
        id: String,
        /// The ids there are.
        known: Vec<String>,
    },
    /// The published group has no list for the area.
    NoPublishedList {
        /// The group.
        group: String,
        /// The area.
        area: AreaCode,
    },
    /// A context variable named in the spec does not exist.
    UnknownVariable {
        /// The name.
        variable: String,
        /// The variables there are.
        known: Vec<String>,
    },
    /// The dataset has no context variables, so no nearest neighbours.
    NoContextVariables,
    /// Every chosen variable was dropped (no values, or the same value everywhere).
    NoUsableVariables,
    /// Every chosen variable has weight 0.
    AllWeightsZero,
    /// The area does not provide the service, so it has no peers for it.
    AreaWithoutService(AreaCode),
    /// The engine broke one of its own invariants (a bug, caught by a debug assertion in
    /// tests): reported instead of a number computed from made-up values.
    Inconsistent(&'static str),
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownArea(code) => write!(f, "no area has the code {code}"),
            Self::UnknownMetric(id) => write!(f, "no metric has the id {id}"),
            Self::UnknownPeriod {
                metric,
                period,
                known,
            } => write!(
                f,
                "metric {metric} has no period {period}; its periods are {}",
                list(known)
            ),
            Self::NoPeriods(metric) => write!(f, "metric {metric} has no values"),
            Self::UnknownPublishedGroup { id, known } => write!(
                f,
                "no published group has the id {id}; the published groups are {}",
                list(known)
            ),
            Self::NoPublishedList { group, area } => {
                write!(f, "published group {group} has no list for {area}")
            }
            Self::UnknownVariable { variable, known } => write!(
                f,
                "no context variable is called {variable}; the variables are {}",
                list(known)
            ),
            Self::NoContextVariables => {
                write!(
                    f,
                    "the data have no context variables to find nearest neighbours with"
                )
            }
            Self::NoUsableVariables => write!(
                f,
                "every chosen context variable is missing or has the same value for every area"
            ),
            Self::AllWeightsZero => write!(f, "every chosen context variable has weight 0"),
            Self::AreaWithoutService(code) => {
                write!(
                    f,
                    "{code} does not provide this service, so it has no peers for it"
                )
            }
            Self::Inconsistent(what) => write!(
                f,
                "the comparison could not be computed ({what}); this is a fault in Yardstick"
            ),
        }
    }
}

impl std::error::Error for EngineError {}
