//! Everything a widget shows once the bundle's manifest and areas are in: the pickers, the
//! view tabs, and the chosen view, each computed by the engine from the files fetched so far.

use std::sync::Arc;

use leptos::prelude::*;
use yardstick_bundle::{Area, MetricMeta, MetricValues, PeerGroups, WebAddress};
use yardstick_stats::GroupSpec;

use super::about_view::AboutView;
use super::area_picker::AreaPicker;
use super::chart_figure::ViewAddress;
use super::copy_link::CopyLink;
use super::map_view::MapView;
use super::message::Message;
use super::metric_picker::MetricPicker;
use super::metric_view::MetricView;
use super::overview_view::OverviewView;
use super::peer_view::PeerView;
use super::period_picker::PeriodPicker;
use super::print_note::PrintNote;
use super::trend_view::TrendView;
use super::view_tabs::ViewTabs;
use crate::api::{BundleLocation, LoadError};
use crate::embed::{ContentHash, Parts, full_comparison_url};
use crate::selection::{Selection, View};
use crate::state::{BundleIndex, Navigation, WidgetConfig};
use crate::store::{Load, Needs, Part, SharedDataset, Store};
use crate::view_state::{
    AreaChoice, MetricChoice, ViewState, choosing_line, document_title, resolve,
};
use yardstick_present::model::map::{map_for, map_model};
use yardstick_present::model::metric::{MetricModel, MetricProblem, metric_model};
use yardstick_present::model::overview::{LineState, applicable, overview_model};
use yardstick_present::model::trend::trend_model;
use yardstick_present::{notes, words};

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
    first: Option<(String, Arc<MetricValues>)>,
) -> impl IntoView {
    let store = Store::new(location, Arc::clone(&index), first);
    let id_prefix = config.id_prefix.clone();
    provide_context(super::overview_view::OverviewTools(RwSignal::new(false)));
    super::group_choice::GroupChoiceContext::provide(store, nav, &id_prefix, config.controls);
    // A saved chart names the view it came from: this page's address when the widget keeps
    // its state there, otherwise the same view on Yardstick's own page.
    provide_context(ViewAddress(Arc::new({
        let (sync_url, assets, bundle) = (
            config.sync_url,
            config.assets.clone(),
            config.bundle_param.clone(),
        );
        move || {
            let address = if sync_url {
                web_sys::window()?.location().href().ok()?
            } else {
                let assets = WebAddress::parse(&assets).ok()?;
                full_comparison_url(&assets, &nav.get_untracked(), bundle.as_deref(), None)
            };
            WebAddress::parse(&address).ok()
        }
    })));

    // The selection, resolved against the bundle once for every part of the page. Every new
    // selection counts as a change (the navigation sets one only when it differs), which
    // keeps the equality of the bundle's types out of the wasm.
    let state = Memo::new_with_compare(
        move |_| {
            let index = store.index();
            nav.with(|s| resolve(s, &index))
        },
        |_, _| true,
    );
    // Since 2.0 a measure's metadata comes in a part of the catalogue: fetch the part of the
    // measure chosen (the page says it is loading meanwhile).
    Effect::new(move |_| {
        if let Some(id) = state.with(|s| s.pending.clone()) {
            let _ = store.meta(&id);
        }
    });
    if config.names_document {
        Effect::new(move |_| {
            let title = state.with(document_title);
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                document.set_title(&title);
            }
        });
    }
    // The measure chosen, also while its part of the catalogue is still on its way, so that
    // the measure box keeps the title just chosen.
    let metric_id = Memo::new(move |_| {
        state.with(|s| {
            s.metric
                .as_ref()
                .map(|m| m.meta.id.clone())
                .or_else(|| s.pending.clone())
                .unwrap_or_default()
        })
    });

    let controls = {
        let id_prefix = id_prefix.clone();
        move || {
            state.with(|s| match (&s.metric, s.view) {
                (Some(metric), View::Metric | View::Map) => Some(view! {
                    <PeriodPicker
                        metric=metric.meta.clone()
                        nav=nav
                        current=metric.period
                        id_prefix=id_prefix.clone()
                    />
                }),
                _ => None,
            })
        }
    };

    let page = Page {
        store,
        nav,
        id_prefix: id_prefix.clone(),
        parts: config.parts,
        full: Link {
            assets: WebAddress::parse(&config.assets).ok(),
            bundle: config.bundle_param.clone(),
            pin: config.pin.clone(),
        },
    };
    let body = move || {
        state.with(|state| match (&state.area, &state.metric) {
            (AreaChoice::NotChosen, _) => view! {
                <p class="ys-summary">
                    "Yardstick compares a council's published figures, from recycling and adult \
                     social care to pay and housing, with those of similar councils, and names \
                     the method behind every verdict. Search for a council above to see how it \
                     compares."
                </p>
            }
            .into_any(),
            (AreaChoice::Unknown(code), _) => view! {
                <Message
                    title="Council not found"
                    detail=format!(
                        "No council with the code “{code}” is in this data. Search for a council above."
                    )
                />
            }
            .into_any(),
            (AreaChoice::Known(_), None) => match state.pending.as_deref().map(|id| store.meta(id)) {
                None => view! {
                    <Message title="No measures" detail="This data bundle lists no measures." />
                }
                .into_any(),
                Some(Load::Failed(error)) => failed(store, &error),
                Some(_) => loading(),
            },
            (AreaChoice::Known(area), Some(metric)) => {
                let notices = state
                    .notices
                    .iter()
                    .map(|notice| view! { <Message title=notice.title() detail=notice.detail() /> })
                    .collect_view();
                view! {
                    {notices}
                    {page.view(state, area, metric)}
                }
                .into_any()
            }
        })
    };

    // Only a widget that owns the page's URL can offer a link to it; embeds offer theirs in
    // the embed panel.
    let page_address = config.sync_url.then(|| {
        web_sys::window()
            .map(|w| {
                let location = w.location();
                format!(
                    "{}{}",
                    location.origin().unwrap_or_default(),
                    location.pathname().unwrap_or_default()
                )
            })
            .unwrap_or_default()
    });
    // Until a council is chosen (and found) there is nothing to link to or embed.
    let chosen = Memo::new(move |_| state.with(|s| matches!(s.area, AreaChoice::Known(_))));
    let embed_panel = {
        let index = Arc::clone(&index);
        let config = config.clone();
        move || {
            chosen.get().then(|| {
                view! {
                    {page_address.clone().map(|page| view! { <CopyLink nav=nav page=page /> })}
                    <super::embed_panel::EmbedPanel
                        index=Arc::clone(&index)
                        config=config.clone()
                        nav=nav
                        state=state
                    />
                }
            })
        }
    };
    // The answer first on a phone: once a council is chosen, the pickers fold behind one line
    // that says what is shown and a button that opens them (a disclosure; on a wider screen the
    // line is hidden and the pickers always show: style/yardstick.css).
    let open = RwSignal::new(false);
    let controls_id = format!("{id_prefix}controls");
    let choose = {
        let controls_id = controls_id.clone();
        move || {
            chosen.get().then(|| {
                let current = move || state.with(choosing_line);
                view! {
                    <div class="ys-choose">
                        <p class="ys-choose__current">{current}</p>
                        <button
                            type="button"
                            class="ys-choose__toggle"
                            aria-controls=controls_id.clone()
                            aria-expanded=move || if open.get() { "true" } else { "false" }
                            on:click=move |_| open.update(|o| *o = !*o)
                        >
                            {move || if open.get() { "Done" } else { "Change" }}
                        </button>
                    </div>
                }
            })
        }
    };
    let folded = move || chosen.get() && !open.get();
    let chosen_area = Signal::derive(move || {
        state.with(|s| match &s.area {
            AreaChoice::Known(area) => Some(Area::clone(area)),
            _ => None,
        })
    });
    view! {
        <PrintNote nav=nav version=notes::data_version(&index.manifest) />
        {choose}
        <div class="ys-controls" id=controls_id data-folded=move || folded().then_some("")>
            <AreaPicker index=Arc::clone(&index) nav=nav id_prefix=id_prefix.clone() />
            <MetricPicker index=Arc::clone(&index) nav=nav current=metric_id area=chosen_area id_prefix=id_prefix.clone() />
            {controls}
        </div>
        <ViewTabs nav=nav />
        <super::group_choice::GroupNotice />
        <div class="ys-body">{body}</div>
        {embed_panel}
    }
}

