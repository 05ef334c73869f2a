//! Reference tests: the crate's intervals, quantiles and thresholds against values computed
//! independently with scipy, numpy and statsmodels by `tests/reference/generate.py`.

#[path = "reference/expected.rs"]
mod expected;

use yardstick_stats::*;

/// Relative tolerance: ten times tighter than issue 4 asks.
const TOLERANCE: f64 = 1e-10;

/// Absolute tolerance for values that are zero in exact arithmetic: the reference tools leave
/// rounding noise there (statsmodels gives 2.8e-15 for the lower Wilson limit of 0 of 10).
const ZERO: f64 = 1e-12;

fn close(actual: f64, expected: f64, what: &str) {
    let difference = (actual - expected).abs();
    assert!(
        difference <= TOLERANCE * expected.abs() || difference <= ZERO,
        "{what}: got {actual:e}, expected {expected:e} (relative error {:e})",
        difference / expected.abs()
    );
}

fn level(confidence: f64) -> ConfidenceLevel {
    if confidence == 0.95 {
        ConfidenceLevel::P95
    } else {
        assert_eq!(confidence, 0.998);
        ConfidenceLevel::P998
    }
}

fn check_interval(actual: Outcome<ConfidenceInterval>, lower: f64, upper: f64, what: &str) {
    let interval = actual.unwrap_or_else(|reason| panic!("{what}: {reason:?}"));
    close(interval.lower, lower, &format!("{what} lower"));
    close(interval.upper, upper, &format!("{what} upper"));
}

#[test]
fn normal_quantile_matches_scipy() {
    for &(p, expected) in expected::NORMAL_QUANTILE {
        close(normal_quantile(p).unwrap(), expected, &format!("Φ⁻¹({p})"));
    }
}

#[test]
fn z_values_of_both_levels_match_scipy() {
    let z95 = expected::NORMAL_QUANTILE
        .iter()
        .find(|r| r.0 == 0.975)
        .unwrap()
        .1;
    let z998 = expected::NORMAL_QUANTILE
        .iter()
        .find(|r| r.0 == 0.999)
        .unwrap()
        .1;
    close(ConfidenceLevel::P95.z(), z95, "z 95%");
    close(ConfidenceLevel::P998.z(), z998, "z 99.8%");
}

#[test]
fn chi_squared_quantile_matches_scipy() {
    for &(p, df, expected) in expected::CHI_SQUARED_QUANTILE {
        close(
            chi_squared_quantile(p, df).unwrap(),
            expected,
            &format!("χ²⁻¹({p}; {df})"),
        );
    }
}

#[test]
fn student_t_quantile_matches_scipy() {
    for &(p, df, expected) in expected::STUDENT_T_QUANTILE {
        close(
            student_t_quantile(p, df).unwrap(),
            expected,
            &format!("t⁻¹({p}; {df})"),
        );
    }
}

#[test]
fn wilson_interval_matches_statsmodels() {
    for &(x, n, c, lower, upper) in expected::WILSON {
        check_interval(
            wilson_interval(x, n, level(c), 100.0),
            lower,
            upper,
            &format!("Wilson {x}/{n} at {c}"),
        );
    }
}

#[test]
fn exact_poisson_interval_matches_scipy() {
    for &(o, c, lower, upper) in expected::EXACT_POISSON {
        let what = format!("exact Poisson {o} at {c}");
        check_interval(exact_poisson_interval(o, level(c)), lower, upper, &what);
        // Under ten events Fingertips' choice is the exact interval.
        check_interval(poisson_interval(o, level(c)), lower, upper, &what);
    }
}

#[test]
fn byar_interval_matches_the_formula_with_scipy_z() {
    for &(o, c, lower, upper) in expected::BYAR {
        let what = format!("Byar {o} at {c}");
        check_interval(byar_interval(o, level(c)), lower, upper, &what);
        check_interval(poisson_interval(o, level(c)), lower, upper, &what);
    }
}

#[test]
fn crude_rate_interval_matches_scipy() {
    for &(o, population, c, lower, upper) in expected::CRUDE_RATE {
        check_interval(
            crude_rate_interval(o, population, level(c), 100_000.0),
            lower,
            upper,
            &format!("rate {o}/{population} at {c}"),
        );
    }
}

#[test]
fn ratio_interval_matches_scipy() {
    for &(o, e, c, lower, upper) in expected::RATIO {
        check_interval(
            ratio_interval(o, e, level(c), 100.0),
            lower,
            upper,
            &format!("ratio {o}/{e} at {c}"),
        );
    }
}

#[test]
fn dobson_interval_matches_the_formula_with_scipy_z() {
    let strata: Vec<Stratum> = expected::DOBSON_STRATA
        .iter()
        .map(|&(events, population, weight)| Stratum {
            events,
            population,
            weight,
        })
        .collect();
    for &(c, rate, lower, upper) in expected::DOBSON {
        let dsr = dobson_interval(&strata, level(c), 100_000.0).unwrap();
        close(dsr.rate, rate, "DSR");
        check_interval(Ok(dsr.interval), lower, upper, &format!("Dobson at {c}"));
    }
}

#[test]
fn mean_interval_matches_scipy_t_interval() {
    for &(mean, sd, n, c, lower, upper) in expected::MEAN {
        check_interval(
            mean_interval(mean, sd, n, level(c)),
            lower,
            upper,
            &format!("mean {mean} sd {sd} n {n} at {c}"),
        );
    }
}

#[test]
fn quantiles_match_numpy_linear() {
    for &(set, p, expected) in expected::QUANTILES {
        let sorted = sorted_finite(expected::QUANTILE_SETS[set].iter().copied());
        close(
            quantile_sorted(&sorted, p).unwrap(),
            expected,
            &format!("set {set} p {p}"),
        );
    }
}

#[test]
fn median_mad_mean_and_sd_match_numpy() {
    for &(set, median, mad, mean, sd) in expected::SPREAD {
        let description = describe(expected::QUANTILE_SETS[set]).unwrap();
        close(description.median, median, "median");
        close(description.mad, mad, "MAD");
        close(description.mean, mean, "mean");
        close(description.standard_deviation.unwrap(), sd, "sd");
    }
}
