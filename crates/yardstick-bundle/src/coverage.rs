//! Where a metric's figures reach (schema 1.2): the nations whose councils have figures, the
//! area types that are compared, and why a council has no place in a comparison.
//!
//! The engine compares councils by area type alone ([`yardstick_stats::ServiceScope`]). A
//! metric's `area_types` are therefore only the types whose councils lie in the nations of its
//! `coverage`, so that an English council's group of "every council providing the service"
//! never counts Welsh councils that have no figure in the bundle. The builder derives both
//! from the values with [`nations_with_figures`] and [`compared_area_types`], and
//! [`scope_problems`] lets `yardstick check` prove it of any bundle.

use thiserror::Error;
use yardstick_stats::{AreaCode, sort_with};

use crate::areas::{Area, Areas};
use crate::manifest::MetricMeta;
use crate::measure::Scoped;
use crate::subject::Subject;
use crate::values::{MetricValues, Reading};

/// The nations (sorted, once each) of the councils of `area_types` that have at least one
/// published figure in `values`. Missing values (`-`, suppressed) do not count, nor do areas
/// of other types (a nation's own total), nor areas with no nation.
pub fn nations_with_figures(
    area_types: &[String],
    values: &MetricValues,
    areas: &Areas,
) -> Vec<String> {
    let nations: std::collections::BTreeSet<&str> = values
        .values()
        .iter()
        .filter(|value| matches!(value.reading, Reading::Published(_)))
        .filter_map(|value| areas.get(&value.area))
        .filter(|area| area_types.contains(&area.area_type))
        .filter_map(|area| area.nation.as_deref())
        .collect();
    nations.into_iter().map(str::to_owned).collect()
}

/// Why the area types to compare cannot be told from the coverage.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CoverageError {
    /// No council of the metric's area types has a figure.
    #[error("no council of the types {area_types:?} has a figure")]
    NoFigures {
        /// The types looked for.
        area_types: Vec<String>,
    },
    /// An area type has councils both inside and outside the covered nations, so comparing
    /// by type would count councils without figures.
    #[error(
        "area type {area_type:?} has councils in the covered nations ({inside}) and outside them \
         ({outside}); comparing by type would count councils that have no figures"
    )]
    TypeSpansNations {
        /// The area type.
        area_type: String,
        /// A council of that type in a covered nation.
        inside: AreaCode,
        /// A council of that type elsewhere.
        outside: AreaCode,
    },
}

/// The types of `all_area_types` (in their order) whose councils lie in the nations of
/// `coverage`: the types the engine compares. Fails when a type has councils on both sides
/// of the coverage (it could not be compared by type alone) or when none is left.
pub fn compared_area_types(
    all_area_types: &[String],
    coverage: &[String],
    areas: &Areas,
) -> Result<Vec<String>, CoverageError> {
    let covered = |area: &Area| {
        area.nation
            .as_deref()
            .is_some_and(|nation| coverage.iter().any(|c| c == nation))
    };
    let mut compared = Vec::new();
    for area_type in all_area_types {
        let of_type = || areas.iter().filter(|a| &a.area_type == area_type);
        let inside = of_type().find(|a| covered(a));
        let outside = of_type().find(|a| !covered(a));
        match (inside, outside) {
            (Some(inside), Some(outside)) => {
                return Err(CoverageError::TypeSpansNations {
                    area_type: area_type.clone(),
                    inside: inside.code.clone(),
                    outside: outside.code.clone(),
                });
            }
            (Some(_), None) => compared.push(area_type.clone()),
            (None, _) => {}
        }
    }
    if compared.is_empty() {
        return Err(CoverageError::NoFigures {
            area_types: all_area_types.to_vec(),
        });
    }
    Ok(compared)
}