/// What the views of one page share.
struct Page {
    store: Store,
    nav: Navigation,
    id_prefix: String,
    /// What the comparison shows besides its sentence, chart and source.
    parts: Parts,
    /// Where a compact comparison's "Full comparison" link goes.
    full: Link,
}

/// What the link to the full comparison needs: the widget's own folder (only when it is a
/// vetted web address), its bundle as written and its pinned version.
struct Link {
    assets: Option<WebAddress>,
    bundle: Option<String>,
    pin: Option<ContentHash>,
}

impl Link {
    /// The full comparison of `selection` on the widget's own page, if it has a web address.
    fn to(&self, selection: &Selection) -> Option<String> {
        self.assets.as_ref().map(|assets| {
            full_comparison_url(assets, selection, self.bundle.as_deref(), self.pin.as_ref())
        })
    }
}

/// The files a view of one measure needs, once they are in.
struct Files {
    dataset: SharedDataset,
    values: Arc<MetricValues>,
    groups: Option<Arc<PeerGroups>>,
}

impl Page {
    /// The chosen view of a council that the bundle knows.
    fn view(&self, state: &ViewState, area: &Area, metric: &MetricChoice) -> AnyView {
        let index = self.store.index();
        let index = index.as_ref();
        let Self {
            store,
            nav,
            id_prefix,
            parts,
            full,
        } = self;
        let (store, nav, spec, meta) = (*store, *nav, &state.group, &metric.meta);
        match state.view {
            View::About => view! {
                <AboutView manifest=index.manifest.clone() metric=meta.clone() />
            }
            .into_any(),
            View::Overview => overview(store, index, area, spec, nav, id_prefix),
            View::Peers => match self.files(meta, Part::Series, Needs::all()) {
                Err(waiting) => waiting,
                Ok(files) => view! {
                    <PeerView
                        manifest=index.manifest.clone()
                        dataset=Arc::clone(&files.dataset.0)
                        context=store.context().ready()
                        groups=files.groups
                        area=area.clone()
                        metric=meta.clone()
                        period=metric.period
                        spec=spec.clone()
                        nav=nav
                        id_prefix=id_prefix.clone()
                    />
                }
                .into_any(),
            },
            View::Trend => match self.files(meta, Part::Series, Needs::for_spec(spec)) {
                Err(waiting) => waiting,
                Ok(files) => {
                    let group_name = words::group_name(
                        spec,
                        &area.name,
                        &area.area_type,
                        area.region.as_deref(),
                        &index.manifest,
                        files.groups.as_deref(),
                        Some(meta.subject()),
                    );
                    match trend_model(
                        &index.manifest,
                        &index.areas,
                        &files.dataset.0,
                        &files.values,
                        area,
                        meta,
                        spec,
                        group_name,
                    ) {
                        Ok(model) => view! {
                            <TrendView manifest=index.manifest.clone() model=model />
                        }
                        .into_any(),
                        Err(problem) => problem_view(problem),
                    }
                }
            },
            View::Map => self.map(state, area, metric),
            View::Metric => match self.comparison(index, area, metric, spec) {
                Err(waiting) => waiting,
                Ok(compared) => match compared {
                    Ok(model) => {
                        let full = (!parts.is_all())
                            .then(|| full.to(&nav.get_untracked()))
                            .flatten();
                        view! {
                            <MetricView
                                manifest=index.manifest.clone()
                                model=model
                                parts=*parts
                                full=full
                            />
                        }
                        .into_any()
                    }
                    Err(problem) => problem_view(problem),
                },
            },
        }
    }

