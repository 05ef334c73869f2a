//! From what a page says to what is shown, decided once, as plain functions shared by the full
//! widget and the first program.
//!
//! [`Settings`] and [`RawState`] hold the strings a mount point's `data-` attributes and the
//! page's address give; [`resolve`] checks the reader's [`Selection`] against the bundle's
//! manifest and areas, giving a [`ViewState`] with a [`Notice`] for each part not understood.
//! The widget's `configure` (in its `view_state` module) turns a `RawState` into its
//! configuration.

use yardstick_bundle::{Area, MetricMeta, Period};
use yardstick_stats::GroupSpec;

use crate::index::BundleIndex;
use crate::origin::{self, BundleSource, Refusal};
use crate::parts::{Controls, Parts};
use crate::selection::{Selection, View, query_value};

/// The bundle a widget shows when nothing names one, relative to the widget's files.
pub const DEFAULT_BUNDLE: &str = "data/demo/";

/// The settings that both an element's `data-` attributes and a page's address can give, as
/// written (blank ones absent).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// `area`, `metric`, `period`, `group` and `view`.
    pub selection: Selection,
    /// `controls`: how much navigation the widget shows.
    pub controls: Option<String>,
    /// `parts`: what the comparison shows besides its sentence, chart and source.
    pub parts: Option<String>,
    /// `pin`: the data version an embed is pinned to.
    pub pin: Option<String>,
    /// `theme`: light, dark or auto.
    pub theme: Option<String>,
    /// `brand`: the brand colour.
    pub brand: Option<String>,
    /// `font`: one of the known font stacks.
    pub font: Option<String>,
    /// `bundle`: where the data is.
    pub bundle: Option<String>,
}

impl Settings {
    /// Reads each setting through `get`, which answers for a parameter's name (`area`,
    /// `controls`, `bundle`...). The names of the `data-` attributes are the same, after
    /// `data-`.
    pub fn read(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            selection: Selection::read(&get),
            controls: get("controls"),
            parts: get("parts"),
            pin: get("pin"),
            theme: get("theme"),
            brand: get("brand"),
            font: get("font"),
            bundle: get("bundle"),
        }
    }

    /// Reads a page's query string.
    pub fn from_query(query: &str) -> Self {
        Self::read(|key| query_value(query, key))
    }

    /// These settings, with `fallback`'s wherever these have none.
    pub fn or(self, fallback: Self) -> Self {
        let (s, f) = (self.selection, fallback.selection);
        Self {
            selection: Selection {
                area: s.area.or(f.area),
                metric: s.metric.or(f.metric),
                period: s.period.or(f.period),
                group: s.group.or(f.group),
                view: s.view.or(f.view),
            },
            controls: self.controls.or(fallback.controls),
            parts: self.parts.or(fallback.parts),
            pin: self.pin.or(fallback.pin),
            theme: self.theme.or(fallback.theme),
            brand: self.brand.or(fallback.brand),
            font: self.font.or(fallback.font),
            bundle: self.bundle.or(fallback.bundle),
        }
    }
}

/// What one mount point says, as strings: no DOM types, so the rules can be tested natively.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawState {
    /// The element's `data-` attributes.
    pub attributes: Settings,
    /// `data-bundle-origins`: other sites the page's author allows bundles from. Only the
    /// element gives it; an address cannot add to it.
    pub bundle_origins: Option<String>,
    /// `data-url-state`: `off` keeps the only widget of a page out of the page's address.
    pub url_state: Option<String>,
    /// The page's query string.
    pub query: String,
    /// Whether the element fills an embed page inside an iframe (`data-frame`).
    pub frame: bool,
    /// Whether the element sits on Yardstick's own page (`data-isolation="none"`), not in
    /// someone else's.
    pub own_page: bool,
    /// The element's place among the page's widgets, from 0.
    pub position: u32,
    /// How many widgets the page holds.
    pub widgets: u32,
    /// The absolute address of the widget's own folder.
    pub assets: String,
}

