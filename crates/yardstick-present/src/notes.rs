//! The small print that travels with a figure, in one voice for the widget and the command
//! line: the source's date (a publication date only when it is one), the kind of period a
//! measure counts in, figures reported jointly by several councils, and a published group
//! used for a service it was not built for.

use yardstick_bundle::{
    AreaCode, Areas, Date, Manifest, MetricMeta, PeerGroup, Period, PeriodKind, Source,
};

/// The source's date, said for what it is: "Published 3 April 2024" only from the publisher's
/// own date, "Accessed 19 April 2023 (publication date not given)" when only the date the
/// data were downloaded is known, "Publication date not stated" when neither is.
pub fn source_date(source: &Source) -> String {
    match (source.published, source.accessed) {
        (Some(published), _) => format!("Published {}", published.long_label()),
        (None, Some(accessed)) => format!(
            "Accessed {} (publication date not given)",
            accessed.long_label()
        ),
        (None, None) => "Publication date not stated".to_owned(),
    }
}

/// The version of the data a printed or saved view was made from: the bundle's title, its
/// content hash (the version an embed pins) and the newest publication date among its
/// sources, so that a reader can tell whether a newer release may change the figures.
pub fn data_version(manifest: &Manifest) -> String {
    let newest = manifest
        .metrics
        .iter()
        .filter_map(|m| m.source.published)
        .max();
    let published = newest.map_or_else(String::new, |date| {
        format!(", with sources published up to {}", date.long_label())
    });
    format!(
        "Data: {}, version {}{published}.",
        manifest.title, manifest.content_hash
    )
}

/// When a view was printed: "Printed 1 December 2026" (the reader's own date).
pub fn printed(today: Date) -> String {
    format!("Printed {}", today.long_label())
}

/// What a kind of period is, for a reader who sees only its label ("2022-23" is a financial
/// or an academic year: this says which).
pub fn period_kind(kind: PeriodKind) -> &'static str {
    match kind {
        PeriodKind::Date => "figures on one day",
        PeriodKind::Month => "months",
        PeriodKind::Quarter => "quarters",
        PeriodKind::Months => "runs of whole months",
        PeriodKind::CalendarYear => "calendar years, January to December",
        PeriodKind::FinancialYear => "financial years, April to March",
        PeriodKind::AcademicYear => "academic years, from late summer to the next summer",
        PeriodKind::Year => "years ending on the day named",
        PeriodKind::MultiYear => "several years pooled into one figure",
    }
}

/// A metric's periods in a line: "2015-16 to 2022-23: 8 periods (financial years, April to
/// March)", or "First Year to 15 November 2016, latest Year to 15 November 2025: ..." when a
/// label has a "to" of its own. The kind is the latest period's.
pub fn period_span(metric: &MetricMeta) -> String {
    let latest = metric.latest_period;
    let earliest = metric.periods.first().copied().unwrap_or(latest);
    // The kinds whose labels are spans ("January to March 2022", "2019 to 2021").
    let spans = [earliest, latest].iter().any(|p| {
        matches!(
            p.kind(),
            PeriodKind::Quarter | PeriodKind::Months | PeriodKind::Year | PeriodKind::MultiYear
        )
    });
    let (first, last) = (earliest.label(), latest.label());
    let span = if earliest == latest {
        first
    } else if spans {
        format!("First {first}, latest {last}")
    } else {
        format!("{first} to {last}")
    };
    let count = match metric.periods.len() {
        1 => "1 period".to_owned(),
        n => format!("{n} periods"),
    };
    format!(
        "{span}: {count} ({})",
        period_kind(metric.latest_period.kind())
    )
}

