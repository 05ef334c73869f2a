//! Confidence intervals at 95% and 99.8%, as OHID Fingertips and the PHEindicatormethods
//! R package compute them.

use crate::distributions::{chi_squared_quantile, student_t_quantile};
use crate::domain::{MetricKind, MetricValue};
use crate::outcome::{NotCalculated, Outcome, finite};

/// The two confidence levels Fingertips offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConfidenceLevel {
    /// 95%: about two standard errors.
    P95,
    /// 99.8%: about three standard errors.
    P998,
}

impl ConfidenceLevel {
    /// Both levels, narrower first.
    pub const BOTH: [Self; 2] = [Self::P95, Self::P998];

    /// The confidence `c` (0.95 or 0.998).
    pub fn confidence(self) -> f64 {
        match self {
            Self::P95 => 0.95,
            Self::P998 => 0.998,
        }
    }

    /// `z = Φ⁻¹(1 − α/2)`, to double precision (the values `normal_quantile` gives at 0.975 and
    /// 0.999; checked against scipy in the reference tests).
    pub fn z(self) -> f64 {
        match self {
            Self::P95 => 1.959_963_984_540_054,
            Self::P998 => 3.090_232_306_167_813_5,
        }
    }
}

/// How an interval was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntervalMethod {
    /// Wilson score interval for a proportion (Wilson 1927; as in PHEindicatormethods).
    Wilson,
    /// Exact Poisson limits from chi-squared quantiles (under 10 events).
    ExactPoisson,
    /// Byar's approximation to the Poisson limits (Breslow and Day 1987; 10 events or more).
    Byar,
    /// Dobson et al. (1991) for directly standardised rates.
    Dobson,
    /// Student's t interval for a mean.
    StudentT,
    /// The publisher's own limits.
    Published,
}

/// A confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConfidenceInterval {
    /// The level.
    pub level: ConfidenceLevel,
    /// How it was computed.
    pub method: IntervalMethod,
    /// Lower limit.
    pub lower: f64,
    /// Upper limit.
    pub upper: f64,
}

impl ConfidenceInterval {
    fn new(
        level: ConfidenceLevel,
        method: IntervalMethod,
        lower: f64,
        upper: f64,
    ) -> Outcome<Self> {
        Ok(Self {
            level,
            method,
            lower: finite(lower)?,
            upper: finite(upper)?,
        })
    }

    fn scaled(self, factor: f64) -> Outcome<Self> {
        Self::new(
            self.level,
            self.method,
            self.lower * factor,
            self.upper * factor,
        )
    }

    /// Whether `value` lies within the limits (inclusive).
    pub fn contains(&self, value: f64) -> bool {
        self.lower <= value && value <= self.upper
    }
}

fn non_negative(value: f64) -> Outcome<f64> {
    let value = finite(value)?;
    if value < 0.0 {
        Err(NotCalculated::NegativeInput)
    } else {
        Ok(value)
    }
}

fn positive(value: f64) -> Outcome<f64> {
    let value = non_negative(value)?;
    if value == 0.0 {
        Err(NotCalculated::ZeroDenominator)
    } else {
        Ok(value)
    }
}

/// Wilson score interval for `successes` out of `trials` (Wilson 1927; as in
/// PHEindicatormethods' `phe_proportion`):
/// `(2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²))`, then × `multiplier` (100 for a percentage).
pub fn wilson_interval(
    successes: f64,
    trials: f64,
    level: ConfidenceLevel,
    multiplier: f64,
) -> Outcome<ConfidenceInterval> {
    let x = non_negative(successes)?;
    let n = positive(trials)?;
    finite(multiplier)?;
    if x > n {
        return Err(NotCalculated::NumeratorExceedsDenominator);
    }
    let z = level.z();
    let z2 = z * z;
    let root = z * (z2 + 4.0 * x * (1.0 - x / n)).max(0.0).sqrt();
    let denominator = 2.0 * (n + z2);
    ConfidenceInterval::new(
        level,
        IntervalMethod::Wilson,
        (2.0 * x + z2 - root) / denominator * multiplier,
        (2.0 * x + z2 + root) / denominator * multiplier,
    )
}

/// Exact Poisson limits for an observed count `O`: `L = χ²⁻¹((1 − c)/2; 2O)/2` (0 when O = 0),
/// `U = χ²⁻¹(c + (1 − c)/2; 2O + 2)/2` (Garwood 1936; as in PHEindicatormethods).
pub fn exact_poisson_interval(events: f64, level: ConfidenceLevel) -> Outcome<ConfidenceInterval> {
    let o = non_negative(events)?;
    let c = level.confidence();
    let lower = if o == 0.0 {
        0.0
    } else {
        chi_squared_quantile((1.0 - c) / 2.0, 2.0 * o).ok_or(NotCalculated::NotFinite)? / 2.0
    };
    let upper = chi_squared_quantile(c + (1.0 - c) / 2.0, 2.0 * o + 2.0)
        .ok_or(NotCalculated::NotFinite)?
        / 2.0;
    ConfidenceInterval::new(level, IntervalMethod::ExactPoisson, lower, upper)
}