impl RawState {
    /// Whether the widget keeps its state in the page's address: the only widget of a page,
    /// unless the page's author said `data-url-state="off"`. An embed page's widget reads its
    /// address but never rewrites it.
    pub fn syncs_url(&self) -> bool {
        !self.frame && self.widgets == 1 && self.url_state.as_deref() != Some("off")
    }

    /// Whether the page's address speaks for the widget at all: only on a page the widget
    /// owns may a link override what the page's author wrote.
    pub fn reads_url(&self) -> bool {
        self.frame || self.syncs_url()
    }

    /// Whether the widget may name the document (its title): only on a page that is wholly
    /// its own, Yardstick's page with one widget or an embed page in a frame. A script embed
    /// never renames the council's page it sits in.
    pub fn names_document(&self) -> bool {
        self.frame || (self.own_page && self.syncs_url())
    }
}

/// What a mount point asks for, decided before anything is fetched: the settings that speak
/// for it (the page's address wins over the element's attributes only on a page the widget
/// owns), where its bundle may be read from, and how much of the widget it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    /// The settings that apply, attributes and address merged.
    pub settings: Settings,
    /// The bundle as written (the default when none is).
    pub written_bundle: String,
    /// Where the bundle may be read from, or why it may not.
    pub bundle: Result<BundleSource, Refusal>,
    /// How much navigation the widget shows.
    pub controls: Controls,
    /// What the comparison shows besides its sentence, chart and source.
    pub parts: Parts,
}

/// Stage one's rules, shared by the widget's configuration and the first program: whose
/// settings count, and whether the bundle may be read from where they say (`origin.rs`).
pub fn decide(raw: &RawState) -> Decided {
    let settings = if raw.reads_url() {
        Settings::from_query(&raw.query).or(raw.attributes.clone())
    } else {
        raw.attributes.clone()
    };
    let allowed: Vec<String> = raw
        .bundle_origins
        .as_deref()
        .map(|list| list.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    let written_bundle = settings
        .bundle
        .clone()
        .unwrap_or_else(|| DEFAULT_BUNDLE.to_owned());
    let bundle = origin::bundle_source(&written_bundle, &raw.assets, &allowed);
    let controls = settings
        .controls
        .as_deref()
        .and_then(Controls::parse)
        .unwrap_or_default();
    let parts = settings
        .parts
        .as_deref()
        .and_then(Parts::parse)
        .unwrap_or(Parts::default_for(controls));
    Decided {
        settings,
        written_bundle,
        bundle,
        controls,
        parts,
    }
}

/// The one line that stands for the folded pickers on a phone: the council, and the measure
/// and period where the view has them ("Adur · Recycling rate · 2022-23").
pub fn choosing_line(state: &ViewState) -> String {
    let AreaChoice::Known(area) = &state.area else {
        return String::new();
    };
    match (&state.metric, state.view) {
        (_, View::Overview) => format!("{} · All measures", area.name),
        (Some(metric), View::Metric | View::Map) => format!(
            "{} · {} · {}",
            area.name,
            metric.meta.short_title,
            metric.period.label()
        ),
        (Some(metric), View::Trend | View::About) => {
            format!("{} · {}", area.name, metric.meta.short_title)
        }
        _ => area.name.clone(),
    }
}

/// The council a view is about.
#[derive(Debug, Clone, PartialEq)]
pub enum AreaChoice {
    /// None chosen yet: the reader is asked to choose one.
    NotChosen,
    /// A code the bundle does not know (by current or former code), as written.
    Unknown(String),
    /// A council in the bundle (boxed: an area is large beside a code).
    Known(Box<Area>),
}

/// The measure shown and its period.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricChoice {
    /// The chosen measure, or the bundle's first when none or an unknown one was chosen.
    pub meta: MetricMeta,
    /// The chosen period, or the measure's latest when none or an unknown one was chosen.
    pub period: Period,
}