/// The mark of a row whose figure is reported jointly, or `None`: the council under whose code
/// the joint figure is published reads "Joint figure for Babergh and Mid Suffolk", a council
/// it covers "Included in the joint figure for Babergh and Mid Suffolk, published under Mid
/// Suffolk". The councils are named from the areas (their codes where unknown): those covered,
/// then the one whose figure it is (no sort, which would cost the wasm a sort of strings).
pub fn joint_figure(
    metric: &MetricMeta,
    areas: &Areas,
    area: &AreaCode,
    period: Period,
) -> Option<String> {
    let joint = metric.joint_return(area, period)?;
    let name = |code: &AreaCode| {
        areas
            .get(code)
            .map_or_else(|| code.to_string(), |a| a.name.clone())
    };
    let names: Vec<String> = joint
        .covers
        .iter()
        .chain(std::iter::once(&joint.figure_of))
        .map(name)
        .collect();
    let listed = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.concat(),
    };
    Some(if *area == joint.figure_of {
        format!("Joint figure for {listed}")
    } else {
        format!(
            "Included in the joint figure for {listed}, published under {}",
            name(&joint.figure_of)
        )
    })
}

/// A warning for a published group used for a metric of a theme it was not built for:
/// "Built by the Department for Education for children's services and education; used here
/// for adult social care." `None` for a general-purpose group or one built for the theme.
pub fn group_purpose(
    group: &PeerGroup,
    metric: &MetricMeta,
    manifest: &Manifest,
) -> Option<String> {
    if !group.built_for_another_theme(&metric.theme) {
        return None;
    }
    let theme = |id: &str| {
        manifest
            .theme(id)
            .map_or_else(|| id.to_owned(), |t| lower_first(&t.title))
    };
    let built_for: Vec<String> = group.built_for.iter().map(|id| theme(id)).collect();
    let listed = match built_for.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => built_for.concat(),
    };
    Some(format!(
        "Built by the {} for {listed}; used here for {}.",
        group.source.organisation,
        theme(&metric.theme)
    ))
}