/// Byar's approximation to the Poisson limits (Breslow and Day 1987):
/// `L = O(1 − 1/(9O) − z/(3√O))³`, `U = (O + 1)(1 − 1/(9(O + 1)) + z/(3√(O + 1)))³`.
pub fn byar_interval(events: f64, level: ConfidenceLevel) -> Outcome<ConfidenceInterval> {
    let o = positive(events)?;
    let z = level.z();
    let lower = o * (1.0 - 1.0 / (9.0 * o) - z / (3.0 * o.sqrt())).powi(3);
    let o1 = o + 1.0;
    let upper = o1 * (1.0 - 1.0 / (9.0 * o1) + z / (3.0 * o1.sqrt())).powi(3);
    ConfidenceInterval::new(level, IntervalMethod::Byar, lower, upper)
}

/// Poisson limits for a count as Fingertips chooses them: exact under 10 events, Byar's
/// approximation from 10 on.
pub fn poisson_interval(events: f64, level: ConfidenceLevel) -> Outcome<ConfidenceInterval> {
    if non_negative(events)? < 10.0 {
        exact_poisson_interval(events, level)
    } else {
        byar_interval(events, level)
    }
}

/// Limits for a crude rate, `events / population × multiplier`: the Poisson limits of the
/// events divided by the population.
pub fn crude_rate_interval(
    events: f64,
    population: f64,
    level: ConfidenceLevel,
    multiplier: f64,
) -> Outcome<ConfidenceInterval> {
    let population = positive(population)?;
    poisson_interval(events, level)?.scaled(finite(multiplier)? / population)
}

/// Limits for an indirectly standardised ratio, `observed / expected × multiplier`: the Poisson
/// limits of the observed events divided by the expected count.
pub fn ratio_interval(
    observed: f64,
    expected: f64,
    level: ConfidenceLevel,
    multiplier: f64,
) -> Outcome<ConfidenceInterval> {
    let expected = positive(expected)?;
    poisson_interval(observed, level)?.scaled(finite(multiplier)? / expected)
}

/// One age band (or other stratum) of a directly standardised rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stratum {
    /// Events `O_k`.
    pub events: f64,
    /// Population `n_k`.
    pub population: f64,
    /// Standard population weight `w_k`.
    pub weight: f64,
}

/// A directly standardised rate with Dobson's interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StandardisedRate {
    /// `DSR = Σ(O_k w_k / n_k) / Σw_k × multiplier`.
    pub rate: f64,
    /// The interval.
    pub interval: ConfidenceInterval,
}

/// Directly standardised rate and Dobson's interval (Dobson, Kuulasmaa, Eberle and Scherer
/// 1991; as in PHEindicatormethods' `phe_dsr`): `var = Σ O_k (w_k/n_k)² / (Σw_k)²`,
/// limits `DSR + √(var/O)·(Byar(O) − O) × multiplier` with `O = ΣO_k`. Suppressed, as
/// Fingertips does, when `O < 10`.
pub fn dobson_interval(
    strata: &[Stratum],
    level: ConfidenceLevel,
    multiplier: f64,
) -> Outcome<StandardisedRate> {
    if strata.is_empty() {
        return Err(NotCalculated::NoValues);
    }
    let multiplier = finite(multiplier)?;
    let mut total_events = 0.0;
    let mut total_weight = 0.0;
    let mut weighted_rate = 0.0;
    let mut variance_sum = 0.0;
    for stratum in strata {
        let events = non_negative(stratum.events)?;
        let population = positive(stratum.population)?;
        let weight = non_negative(stratum.weight)?;
        total_events += events;
        total_weight += weight;
        weighted_rate += events * weight / population;
        variance_sum += events * (weight / population).powi(2);
    }
    if total_weight == 0.0 {
        return Err(NotCalculated::ZeroDenominator);
    }
    if total_events < 10.0 {
        return Err(NotCalculated::TooFewEvents { needed: 10 });
    }
    let rate = weighted_rate / total_weight * multiplier;
    let variance = variance_sum / (total_weight * total_weight);
    let byar = byar_interval(total_events, level)?;
    let spread = (variance / total_events).sqrt() * multiplier;
    Ok(StandardisedRate {
        rate: finite(rate)?,
        interval: ConfidenceInterval::new(
            level,
            IntervalMethod::Dobson,
            rate + spread * (byar.lower - total_events),
            rate + spread * (byar.upper - total_events),
        )?,
    })
}

