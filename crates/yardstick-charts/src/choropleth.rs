//! The choropleth map: council outlines as the bundle gives them (SVG path data drawn once by
//! the builder), filled by class, the peer group outlined with dashes and the chosen council
//! with a thick line over a white halo, so that neither depends on colour. No geometry is
//! computed here: the SVG is written as text, which costs the wasm far less than plotters.
//!
//! Each council is a focusable `role="img"` element named by its label; one of them (the
//! chosen council) is in the tab order and the widget moves the focus with the arrow keys
//! (a roving tab stop, as in the WAI-ARIA toolbar and grid patterns).

use std::fmt::Write as _;

use yardstick_present::chart::{MapInput, MapShapeInput, Shade, StripRole};
use yardstick_present::markup::escape;

/// Sequential shades: ColorBrewer's single-hue "Blues" (Brewer, colorbrewer2.org), five
/// classes, lightest first. Single-hue and ordered by lightness, so it reads under every
/// colour-vision deficiency and in greyscale.
const BLUES: [&str; 5] = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];
/// Diverging shades: ColorBrewer's "PuOr", colour-blind safe; orange below zero, purple
/// above, nearest zero first.
const ORANGES: [&str; 3] = ["#fee0b6", "#f1a340", "#b35806"];
const PURPLES: [&str; 3] = ["#d8daeb", "#998ec3", "#542788"];
/// Councils without a figure: light grey under a hatching of darker lines.
const NO_FIGURE: &str = "#f3f2f1";
const HATCH: &str = "#8a8f94";
/// Borders between councils: #505a5f, thin.
const BORDER: &str = "#505a5f";
/// The chosen council's and peers' outlines: near-black, 14.8:1 or more on every shade.
const OUTLINE: &str = "#0b0c0c";

/// The fill of a shade.
pub fn fill(shade: Shade) -> &'static str {
    let pick = |list: &'static [&'static str], n: u8| {
        let index = usize::from(n.saturating_sub(1)).min(list.len() - 1);
        list.get(index).copied().unwrap_or(NO_FIGURE)
    };
    match shade {
        Shade::Sequential(n) => pick(&BLUES, n),
        Shade::Below(n) => pick(&ORANGES, n),
        Shade::Above(n) => pick(&PURPLES, n),
    }
}

/// A legend swatch (decorative: the legend's words say what it means).
pub fn swatch_svg(shade: Option<Shade>) -> String {
    let fill = shade.map_or("url(#ys-map-hatch-key)", fill);
    format!(
        "<svg class=\"ys-map__swatch\" width=\"20\" height=\"14\" viewBox=\"0 0 20 14\" \
         aria-hidden=\"true\" focusable=\"false\">{}<rect x=\"0.5\" y=\"0.5\" width=\"19\" \
         height=\"13\" fill=\"{fill}\" stroke=\"{BORDER}\"/></svg>",
        if shade.is_none() {
            hatch_defs("ys-map-hatch-key", 6)
        } else {
            String::new()
        }
    )
}

/// Diagonal hatching `size` units apart (the map's own units, so that it is as coarse on
/// the map as in the key).
fn hatch_defs(id: &str, size: u32) -> String {
    let line = size.div_ceil(3);
    format!(
        "<defs><pattern id=\"{id}\" width=\"{size}\" height=\"{size}\" \
         patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"{NO_FIGURE}\"/>\
         <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"{size}\" stroke=\"{HATCH}\" \
         stroke-width=\"{line}\"/></pattern></defs>"
    )
}

/// The enlarged view around the chosen council, if the map has one: the same councils,
/// shades and marks over a part of the frame. It repeats what the map says, so it is hidden
/// from assistive technology and takes no focus.
pub fn render_inset_svg(input: &MapInput) -> Option<String> {
    let inset = input.inset.as_ref()?;
    let view = inset.view;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ys-map__svg ys-map__svg--inset\" \
         viewBox=\"{} {} {} {}\" preserveAspectRatio=\"xMidYMid meet\" aria-hidden=\"true\" \
         focusable=\"false\">",
        view.x, view.y, view.width, view.height
    );
    let size = u32::try_from(view.width.max(view.height) / 60)
        .unwrap_or(2)
        .max(2);
    out.push_str(&hatch_defs("ys-map-hatch-inset", size));
    let shapes: Vec<&MapShapeInput> = inset
        .shapes
        .iter()
        .filter_map(|&i| input.shapes.get(i))
        .collect();
    for shape in &shapes {
        let fill = shape.shade.map_or("url(#ys-map-hatch-inset)", fill);
        let _ = write!(
            out,
            "<path d=\"{}\" fill=\"{fill}\" stroke=\"{BORDER}\" stroke-width=\"0.5\" \
             vector-effect=\"non-scaling-stroke\" fill-rule=\"evenodd\"/>",
            escape(&shape.path)
        );
    }
    write_marks(&mut out, shapes.into_iter());
    out.push_str("</svg>");
    Some(out)
}

/// The group's outlines over every fill: dashed for peers, then a thick line over a white
/// halo for the chosen council, drawn last so nothing covers it.
fn write_marks<'a>(out: &mut String, shapes: impl Iterator<Item = &'a MapShapeInput> + Clone) {
    out.push_str("<g class=\"ys-map__marks\" aria-hidden=\"true\" fill=\"none\">");
    for shape in shapes.clone().filter(|s| s.role == StripRole::Peer) {
        let _ = write!(
            out,
            "<path d=\"{}\" stroke=\"{OUTLINE}\" stroke-width=\"1.5\" \
             stroke-dasharray=\"3 2\" vector-effect=\"non-scaling-stroke\"/>",
            escape(&shape.path)
        );
    }
    for shape in shapes.filter(|s| s.role == StripRole::Chosen) {
        let path = escape(&shape.path);
        let _ = write!(
            out,
            "<path d=\"{path}\" stroke=\"#ffffff\" stroke-width=\"5\" \
             vector-effect=\"non-scaling-stroke\"/>\
             <path d=\"{path}\" stroke=\"{OUTLINE}\" stroke-width=\"2.5\" \
             vector-effect=\"non-scaling-stroke\"/>"
        );
    }
    out.push_str("</g>");
}

