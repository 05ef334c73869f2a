//! "Embed this": the two snippets that put the view on screen into a council's own page, an
//! iframe (for CMSs that strip scripts) and a script embed, with the data version optionally
//! pinned and the source line and caveats that travel with every embed.

use std::sync::Arc;

use leptos::prelude::*;
use yardstick_bundle::WebAddress;
use yardstick_present::notes;

use crate::components::copy_link::copy_to_clipboard;
use crate::embed::{self, ContentHash, Controls, Provenance, SnippetInput};
use crate::selection::View;
use crate::state::{BundleIndex, Navigation, WidgetConfig};
use crate::view_state::{AreaChoice, MetricChoice, ViewState};

/// A disclosure under the views with both embed snippets for the current view. Shown only
/// when the widget shows all its controls (not inside embeds that hide them) and its own files
/// are at a web address (a snippet must not point anywhere else).
#[component]
pub fn EmbedPanel(
    /// The manifest (version, sources, caveats) and areas (names).
    index: Arc<BundleIndex>,
    /// The widget's configuration: where its files are, its bundle, theme and version.
    config: WidgetConfig,
    /// The reader's selection: the snippets reproduce it.
    nav: Navigation,
    /// The selection as resolved against the bundle: the snippets' titles and sources.
    state: Memo<ViewState>,
) -> impl IntoView {
    let assets = WebAddress::parse(&config.assets)
        .ok()
        .filter(|_| config.controls == Controls::Full);
    assets.map(|assets| panel(index, config, nav, state, assets))
}

