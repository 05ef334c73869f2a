//! Domain types shared by every part of Yardstick.

use std::fmt;

/// A GSS code (E08000009) or any other stable identifier of an area.
///
/// Ordering is by the code's text, which is how every returned list breaks ties.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

/// One area (a council) as the engine sees it.
///
/// `area_type` and `region` are the bundle's own vocabulary (for example `"MD"` and
/// `"North West"`); the engine only compares them for equality.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// GSS code.
    pub code: AreaCode,
    /// Display name.
    pub name: String,
    /// Kind of council (county, district, metropolitan district, unitary, London borough...).
    pub area_type: String,
    /// Region or nation, where known.
    pub region: Option<String>,
    /// The county this district lies in, for two-tier areas: a county and its own districts
    /// never appear in each other's nearest-neighbour groups.
    pub parent: Option<AreaCode>,
    /// Whether the area still exists. Context variables describe areas as they are now, so
    /// nearest neighbours are drawn only from areas in force; abolished councils stay in fixed
    /// groups for the periods they existed in (see [`Area::in_force_during`]).
    pub in_force: bool,
    /// The area's first day in force, as a day number (see [`Span`]), where known.
    pub first_day: Option<i32>,
    /// Its last day in force, where it has ended.
    pub last_day: Option<i32>,
}

impl Area {
    /// Whether the area was in force on some day of `period`: it began on or before the
    /// period's last day and had not ended before its first. A comparison for a period is made
    /// among the areas in force during it, so a council abolished before the period (or created
    /// after it) is neither counted nor named as a member without a figure.
    pub fn in_force_during(&self, period: Span) -> bool {
        self.first_day.is_none_or(|first| first <= period.last)
            && self.last_day.is_none_or(|last| last >= period.first)
    }
}

/// A period as the engine sees it: its first and last day, as day numbers, and its nominal
/// length in whole calendar months (0 for a single day, 12 for a year, 36 for a three-year
/// pool).
///
/// Day numbers count days from any fixed day the caller chooses (the bundle counts from
/// 1 January 1970); the engine only compares them. The nominal length is what "the same
/// length" means: two financial years are of the same length although one has a 29 February.
///
/// ```
/// use yardstick_stats::Span;
///
/// // Three-year pools starting 2019 and 2020 overlap; those starting 2019 and 2022 do not.
/// let pool = |first_year: i32| {
///     let first = (first_year - 1970) * 365;
///     Span::new(first, first + 3 * 365 - 1, 36).unwrap()
/// };
/// assert!(!pool(2019).ends_before(pool(2020)));
/// assert!(pool(2019).ends_before(pool(2022)) && pool(2019).adjacent_to(pool(2022)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    first: i32,
    last: i32,
    months: u32,
}

impl Span {
    /// A period from day `first` to day `last` inclusive, `months` long; `None` when it would
    /// end before it begins.
    pub fn new(first: i32, last: i32, months: u32) -> Option<Self> {
        (first <= last).then_some(Self {
            first,
            last,
            months,
        })
    }

    /// The period over the days from the earlier of `a` and `b` to the later, `months` long:
    /// for callers whose own type already guarantees the order (a bundle's `Period`).
    pub fn ordered(a: i32, b: i32, months: u32) -> Self {
        Self {
            first: a.min(b),
            last: a.max(b),
            months,
        }
    }

    /// The first day.
    pub fn first(self) -> i32 {
        self.first
    }

    /// The last day.
    pub fn last(self) -> i32 {
        self.last
    }

    /// The nominal length in whole calendar months (0 for a single day).
    pub fn months(self) -> u32 {
        self.months
    }

    /// Whether both periods have the same nominal length.
    pub fn same_length(self, other: Self) -> bool {
        self.months == other.months
    }

    /// Whether this period ends before `later` begins: they share no day, in this order.
    pub fn ends_before(self, later: Self) -> bool {
        self.last < later.first
    }

    /// Whether `later` begins the day after this period ends, with no gap between them.
    pub fn adjacent_to(self, later: Self) -> bool {
        self.last.checked_add(1) == Some(later.first)
    }
}

/// Which areas provide the service a metric measures (Oflog compared only councils responsible
/// for the service: a district has no adult social care, a county no waste collection).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ServiceScope {
    /// Every area provides it.
    #[default]
    AllAreas,
    /// Only areas of these types provide it.
    AreaTypes(std::collections::BTreeSet<String>),
}

impl ServiceScope {
    /// A scope limited to the given area types.
    pub fn area_types<I, S>(types: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self::AreaTypes(crate::order::set_of(types.into_iter().map(Into::into)))
    }

    /// Whether `area` provides the service.
    pub fn covers(&self, area: &Area) -> bool {
        match self {
            Self::AllAreas => true,
            Self::AreaTypes(types) => types.contains(&area.area_type),
        }
    }
}

/// Why a published value is absent (owid-grapher's typed error values; Fingertips' and ONS's
/// status markers).
///
/// Only the publishers' reasons: a number that is present but not finite is the engine's own
/// finding, [`Absence::NotFinite`], so a bundle can carry every reason this type holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MissingReason {
    /// Withheld by the publisher, usually to protect small numbers (`c`, `*`).
    Suppressed,
    /// Not collected or not yet published (`x`, `..`, `-`).
    NotAvailable,
    /// The measure does not apply to this area (`z`).
    NotApplicable,
}