/// Student's t interval for a mean: `x̄ ± t(1 − α/2; n − 1) · s/√n`.
pub fn mean_interval(
    mean: f64,
    standard_deviation: f64,
    sample_size: f64,
    level: ConfidenceLevel,
) -> Outcome<ConfidenceInterval> {
    let mean = finite(mean)?;
    let s = non_negative(standard_deviation)?;
    let n = non_negative(sample_size)?;
    if n < 2.0 {
        return Err(NotCalculated::TooFewValues {
            needed: 2,
            found: if n < 1.0 { 0 } else { 1 },
        });
    }
    let c = level.confidence();
    let t = student_t_quantile(1.0 - (1.0 - c) / 2.0, n - 1.0).ok_or(NotCalculated::NotFinite)?;
    let half_width = t * s / n.sqrt();
    ConfidenceInterval::new(
        level,
        IntervalMethod::StudentT,
        mean - half_width,
        mean + half_width,
    )
}

/// The interval Fingertips would show for one value: computed from its counts by the method its
/// kind calls for, or else the publisher's 95% limits (which exist at 95% only).
pub fn interval_for(
    value: &MetricValue,
    kind: MetricKind,
    level: ConfidenceLevel,
) -> Outcome<ConfidenceInterval> {
    let computed = match (kind, value.numerator, value.denominator) {
        (MetricKind::Proportion { multiplier }, Some(x), Some(n)) => {
            Some(wilson_interval(x, n, level, multiplier))
        }
        (MetricKind::Count, Some(o), _) => Some(poisson_interval(o, level)),
        (MetricKind::Count, None, _) => Some(
            value
                .value
                .finite()
                .map_err(|missing| NotCalculated::MissingValue { missing })
                .and_then(|o| poisson_interval(o, level)),
        ),
        (MetricKind::CrudeRate { multiplier }, Some(o), Some(population)) => {
            Some(crude_rate_interval(o, population, level, multiplier))
        }
        (MetricKind::Ratio { multiplier }, Some(o), Some(expected)) => {
            Some(ratio_interval(o, expected, level, multiplier))
        }
        (MetricKind::Mean, _, Some(n)) => value.standard_deviation.map(|s| {
            value
                .value
                .finite()
                .map_err(|missing| NotCalculated::MissingValue { missing })
                .and_then(|mean| mean_interval(mean, s, n, level))
        }),
        _ => None,
    };
    if let Some(interval) = computed {
        return interval;
    }
    published_interval(value, level)
}

/// The publisher's 95% limits, checked: both finite, lower ≤ upper.
pub fn published_interval(
    value: &MetricValue,
    level: ConfidenceLevel,
) -> Outcome<ConfidenceInterval> {
    match (value.lower_95, value.upper_95) {
        (Some(lower), Some(upper)) => {
            if level != ConfidenceLevel::P95 {
                return Err(NotCalculated::LevelNotPublished);
            }
            let interval = ConfidenceInterval::new(level, IntervalMethod::Published, lower, upper)?;
            if interval.lower > interval.upper {
                return Err(NotCalculated::InconsistentLimits);
            }
            Ok(interval)
        }
        _ => Err(NotCalculated::NoIntervals),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::distributions::normal_quantile;

    #[test]
    fn z_constants_agree_with_the_normal_quantile() {
        for level in ConfidenceLevel::BOTH {
            let p = 1.0 - (1.0 - level.confidence()) / 2.0;
            let z = normal_quantile(p).unwrap();
            assert!((z - level.z()).abs() < 1e-14, "{level:?}: {z}");
        }
    }

    #[test]
    fn wilson_rejects_impossible_counts() {
        let level = ConfidenceLevel::P95;
        assert_eq!(
            wilson_interval(5.0, 0.0, level, 100.0),
            Err(NotCalculated::ZeroDenominator)
        );
        assert_eq!(
            wilson_interval(6.0, 5.0, level, 100.0),
            Err(NotCalculated::NumeratorExceedsDenominator)
        );
        assert_eq!(
            wilson_interval(-1.0, 5.0, level, 100.0),
            Err(NotCalculated::NegativeInput)
        );
        assert_eq!(
            wilson_interval(f64::NAN, 5.0, level, 100.0),
            Err(NotCalculated::NotFinite)
        );
    }

    #[test]
    fn dobson_is_suppressed_under_ten_events() {
        let strata = [Stratum {
            events: 9.0,
            population: 1000.0,
            weight: 1.0,
        }];
        assert_eq!(
            dobson_interval(&strata, ConfidenceLevel::P95, 100_000.0),
            Err(NotCalculated::TooFewEvents { needed: 10 })
        );
        assert_eq!(
            dobson_interval(&[], ConfidenceLevel::P95, 100_000.0),
            Err(NotCalculated::NoValues)
        );
    }
}
