//! The first screen as markup: the same elements and classes the full widget renders for the
//! compare view, so that the page does not move when the widget takes over, and the same words,
//! numbers and chart, because they come from the same models (`yardstick_present`) and the
//! same chart code (`yardstick_charts`).
//!
//! What the widget shows beneath the first chart (the group choice, the statistics, the
//! distribution, the table) is left to it; the source line follows the chart here. The
//! pickers are drawn as they look when folded or, on a wide screen, as read-only boxes: they
//! stand in for the widget's until it arrives, and a press on one is replayed on the widget's
//! (widget.js).

use yardstick_bundle::Manifest;
use yardstick_charts::ranked_bars::{self, RankedBarsInput};
use yardstick_present::markup::escape;
use yardstick_present::model::metric::MetricModel;
use yardstick_present::notes;
use yardstick_view::parts::Controls;
use yardstick_view::selection::{Selection, View};

/// Everything the first screen shows, besides the chart's drawing.
pub struct Screen<'a> {
    pub manifest: &'a Manifest,
    pub model: &'a MetricModel,
    /// The line standing for the folded pickers ("Adur · Recycling rate · 2022-23").
    pub choosing_line: String,
    pub controls: Controls,
    /// A compact comparison (an embed that shows the view only, without parts).
    pub compact: bool,
    /// The selection as the widget starts with it, for the view links.
    pub selection: &'a Selection,
    /// The page's query string, kept in the view links.
    pub query: &'a str,
    /// Keeps the element ids of several widgets on one page apart (`ys0-`).
    pub id_prefix: String,
}