/// The map as an SVG document scaled to its container (the frame's aspect kept).
pub fn render_svg(input: &MapInput) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ys-map__svg\" \
         viewBox=\"0 0 {} {}\" preserveAspectRatio=\"xMidYMid meet\">",
        input.width, input.height
    );
    // About 6 px apart on a map drawn some 500 px tall.
    out.push_str(&hatch_defs(
        "ys-map-hatch",
        (input.width.max(input.height) / 80).max(2),
    ));
    out.push_str("<g class=\"ys-map__areas\">");
    for shape in &input.shapes {
        let fill = shape.shade.map_or("url(#ys-map-hatch)", fill);
        let tab = if input.tab_stop.as_deref() == Some(shape.code.as_str()) {
            "0"
        } else {
            "-1"
        };
        let _ = write!(
            out,
            "<path class=\"ys-map__area\" d=\"{}\" fill=\"{fill}\" stroke=\"{BORDER}\" \
             stroke-width=\"0.5\" vector-effect=\"non-scaling-stroke\" fill-rule=\"evenodd\" \
             role=\"img\" tabindex=\"{tab}\" data-code=\"{}\" aria-label=\"{}\"/>",
            escape(&shape.path),
            escape(&shape.code),
            escape(&shape.label)
        );
    }
    out.push_str("</g>");
    write_marks(&mut out, input.shapes.iter());
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use yardstick_present::chart::{Inset, Rect};

    fn shape(code: &str, shade: Option<Shade>, role: StripRole) -> MapShapeInput {
        MapShapeInput {
            code: code.to_owned(),
            path: "M0 0l10 0 0 10z".to_owned(),
            shade,
            role,
            label: format!("{code}: \"x\" <y>"),
        }
    }

    fn input() -> MapInput {
        MapInput {
            width: 100,
            height: 200,
            shapes: vec![
                shape("A", Some(Shade::Sequential(5)), StripRole::Chosen),
                shape("B", Some(Shade::Below(3)), StripRole::Peer),
                shape("C", None, StripRole::Other),
            ],
            tab_stop: Some("A".to_owned()),
            inset: None,
        }
    }

    #[test]
    fn the_inset_repeats_its_councils_hidden_and_unfocusable() {
        let mut with_inset = input();
        with_inset.inset = Some(Inset {
            view: Rect {
                x: -5,
                y: 0,
                width: 20,
                height: 20,
            },
            shapes: vec![0, 2],
        });
        assert_eq!(render_inset_svg(&input()), None);
        let svg = render_inset_svg(&with_inset).unwrap_or_default();
        assert!(svg.contains("viewBox=\"-5 0 20 20\""));
        assert!(svg.starts_with("<svg") && svg.contains("aria-hidden=\"true\""));
        assert!(!svg.contains("tabindex") && !svg.contains("aria-label"));
        // Councils 0 (chosen, with its two outline strokes) and 2 (hatched), not 1.
        assert!(svg.contains("url(#ys-map-hatch-inset)"));
        assert!(!svg.contains("#b35806"));
        assert_eq!(svg.matches("stroke-width=\"2.5\"").count(), 1);
    }

    #[test]
    fn one_council_is_in_the_tab_order_and_every_one_is_named() {
        let svg = render_svg(&input());
        assert_eq!(svg.matches("tabindex=\"0\"").count(), 1);
        assert_eq!(svg.matches("tabindex=\"-1\"").count(), 2);
        assert!(svg.contains("tabindex=\"0\" data-code=\"A\""));
        // Labels are escaped.
        assert!(svg.contains("aria-label=\"A: &quot;x&quot; &lt;y&gt;\""));
        assert!(!svg.contains("<y>"));
    }

    #[test]
    fn shades_and_hatching_fill_the_councils() {
        let svg = render_svg(&input());
        assert!(svg.contains("fill=\"#08519c\""));
        assert!(svg.contains("fill=\"#b35806\""));
        assert!(svg.contains("fill=\"url(#ys-map-hatch)\""));
        assert!(svg.contains("<pattern id=\"ys-map-hatch\""));
    }

    #[test]
    fn peers_are_dashed_and_the_chosen_council_drawn_last() {
        let svg = render_svg(&input());
        let marks = svg.split("ys-map__marks").nth(1).unwrap_or_default();
        assert_eq!(marks.matches("stroke-dasharray").count(), 1);
        let dashed = marks.find("stroke-dasharray").unwrap_or(usize::MAX);
        let thick = marks.find("stroke-width=\"2.5\"").unwrap_or(0);
        assert!(
            dashed < thick,
            "the chosen outline is drawn over the peers'"
        );
    }

    #[test]
    fn every_shade_has_a_colour_of_its_own() {
        let shades = (1..=5)
            .map(Shade::Sequential)
            .chain((1..=3).map(Shade::Below))
            .chain((1..=3).map(Shade::Above));
        let fills: std::collections::BTreeSet<&str> = shades.map(fill).collect();
        assert_eq!(fills.len(), 11);
    }
}