    /// The map view: the comparison's model on the map of the measure's tier, whose file is
    /// fetched now, when the map is first shown.
    fn map(&self, state: &ViewState, area: &Area, metric: &MetricChoice) -> AnyView {
        let index = self.store.index();
        let (store, index, meta) = (self.store, index.as_ref(), &metric.meta);
        let Some(map) = map_for(&index.manifest, meta) else {
            return view! {
                <Message
                    title="No map for this measure"
                    detail="This data bundle has no boundaries for the councils this measure \
                            compares. The Compare tab shows the same figures."
                />
            }
            .into_any();
        };
        // The map file is asked for once the comparison's files are in.
        let compared = match self.comparison(index, area, metric, &state.group) {
            Err(waiting) => return waiting,
            Ok(compared) => compared,
        };
        let shapes = match store.map(map) {
            Load::Loading => return loading(),
            Load::Failed(error) => return failed(store, &error),
            Load::Ready(shapes) => shapes,
        };
        match compared {
            Ok(model) => {
                let map_model = map_model(&model, &index.areas, map, &shapes);
                view! {
                    <MapView
                        manifest=index.manifest.clone()
                        model=model
                        map=map_model
                        id_prefix=self.id_prefix.clone()
                    />
                }
                .into_any()
            }
            Err(problem) => problem_view(problem),
        }
    }