/// Every way in which a metric's 1.2 fields disagree with its values and the areas: its
/// coverage is not the nations with figures, a compared type has councils outside the
/// coverage, a joint return names an unknown area, or a council a joint return covers has
/// its own figure in a period the return applies to. Empty for a sound metric, and for a
/// metric of an older bundle, which has none of these fields.
pub fn scope_problems(meta: &MetricMeta, values: &MetricValues, areas: &Areas) -> Vec<String> {
    let at = format!("metric {}", meta.id);
    let mut problems = Vec::new();
    if !meta.coverage.is_empty() {
        let derived = nations_with_figures(meta.all_area_types(), values, areas);
        if derived != meta.coverage {
            problems.push(format!(
                "{at}: coverage is {:?}, but councils of {:?} have figures",
                meta.coverage, derived
            ));
        }
        for area in areas.iter() {
            if meta.area_types.contains(&area.area_type)
                && !meta.covers_nation(area.nation.as_deref())
            {
                problems.push(format!(
                    "{at}: area type {:?} is compared, but {} ({}) lies outside the coverage {:?}",
                    area.area_type,
                    area.code,
                    area.nation.as_deref().unwrap_or("no nation"),
                    meta.coverage
                ));
            }
        }
    }
    for joint in &meta.joint_returns {
        for code in std::iter::once(&joint.figure_of).chain(&joint.covers) {
            if areas.get(code).is_none() {
                problems.push(format!(
                    "{at}: joint return of {} names unknown area {code}",
                    joint.figure_of
                ));
            }
        }
        for code in &joint.covers {
            for value in values.for_area(code) {
                if joint.applies_in(value.period) && matches!(value.reading, Reading::Published(_))
                {
                    problems.push(format!(
                        "{at}: {code} has its own figure for {}, but the joint return of {} covers it",
                        value.period, joint.figure_of
                    ));
                }
            }
        }
    }
    problems
}

/// Why a council takes no part in a metric's comparisons, in the bundle's own terms, so that a
/// reader can say it truly ("figures cover England only in this bundle", "Kent does not provide
/// this service; its districts do").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotCompared {
    /// No council of the area's nation has a figure in this bundle (Cardiff, for recycling).
    OutsideCoverage {
        /// The nations that do have figures ([`MetricMeta::coverage`]).
        coverage: Vec<String>,
        /// Whether councils of the area's type provide the service (for a service) or have
        /// figures published (for an area) somewhere: Welsh principal areas do collect waste;
        /// Northern Ireland's district councils run no adult social care.
        type_applies: bool,
    },
    /// A service the council does not provide (Kent, a county, for waste collection).
    NotProvided {
        /// The tiers that provide it, from [`MetricMeta::all_area_types`].
        providers: Vec<String>,
        /// The councils in force within this one that provide it (Kent's districts), sorted.
        within: Vec<AreaCode>,
        /// The council this one lies in, where that council provides it (a district's county,
        /// for adult social care).
        by_parent: Option<AreaCode>,
    },
    /// An area fact whose figures are not published for this tier of area (a district, for
    /// healthy life expectancy published for counties and unitary authorities).
    NotPublishedForType {
        /// The tiers the figures are published for, from [`MetricMeta::all_area_types`].
        published_for: Vec<String>,
        /// The areas in force within this one that have figures (a county's districts),
        /// sorted.
        within: Vec<AreaCode>,
        /// The area this one lies in, where figures are published for it (a district's
        /// county, whose figure covers the district).
        by_parent: Option<AreaCode>,
    },
}

