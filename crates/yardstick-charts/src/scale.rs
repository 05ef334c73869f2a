//! Scales and ticks: plain arithmetic, tested natively.

/// A linear map from a data interval onto a pixel interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearScale {
    domain: (f64, f64),
    range: (f64, f64),
}

impl LinearScale {
    /// Maps `domain` onto `range`. An empty domain maps everything to the start of the range.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        Self { domain, range }
    }

    /// The pixel position of `value`.
    pub fn map(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        let span = d1 - d0;
        if span == 0.0 || !span.is_finite() {
            return r0;
        }
        r0 + (value - d0) / span * (r1 - r0)
    }
}

/// About `count` evenly spaced "nice" tick values (1, 2 or 5 times a power of ten) that cover
/// `[low, high]`, after Heckbert's labelling algorithm (Graphics Gems, 1990). The first tick is
/// at or below `low` and the last at or above `high`.
pub fn nice_ticks(low: f64, high: f64, count: usize) -> Vec<f64> {
    if !low.is_finite() || !high.is_finite() || count == 0 {
        return Vec::new();
    }
    let (low, high) = if low <= high {
        (low, high)
    } else {
        (high, low)
    };
    if low == high {
        return vec![low];
    }
    let (mantissa, exponent) = nice_step((high - low) / count as f64);
    // Ticks are whole multiples of mantissa × 10^exponent; dividing by a power of ten (rather
    // than multiplying by a fraction) keeps 0.6 as 0.6 instead of 0.6000000000000001.
    let tick = |k: f64| {
        if exponent < 0 {
            k * mantissa / 10f64.powi(-exponent)
        } else {
            k * mantissa * 10f64.powi(exponent)
        }
    };
    let step = tick(1.0);
    // The tolerance stops 0.07 / 0.01 = 7.000000000000001 from adding a tick.
    let first = (low / step + 1e-9).floor();
    let last = (high / step - 1e-9).ceil();
    if !(0.0..=1000.0).contains(&(last - first)) {
        return Vec::new();
    }
    let mut ticks = Vec::new();
    let mut k = first;
    while k <= last {
        let value = tick(k);
        ticks.push(if value == 0.0 { 0.0 } else { value });
        k += 1.0;
    }
    ticks
}

/// Ticks for an axis over `[low, high]`: [`nice_ticks`], but always at least two, so the axis
/// has a span. A single value is widened by a tenth of itself (or by 1 at zero) either side,
/// which keeps it off the axis ends and never pushes a positive series below zero; values
/// that are not finite give the unit interval.
pub fn axis_ticks(low: f64, high: f64, count: usize) -> Vec<f64> {
    let (low, high) = if low.is_finite() && high.is_finite() {
        (low.min(high), low.max(high))
    } else {
        (0.0, 1.0)
    };
    let (low, high) = if high > low {
        (low, high)
    } else {
        let pad = if low == 0.0 { 1.0 } else { low.abs() * 0.1 };
        (low - pad, high + pad)
    };
    let ticks = nice_ticks(low, high, count.max(1));
    if ticks.len() >= 2 {
        ticks
    } else {
        vec![low, high]
    }
}

/// The decimals that tell evenly spaced ticks apart: none for a step of 1 or more, 1 for
/// 0.1–0.5, 2 for 0.01–0.05 and so on.
pub fn decimals_for(ticks: &[f64]) -> usize {
    let step = match ticks {
        [first, second, ..] => (second - first).abs(),
        _ => return 0,
    };
    if !step.is_finite() || step <= 0.0 || step >= 1.0 {
        return 0;
    }
    (-step.log10() - 1e-9).ceil().clamp(0.0, 10.0) as usize
}

/// The "nice" step (1, 2, 5 or 10 times a power of ten) nearest to `x`, as in Heckbert's
/// algorithm, returned as mantissa and exponent.
fn nice_step(x: f64) -> (f64, i32) {
    let exponent = x.log10().floor();
    let fraction = x / 10f64.powf(exponent);
    let mantissa = match fraction {
        f if f < 1.5 => 1.0,
        f if f < 3.0 => 2.0,
        f if f < 7.0 => 5.0,
        _ => 10.0,
    };
    (mantissa, exponent as i32)
}

#[cfg(test)]
mod tests {
    use super::{LinearScale, axis_ticks, decimals_for, nice_ticks};

    fn check(low: f64, high: f64, count: usize, expected: &[f64]) {
        let ticks = nice_ticks(low, high, count);
        assert_eq!(ticks, expected, "ticks for [{low}, {high}] about {count}");
    }

    #[test]
    fn ticks_cover_the_data_with_round_steps() {
        check(
            0.0,
            63.1,
            5,
            &[0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0],
        );
        check(0.0, 1.0, 5, &[0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        check(
            0.0,
            0.07,
            5,
            &[0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07],
        );
        check(0.0, 742.0, 4, &[0.0, 200.0, 400.0, 600.0, 800.0]);
        check(-3.2, 4.1, 4, &[-4.0, -2.0, 0.0, 2.0, 4.0, 6.0]);
    }

    #[test]
    fn degenerate_input_gives_few_or_no_ticks() {
        check(5.0, 5.0, 5, &[5.0]);
        check(f64::NAN, 1.0, 5, &[]);
        check(0.0, f64::INFINITY, 5, &[]);
        check(0.0, 10.0, 0, &[]);
    }

    #[test]
    fn reversed_bounds_are_accepted() {
        assert_eq!(nice_ticks(10.0, 0.0, 2), nice_ticks(0.0, 10.0, 2));
    }

    #[test]
    fn a_scale_maps_ends_and_midpoint() {
        let scale = LinearScale::new((0.0, 50.0), (100.0, 600.0));
        assert_eq!(scale.map(0.0), 100.0);
        assert_eq!(scale.map(50.0), 600.0);
        assert_eq!(scale.map(25.0), 350.0);
        assert_eq!(LinearScale::new((1.0, 1.0), (3.0, 9.0)).map(7.0), 3.0);
    }

    #[test]
    fn an_axis_always_has_a_span() {
        assert_eq!(axis_ticks(5.0, 5.0, 4), [4.4, 4.6, 4.8, 5.0, 5.2, 5.4, 5.6]);
        assert_eq!(axis_ticks(0.0, 0.0, 2), [-1.0, 0.0, 1.0]);
        assert_eq!(axis_ticks(f64::NAN, 3.0, 5), nice_ticks(0.0, 1.0, 5));
        assert_eq!(axis_ticks(10.0, 0.0, 2), nice_ticks(0.0, 10.0, 2));
        // So large that no nice step fits: the bare ends.
        assert_eq!(axis_ticks(-1e308, 1e308, 5), [-1e308, 1e308]);
    }

    #[test]
    fn decimals_follow_the_tick_step() {
        assert_eq!(decimals_for(&[0.0, 10.0]), 0);
        assert_eq!(decimals_for(&[0.0, 1.0]), 0);
        assert_eq!(decimals_for(&[0.0, 0.5]), 1);
        assert_eq!(decimals_for(&[0.4, 0.6]), 1);
        assert_eq!(decimals_for(&[0.0, 0.05]), 2);
        assert_eq!(decimals_for(&[0.0, 0.01]), 2);
        assert_eq!(decimals_for(&[3.0]), 0);
    }
}