/// Part of a selection that was not understood, and what is shown instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The bundle has no measure with this id; `shown` is the title of the one shown.
    UnknownMetric { written: String, shown: String },
    /// The measure has no such period; `shown` is the label of its latest, shown instead.
    UnknownPeriod {
        written: String,
        metric: String,
        shown: String,
    },
    /// The peer group spec could not be read; councils of the same type are shown.
    UnreadableGroup { written: String, reason: String },
    /// There is no such view; the comparison is shown.
    UnknownView { written: String },
}

impl Notice {
    /// A short headline for the message box.
    pub fn title(&self) -> &'static str {
        match self {
            Self::UnknownMetric { .. } => "Measure not found",
            Self::UnknownPeriod { .. } => "Period not found",
            Self::UnreadableGroup { .. } => "The peer group in the link could not be read",
            Self::UnknownView { .. } => "View not found",
        }
    }

    /// What was not understood, and what is shown instead.
    pub fn detail(&self) -> String {
        match self {
            Self::UnknownMetric { written, shown } => format!(
                "This data has no measure called “{written}”. Showing “{shown}” instead; \
                 choose another above."
            ),
            Self::UnknownPeriod {
                written,
                metric,
                shown,
            } => format!(
                "“{metric}” has no figures for “{written}”. Showing the latest, {shown}, instead."
            ),
            Self::UnreadableGroup { written, reason } => {
                format!("“{written}”: {reason}. Showing councils of the same type instead.")
            }
            Self::UnknownView { written } => format!(
                "There is no view called “{written}”. Showing “{}” instead.",
                View::Metric.title()
            ),
        }
    }
}

/// What one widget shows: the reader's selection, checked against the bundle.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewState {
    /// The council.
    pub area: AreaChoice,
    /// The measure and period; `None` when the bundle lists no measures, or while the
    /// measure's metadata is still to come (`pending`).
    pub metric: Option<MetricChoice>,
    /// The measure to show whose whole metadata is not in yet: the part of the catalogue
    /// that holds it is to be fetched (schema 2.0).
    pub pending: Option<String>,
    /// The peer group: the chosen one, or councils of the same type.
    pub group: GroupSpec,
    /// The view: the chosen one, or the comparison.
    pub view: View,
    /// What was not understood, in the order the reader should read it.
    pub notices: Vec<Notice>,
}