/// Why `area` is not compared on `meta`, or `None` when it is (its type is compared and its
/// nation covered). A nation outside the coverage is said first: it is why there is no figure
/// even where the council's tier would have one.
/// It reads the same from a measure's index entry as from its whole metadata ([`Scoped`]).
pub fn not_compared<S: Scoped + ?Sized>(
    meta: &S,
    area: &Area,
    areas: &Areas,
) -> Option<NotCompared> {
    let all = meta.all_area_types();
    let type_applies = all.contains(&area.area_type);
    let covered = meta.covers_nation(area.nation.as_deref());
    if !covered {
        return Some(NotCompared::OutsideCoverage {
            coverage: meta.coverage().to_vec(),
            type_applies,
        });
    }
    if meta.compared_types().contains(&area.area_type) {
        return None;
    }
    let mut within: Vec<AreaCode> = areas
        .iter()
        .filter(|a| {
            a.is_current() && a.parent.as_ref() == Some(&area.code) && all.contains(&a.area_type)
        })
        .map(|a| a.code.clone())
        .collect();
    sort_with(&mut within, AreaCode::cmp);
    let by_parent = area
        .parent
        .as_ref()
        .and_then(|parent| areas.get(parent))
        .filter(|parent| all.contains(&parent.area_type))
        .map(|parent| parent.code.clone());
    Some(match meta.subject() {
        Subject::Service => NotCompared::NotProvided {
            providers: all.to_vec(),
            within,
            by_parent,
        },
        Subject::Area => NotCompared::NotPublishedForType {
            published_for: all.to_vec(),
            within,
            by_parent,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::{Estimate, MetricValue};
    use crate::{Period, parse_areas, parse_manifest};

    /// A county with one current and one former district, a unitary authority, a Welsh and a
    /// Northern Irish council, and a nation's total.
    fn areas() -> Areas {
        parse_areas(
            br#"{"schema_version":"1.2","areas":[
{"code":"E06000001","name":"Unitary","type":"UA","nation":"England"},
{"code":"E07000001","name":"Old district","type":"NMD","nation":"England","parent":"E10000001","end":"2019-03-31"},
{"code":"E07000002","name":"District","type":"NMD","nation":"England","parent":"E10000001"},
{"code":"E10000001","name":"County","type":"CTY","nation":"England"},
{"code":"E92000001","name":"England","type":"CTRY","nation":"England"},
{"code":"N09000001","name":"Antrim","type":"NID","nation":"Northern Ireland"},
{"code":"W06000015","name":"Cardiff","type":"WPA","nation":"Wales"}
]}"#,
        )
        .unwrap()
    }

    fn area<'a>(areas: &'a Areas, code: &str) -> &'a Area {
        areas.get(&AreaCode::from(code)).unwrap()
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    /// The 1.2 fixture's metric with the given scope.
    fn meta(subject: Subject, all: &[&str], compared: &[&str], coverage: &[&str]) -> MetricMeta {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/v1/scope-and-dates/manifest.json"
        );
        let mut meta = parse_manifest(&std::fs::read(path).unwrap())
            .unwrap()
            .metrics
            .remove(0);
        meta.subject = Some(subject);
        meta.all_area_types = strings(all);
        meta.area_types = strings(compared);
        meta.coverage = strings(coverage);
        meta
    }

    fn values(rows: &[(&str, Option<f64>)]) -> MetricValues {
        let period = Period::parse_iso("2022-04-01/P1Y").unwrap();
        let values = rows
            .iter()
            .map(|(code, value)| MetricValue {
                area: AreaCode::from(*code),
                period,
                reading: match value {
                    Some(value) => Reading::Published(Estimate {
                        value: *value,
                        numerator: None,
                        denominator: None,
                        lower: None,
                        upper: None,
                        qualifier: None,
                    }),
                    None => Reading::Missing(crate::MissingReason::NotAvailable),
                },
                note: None,
            })
            .collect();
        MetricValues::new("test-rate".to_owned(), values).unwrap()
    }

    #[test]
    fn coverage_counts_published_figures_of_the_metrics_types_only() {
        let areas = areas();
        let all = strings(&["NMD", "UA", "WPA", "NID"]);
        // Cardiff's row is missing and England's total is not a council: England alone.
        let found = nations_with_figures(
            &all,
            &values(&[
                ("E06000001", Some(1.0)),
                ("E92000001", Some(2.0)),
                ("W06000015", None),
            ]),
            &areas,
        );
        assert_eq!(found, ["England"]);
        let found = nations_with_figures(
            &all,
            &values(&[("N09000001", Some(1.0)), ("W06000015", Some(2.0))]),
            &areas,
        );
        assert_eq!(found, ["Northern Ireland", "Wales"]);
    }

    #[test]
    fn compared_types_are_those_in_covered_nations() {
        let areas = areas();
        let all = strings(&["NMD", "UA", "CTY", "WPA", "NID"]);
        assert_eq!(
            compared_area_types(&all, &strings(&["England"]), &areas),
            Ok(strings(&["NMD", "UA", "CTY"]))
        );
        assert_eq!(
            compared_area_types(&all, &strings(&["England", "Wales"]), &areas),
            Ok(strings(&["NMD", "UA", "CTY", "WPA"]))
        );
        assert!(matches!(
            compared_area_types(&all, &[], &areas),
            Err(CoverageError::NoFigures { .. })
        ));
        // A type with councils on both sides of the coverage cannot be compared by type.
        let mixed = parse_areas(
            br#"{"schema_version":"1.2","areas":[
{"code":"E06000001","name":"English unitary","type":"UA","nation":"England"},
{"code":"W06000001","name":"Welsh unitary","type":"UA","nation":"Wales"}
]}"#,
        )
        .unwrap();
        assert!(matches!(
            compared_area_types(&strings(&["UA"]), &strings(&["England"]), &mixed),
            Err(CoverageError::TypeSpansNations { .. })
        ));
    }

    #[test]
    fn a_council_outside_the_coverage_is_told_so_first() {
        let areas = areas();
        let waste = meta(
            Subject::Service,
            &["NMD", "UA", "WPA", "NID"],
            &["NMD", "UA"],
            &["England"],
        );
        assert_eq!(
            not_compared(&waste, area(&areas, "W06000015"), &areas),
            Some(NotCompared::OutsideCoverage {
                coverage: strings(&["England"]),
                type_applies: true,
            })
        );
        let care = meta(
            Subject::Service,
            &["UA", "CTY", "WPA"],
            &["UA", "CTY"],
            &["England"],
        );
        // Northern Ireland's councils run no adult social care, and there are no figures.
        assert_eq!(
            not_compared(&care, area(&areas, "N09000001"), &areas),
            Some(NotCompared::OutsideCoverage {
                coverage: strings(&["England"]),
                type_applies: false,
            })
        );
        assert_eq!(not_compared(&care, area(&areas, "E06000001"), &areas), None);
    }

    #[test]
    fn a_county_without_the_service_names_its_districts_and_a_district_its_county() {
        let areas = areas();
        let waste = meta(
            Subject::Service,
            &["NMD", "UA"],
            &["NMD", "UA"],
            &["England"],
        );
        assert_eq!(
            not_compared(&waste, area(&areas, "E10000001"), &areas),
            Some(NotCompared::NotProvided {
                providers: strings(&["NMD", "UA"]),
                // The former district is not named.
                within: vec![AreaCode::from("E07000002")],
                by_parent: None,
            })
        );
        let care = meta(
            Subject::Service,
            &["UA", "CTY"],
            &["UA", "CTY"],
            &["England"],
        );
        assert_eq!(
            not_compared(&care, area(&areas, "E07000002"), &areas),
            Some(NotCompared::NotProvided {
                providers: strings(&["UA", "CTY"]),
                within: Vec::new(),
                by_parent: Some(AreaCode::from("E10000001")),
            })
        );
        let life = meta(Subject::Area, &["UA", "CTY"], &["UA", "CTY"], &["England"]);
        assert_eq!(
            not_compared(&life, area(&areas, "E07000002"), &areas),
            Some(NotCompared::NotPublishedForType {
                published_for: strings(&["UA", "CTY"]),
                within: Vec::new(),
                by_parent: Some(AreaCode::from("E10000001")),
            })
        );
    }

    #[test]
    fn scope_problems_find_a_wrong_coverage_and_a_covered_council_with_a_figure() {
        let areas = areas();
        let mut waste = meta(Subject::Service, &["NMD", "UA"], &["NMD", "UA"], &["Wales"]);
        waste.joint_returns = vec![crate::JointReturn {
            figure_of: AreaCode::from("E06000001"),
            covers: vec![AreaCode::from("E07000002"), AreaCode::from("E07000099")],
            periods: Vec::new(),
        }];
        let problems = scope_problems(
            &waste,
            &values(&[("E06000001", Some(1.0)), ("E07000002", Some(2.0))]),
            &areas,
        );
        let joined = problems.join("\n");
        assert!(joined.contains("coverage is [\"Wales\"]"), "{joined}");
        assert!(joined.contains("lies outside the coverage"), "{joined}");
        assert!(joined.contains("unknown area E07000099"), "{joined}");
        assert!(joined.contains("E07000002 has its own figure"), "{joined}");
        let mut sound = meta(
            Subject::Service,
            &["NMD", "UA"],
            &["NMD", "UA"],
            &["England"],
        );
        sound.joint_returns.clear();
        assert_eq!(
            scope_problems(&sound, &values(&[("E06000001", Some(1.0))]), &areas),
            Vec::<String>::new()
        );
    }
}
