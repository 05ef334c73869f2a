//! Descriptive statistics of a group's values: quantiles, median, MAD, mean, spread.

use crate::outcome::{NotCalculated, Outcome};

/// The finite values of `values`, sorted by `total_cmp`; NaN and infinities are dropped.
pub fn sorted_finite(values: impl IntoIterator<Item = f64>) -> Vec<f64> {
    let mut sorted: Vec<f64> = values.into_iter().filter(|v| v.is_finite()).collect();
    crate::order::sort_with(&mut sorted, f64::total_cmp);
    sorted
}

/// The `p`-quantile of already sorted values by linear interpolation between order statistics
/// at position `(N − 1)p + 1` (Hyndman and Fan 1996, type 7; R's default, numpy's `linear`,
/// and Fingertips' method).
pub fn quantile_sorted(sorted: &[f64], p: f64) -> Outcome<f64> {
    if !(0.0..=1.0).contains(&p) {
        return Err(NotCalculated::NotFinite);
    }
    let last = sorted.len().checked_sub(1).ok_or(NotCalculated::NoValues)?;
    let position = p * last as f64;
    let below = position.floor();
    let fraction = position - below;
    // `below` is within 0..=last because 0 ≤ p ≤ 1; the conversion saturates in any case.
    let index = below as usize;
    let lower = *sorted.get(index).ok_or(NotCalculated::NoValues)?;
    let upper = sorted.get(index + 1).copied().unwrap_or(lower);
    Ok(lower + fraction * (upper - lower))
}

/// The median (type 7 quantile at 0.5, which is the usual median).
pub fn median(values: &[f64]) -> Outcome<f64> {
    median_sorted(&sorted_finite(values.iter().copied()))
}

fn median_sorted(sorted: &[f64]) -> Outcome<f64> {
    quantile_sorted(sorted, 0.5)
}

/// The median absolute deviation from the median, `median(|x_i − median|)`, unscaled (no 1.4826
/// factor), as Oflog published it.
pub fn median_absolute_deviation(values: &[f64]) -> Outcome<f64> {
    let sorted = sorted_finite(values.iter().copied());
    let centre = median_sorted(&sorted)?;
    mad_about(&sorted, centre)
}

/// The median distance from `centre`; an empty list has none (not 0).
fn mad_about(sorted: &[f64], centre: f64) -> Outcome<f64> {
    let deviations = sorted_finite(sorted.iter().map(|v| (v - centre).abs()));
    median_sorted(&deviations)
}

/// Lower and upper quartiles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quartiles {
    /// 25th percentile (type 7).
    pub q1: f64,
    /// 75th percentile (type 7).
    pub q3: f64,
    /// `q3 − q1`.
    pub interquartile_range: f64,
}

/// The fewest values for which quartiles are reported (Fingertips).
pub const MIN_VALUES_FOR_QUARTILES: usize = 4;

/// Summary statistics of a group's values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Description {
    /// Number of finite values.
    pub n: usize,
    /// Median (type 7).
    pub median: f64,
    /// Quartiles; at least four values are needed.
    pub quartiles: Outcome<Quartiles>,
    /// Unscaled median absolute deviation (Oflog).
    pub mad: f64,
    /// Arithmetic mean.
    pub mean: f64,
    /// Sample standard deviation (n − 1); two values are needed.
    pub standard_deviation: Outcome<f64>,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
}

/// Describes already sorted finite values (see [`sorted_finite`]).
pub fn describe_sorted(sorted: &[f64]) -> Outcome<Description> {
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
        return Err(NotCalculated::NoValues);
    };
    let n = sorted.len();
    let median = median_sorted(sorted)?;
    let quartiles = if n < MIN_VALUES_FOR_QUARTILES {
        Err(NotCalculated::TooFewValues {
            needed: MIN_VALUES_FOR_QUARTILES,
            found: n,
        })
    } else {
        let q1 = quantile_sorted(sorted, 0.25)?;
        let q3 = quantile_sorted(sorted, 0.75)?;
        Ok(Quartiles {
            q1,
            q3,
            interquartile_range: q3 - q1,
        })
    };
    let count = n as f64;
    let mean = sorted.iter().sum::<f64>() / count;
    let standard_deviation = if n < 2 {
        Err(NotCalculated::TooFewValues {
            needed: 2,
            found: n,
        })
    } else {
        let squares: f64 = sorted.iter().map(|v| (v - mean).powi(2)).sum();
        Ok((squares / (count - 1.0)).sqrt())
    };
    Ok(Description {
        n,
        median,
        quartiles,
        mad: mad_about(sorted, median)?,
        mean,
        standard_deviation,
        min,
        max,
    })
}

/// Describes values in any order; NaN and infinities are dropped first.
pub fn describe(values: &[f64]) -> Outcome<Description> {
    describe_sorted(&sorted_finite(values.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_single_values_do_not_panic() {
        assert_eq!(describe(&[]), Err(NotCalculated::NoValues));
        assert_eq!(describe(&[f64::NAN]), Err(NotCalculated::NoValues));
        let one = describe(&[3.0]).unwrap();
        assert_eq!(one.median, 3.0);
        assert_eq!(one.mad, 0.0);
        assert_eq!(
            one.quartiles,
            Err(NotCalculated::TooFewValues {
                needed: 4,
                found: 1
            })
        );
    }

    #[test]
    fn quantile_rejects_p_outside_zero_to_one() {
        assert!(quantile_sorted(&[1.0, 2.0], 1.5).is_err());
        assert!(quantile_sorted(&[1.0, 2.0], f64::NAN).is_err());
    }
}