fn panel(
    index: Arc<BundleIndex>,
    config: WidgetConfig,
    nav: Navigation,
    state: Memo<ViewState>,
    assets: WebAddress,
) -> impl IntoView {
    let p = config.id_prefix.clone();
    let controls = RwSignal::new(Controls::None);
    let version = ContentHash::parse(&index.manifest.content_hash);
    let pinned = RwSignal::new(config.pin.is_some());
    let input = {
        let version = version.clone();
        Memo::new(move |_| {
            let selection = nav.get();
            let pin = pinned.get().then(|| version.clone()).flatten();
            state.with(|state| {
                snippet_input(
                    &index,
                    &config,
                    &assets,
                    selection,
                    state,
                    controls.get(),
                    pin,
                )
            })
        })
    };
    let iframe = move || input.with(SnippetInput::iframe_snippet);
    let script = move || input.with(SnippetInput::script_snippet);
    let source = move || input.with(|i| i.provenance.source_line());
    let caveats = move || input.with(|i| i.provenance.caveats.clone());

    // Built afresh each time the panel opens (views are not cloned).
    let choices_prefix = p.clone();
    let choices = move || {
        let p = &choices_prefix;
        Controls::ALL
            .into_iter()
            .map(|choice| {
                let id = format!("{p}embed-controls-{}", choice.param());
                view! {
                    <div class="ys-radio">
                        <input
                            type="radio"
                            class="ys-radio__input"
                            id=id.clone()
                            name=format!("{p}embed-controls")
                            value=choice.param()
                            prop:checked=move || controls.get() == choice
                            on:change=move |_| controls.set(choice)
                        />
                        <label class="ys-radio__label" for=id>{choice.description()}</label>
                    </div>
                }
            })
            .collect_view()
    };
    let pin_id = format!("{p}embed-pin");
    let pin_hint_id = format!("{p}embed-pin-hint");
    let pin_choice = move || {
        let (pin_id, pin_hint_id) = (pin_id.clone(), pin_hint_id.clone());
        version.clone().map(|version| view! {
            <div class="ys-embed__pin">
                <input
                    type="checkbox"
                    class="ys-embed__checkbox"
                    id=pin_id.clone()
                    aria-describedby=pin_hint_id.clone()
                    prop:checked=move || pinned.get()
                    on:change=move |ev| pinned.set(event_target_checked(&ev))
                />
                <label class="ys-embed__pin-label" for=pin_id>
                    "Pin this version of the data (" <code>{version.short().to_owned()}</code> ")"
                </label>
                <p class="ys-field__hint" id=pin_hint_id>
                    "A pinned embed keeps showing these figures after the data is updated, for as \
                     long as the site keeps this version. Unpinned, it always shows the latest \
                     published figures."
                </p>
            </div>
        })
    };
    let iframe_id = format!("{p}embed-iframe");
    let script_id = format!("{p}embed-script");
    // The body exists only while the panel is open: nothing hidden sits in the tab order or
    // is kept up to date for nobody.
    let open = RwSignal::new(false);
    let toggle = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        open.update(|open| *open = !*open);
    };
    let body = move || {
        open.get().then(|| {
            let (p, iframe_id, script_id) = (p.clone(), iframe_id.clone(), script_id.clone());
            view! {
                <div class="ys-embed__body">
                    <p>
                        "Copy one of these into your page. Each shows what is on screen now, with \
                         its source and caveats written under it, so they travel with the figures."
                    </p>
                    <fieldset class="ys-fieldset">
                        <legend class="ys-field__label">"What the embed shows"</legend>
                        {choices()}
                    </fieldset>
                    {pin_choice()}
                    <Snippet
                        id=iframe_id
                        title="Iframe (works where your site removes scripts)"
                        hint="Add embed.js (the last line) and the frame fits its content; without it, the frame keeps its height (640 pixels for the view only, 800 otherwise) and scrolls. The view only is compact: one chart and a link to the full comparison. To add the table, the statistics or the distribution, add &parts=table,statistics,distribution to its address (data-parts in the script embed)."
                        code=Signal::derive(iframe)
                        id_prefix=format!("{p}embed-iframe")
                    />
                    <Snippet
                        id=script_id
                        title="Script (the widget becomes part of your page)"
                        hint="Your page's styles cannot change the widget, and its styles cannot change your page. The lines inside the element are what readers without JavaScript see."
                        code=Signal::derive(script)
                        id_prefix=format!("{p}embed-script")
                    />
                    <h3 class="ys-embed__heading">"Source and caveats, included in both"</h3>
                    <p class="ys-embed__source">{source}</p>
                    <ul class="ys-embed__caveats">
                        {move || caveats().into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    };
    view! {
        <details class="ys-embed" prop:open=move || open.get()>
            <summary class="ys-embed__summary" on:click=toggle>"Embed this on your website"</summary>
            {body}
        </details>
    }
}

/// One snippet: a read-only text box and a button that copies it.
#[component]
fn Snippet(
    /// The text box's id.
    #[prop(into)]
    id: String,
    /// The snippet's heading.
    title: &'static str,
    /// What the reader should know before using it.
    hint: &'static str,
    /// The code to copy.
    code: Signal<String>,
    /// Prefix for the hint's id.
    #[prop(into)]
    id_prefix: String,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let hint_id = format!("{id_prefix}-hint");
    let copy = move |_| {
        copy_to_clipboard(
            code.get_untracked(),
            status,
            "Copied.",
            "Select the text and copy it.".to_owned(),
        );
    };
    view! {
        <div class="ys-embed__snippet">
            <label class="ys-field__label" for=id.clone()>{title}</label>
            <p class="ys-field__hint" id=hint_id.clone()>{hint}</p>
            <textarea
                class="ys-embed__code"
                id=id
                readonly
                rows="8"
                spellcheck="false"
                aria-describedby=hint_id
                prop:value=move || code.get()
            ></textarea>
            <div class="ys-share">
                <button type="button" class="ys-button ys-button--secondary" on:click=copy>
                    "Copy"
                </button>
                <span class="ys-share__status" role="status">{move || status.get()}</span>
            </div>
        </div>
    }
}

/// What the snippets need, from the bundle and the selection.
fn snippet_input(
    index: &BundleIndex,
    config: &WidgetConfig,
    assets: &WebAddress,
    selection: crate::selection::Selection,
    state: &ViewState,
    controls: Controls,
    pin: Option<ContentHash>,
) -> SnippetInput {
    let view = state.view;
    let metric = state.metric.as_ref();
    let area = match &state.area {
        AreaChoice::Known(area) => Some(area.name.as_str()),
        AreaChoice::NotChosen | AreaChoice::Unknown(_) => None,
    };
    let metric_title = metric.map(|m| m.meta.title.clone()).unwrap_or_default();
    let title = embed::embed_title(view, &metric_title, area);
    let provenance = match (view, metric) {
        (View::Overview, _) | (_, None) => Provenance {
            organisation: index.manifest.title.clone(),
            source_title: "sources named for each measure".to_owned(),
            source_url: Some(assets.clone()),
            attribution: index.manifest.attribution.clone(),
            licence_title: licence_titles(index),
            ..Provenance::default()
        },
        (
            _,
            Some(MetricChoice {
                meta: metric,
                period,
            }),
        ) => {
            let licence = index.manifest.licence(&metric.source.licence);
            let period = (view == View::Metric).then(|| period.label());
            Provenance {
                organisation: metric.source.organisation.clone(),
                source_title: metric.source.title.clone(),
                source_url: Some(metric.source.url.clone()),
                period,
                dated: Some(notes::source_date(&metric.source)),
                licence_title: licence
                    .map(|l| l.title.clone())
                    .unwrap_or_else(|| metric.source.licence.clone()),
                licence_url: licence.map(|l| l.url.clone()),
                attribution: index.manifest.attribution.clone(),
                caveats: metric.caveats.clone(),
            }
        }
    };
    SnippetInput {
        assets: assets.clone(),
        bundle: config.bundle_param.clone(),
        selection,
        controls,
        pin,
        theme: config.theme,
        title,
        provenance,
    }
}

/// Every licence the bundle uses, for a view that shows many measures.
fn licence_titles(index: &BundleIndex) -> String {
    index
        .manifest
        .licences
        .iter()
        .map(|l| l.title.clone())
        .collect::<Vec<_>>()
        .join("; ")
}
