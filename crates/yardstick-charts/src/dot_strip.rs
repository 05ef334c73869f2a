//! The distribution strip: every council with the service in one period, one dot each along a
//! value axis, stacked so that no two dots hide each other (a beeswarm). Peers are filled
//! dots, everyone else small hollow grey rings, and the chosen council a large ringed dot
//! with its name and value written above it; the group median is a dashed line and the
//! interquartile range a light band with drawn edges. Size, fill and the label tell the roles
//! apart, not colour alone.
//!
//! [`layout`] is plain geometry, tested natively; [`render_svg`] only draws that geometry with
//! plotters' SVG backend.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;
use yardstick_stats::sort_with;

use super::draw::{self, Area, DrawResult};
use super::marker::{Marker, Shape};
use super::scale::{LinearScale, axis_ticks, decimals_for};
use super::{text, theme};
pub use yardstick_present::chart::{DotStripInput, StripMember, StripRole};

/// One council's dot.
#[derive(Debug, Clone, PartialEq)]
pub struct Dot {
    pub x: f64,
    pub y: f64,
    pub role: StripRole,
    pub marker: Marker,
    pub name: String,
}

/// Where the chosen council's label goes: text anchored at `(x, y)` on the given side, and a
/// leader line from the label down to the dot.
#[derive(Debug, Clone, PartialEq)]
pub struct ChosenLabel {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
    pub leader: [(f64, f64); 2],
}

/// Which end of a text its anchor point is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The text starts at the anchor and runs right.
    Start,
    /// The text ends at the anchor.
    End,
}

/// The whole chart's geometry, in CSS pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct DotStripLayout {
    pub width: u32,
    pub height: u32,
    pub plot_left: f64,
    pub plot_right: f64,
    /// The swarm's area: dots, the band and the median line lie between these.
    pub plot_top: f64,
    pub plot_bottom: f64,
    /// The line the swarm is stacked around.
    pub centre_y: f64,
    pub font: f64,
    /// Tick positions and their text, along the bottom axis.
    pub ticks: Vec<(f64, String)>,
    /// Drawing order: others, then peers, then the chosen council, each by value and name.
    pub dots: Vec<Dot>,
    pub median_x: Option<f64>,
    /// The interquartile band's left and right edges.
    pub band: Option<(f64, f64)>,
    pub chosen_label: Option<ChosenLabel>,
}

/// The marker for each role: a small hollow ring, a filled dot, a large ringed dot.
pub fn role_marker(role: StripRole) -> Marker {
    match role {
        StripRole::Other => Marker::new(Shape::Circle, false, 3.0),
        StripRole::Peer => Marker::new(Shape::Circle, true, 4.5),
        StripRole::Chosen => Marker::new(Shape::Circle, true, 5.5).ringed(),
    }
}

/// Dots are stacked in steps of this many pixels: a peer's diameter and a pixel.
const LANE_STEP: f64 = 10.0;
/// Dots this far apart (beyond their radii) do not touch.
const DOT_GAP: f64 = 1.0;
/// The swarm grows to at most this far either side of its centre line; a denser column is
/// squeezed, and its dots may then overlap.
const MAX_HALF_HEIGHT: f64 = 120.0;
const LABEL_ROW: f64 = 24.0;
const TOP_PAD: f64 = 6.0;
const AXIS_HEIGHT: f64 = 30.0;