    /// The files for one measure (tracked), or what to show until they are in.
    /// The comparison of one measure and period for `area`, as the compare and map views show
    /// it, once its files are in (else the view to show meanwhile). The comparison of the
    /// latest period needs only the latest file.
    fn comparison(
        &self,
        index: &BundleIndex,
        area: &Area,
        metric: &MetricChoice,
        spec: &GroupSpec,
    ) -> Result<Result<MetricModel, MetricProblem>, AnyView> {
        let meta = &metric.meta;
        let part = if metric.period == meta.latest_period {
            Part::Latest
        } else {
            Part::Series
        };
        let files = self.files(meta, part, Needs::for_spec(spec))?;
        Ok(metric_model(
            &index.manifest,
            &index.areas,
            files.groups.as_deref(),
            &files.dataset.0,
            &files.values,
            area,
            meta,
            metric.period,
            spec,
        ))
    }

    fn files(&self, meta: &MetricMeta, part: Part, needs: Needs) -> Result<Files, AnyView> {
        let store = self.store;
        let dataset = match store.dataset_of(std::slice::from_ref(&meta.id), part, needs) {
            Load::Loading => return Err(loading()),
            Load::Failed(error) => return Err(failed(store, &error)),
            Load::Ready(dataset) => dataset,
        };
        let values = store
            .metric_part(&meta.id, part)
            .ready()
            .ok_or_else(loading)?;
        Ok(Files {
            dataset,
            values,
            groups: store.groups_if_loaded(),
        })
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

/// Why a view cannot show a comparison, as a message.
fn problem_view(problem: MetricProblem) -> AnyView {
    match problem {
        MetricProblem::NotCompared { title, detail } => view! {
            <Message title=title detail=detail />
        }
        .into_any(),
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
    // Every measure compared for the council's type needs its metadata first (since 2.0 in
    // the catalogue's parts).
    let measures: Vec<String> = index
        .manifest
        .measures
        .iter()
        .filter(|m| m.area_types.contains(&area.area_type))
        .map(|m| m.id.clone())
        .collect();
    let undescribed = match store.metas(&measures) {
        Load::Ready(()) => 0,
        Load::Loading => measures
            .iter()
            .filter(|id| index.manifest.metric(id).is_none())
            .count(),
        Load::Failed(error) => return failed(store, &error),
    };
    let ids: Vec<String> = applicable(&index.manifest, area)
        .into_iter()
        .map(|m| m.id.clone())
        .collect();
    // Start every download at once.
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
    // The dataset and every line are computed once, when every file is in: computing them
    // again as each of hundreds of files arrived (a county has about 480 measures) took
    // minutes. Until then the page says how far the downloads have got.
    let waiting = undescribed
        + states
            .iter()
            .filter(|(_, s)| matches!(s, Load::Loading))
            .count();
    if waiting > 0 {
        let total = measures.len();
        return view! {
            <p class="ys-loading" role="status">
                {format!("Loading the figures: {} of {total} measures in so far.", total - waiting)}
            </p>
        }
        .into_any();
    }
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
        None,
    );
    let line_state = |id: &str| match states.iter().find(|(i, _)| i == id).map(|(_, s)| s) {
        Some(Load::Ready(())) => LineState::Ready,
        Some(Load::Failed(e)) => LineState::Failed(e.to_string()),
        _ => LineState::Loading,
    };
    let model = overview_model(
        &index.manifest,
        &index.areas,
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