/// Stage two: the reader's selection, checked against the bundle's manifest and areas. Every
/// part that names something the bundle does not have, or cannot be read, falls back to its
/// default and leaves a [`Notice`], except a council: without one there is nothing to compare.
///
/// `number` reads the numbers a group spec holds (nearest neighbours' weights): the widget
/// passes the browser's reader, which keeps the standard float parser out of the wasm.
pub fn resolve(
    selection: &Selection,
    index: &BundleIndex,
    number: yardstick_stats::NumberParser,
) -> ViewState {
    let mut notices = Vec::new();
    let written_view = selection.view.as_deref();
    let view = written_view.and_then(View::parse).unwrap_or(View::Metric);
    let area = match selection.area.as_deref() {
        None => AreaChoice::NotChosen,
        Some(code) => index.area(code).map_or_else(
            || AreaChoice::Unknown(code.to_owned()),
            |area| AreaChoice::Known(Box::new(area.clone())),
        ),
    };
    let wanted_metric = selection.metric.as_deref();
    // Without a measure named, a council lands on the first measure it is compared on, not
    // on one it has no place in.
    let first_for_area = match (&area, wanted_metric) {
        (AreaChoice::Known(area), None) => index
            .manifest
            .measures
            .iter()
            .find(|measure| measure.area_types.contains(&area.area_type)),
        _ => None,
    };
    let measure = first_for_area.or_else(|| index.measure_or_default(wanted_metric));
    let pending = measure
        .filter(|m| index.manifest.metric(&m.id).is_none())
        .map(|m| m.id.clone());
    let metric = measure
        .and_then(|m| index.manifest.metric(&m.id))
        .map(|meta| {
            if let Some(written) = wanted_metric.filter(|id| index.manifest.measure(id).is_none()) {
                notices.push(Notice::UnknownMetric {
                    written: written.to_owned(),
                    shown: meta.title.clone(),
                });
            }
            let wanted_period = selection.period.as_deref();
            let period = wanted_period.and_then(|written| BundleIndex::period(meta, written));
            // Only the comparison and the map show one period; the other views need not mention it.
            if let (Some(written), None, View::Metric | View::Map) = (wanted_period, period, view) {
                notices.push(Notice::UnknownPeriod {
                    written: written.to_owned(),
                    metric: meta.title.clone(),
                    shown: meta.latest_period.label(),
                });
            }
            MetricChoice {
                meta: meta.clone(),
                period: period.unwrap_or(meta.latest_period),
            }
        });
    let group = match selection.group.as_deref() {
        None => GroupSpec::SameType,
        Some(written) => GroupSpec::parse_with(written, number).unwrap_or_else(|error| {
            notices.push(Notice::UnreadableGroup {
                written: written.to_owned(),
                reason: error.to_string(),
            });
            GroupSpec::SameType
        }),
    };
    // The view's notice last: the others are about the figures shown.
    if let Some(written) = written_view.filter(|written| View::parse(written).is_none()) {
        notices.push(Notice::UnknownView {
            written: written.to_owned(),
        });
    }
    ViewState {
        area,
        metric,
        pending,
        group,
        view,
        notices,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yardstick_bundle::{parse_areas, parse_manifest};

    const MANIFEST: &str = include_str!("../../../tests/fixtures/mini-bundle/manifest.json");
    const AREAS: &str = include_str!("../../../tests/fixtures/mini-bundle/areas.json");

    fn index() -> BundleIndex {
        BundleIndex {
            manifest: parse_manifest(MANIFEST.as_bytes()).unwrap(),
            areas: parse_areas(AREAS.as_bytes()).unwrap(),
        }
    }

    /// No group spec here holds a number.
    fn no_number(_: &str) -> Option<f64> {
        None
    }

    #[test]
    fn the_folded_pickers_line_names_what_the_view_shows() {
        let index = index();
        let line =
            |query: &str| choosing_line(&resolve(&Selection::from_query(query), &index, no_number));
        // The fixture's one measure, "Recycling rate", has 2021-22 and 2022-23 (the latest).
        assert_eq!(
            line("?area=E08000009"),
            "Trafford · Recycling rate · 2022-23"
        );
        assert_eq!(
            line("?area=E08000009&period=2021-22"),
            "Trafford · Recycling rate · 2021-22"
        );
        assert_eq!(
            line("?area=E08000009&view=overview"),
            "Trafford · All measures"
        );
        assert_eq!(
            line("?area=E08000009&view=trend"),
            "Trafford · Recycling rate"
        );
        assert_eq!(line("?area=E08000009&view=peers"), "Trafford");
        assert_eq!(line(""), "");
        assert_eq!(line("?area=E99999999"), "");
    }

    #[test]
    fn the_address_speaks_only_for_a_page_the_widget_owns() {
        let raw = |widgets: u32, url_state: Option<&str>| RawState {
            attributes: Settings::read(|name| (name == "area").then(|| "E08000001".to_owned())),
            url_state: url_state.map(str::to_owned),
            query: "?area=E08000009&controls=none&bundle=//elsewhere.example/".to_owned(),
            widgets,
            assets: "https://council.example/yardstick/".to_owned(),
            ..RawState::default()
        };
        let own = decide(&raw(1, None));
        assert_eq!(own.settings.selection.area.as_deref(), Some("E08000009"));
        assert_eq!(own.controls, Controls::None);
        assert_eq!(own.parts, Parts::NONE);
        assert_eq!(own.bundle, Err(Refusal::OtherHostWithoutScheme));
        for other in [raw(2, None), raw(1, Some("off"))] {
            let decided = decide(&other);
            assert_eq!(
                decided.settings.selection.area.as_deref(),
                Some("E08000001")
            );
            assert_eq!(decided.controls, Controls::Full);
            assert_eq!(decided.written_bundle, DEFAULT_BUNDLE);
            assert_eq!(
                decided.bundle,
                Ok(BundleSource::Relative(DEFAULT_BUNDLE.to_owned()))
            );
        }
    }
}