/// Works out where everything goes.
pub fn layout(input: &DotStripInput) -> DotStripLayout {
    let width = input.width.max(super::MIN_WIDTH);
    let width_px = f64::from(width);
    let font = super::text::label_font(width);

    let mut members: Vec<&StripMember> = input
        .members
        .iter()
        .filter(|m| m.value.is_finite())
        .collect();
    // Value, then name, then role: the same councils in any order give the same picture.
    sort_with(&mut members, |a, b| {
        a.value
            .total_cmp(&b.value)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.role.cmp(&b.role))
    });
    let median = input.median.filter(|m| m.is_finite());
    let quartiles = input
        .quartiles
        .filter(|(a, b)| a.is_finite() && b.is_finite())
        .map(|(a, b)| (a.min(b), a.max(b)));

    let values = members
        .iter()
        .map(|m| m.value)
        .chain(median)
        .chain(quartiles.into_iter().flat_map(|(a, b)| [a, b]));
    let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (low, high) = if low <= high { (low, high) } else { (0.0, 1.0) };
    // A strip is read by position, not length, so zero is not forced onto the axis.
    let ticks = axis_ticks(low, high, if width < 420 { 3 } else { 6 });
    let decimals = input.tick_decimals.max(decimals_for(&ticks));
    let tick_texts: Vec<(f64, String)> = ticks
        .iter()
        .map(|&t| (t, format!("{t:.decimals$}")))
        .collect();
    let domain = match (ticks.first(), ticks.last()) {
        (Some(&first), Some(&last)) => (first, last),
        _ => (low, high),
    };
    let half_label =
        |tick: Option<&(f64, String)>| tick.map_or(0.0, |(_, t)| text::width(t, font) / 2.0) + 4.0;
    let plot_left = half_label(tick_texts.first()).max(14.0);
    let plot_right = (width_px - half_label(tick_texts.last()).max(14.0)).max(plot_left + 40.0);
    let x = LinearScale::new(domain, (plot_left, plot_right));

    let placed = swarm(&members, |v| x.map(v));
    let deepest = placed
        .iter()
        .map(|p| p.lane.unsigned_abs())
        .max()
        .unwrap_or(0);
    let step = if deepest == 0 {
        LANE_STEP
    } else {
        LANE_STEP.min(MAX_HALF_HEIGHT / f64::from(deepest))
    };
    let reach = members
        .iter()
        .map(|m| role_marker(m.role).extent())
        .fold(0.0, f64::max);
    let half_height = step * f64::from(deepest) + reach;

    let chosen = placed.iter().find(|p| p.member.role == StripRole::Chosen);
    let label_text = chosen.map(|p| {
        input
            .chosen_label
            .clone()
            .unwrap_or_else(|| p.member.name.clone())
    });
    let plot_top = if label_text.is_some() {
        LABEL_ROW
    } else {
        TOP_PAD
    };
    let centre_y = plot_top + TOP_PAD + half_height;
    let plot_bottom = centre_y + half_height + TOP_PAD;
    let height = (plot_bottom + AXIS_HEIGHT).ceil();

    let mut dots: Vec<Dot> = placed
        .iter()
        .map(|p| Dot {
            x: p.x,
            y: centre_y - f64::from(p.lane) * step,
            role: p.member.role,
            marker: role_marker(p.member.role),
            name: p.member.name.clone(),
        })
        .collect();
    // Others under peers under the chosen one; each by value, then name (stable sort).
    sort_with(&mut dots, |a, b| {
        b.role
            .cmp(&a.role)
            .then_with(|| a.x.total_cmp(&b.x))
            .then_with(|| a.name.cmp(&b.name))
    });

    let chosen_label = chosen.zip(label_text).map(|(p, label)| {
        let dot_y = centre_y - f64::from(p.lane) * step;
        let max_chars = text::chars_in(width_px - 8.0, font).max(1);
        let label = text::truncate(&label, max_chars);
        let room = text::width(&label, font);
        // Text runs away from the nearer edge, starting a little past the dot.
        // (max then min, not clamp, which would panic if the text were wider than the chart.)
        let (anchor, x) = if p.x <= (plot_left + plot_right) / 2.0 {
            (
                Anchor::Start,
                (p.x - 6.0).min(width_px - 4.0 - room).max(4.0),
            )
        } else {
            (Anchor::End, (p.x + 6.0).max(room + 4.0).min(width_px - 4.0))
        };
        let y = LABEL_ROW / 2.0;
        ChosenLabel {
            text: label,
            x,
            y,
            anchor,
            leader: [
                (p.x, y + 8.0),
                (p.x, dot_y - role_marker(StripRole::Chosen).extent()),
            ],
        }
    });

    DotStripLayout {
        width,
        height: height as u32,
        plot_left,
        plot_right,
        plot_top,
        plot_bottom,
        centre_y,
        font,
        ticks: tick_texts
            .into_iter()
            .map(|(t, label)| (x.map(t), label))
            .collect(),
        dots,
        median_x: median.map(|m| x.map(m)),
        band: quartiles.map(|(q1, q3)| (x.map(q1), x.map(q3))),
        chosen_label,
    }
}