/// What a publisher says of a number it did publish (ONS's and DfE's status markers).
///
/// A value carries at most one: the bundle has one status per value, and a missing value has a
/// [`MissingReason`] instead, so a missing-and-provisional value cannot be written down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Qualifier {
    /// Provisional figure, to be revised.
    Provisional,
    /// Revised since first publication.
    Revised,
    /// Estimated (imputed or modelled) by the publisher.
    Estimated,
    /// Flagged as of low reliability (ONS status `u`).
    LowReliability,
}

/// A publisher's status marker: a qualifier of a number, or the reason there is none.
///
/// What a status cell or a status word can say before it is known whether a number came
/// with it; the reading built from it keeps the two apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// The number is qualified.
    Qualified(Qualifier),
    /// There is no number.
    Missing(MissingReason),
}

/// Why the engine has no usable number for a value: the publisher's reason, or a number that
/// was not finite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Absence {
    /// The publisher gave no number.
    Missing(MissingReason),
    /// The value given was not a finite number (NaN or infinite); the engine treats it as
    /// missing rather than let it reach a sum.
    NotFinite,
}

/// A published value, or the reason it is missing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Observation {
    /// The published number.
    Value(f64),
    /// Why there is no number.
    Missing(MissingReason),
}

impl Observation {
    /// The number, if it is present and finite.
    pub fn finite(self) -> Result<f64, Absence> {
        match self {
            Self::Value(value) if value.is_finite() => Ok(value),
            Self::Value(_) => Err(Absence::NotFinite),
            Self::Missing(reason) => Err(Absence::Missing(reason)),
        }
    }
}

/// One area's value of one metric for one period, with whatever the publisher gave beside it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetricValue {
    /// The value as published (a percentage, a rate per 1,000, a count...).
    pub value: Observation,
    /// Events or successes: `x` of a proportion, `O` of a count, rate or ratio.
    pub numerator: Option<f64>,
    /// Trials, population or expected count; the sample size `n` of a mean.
    pub denominator: Option<f64>,
    /// Sample standard deviation, for means.
    pub standard_deviation: Option<f64>,
    /// Published lower 95% confidence limit.
    pub lower_95: Option<f64>,
    /// Published upper 95% confidence limit.
    pub upper_95: Option<f64>,
    /// The publisher's qualifier, if any.
    pub qualifier: Option<Qualifier>,
}

impl MetricValue {
    /// A bare value with nothing beside it.
    pub fn new(value: f64) -> Self {
        Self::from_observation(Observation::Value(value))
    }

    /// A missing value.
    pub fn missing(reason: MissingReason) -> Self {
        Self::from_observation(Observation::Missing(reason))
    }

    fn from_observation(value: Observation) -> Self {
        Self {
            value,
            numerator: None,
            denominator: None,
            standard_deviation: None,
            lower_95: None,
            upper_95: None,
            qualifier: None,
        }
    }

    /// Adds a numerator and denominator.
    pub fn with_counts(mut self, numerator: f64, denominator: f64) -> Self {
        self.numerator = Some(numerator);
        self.denominator = Some(denominator);
        self
    }

    /// Adds published 95% limits.
    pub fn with_limits(mut self, lower_95: f64, upper_95: f64) -> Self {
        self.lower_95 = Some(lower_95);
        self.upper_95 = Some(upper_95);
        self
    }

    /// Adds a sample size and standard deviation (for means).
    pub fn with_sample(mut self, size: f64, standard_deviation: f64) -> Self {
        self.denominator = Some(size);
        self.standard_deviation = Some(standard_deviation);
        self
    }

    /// Replaces the qualifier.
    pub fn with_qualifier(mut self, qualifier: Option<Qualifier>) -> Self {
        self.qualifier = qualifier;
        self
    }
}

/// What kind of quantity a metric is, which decides its confidence interval (Fingertips'
/// value types).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MetricKind {
    /// `numerator / denominator × multiplier` (100 for a percentage): Wilson score interval.
    Proportion {
        /// 1 for a fraction, 100 for a percentage.
        multiplier: f64,
    },
    /// A count of events: exact Poisson under 10 events, Byar's otherwise.
    Count,
    /// Events per population × multiplier: Poisson limits on the events, divided.
    CrudeRate {
        /// 1,000 or 100,000 for "per 1,000".
        multiplier: f64,
    },
    /// Observed over expected events × multiplier (an indirectly standardised ratio).
    Ratio {
        /// 1 for a ratio, 100 for a standardised mortality ratio.
        multiplier: f64,
    },
    /// A directly standardised rate: Dobson's interval, which needs strata, so per-value
    /// intervals come from the published limits.
    DirectlyStandardisedRate,
    /// A sample mean: t interval from the sample size and standard deviation.
    Mean,
    /// Anything else (money, tonnes, a score): only published limits are used.
    Other,
}

/// A metric's identity and the rules for comparing it.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    /// The bundle's identifier, e.g. `"household-recycling-rate"`.
    pub id: String,
    /// Display title.
    pub title: String,
    /// Which direction is better.
    pub polarity: Polarity,
    /// What kind of number it is.
    pub kind: MetricKind,
    /// Which areas provide the service.
    pub service: ServiceScope,
}
