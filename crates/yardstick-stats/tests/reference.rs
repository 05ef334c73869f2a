//! Reference tests: the crate's intervals, quantiles and thresholds against values computed
//! independently with scipy, numpy and statsmodels by `tests/reference/generate.py`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test helpers: a panic is a failed test"
)]

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

#[test]
fn control_limits_match_the_formula_with_scipy_z() {
    for &(p0, n, c, lower, upper) in expected::CONTROL_LIMITS {
        let (l, u) = control_limits(p0, n, level(c)).unwrap();
        close(l, lower, &format!("SPC lower {p0} {n} {c}"));
        close(u, upper, &format!("SPC upper {p0} {n} {c}"));
    }
}

#[test]
fn trend_threshold_is_the_998_chi_squared_quantile() {
    close(trend_threshold(), expected::TREND_THRESHOLD[0], "threshold");
    // METHODS.md quotes it to four decimals.
    assert!((trend_threshold() - 9.5495).abs() < 5e-5);
}

#[test]
fn cochran_armitage_matches_the_textbook_form() {
    for (points, chi_squared) in expected::COCHRAN_ARMITAGE {
        let with_t: Vec<(f64, f64, f64)> = points
            .iter()
            .zip(1..)
            .map(|(&(o, n), t)| (f64::from(t), o, n))
            .collect();
        let fit = cochran_armitage(&with_t).unwrap();
        close(fit.chi_squared, *chi_squared, "Cochran–Armitage χ²");
    }
}

#[test]
fn weighted_trend_matches_statsmodels_wls() {
    for (points, slope, se, chi_squared) in expected::WEIGHTED_TREND {
        let with_t: Vec<(f64, f64, f64)> = points
            .iter()
            .zip(1..)
            .map(|(&(y, se), t)| (f64::from(t), y, se))
            .collect();
        let fit = weighted_trend(&with_t).unwrap();
        close(fit.slope, *slope, "WLS slope");
        close(fit.chi_squared, *chi_squared, "WLS χ²");
        close((fit.slope / fit.chi_squared.sqrt()).abs(), *se, "WLS SE");
    }
}

#[test]
fn mann_kendall_matches_scipy_kendalltau_and_theilslopes() {
    for (values, s, p, slope) in expected::MANN_KENDALL {
        let test = mann_kendall(values).unwrap();
        assert_eq!(test.s, *s, "S of {values:?}");
        close(test.p_value, *p, "Mann–Kendall exact p");
        close(test.slope, *slope, "Sen's slope");
    }
}

fn context_dataset() -> Dataset {
    let areas = (0..expected::CONTEXT.len())
        .map(|i| Area {
            code: AreaCode::new(format!("A{i}")),
            name: format!("Area {i}"),
            area_type: "UA".to_owned(),
            region: None,
            parent: None,
            in_force: true,
            first_day: None,
            last_day: None,
        })
        .collect();
    let context = ContextTable {
        variables: ["v0", "v1", "v2"]
            .iter()
            .map(|id| ContextVariable {
                id: (*id).to_owned(),
                log_suggested: false,
            })
            .collect(),
        rows: expected::CONTEXT
            .iter()
            .enumerate()
            .map(|(i, row)| ContextRow {
                area: AreaCode::new(format!("A{i}")),
                values: row.iter().map(|v| Some(*v)).collect(),
            })
            .collect(),
    };
    Dataset::new(DatasetInput {
        areas,
        context,
        ..DatasetInput::default()
    })
    .unwrap()
}

#[test]
fn nearest_neighbour_distances_match_scipy() {
    let dataset = context_dataset();
    let specs = [
        "nearest:all",
        "nearest:all;weights=v0:2,v1:1,v2:0.5",
        "nearest:all;scale=robust",
        "nearest:all;distance=mahalanobis",
    ];
    for (column, spec) in specs.iter().enumerate() {
        let group = dataset
            .peers(
                &AreaCode::new("A0"),
                &spec.parse().unwrap(),
                &ServiceScope::AllAreas,
            )
            .unwrap();
        for row in expected::DISTANCES_FROM_A0 {
            let code = format!("A{}", row.0);
            let expected = [row.1, row.2, row.3, row.4][column];
            let member = group
                .members
                .iter()
                .find(|m| m.code.as_str() == code)
                .unwrap();
            close(
                member.neighbour.as_ref().unwrap().distance,
                expected,
                &format!("{spec} distance to {code}"),
            );
        }
    }
}