/// A member placed in the swarm: its x and how many lane steps above (positive) or below
/// (negative) the centre line.
struct Placed<'a> {
    member: &'a StripMember,
    x: f64,
    lane: i32,
}

/// A simple deterministic beeswarm. The chosen council goes first, on the centre line; then
/// each member in value order (then name) takes the first lane of 0, +1, −1, +2, −2, … in
/// which it touches no dot already placed. A dot blocks at most three lanes, so a free lane
/// is found within three times the number of dots nearby.
fn swarm<'a>(members: &[&'a StripMember], x_of: impl Fn(f64) -> f64) -> Vec<Placed<'a>> {
    let radius = |m: &StripMember| role_marker(m.role).extent();
    let chosen = members.iter().position(|m| m.role == StripRole::Chosen);
    let order = chosen
        .into_iter()
        .chain((0..members.len()).filter(|&i| Some(i) != chosen));
    let mut placed: Vec<Placed<'a>> = Vec::with_capacity(members.len());
    for member in order.filter_map(|i| members.get(i).copied()) {
        let x = x_of(member.value);
        let r = radius(member);
        // Each placed dot near enough to touch, as (its y, how far apart in y centres must be).
        let near: Vec<(f64, f64)> = placed
            .iter()
            .filter_map(|p| {
                let need = r + radius(p.member) + DOT_GAP;
                let dx = x - p.x;
                (dx.abs() < need).then(|| {
                    (
                        f64::from(p.lane) * LANE_STEP,
                        (need * need - dx * dx).sqrt(),
                    )
                })
            })
            .collect();
        let tries = near
            .len()
            .saturating_mul(6)
            .saturating_add(1)
            .min(1_000_000);
        let lane = (0..tries)
            .map(lane_at)
            .find(|&lane| {
                let y = f64::from(lane) * LANE_STEP;
                near.iter()
                    .all(|&(other, clearance)| (y - other).abs() >= clearance - 1e-9)
            })
            .unwrap_or(0);
        placed.push(Placed { member, x, lane });
    }
    // Back into value order, so that equal input gives equal output whatever came first.
    sort_with(&mut placed, |a, b| {
        a.x.total_cmp(&b.x)
            .then_with(|| a.member.name.cmp(&b.member.name))
            .then_with(|| a.member.role.cmp(&b.member.role))
            .then_with(|| a.lane.cmp(&b.lane))
    });
    placed
}

/// The i-th lane tried: 0, +1, −1, +2, −2, …
fn lane_at(i: usize) -> i32 {
    let step = i32::try_from(i.div_ceil(2)).unwrap_or(i32::MAX);
    if i % 2 == 1 { step } else { -step }
}

/// Draws the layout as an SVG document (plotters escapes every text it writes).
pub fn render_svg(layout: &DotStripLayout) -> String {
    draw::document((layout.width, layout.height), layout, draw)
}