/// A title in the middle of a sentence: "Children's services" becomes "children's
/// services", but "NHS dentistry" keeps its capitals. ASCII only, to keep Unicode's case
/// tables out of the wasm: a title that starts otherwise is left as it is.
fn lower_first(title: &str) -> String {
    let mut text = title.to_owned();
    let bytes = title.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_uppercase)
        && !bytes.get(1).is_some_and(u8::is_ascii_uppercase)
        && let Some(first) = text.get_mut(..1)
    {
        first.make_ascii_lowercase();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use yardstick_bundle::{Date, parse_areas, parse_manifest_with_catalogue, parse_peer_groups};

    fn demo(file: &str) -> Vec<u8> {
        let path = format!(
            "{}/../../public/data/demo/{file}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(path).unwrap()
    }

    fn manifest() -> Manifest {
        parse_manifest_with_catalogue(&demo("manifest.json"), |p| Some(demo(p))).unwrap()
    }

    fn iso(text: &str) -> Period {
        Period::parse_iso(text).unwrap()
    }

    #[test]
    fn a_date_is_called_a_publication_date_only_when_it_is_one() {
        let manifest = manifest();
        let mut source = manifest
            .metric("recycling-contamination-rate")
            .unwrap()
            .source
            .clone();
        source.published = Date::parse("2024-04-03").ok();
        source.accessed = Date::parse("2023-04-19").ok();
        assert_eq!(source_date(&source), "Published 3 April 2024");
        source.published = None;
        assert_eq!(
            source_date(&source),
            "Accessed 19 April 2023 (publication date not given)"
        );
        source.accessed = None;
        assert_eq!(source_date(&source), "Publication date not stated");
    }

    #[test]
    fn a_print_names_its_data_version_and_the_day_it_was_printed() {
        let mut manifest = manifest();
        manifest.title = "Council figures".to_owned();
        manifest.content_hash = format!("sha256:{}", "ab".repeat(32));
        for metric in &mut manifest.metrics {
            metric.source.published = None;
        }
        let version = format!("Data: Council figures, version sha256:{}.", "ab".repeat(32));
        assert_eq!(data_version(&manifest), version);
        // The newest publication date, whichever metric it belongs to.
        manifest.metrics[1].source.published = Date::parse("2026-05-21").ok();
        manifest.metrics[0].source.published = Date::parse("2024-04-16").ok();
        assert_eq!(
            data_version(&manifest),
            format!(
                "{}, with sources published up to 21 May 2026.",
                version.trim_end_matches('.')
            )
        );
        assert_eq!(
            printed(Date::new(2026, 12, 1).unwrap()),
            "Printed 1 December 2026"
        );
    }

    #[test]
    fn every_demo_date_says_what_it_is() {
        // DEFRA's recycling figures were taken from Oflog's republication on 19 April 2023:
        // that is when they were accessed, not when DEFRA published them.
        let manifest = manifest();
        let recycling = manifest.metric("household-waste-recycling-rate").unwrap();
        assert_eq!(
            source_date(&recycling.source),
            "Accessed 19 April 2023 (publication date not given)"
        );
        for metric in &manifest.metrics {
            let line = source_date(&metric.source);
            assert_eq!(
                line.starts_with("Published "),
                metric.source.published.is_some(),
                "{}: {line}",
                metric.id
            );
        }
    }

    #[test]
    fn jointly_reported_rows_are_marked_with_both_names() {
        let manifest = manifest();
        let areas = parse_areas(&demo("areas.json")).unwrap();
        let recycling = manifest.metric("household-waste-recycling-rate").unwrap();
        let period = iso("2022-04-01/P1Y");
        let mid_suffolk = AreaCode::new("E07000203");
        let babergh = AreaCode::new("E07000200");
        assert_eq!(
            joint_figure(recycling, &areas, &mid_suffolk, period).as_deref(),
            Some("Joint figure for Babergh and Mid Suffolk")
        );
        assert_eq!(
            joint_figure(recycling, &areas, &babergh, period).as_deref(),
            Some(
                "Included in the joint figure for Babergh and Mid Suffolk, published under \
                 Mid Suffolk"
            )
        );
        // Ipswich, their neighbour, reports alone.
        assert_eq!(
            joint_figure(recycling, &areas, &AreaCode::new("E07000202"), period),
            None
        );
    }

    #[test]
    fn a_group_built_for_another_service_says_so() {
        let manifest = manifest();
        let groups = parse_peer_groups(&demo("peer-groups.json")).unwrap();
        let dfe = groups.group("dfe-statistical-neighbours-2025").unwrap();
        let care = manifest.metric("asc-workforce-turnover").unwrap();
        assert_eq!(
            group_purpose(dfe, care, &manifest).as_deref(),
            Some(
                "Built by the Department for Education for children's services and education; \
                 used here for adult social care."
            )
        );
        let children = manifest.metric("child-protection-plans-repeat").unwrap();
        assert_eq!(group_purpose(dfe, children, &manifest), None);
        let ons = groups.group("ons-similar-areas-global").unwrap();
        assert_eq!(group_purpose(ons, care, &manifest), None);
    }

    #[test]
    fn the_about_view_says_which_kind_of_year() {
        let manifest = manifest();
        let check = |id: &str, expected: &str| {
            assert_eq!(period_span(manifest.metric(id).unwrap()), expected, "{id}");
        };
        check(
            "household-waste-recycling-rate",
            "2015-16 to 2022-23: 8 periods (financial years, April to March)",
        );
        check(
            "gcses-in-english-and-maths",
            "2016-17 to 2024-25: 9 periods (academic years, from late summer to the next \
             summer)",
        );
        check(
            "adult-obesity-prevalence",
            "First Year to 15 November 2016, latest Year to 15 November 2025: 10 periods \
             (years ending on the day named)",
        );
        check(
            "cigarette-smokers",
            "First 2019 to 2023, latest 2020 to 2024: 2 periods (several years pooled into one \
             figure)",
        );
        assert_eq!(lower_first("NHS dentistry"), "NHS dentistry");
    }
}
