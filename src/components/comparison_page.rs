//! Everything a widget shows once the bundle's manifest and areas are in: the pickers, the
//! view tabs, and the chosen view, each computed by the engine from the files fetched so far.

use std::sync::Arc;

use leptos::prelude::*;
use yardstick_bundle::Area;
use yardstick_stats::GroupSpec;

use super::about_view::AboutView;
use super::area_picker::AreaPicker;
use super::copy_link::CopyLink;
use super::message::Message;
use super::metric_picker::MetricPicker;
use super::metric_view::MetricView;
use super::overview_view::OverviewView;
use super::peer_view::PeerView;
use super::period_picker::PeriodPicker;
use super::trend_view::TrendView;
use super::view_tabs::ViewTabs;
use crate::api::{BundleLocation, LoadError};
use crate::input::browser_number;
use crate::selection::View;
use crate::state::{BundleIndex, Navigation, WidgetConfig};
use crate::store::{Load, Needs, Part, Store};
use yardstick_present::model::metric::{MetricProblem, metric_model};
use yardstick_present::model::overview::{LineState, applicable, overview_model};
use yardstick_present::model::trend::trend_model;
use yardstick_present::words;

/// The loaded widget.
#[component]
pub fn ComparisonPage(
    /// The manifest and areas.
    index: Arc<BundleIndex>,
    /// The widget's configuration.
    config: WidgetConfig,
    /// Where every further file of the loaded version is fetched from.
    location: BundleLocation,
    /// The reader's selection.
    nav: Navigation,
    /// The first view's metric file, if it came with the areas.
    first: Option<(String, Arc<yardstick_bundle::MetricValues>)>,
) -> impl IntoView {
    let store = Store::new(location, Arc::clone(&index), first);
    let id_prefix = config.id_prefix.clone();

    let metric_id = {
        let index = Arc::clone(&index);
        Memo::new(move |_| {
            nav.with(|s| {
                index
                    .metric_or_default(s.metric.as_deref())
                    .map(|m| m.id.clone())
                    .unwrap_or_default()
            })
        })
    };
    // The group in the link, or councils of the same type; a bad spec is reported, not fatal.
    let spec = Memo::new(move |_| {
        nav.with(|s| match s.group.as_deref() {
            None => Ok(GroupSpec::SameType),
            Some(text) => GroupSpec::parse_with(text, browser_number)
                .map_err(|e| (text.to_owned(), e.to_string())),
        })
    });
    let view_kind = Memo::new(move |_| nav.with(|s| View::from_param(s.view.as_deref())));

    let controls = {
        let index = Arc::clone(&index);
        let id_prefix = id_prefix.clone();
        move || {
            let metric = index.manifest.metric(&metric_id.get())?.clone();
            let period = nav.with(|s| index.period_or_latest(&metric, s.period.as_deref()));
            let show_period = matches!(view_kind.get(), View::Metric);
            Some(view! {
                {show_period.then(|| view! {
                    <PeriodPicker metric=metric nav=nav current=period id_prefix=id_prefix.clone() />
                })}
            })
        }
    };

    let body = {
        let index = Arc::clone(&index);
        let id_prefix = id_prefix.clone();
        move || {
            let selection = nav.get();
            let Some(code) = selection.area.clone() else {
                return view! {
                    <p class="ys-summary">
                        "Choose a council to see how its published figures compare with its peers."
                    </p>
                }
                .into_any();
            };
            let Some(area) = index.area(&code).cloned() else {
                return view! {
                    <Message
                        title="Council not found"
                        detail=format!(
                            "No council with the code “{code}” is in this data. Search for a council above."
                        )
                    />
                }
                .into_any();
            };
            let Some(metric) = index.manifest.metric(&metric_id.get()).cloned() else {
                return view! {
                    <Message title="No measures" detail="This data bundle lists no measures." />
                }
                .into_any();
            };
            let unknown_metric = selection
                .metric
                .as_deref()
                .filter(|id| index.manifest.metric(id).is_none())
                .map(|id| {
                    view! {
                        <Message
                            title="Measure not found"
                            detail=format!(
                                "This data has no measure called “{id}”. Showing “{}” instead; choose another above.",
                                metric.title
                            )
                        />
                    }
                });
            let (spec, spec_warning) = match spec.get() {
                Ok(spec) => (spec, None),
                Err((text, error)) => (
                    GroupSpec::SameType,
                    Some(view! {
                        <Message
                            title="The peer group in the link could not be read"
                            detail=format!("“{text}”: {error}. Showing councils of the same type instead.")
                        />
                    }),
                ),
            };
            let view = match view_kind.get() {
                View::About => view! {
                    <AboutView manifest=index.manifest.clone() metric=metric />
                }
                .into_any(),
                View::Overview => overview(store, &index, &area, &spec, nav, &id_prefix),
                View::Metric | View::Trend | View::Peers => {
                    let kind = view_kind.get();
                    let needs = if kind == View::Peers {
                        Needs::all()
                    } else {
                        Needs::for_spec(&spec)
                    };
                    let period = index.period_or_latest(&metric, selection.period.as_deref());
                    // The compare view of the latest period needs only the latest file.
                    let part = if kind == View::Metric && period == metric.latest_period {
                        Part::Latest
                    } else {
                        Part::Series
                    };
                    match store.dataset_of(std::slice::from_ref(&metric.id), part, needs) {
                        Load::Loading => loading(),
                        Load::Failed(error) => failed(store, &error),
                        Load::Ready(dataset) => {
                            let groups = store.groups_if_loaded();
                            let group_name = words::group_name(
                                &spec,
                                &area.name,
                                &area.area_type,
                                area.region.as_deref(),
                                &index.manifest,
                                groups.as_deref(),
                            );
                            let Some(values) = store.metric_part(&metric.id, part).ready() else {
                                return loading();
                            };
                            match kind {
                                View::Peers => view! {
                                    <PeerView
                                        manifest=index.manifest.clone()
                                        dataset=Arc::clone(&dataset.0)
                                        context=store.context().ready()
                                        groups=groups
                                        area=area.clone()
                                        metric=metric.clone()
                                        spec=spec.clone()
                                        nav=nav
                                        id_prefix=id_prefix.clone()
                                    />
                                }
                                .into_any(),
                                View::Trend => match trend_model(
                                    &dataset.0, &values, &area, &metric, &spec, group_name,
                                ) {
                                    Ok(model) => view! {
                                        <TrendView manifest=index.manifest.clone() model=model />
                                    }
                                    .into_any(),
                                    Err(problem) => problem_view(problem, &index, &area, &metric),
                                },
                                _ => {
                                    match metric_model(
                                        &index.manifest,
                                        &index.areas,
                                        groups.as_deref(),
                                        &dataset.0,
                                        &values,
                                        &area,
                                        &metric,
                                        period,
                                        &spec,
                                    ) {
                                        Ok(model) => view! {
                                            <MetricView manifest=index.manifest.clone() model=model />
                                        }
                                        .into_any(),
                                        Err(problem) => {
                                            problem_view(problem, &index, &area, &metric)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            };
            view! {
                {unknown_metric}
                {spec_warning}
                {view}
            }
            .into_any()
        }
    };

    // Only a widget that owns the page's URL can offer a link to it; embeds offer theirs in
    // the embed panel.
    let share = config.sync_url.then(|| {
        let page = web_sys::window()
            .map(|w| {
                let location = w.location();
                format!(
                    "{}{}",
                    location.origin().unwrap_or_default(),
                    location.pathname().unwrap_or_default()
                )
            })
            .unwrap_or_default();
        view! { <CopyLink nav=nav page=page /> }
    });
    view! {
        <div class="ys-controls">
            <AreaPicker index=Arc::clone(&index) nav=nav id_prefix=id_prefix.clone() />
            <MetricPicker index=Arc::clone(&index) nav=nav current=metric_id id_prefix=id_prefix.clone() />
            {controls}
        </div>
        <ViewTabs nav=nav />
        <div class="ys-body">{body}</div>
        {share}
        <super::embed_panel::EmbedPanel index=Arc::clone(&index) config=config.clone() nav=nav />
    }
}

fn loading() -> AnyView {
    view! { <p class="ys-loading" role="status">"Loading the figures…"</p> }.into_any()
}

fn failed(store: Store, error: &LoadError) -> AnyView {
    view! {
        <Message
            title=error.title()
            detail=error.to_string()
            error=true
            on_retry=Callback::new(move |()| store.retry_failed())
        />
    }
    .into_any()
}

fn problem_view(
    problem: MetricProblem,
    index: &BundleIndex,
    area: &Area,
    metric: &yardstick_bundle::MetricMeta,
) -> AnyView {
    match problem {
        MetricProblem::NoService => {
            let types = metric
                .area_types
                .iter()
                .filter_map(|id| index.manifest.area_type(id))
                .map(|t| t.plural.to_lowercase())
                .collect::<Vec<_>>()
                .join(", ");
            let kind = index
                .manifest
                .area_type(&area.area_type)
                .map(|t| t.plural.clone())
                .unwrap_or_else(|| "Councils of this type".to_owned());
            let mut kind_chars = kind.chars();
            let kind: String = kind_chars
                .next()
                .map(|c| c.to_uppercase().chain(kind_chars).collect())
                .unwrap_or_default();
            view! {
                <Message
                    title=format!("{} has no figure for this measure", area.name)
                    detail=format!(
                        "{kind} are not responsible for the service that “{}” measures, so it \
                         is published only for {types}. Choose another measure or another council.",
                        metric.title
                    )
                />
            }
            .into_any()
        }
        MetricProblem::Engine(detail) => view! {
            <Message
                title="This comparison cannot be made"
                detail=format!("{detail}. Choose another peer group on the Peer group tab.")
            />
        }
        .into_any(),
    }
}

fn overview(
    store: Store,
    index: &BundleIndex,
    area: &Area,
    spec: &GroupSpec,
    nav: Navigation,
    id_prefix: &str,
) -> AnyView {
    let needs = Needs::for_spec(spec);
    let ids: Vec<String> = applicable(&index.manifest, area)
        .into_iter()
        .map(|m| m.id.clone())
        .collect();
    // Start every download at once; each line fills in as its file arrives.
    let states: Vec<(String, Load<()>)> = ids
        .iter()
        .map(|id| {
            let state = match store.metric(id) {
                Load::Ready(_) => Load::Ready(()),
                Load::Loading => Load::Loading,
                Load::Failed(e) => Load::Failed(e),
            };
            (id.clone(), state)
        })
        .collect();
    let ready: Vec<String> = states
        .iter()
        .filter(|(_, s)| matches!(s, Load::Ready(())))
        .map(|(id, _)| id.clone())
        .collect();
    let dataset = match store.dataset(&ready, needs) {
        Load::Ready(dataset) => Some(dataset),
        Load::Loading => None,
        Load::Failed(error) => return failed(store, &error),
    };
    let groups = store.groups_if_loaded();
    let group_name = words::group_name(
        spec,
        &area.name,
        &area.area_type,
        area.region.as_deref(),
        &index.manifest,
        groups.as_deref(),
    );
    let line_state = |id: &str| match states.iter().find(|(i, _)| i == id).map(|(_, s)| s) {
        Some(Load::Ready(())) => LineState::Ready,
        Some(Load::Failed(e)) => LineState::Failed(e.to_string()),
        _ => LineState::Loading,
    };
    let model = overview_model(
        &index.manifest,
        dataset.as_ref().map(|d| d.0.as_ref()),
        &line_state,
        area,
        spec,
        group_name,
    );
    view! {
        <OverviewView
            manifest=index.manifest.clone()
            model=model
            nav=nav
            id_prefix=id_prefix.to_owned()
        />
    }
    .into_any()
}