fn draw<'a>(area: &Area<'a>, layout: &DotStripLayout) -> DrawResult<'a> {
    let tick_style = draw::text_style(layout.font, theme::TEXT_MUTED, HPos::Center, false);
    for (x, label) in &layout.ticks {
        draw::line(
            area,
            &[(*x, layout.plot_top), (*x, layout.plot_bottom)],
            theme::GRID.stroke_width(1),
        )?;
        draw::label(
            area,
            label,
            (*x, layout.plot_bottom + 15.0),
            tick_style.clone(),
        )?;
    }
    draw::line(
        area,
        &[
            (layout.plot_left, layout.plot_bottom),
            (layout.plot_right, layout.plot_bottom),
        ],
        theme::TEXT_MUTED.stroke_width(1),
    )?;

    if let Some((left, right)) = layout.band {
        area.draw(&Rectangle::new(
            [
                draw::at((left, layout.plot_top)),
                draw::at((right, layout.plot_bottom)),
            ],
            theme::BAND_FILL.filled(),
        ))?;
        for x in [left, right] {
            draw::line(
                area,
                &[(x, layout.plot_top), (x, layout.plot_bottom)],
                theme::BAND_EDGE.stroke_width(1),
            )?;
        }
    }
    if let Some(x) = layout.median_x {
        draw::dashed(
            area,
            &[(x, layout.plot_top), (x, layout.plot_bottom)],
            (6.0, 4.0),
            theme::MEDIAN.stroke_width(2),
        )?;
    }
    if let Some(label) = &layout.chosen_label {
        draw::line(area, &label.leader, theme::TEXT.stroke_width(1))?;
    }
    for dot in &layout.dots {
        let (colour, outline) = match dot.role {
            StripRole::Other => (theme::OTHER, None),
            StripRole::Peer => (theme::BAR, None),
            StripRole::Chosen => (theme::HIGHLIGHT, Some(theme::TEXT)),
        };
        draw::marker(area, &dot.marker, (dot.x, dot.y), colour, outline)?;
    }
    if let Some(label) = &layout.chosen_label {
        draw::label(
            area,
            &label.text,
            (label.x, label.y),
            draw::text_style(
                layout.font,
                theme::TEXT,
                match label.anchor {
                    Anchor::Start => HPos::Left,
                    Anchor::End => HPos::Right,
                },
                true,
            ),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str, value: f64, role: StripRole) -> StripMember {
        StripMember {
            name: name.to_owned(),
            value,
            role,
        }
    }

    /// `count` councils spread over 20–80, every third a peer, number `chosen` chosen.
    fn input(count: usize, chosen: usize, width: u32) -> DotStripInput {
        DotStripInput {
            members: (0..count)
                .map(|i| {
                    let value = 20.0 + (i * 37 % 61) as f64;
                    let role = if i == chosen {
                        StripRole::Chosen
                    } else if i % 3 == 0 {
                        StripRole::Peer
                    } else {
                        StripRole::Other
                    };
                    member(&format!("Council {i:03}"), value, role)
                })
                .collect(),
            median: Some(50.0),
            quartiles: Some((40.0, 60.0)),
            chosen_label: Some("Chosen 56.8%".to_owned()),
            tick_decimals: 0,
            width,
        }
    }

    fn assert_no_overlap(l: &DotStripLayout) {
        for (i, a) in l.dots.iter().enumerate() {
            for b in l.dots.iter().skip(i + 1) {
                let distance = (a.x - b.x).hypot(a.y - b.y);
                let need = a.marker.extent() + b.marker.extent();
                assert!(
                    distance >= need - 1e-9,
                    "{} and {} overlap: {distance} < {need}",
                    a.name,
                    b.name
                );
            }
        }
    }

    fn assert_inside(l: &DotStripLayout) {
        for dot in &l.dots {
            let e = dot.marker.extent();
            assert!(
                l.plot_left - e >= 0.0 && dot.x + e <= f64::from(l.width),
                "{} x {}",
                dot.name,
                dot.x
            );
            assert!(
                l.plot_left - 1e-9 <= dot.x && dot.x <= l.plot_right + 1e-9,
                "{}",
                dot.name
            );
            assert!(
                l.plot_top <= dot.y - e && dot.y + e <= l.plot_bottom,
                "{} y {} in {}..{}",
                dot.name,
                dot.y,
                l.plot_top,
                l.plot_bottom
            );
        }
        for (x, label) in &l.ticks {
            let half = text::width(label, l.font) / 2.0;
            assert!(
                x - half >= 0.0 && x + half <= f64::from(l.width),
                "tick {label}"
            );
        }
        if let Some(label) = &l.chosen_label {
            let w = text::width(&label.text, l.font);
            let (start, end) = match label.anchor {
                Anchor::End => (label.x - w, label.x),
                Anchor::Start => (label.x, label.x + w),
            };
            assert!(start >= 0.0 && end <= f64::from(l.width), "{label:?}");
            assert!(label.y < l.plot_top);
        }
        assert!(l.plot_bottom < f64::from(l.height));
    }

    #[test]
    fn positions_are_proportional_to_values() {
        let mut i = input(0, 0, 640);
        i.members = vec![
            member("A", 10.0, StripRole::Other),
            member("B", 20.0, StripRole::Other),
            member("C", 40.0, StripRole::Other),
        ];
        let l = layout(&i);
        let xs: Vec<f64> = l.dots.iter().map(|d| d.x).collect();
        let ratio = (xs[2] - xs[0]) / (xs[1] - xs[0]);
        assert!((ratio - 3.0).abs() < 1e-9, "ratio {ratio}");
        let tick = |t: &str| l.ticks.iter().find(|(_, s)| s == t).map(|p| p.0);
        assert_eq!(tick("50"), l.median_x);
        assert_eq!(tick("40").zip(tick("60")), l.band);
    }

    #[test]
    fn crowded_dots_are_stacked_without_overlap() {
        for width in [280, 640, 1280] {
            let l = layout(&input(150, 7, width));
            assert_eq!(l.dots.len(), 150);
            assert!(l.dots.iter().any(|d| d.y != l.centre_y), "some are stacked");
            assert_no_overlap(&l);
            assert_inside(&l);
        }
    }

    #[test]
    fn the_order_of_the_input_does_not_matter() {
        let forward = input(120, 5, 640);
        let mut backward = forward.clone();
        backward.members.reverse();
        let mut rotated = forward.clone();
        rotated.members.rotate_left(37);
        let reference = layout(&forward);
        assert_eq!(layout(&backward), reference);
        assert_eq!(layout(&rotated), reference);
    }

    #[test]
    fn roles_are_told_apart_by_fill_size_and_ring() {
        let l = layout(&input(10, 4, 640));
        let of = |role| l.dots.iter().find(|d| d.role == role).map(|d| d.marker);
        let (other, peer, chosen) = (
            of(StripRole::Other).unwrap(),
            of(StripRole::Peer).unwrap(),
            of(StripRole::Chosen).unwrap(),
        );
        assert!(!other.filled && peer.filled && chosen.filled && chosen.ringed);
        assert!(other.radius < peer.radius && peer.radius < chosen.radius);
        // Drawn last, so nothing covers it.
        assert_eq!(l.dots.last().map(|d| d.role), Some(StripRole::Chosen));
    }

    #[test]
    fn the_chosen_council_sits_on_the_centre_line_with_its_label_above() {
        let l = layout(&input(80, 11, 640));
        let chosen = l.dots.iter().find(|d| d.role == StripRole::Chosen).unwrap();
        assert_eq!(chosen.y, l.centre_y);
        let label = l.chosen_label.as_ref().unwrap();
        assert_eq!(label.text, "Chosen 56.8%");
        assert_eq!(label.leader[0].0, chosen.x);
        assert!(label.leader[1].1 <= chosen.y - chosen.marker.extent());
        assert_inside(&l);
    }

    #[test]
    fn a_label_near_either_edge_stays_inside_even_when_narrow() {
        for value in [0.0, 100.0] {
            let mut i = input(0, 0, 280);
            i.members = vec![
                member("A", 0.0, StripRole::Other),
                member("B", 100.0, StripRole::Other),
                member("Here", value, StripRole::Chosen),
            ];
            i.chosen_label = Some("Barking and Dagenham 100.0 per 1,000 households".to_owned());
            let l = layout(&i);
            assert!(l.chosen_label.as_ref().unwrap().text.ends_with('…'));
            assert_inside(&l);
        }
    }

    #[test]
    fn lanes_alternate_up_and_down_from_the_centre() {
        let lanes: Vec<i32> = (0..5).map(lane_at).collect();
        assert_eq!(lanes, [0, 1, -1, 2, -2]);
    }

    #[test]
    fn no_members_gives_an_axis_and_nothing_else() {
        let mut i = input(0, 0, 640);
        i.median = None;
        i.quartiles = None;
        let l = layout(&i);
        assert!(l.dots.is_empty() && l.chosen_label.is_none() && l.band.is_none());
        assert!(l.ticks.len() >= 2);
        assert!(render_svg(&l).starts_with("<svg"));
    }

    #[test]
    fn one_member_sits_on_the_centre_line() {
        let mut i = input(0, 0, 640);
        i.members = vec![member("Only", 12.5, StripRole::Chosen)];
        i.median = Some(12.5);
        i.quartiles = None;
        let l = layout(&i);
        assert_eq!(l.dots.len(), 1);
        assert_eq!(l.dots[0].y, l.centre_y);
        assert_eq!(l.median_x, Some(l.dots[0].x));
        assert_inside(&l);
    }

    #[test]
    fn all_equal_values_make_one_column_squeezed_to_a_bounded_height() {
        let mut i = input(0, 0, 640);
        i.members = (0..300)
            .map(|k| member(&format!("C{k:03}"), 7.0, StripRole::Other))
            .collect();
        i.median = Some(7.0);
        i.quartiles = Some((7.0, 7.0));
        let l = layout(&i);
        assert!(l.dots.iter().all(|d| d.x == l.dots[0].x));
        assert!(
            f64::from(l.height) < 2.0 * MAX_HALF_HEIGHT + 100.0,
            "{}",
            l.height
        );
        assert_inside(&l);
    }

    #[test]
    fn values_that_are_not_finite_are_left_out() {
        let mut i = input(6, 0, 640);
        i.members[1].value = f64::NAN;
        i.members[2].value = f64::INFINITY;
        i.median = Some(f64::NAN);
        i.quartiles = Some((f64::NEG_INFINITY, 3.0));
        let l = layout(&i);
        assert_eq!(l.dots.len(), 4);
        assert!(l.median_x.is_none() && l.band.is_none());
        assert!(l.ticks.iter().all(|(x, _)| x.is_finite()));
        assert_inside(&l);
    }

    #[test]
    fn wide_charts_spread_the_same_dots_further() {
        let narrow = layout(&input(60, 3, 280));
        let wide = layout(&input(60, 3, 1280));
        let span = |l: &DotStripLayout| {
            let mut xs: Vec<f64> = l.dots.iter().map(|d| d.x).collect();
            xs.sort_by(f64::total_cmp);
            xs.last().unwrap() - xs.first().unwrap()
        };
        assert!(span(&wide) > 3.0 * span(&narrow));
        assert!(wide.height <= narrow.height);
        assert_inside(&wide);
        assert_inside(&narrow);
    }

    #[test]
    fn rendered_svg_escapes_the_label() {
        let mut i = input(5, 1, 640);
        i.chosen_label = Some("<script>alert(1)</script> & \"Q'1\"".to_owned());
        let svg = render_svg(&layout(&i));
        assert!(svg.starts_with("<svg"));
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;") && svg.contains("&amp;"));
        assert!(svg.contains("&quot;") || svg.contains("&apos;"));
    }
}
