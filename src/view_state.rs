//! From what a page says to what a widget shows, decided once, as plain functions.
//!
//! Two stages, because the bundle's manifest arrives in between:
//!
//! 1. [`configure`], before anything is fetched: the strings a widget's element and the page's
//!    address hold ([`RawState`]) become its [`WidgetConfig`]. Here live the rules of who
//!    speaks for what: the address of a page the widget owns wins over the element's `data-`
//!    attributes, any other address is not read at all, and some settings only the page's
//!    author can give (`data-bundle-origins`, `data-url-state`); and the rule of where a bundle
//!    may be read from (`origin.rs`).
//! 2. [`resolve`], once the manifest and areas are in: the reader's [`Selection`] (strings, as
//!    the address holds them) becomes a [`ViewState`]: the council, measure, period, peer group
//!    and view, each checked against the bundle, with a [`Notice`] for each part that was not
//!    understood and what is shown instead.

use crate::api::BundleLocation;
use crate::embed::ContentHash;
use crate::input::browser_number;
use crate::origin::BundleSource;
use crate::selection::{Selection, View};
use crate::state::{BundleIndex, RefusedBundle, WidgetConfig};
use crate::theme::Theme;

pub use yardstick_view::view::{
    AreaChoice, DEFAULT_BUNDLE, Decided, MetricChoice, Notice, RawState, Settings, ViewState,
    choosing_line, decide,
};

/// Stage one: the widget's configuration, before anything is fetched. `locate` resolves a path
/// against the widget's folder (the browser's URL parser, in the widget).
///
/// The bundle, wherever it was named, must stay on the widget's own site unless the page lists
/// other origins (`origin.rs`): a link must not be able to dress someone else's figures in
/// this site's name.
pub fn configure(raw: &RawState, locate: impl Fn(&str) -> String) -> WidgetConfig {
    let Decided {
        settings,
        written_bundle,
        bundle,
        controls,
        parts,
    } = decide(raw);
    let bundle = match bundle {
        Ok(BundleSource::Relative(path)) => Ok(BundleLocation::new(locate(&path))),
        Ok(BundleSource::Absolute(address)) => Ok(BundleLocation::new(address.as_str())),
        Err(refusal) => Err(RefusedBundle::new(&written_bundle, refusal)),
    };
    // Snippets name the bundle only when it is not the default one.
    let default = BundleLocation::new(locate(DEFAULT_BUNDLE));
    let bundle_param = settings
        .bundle
        .clone()
        .filter(|_| bundle.as_ref() != Ok(&default));
    WidgetConfig {
        bundle,
        sync_url: raw.syncs_url(),
        names_document: raw.names_document(),
        id_prefix: format!("ys{}-", raw.position),
        assets: raw.assets.clone(),
        bundle_param,
        controls,
        parts,
        pin: settings.pin.as_deref().and_then(ContentHash::parse),
        theme: Theme::from_values(
            settings.theme.as_deref(),
            settings.brand.as_deref(),
            settings.font.as_deref(),
        ),
        initial: settings.selection,
    }
}

/// The document's title for what a widget shows, so that tabs, bookmarks and shared links
/// say which council, measure and view they hold: "Trafford: Recycling rate, compared –
/// Yardstick".
pub fn document_title(state: &ViewState) -> String {
    let area = match &state.area {
        AreaChoice::NotChosen => return "Yardstick: compare a council with its peers".to_owned(),
        AreaChoice::Unknown(_) => return "Council not found – Yardstick".to_owned(),
        AreaChoice::Known(area) => &area.name,
    };
    let Some(metric) = &state.metric else {
        return format!("{area} – Yardstick");
    };
    let measure = &metric.meta.short_title;
    match state.view {
        View::Metric => format!("{area}: {measure}, compared – Yardstick"),
        View::Trend => format!("{area}: {measure}, over time – Yardstick"),
        View::Peers => format!("{area}: {measure}, peer group – Yardstick"),
        View::Map => format!("{area}: {measure}, on a map – Yardstick"),
        View::Overview => format!("{area}: every measure compared – Yardstick"),
        View::About => format!("{area}: {measure}, about the data – Yardstick"),
    }
}