impl Screen<'_> {
    /// The ranked bars' input, as the compare view draws them.
    pub fn bars(&self, width: u32) -> String {
        let mut input: RankedBarsInput = self.model.bars();
        if self.compact {
            // A short chart has no room for the band as well; the full comparison draws it.
            input.quartiles = None;
        }
        input.width = width;
        let fit = if self.compact {
            ranked_bars::Fit::SHORT
        } else {
            ranked_bars::Fit::FULL
        };
        ranked_bars::render_svg(&ranked_bars::layout_within(&input, fit))
    }

    /// The markup, with the chart's canvas empty (it is drawn at the width it is laid out at).
    pub fn markup(&self) -> String {
        let mut html = String::from(r#"<div class="ys-first" data-yardstick-first="">"#);
        if self.controls != Controls::None {
            html.push_str(&self.pickers());
        }
        if self.controls == Controls::Full {
            html.push_str(&self.tabs());
        }
        html.push_str(r#"<p class="ys-group-notice"></p><div class="ys-body">"#);
        html.push_str(&self.view());
        html.push_str("</div></div>");
        html
    }

    fn pickers(&self) -> String {
        let model = self.model;
        let p = &self.id_prefix;
        let latest = if model.period == model.metric.latest_period {
            " (latest)"
        } else {
            ""
        };
        format!(
            r#"<div class="ys-choose"><p class="ys-choose__current">{line}</p><button class="ys-choose__toggle" type="button" aria-expanded="false" data-first-control="toggle">Change</button></div><div class="ys-controls" data-folded=""><div class="ys-field ys-picker"><label class="ys-field__label" for="{p}first-area">Council</label><span class="ys-field__hint">Search by name or GSS code, for example Trafford or E08000009</span><div class="ys-picker__box"><input class="ys-input" id="{p}first-area" type="text" readonly value="{area}" data-first-control="area"></div><p class="ys-picker__status"></p></div><div class="ys-field ys-picker"><label class="ys-field__label" for="{p}first-metric">Measure</label><span class="ys-field__hint">Search by name or theme, for example recycling</span><div class="ys-picker__box"><input class="ys-input" id="{p}first-metric" type="text" readonly value="{metric}" data-first-control="metric"><button class="ys-button ys-button--secondary ys-picker__all" type="button" data-first-control="all-measures">Show all measures</button></div><p class="ys-picker__status"></p></div><div class="ys-field"><label class="ys-field__label" for="{p}first-period">Period</label><select class="ys-select" id="{p}first-period" data-first-control="period"><option selected>{period}{latest}</option></select></div></div>"#,
            line = escape(&self.choosing_line),
            area = escape(&model.area.name),
            metric = escape(&model.metric.title),
            period = escape(&model.period.label()),
        )
    }

    fn tabs(&self) -> String {
        let mut html =
            String::from(r#"<nav class="ys-tabs" aria-label="Views"><ul class="ys-tabs__list">"#);
        for view in View::ALL {
            let mut selection = self.selection.clone();
            selection.view = (view != View::Metric).then(|| view.param().to_owned());
            let query = selection.to_query(self.query);
            let href = if query.is_empty() {
                "?".to_owned()
            } else {
                query
            };
            let current = if view == View::Metric {
                r#" aria-current="page""#
            } else {
                ""
            };
            html.push_str(&format!(
                r#"<li class="ys-tabs__item"><a class="ys-tabs__link" href="{}"{current} data-first-control="tab">{}</a></li>"#,
                escape(&href),
                view.title()
            ));
        }
        html.push_str("</ul></nav>");
        html
    }

    fn view(&self) -> String {
        let model = self.model;
        let compact = self.compact;
        let period = model.period.label();
        let title = if compact {
            &model.metric.short_title
        } else {
            &model.metric.title
        };
        let badge = model.badge();
        let (summary, method) = if compact {
            (model.headline(), model.verdict_method())
        } else {
            (model.summary(), None)
        };
        let mut html = format!(
            r#"<section class="{}"><h2 class="ys-view__title">{}: {}</h2><p class="ys-badge ys-badge--{}"><span class="ys-badge__symbol" aria-hidden="true">{}</span> <span class="ys-badge__words">{}</span>{}</p><p class="ys-summary">{}</p>"#,
            if compact {
                "ys-view ys-view--compact"
            } else {
                "ys-view"
            },
            escape(title),
            escape(&model.area.name),
            badge.modifier,
            badge.symbol,
            badge.words,
            method
                .map(|m| format!(r#"<span class="ys-badge__method"> ({m})</span>"#))
                .unwrap_or_default(),
            escape(&summary),
        );
        if let Some(warning) = &model.group_warning {
            html.push_str(&format!(
                r#"<p class="ys-field__hint">{}</p>"#,
                escape(warning)
            ));
        }
        let caption = if compact {
            format!(
                "{} and {}, highest first",
                model.area.name, model.group_name
            )
        } else {
            format!(
                "{}, {}: {} and {}, highest first",
                model.metric.short_title, period, model.area.name, model.group_name
            )
        };
        html.push_str(&format!(
            r#"<figure class="ys-chart"><figcaption class="ys-chart__caption">{}</figcaption><div class="ys-chart__canvas" role="img" aria-label="{}"></div><ul class="ys-chart__key">"#,
            escape(&caption),
            escape(&model.bars_description()),
        ));
        for (swatch, label) in self.key() {
            html.push_str(&format!(
                r#"<li><span class="ys-key__swatch {swatch}"></span>{}</li>"#,
                escape(&label)
            ));
        }
        html.push_str("</ul>");
        if !compact {
            html.push_str(r#"<div class="ys-chart__actions"><button class="ys-button ys-button--secondary" type="button" data-first-control="download-svg">Download chart (SVG)</button><button class="ys-button ys-button--secondary" type="button" data-first-control="download-png">Download chart (PNG)</button></div>"#);
        }
        html.push_str("</figure>");
        html.push_str(&self.source());
        html.push_str("</section>");
        html
    }

    /// The chart's key, entry by entry, as the compare view gives it.
    fn key(&self) -> Vec<(&'static str, String)> {
        let model = self.model;
        let mut key = vec![(
            "ys-key__swatch--chosen",
            format!("{} (outlined and pointed at)", model.area.name),
        )];
        if let Some(median) = model.median_text() {
            key.push((
                "ys-key__swatch--median",
                format!("Median of the group: {median} (dashed line)"),
            ));
        }
        let bars = model.bars();
        if !self.compact && bars.quartiles.is_some() {
            key.push((
                "ys-key__swatch--band",
                "Middle half of the group, lower to upper quartile (shaded band)".to_owned(),
            ));
        }
        if bars.bars.iter().any(|b| b.interval.is_some()) {
            key.push((
                "ys-key__swatch--whisker",
                "95% confidence interval (thin line across each bar end)".to_owned(),
            ));
        }
        key
    }

    /// The source, period, licence, attribution and caveats, as the source note gives them.
    fn source(&self) -> String {
        let metric = &self.model.metric;
        let source = &metric.source;
        let compact = self.compact;
        let mut html = format!(
            r#"<div class="ys-source"><p class="ys-source__line">Period: {}. Source: {}, <a href="{}" rel="noopener noreferrer">{}</a>."#,
            escape(&self.model.period.label()),
            escape(&source.organisation),
            escape(source.url.as_str()),
            escape(&source.title),
        );
        if !compact {
            html.push_str(&format!(" {}.", escape(&notes::source_date(source))));
            if let Some(date) = source.next_update {
                html.push_str(&format!(
                    " Next update expected {}.",
                    escape(&date.long_label())
                ));
            }
        }
        html.push_str(r#"</p><p class="ys-source__line">Licence: "#);
        match self.manifest.licence(&source.licence) {
            Some(licence) => html.push_str(&format!(
                r#"<a href="{}" rel="license noopener noreferrer">{}</a>"#,
                escape(licence.url.as_str()),
                escape(&licence.title)
            )),
            None => html.push_str(&escape(&source.licence)),
        }
        html.push_str(&format!(
            ". {}</p>",
            escape(&self.manifest.attribution.join(" "))
        ));
        if !metric.caveats.is_empty() {
            html.push_str(&format!(
                r#"<details class="ys-source__caveats"{}><summary>Caveats</summary><ul>"#,
                if compact { "" } else { " open" }
            ));
            for caveat in &metric.caveats {
                html.push_str(&format!("<li>{}</li>", escape(caveat)));
            }
            html.push_str("</ul></details>");
        }
        html.push_str("</div>");
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yardstick_bundle::{DatasetBuilder, parse_areas, parse_manifest, parse_metric_values};
    use yardstick_present::model::metric::metric_model;
    use yardstick_stats::GroupSpec;

    const MANIFEST: &str = include_str!("../../../tests/fixtures/mini-bundle/manifest.json");
    const AREAS: &str = include_str!("../../../tests/fixtures/mini-bundle/areas.json");
    const VALUES: &str = include_str!("../../../tests/fixtures/mini-bundle/metrics/recycling.json");

    /// The first screen of Trafford's recycling in 2022-23 among the fixture's metropolitan
    /// districts, with `controls`, compact or not.
    fn check(controls: Controls, compact: bool, query: &str, test: impl Fn(&Screen<'_>)) {
        let manifest = parse_manifest(MANIFEST.as_bytes()).unwrap();
        let areas = parse_areas(AREAS.as_bytes()).unwrap();
        let values = parse_metric_values(VALUES.as_bytes()).unwrap();
        let mut builder = DatasetBuilder::new(&areas, None, None);
        builder.add_metric(&manifest, &values).unwrap();
        let dataset = builder.build().unwrap();
        let area = areas
            .resolve(&yardstick_bundle::AreaCode::new("E08000009"))
            .unwrap()
            .clone();
        let meta = manifest.metric("recycling").unwrap().clone();
        let model = metric_model(
            &manifest,
            &areas,
            None,
            &dataset,
            &values,
            &area,
            &meta,
            meta.latest_period,
            &GroupSpec::SameType,
        )
        .unwrap();
        let selection = Selection::from_query(query);
        let screen = Screen {
            manifest: &manifest,
            model: &model,
            choosing_line: "Trafford · Recycling rate · 2022-23".to_owned(),
            controls,
            compact,
            selection: &selection,
            query,
            id_prefix: "ys0-".to_owned(),
        };
        test(&screen);
    }

    #[test]
    fn the_full_first_screen_has_the_folded_pickers_the_view_links_and_the_source() {
        check(Controls::Full, false, "?area=E08000009&cms=7", |screen| {
            let html = screen.markup();
            assert!(html.starts_with(r#"<div class="ys-first" data-yardstick-first="">"#));
            assert!(html.contains(
                r#"<p class="ys-choose__current">Trafford · Recycling rate · 2022-23</p>"#
            ));
            // Six view links (the map's too) keeping the page's own parameter; the comparison
            // is current.
            assert_eq!(html.matches(r#"class="ys-tabs__link""#).count(), 6);
            assert!(html.contains(r#"href="?cms=7&amp;area=E08000009&amp;view=map""#));
            assert!(html.contains(
                r#"href="?cms=7&amp;area=E08000009" aria-current="page" data-first-control="tab">Compare</a>"#
            ));
            assert!(html.contains(r#"href="?cms=7&amp;area=E08000009&amp;view=trend""#));
            assert!(
                html.contains(
                    r#"<h2 class="ys-view__title">Household waste recycled: Trafford</h2>"#
                )
            );
            // The fixture's four figures for 2022-23 are 30, 40, 40 and 50 (Wigan's is
            // suppressed): their median is 40.
            assert!(
                html.contains("Median of the group: 40.0% (dashed line)"),
                "{html}"
            );
            assert!(html.contains("Download chart (SVG)"));
            assert!(html.contains(
                r#"<p class="ys-source__line">Period: 2022-23. Source: DEFRA, <a href="https://example.org/waste" rel="noopener noreferrer">Waste statistics</a>."#
            ));
            assert!(html.contains(
                r#"Licence: <a href="https://example.org/ogl" rel="license noopener noreferrer">Open Government Licence v3.0</a>. Test data.</p>"#
            ));
            assert!(html.ends_with("</section></div></div>"));
        });
    }

    #[test]
    fn a_compact_screen_has_no_controls_band_or_downloads() {
        check(Controls::None, true, "", |screen| {
            let html = screen.markup();
            for absent in [
                "ys-choose",
                "ys-tabs",
                "ys-controls",
                "Download chart",
                "shaded band",
            ] {
                assert!(!html.contains(absent), "{absent} in {html}");
            }
            assert!(html.contains(r#"<section class="ys-view ys-view--compact">"#));
            assert!(html.contains(r#"<h2 class="ys-view__title">Recycling rate: Trafford</h2>"#));
        });
    }

    #[test]
    fn the_chart_is_drawn_at_the_width_asked_for() {
        check(Controls::Full, false, "", |screen| {
            let svg = screen.bars(320);
            assert!(svg.starts_with("<svg"), "{svg}");
            assert!(svg.contains(r#"width="320""#), "{svg}");
            assert!(svg.contains("Trafford"));
        });
    }
}