/// Stage two: the reader's selection checked against the bundle (`yardstick_view::view::resolve`),
/// with the numbers of a group spec read by the browser.
pub fn resolve(selection: &Selection, index: &BundleIndex) -> ViewState {
    yardstick_view::view::resolve(selection, index, browser_number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed::{Controls, Part, Parts};
    use yardstick_bundle::{parse_areas, parse_manifest};
    use yardstick_stats::GroupSpec;

    const ASSETS: &str = "https://council.example/yardstick/";
    const MANIFEST: &str = include_str!("../tests/fixtures/mini-bundle/manifest.json");
    const AREAS: &str = include_str!("../tests/fixtures/mini-bundle/areas.json");

    /// Joins a path to the widget's folder as the browser would for these tests' paths.
    fn locate(path: &str) -> String {
        format!("{ASSETS}{}", path.trim_start_matches("./"))
    }

    /// A mount point with these `data-` attributes (names as in the HTML, after `data-`), on a
    /// page whose address has `query`.
    fn raw(attributes: &[(&str, &str)], query: &str) -> RawState {
        let get = |name: &str| {
            attributes
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        };
        RawState {
            attributes: Settings::read(get),
            bundle_origins: get("bundle-origins"),
            url_state: get("url-state"),
            query: query.to_owned(),
            frame: false,
            own_page: get("isolation").as_deref() == Some("none"),
            position: 0,
            widgets: 1,
            assets: ASSETS.to_owned(),
        }
    }

    fn index() -> BundleIndex {
        BundleIndex {
            manifest: parse_manifest(MANIFEST.as_bytes()).expect("manifest fixture"),
            areas: parse_areas(AREAS.as_bytes()).expect("areas fixture"),
        }
    }

    fn selection(query: &str) -> Selection {
        Selection::from_query(query)
    }

    #[test]
    fn only_a_widget_on_a_page_of_its_own_names_the_document() {
        let check = |raw: &RawState, expected: bool| {
            assert_eq!(configure(raw, locate).names_document, expected, "{raw:?}");
        };
        // Yardstick's own page.
        check(&raw(&[("isolation", "none")], ""), true);
        // A script embed on a council's page, even the only one there, whose address it keeps.
        let embed = raw(&[("area", "E08000009")], "");
        assert!(embed.syncs_url());
        check(&embed, false);
        // Yardstick's page with two widgets, or told to keep out of the address.
        let mut two = raw(&[("isolation", "none")], "");
        two.widgets = 2;
        check(&two, false);
        check(
            &raw(&[("isolation", "none"), ("url-state", "off")], ""),
            false,
        );
        // The embed page inside a frame is the widget's own document.
        let mut frame = raw(&[], "");
        frame.frame = true;
        check(&frame, true);
    }

    #[test]
    fn the_document_title_names_council_measure_and_view() {
        let index = index();
        let title = |query: &str| document_title(&resolve(&selection(query), &index));
        assert_eq!(
            title("?area=E08000009&metric=recycling"),
            "Trafford: Recycling rate, compared – Yardstick"
        );
        assert_eq!(
            title("?area=E08000009&metric=recycling&view=trend"),
            "Trafford: Recycling rate, over time – Yardstick"
        );
        assert_eq!(
            title("?area=E08000009&metric=recycling&view=peers"),
            "Trafford: Recycling rate, peer group – Yardstick"
        );
        assert_eq!(
            title("?area=E08000009&view=overview"),
            "Trafford: every measure compared – Yardstick"
        );
        assert_eq!(title(""), "Yardstick: compare a council with its peers");
        assert_eq!(title("?area=E99999999"), "Council not found – Yardstick");
    }

    #[test]
    fn the_address_of_a_page_the_widget_owns_wins_over_the_attributes() {
        let attributes = [
            ("area", "E08000001"),
            ("metric", "recycling"),
            ("view", "trend"),
            ("theme", "dark"),
            ("controls", "picker"),
        ];
        let config = configure(
            &raw(&attributes, "?area=E08000009&view=peers&controls=none"),
            locate,
        );
        assert!(config.sync_url);
        assert_eq!(config.initial.area.as_deref(), Some("E08000009"));
        assert_eq!(config.initial.view.as_deref(), Some("peers"));
        assert_eq!(config.controls, Controls::None);
        // What the address leaves out, the attributes still give.
        assert_eq!(config.initial.metric.as_deref(), Some("recycling"));
        assert_eq!(config.theme.mode.param(), "dark");
    }

    #[test]
    fn other_pages_addresses_are_not_read() {
        let attributes = [("area", "E08000001"), ("url-state", "off")];
        let query = "?area=E08000009&metric=other&pin=sha256:".to_owned() + &"a".repeat(64);
        let off = configure(&raw(&attributes, &query), locate);
        assert!(!off.sync_url);
        assert_eq!(off.initial, selection("?area=E08000001"));
        assert_eq!(off.pin, None);

        // One of several widgets on a page.
        let mut several = raw(&[("area", "E08000001")], &query);
        (several.widgets, several.position) = (3, 2);
        let config = configure(&several, locate);
        assert!(!config.sync_url);
        assert_eq!(config.initial, selection("?area=E08000001"));
        assert_eq!(config.id_prefix, "ys2-");
    }

    #[test]
    fn an_embed_that_shows_the_view_only_is_compact_unless_it_asks_for_parts() {
        let shows = |config: &WidgetConfig| {
            [Part::Table, Part::Statistics, Part::Distribution].map(|p| config.parts.shows(p))
        };
        let mut frame = raw(&[], "?area=E08000009&controls=none");
        frame.frame = true;
        assert_eq!(configure(&frame, locate).parts, Parts::NONE);
        frame.query.push_str("&parts=table,distribution");
        assert_eq!(shows(&configure(&frame, locate)), [true, false, true]);
        // A list with nothing understood keeps the compact default.
        frame.query = "?controls=none&parts=map".to_owned();
        assert_eq!(configure(&frame, locate).parts, Parts::NONE);

        // The full widget shows everything; a script embed says it in data-parts.
        assert_eq!(configure(&raw(&[], ""), locate).parts, Parts::ALL);
        let picker = raw(&[("controls", "picker")], "");
        assert_eq!(configure(&picker, locate).parts, Parts::ALL);
        let script = raw(
            &[
                ("controls", "none"),
                ("parts", "statistics"),
                ("url-state", "off"),
            ],
            "?parts=all",
        );
        assert_eq!(shows(&configure(&script, locate)), [false, true, false]);
    }

    #[test]
    fn an_embed_page_reads_its_address_but_never_writes_it() {
        let mut frame = raw(&[("area", "E08000001")], "?area=E08000009&pin=ABC");
        frame.frame = true;
        let config = configure(&frame, locate);
        assert!(!config.sync_url);
        assert_eq!(config.initial.area.as_deref(), Some("E08000009"));
        // A pin that is not a content hash is ignored, not passed on.
        assert_eq!(config.pin, None);
    }

    #[test]
    fn a_bundle_on_another_site_is_refused_wherever_it_is_named() {
        let evil = "https://evil.example/data/";
        for (attributes, query) in [
            (vec![("bundle", evil)], ""),
            (
                vec![("bundle", "data/other/")],
                "?bundle=https%3A%2F%2Fevil.example%2Fdata%2F",
            ),
            (vec![], "?bundle=//evil.example/"),
        ] {
            let config = configure(&raw(&attributes, query), locate);
            assert!(config.bundle.is_err(), "{attributes:?} {query}");
        }
    }

    #[test]
    fn only_the_pages_author_can_allow_another_site() {
        let remote = "https://data.council.example/waste/";
        let query = format!("?bundle={remote}&bundle-origins=https://data.council.example");
        assert!(configure(&raw(&[], &query), locate).bundle.is_err());
        let allowed = [(
            "bundle-origins",
            "https://other.example https://data.council.example",
        )];
        let config = configure(&raw(&allowed, &query), locate);
        assert_eq!(config.bundle, Ok(BundleLocation::new(remote)));
        assert_eq!(config.bundle_param.as_deref(), Some(remote));
    }

    #[test]
    fn snippets_name_the_bundle_only_when_it_is_not_the_default() {
        let default = configure(&raw(&[], ""), locate);
        assert_eq!(
            default.bundle,
            Ok(BundleLocation::new(locate(DEFAULT_BUNDLE)))
        );
        assert_eq!(default.bundle_param, None);
        let same = configure(&raw(&[("bundle", "./data/demo")], ""), locate);
        assert_eq!(same.bundle_param, None);
        let other = configure(&raw(&[("bundle", "data/other/")], ""), locate);
        assert_eq!(other.bundle, Ok(BundleLocation::new(locate("data/other/"))));
        assert_eq!(other.bundle_param.as_deref(), Some("data/other/"));
    }

    #[test]
    fn a_complete_selection_resolves_without_notices() {
        let state = resolve(
            &selection("?area=E08000009&metric=recycling&period=2021-22&group=region&view=trend"),
            &index(),
        );
        let AreaChoice::Known(area) = &state.area else {
            panic!("Trafford is in the bundle: {:?}", state.area);
        };
        assert_eq!(area.name, "Trafford");
        let metric = state.metric.expect("the bundle has a measure");
        assert_eq!(metric.meta.id, "recycling");
        assert_eq!(metric.period.label(), "2021-22");
        assert_eq!(state.group, GroupSpec::SameRegion);
        assert_eq!(state.view, View::Trend);
        assert_eq!(state.notices, []);
    }

    #[test]
    fn defaults_fill_what_is_not_chosen() {
        let state = resolve(&Selection::default(), &index());
        assert_eq!(state.area, AreaChoice::NotChosen);
        let metric = state.metric.expect("the bundle's first measure");
        assert_eq!(metric.meta.id, "recycling");
        assert_eq!(metric.period.label(), "2022-23");
        assert_eq!(state.group, GroupSpec::SameType);
        assert_eq!(state.view, View::Metric);
        assert_eq!(state.notices, []);
    }

    /// Issue 13: without a measure named, a council lands on the first measure it is compared
    /// on; a measure named in the link is kept.
    #[test]
    fn a_council_lands_on_a_measure_it_is_compared_on() {
        let mut index = index();
        let mut care = index.manifest.metrics[0].clone();
        care.id = "care".to_owned();
        care.area_types = vec!["CTY".to_owned()];
        index
            .manifest
            .measures
            .push(yardstick_bundle::MeasureEntry::of_metric(&care));
        index.manifest.metrics.push(care);
        let metric_of = |query: &str| {
            resolve(&selection(query), &index)
                .metric
                .map(|m| m.meta.id)
                .unwrap_or_default()
        };
        assert_eq!(metric_of("?area=E10000014"), "care");
        assert_eq!(metric_of("?area=E08000009"), "recycling");
        assert_eq!(metric_of("?area=E10000014&metric=recycling"), "recycling");
        assert_eq!(metric_of(""), "recycling");
    }

    #[test]
    fn an_unknown_council_is_kept_as_written() {
        let state = resolve(&selection("?area=E99999999"), &index());
        assert_eq!(state.area, AreaChoice::Unknown("E99999999".to_owned()));
    }

    #[test]
    fn each_part_not_understood_leaves_a_notice_and_a_default() {
        let state = resolve(
            // `map` was an unknown view until the map view came (issue 15); `globe` is one still.
            &selection("?area=E08000009&metric=litter&period=2031-32&group=nearest:0&view=globe"),
            &index(),
        );
        let metric = state.metric.expect("the bundle's first measure instead");
        assert_eq!(metric.meta.id, "recycling");
        assert_eq!(metric.period.label(), "2022-23");
        assert_eq!(state.group, GroupSpec::SameType);
        assert_eq!(state.view, View::Metric);
        let titles: Vec<&str> = state.notices.iter().map(Notice::title).collect();
        assert_eq!(
            titles,
            [
                "Measure not found",
                "Period not found",
                "The peer group in the link could not be read",
                "View not found",
            ]
        );
        let details: Vec<String> = state.notices.iter().map(Notice::detail).collect();
        assert!(
            details[0].contains("“litter”") && details[0].contains("“Household waste recycled”")
        );
        assert!(details[1].contains("“2031-32”") && details[1].contains("2022-23"));
        assert!(details[2].starts_with("“nearest:0”: "));
        assert!(details[3].contains("“globe”") && details[3].contains("“Compare”"));
    }

    #[test]
    fn the_map_shows_one_period_as_the_comparison_does() {
        let state = resolve(&selection("?period=2031-32&view=map"), &index());
        assert_eq!(state.view, View::Map);
        let titles: Vec<&str> = state.notices.iter().map(Notice::title).collect();
        assert_eq!(titles, ["Period not found"]);
    }

    #[test]
    fn a_period_matters_only_to_the_comparison() {
        let state = resolve(&selection("?period=2031-32&view=trend"), &index());
        assert_eq!(state.notices, []);
        // Read by its ISO id as well as by its label.
        let state = resolve(&selection("?period=2021-04-01/P1Y"), &index());
        assert_eq!(
            state.metric.map(|m| m.period.label()).as_deref(),
            Some("2021-22")
        );
    }

    #[test]
    fn a_bundle_without_measures_has_no_metric_and_no_notice_about_one() {
        let mut index = index();
        index.manifest.metrics.clear();
        let state = resolve(&selection("?metric=recycling"), &index);
        assert_eq!(state.metric, None);
        assert_eq!(state.notices, []);
    }
}
