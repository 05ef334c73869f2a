//! Drawing helpers shared by the charts: backend elements at pixel coordinates only, never
//! plotters' `ChartBuilder`, which measures text through the DOM on wasm.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::marker::{Marker, Shape};
use super::theme;

pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
pub type DrawResult<'a> =
    Result<(), DrawingAreaErrorKind<<SVGBackend<'a> as DrawingBackend>::ErrorType>>;

/// Draws `layout` with `draw` onto a white SVG document of the given size.
pub fn document<L: ?Sized>(
    (width, height): (u32, u32),
    layout: &L,
    draw: for<'a> fn(&Area<'a>, &L) -> DrawResult<'a>,
) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        // Drawing into a String cannot fail for I/O reasons; a failed element only loses itself.
        let _ = area.fill(&theme::BACKGROUND);
        let _ = draw(&area, layout);
        let _ = area.present();
    }
    svg
}

/// A pixel coordinate. Rounding (not truncating) keeps symmetric shapes symmetric; a
/// non-finite value becomes 0 rather than a panic.
pub fn px(v: f64) -> i32 {
    v.round() as i32
}

/// A point at pixel coordinates.
pub fn at((x, y): (f64, f64)) -> (i32, i32) {
    (px(x), px(y))
}

/// A sans-serif text style. Sizes are plotters' nominal sizes (drawn size × 1.24).
pub fn text_style(size: f64, colour: RGBColor, h: HPos, bold: bool) -> TextStyle<'static> {
    let font = ("sans-serif", size).into_font();
    TextStyle {
        font: if bold {
            font.style(FontStyle::Bold)
        } else {
            font
        },
        color: colour.to_backend_color(),
        pos: Pos::new(h, VPos::Center),
    }
}

/// Draws `text` vertically centred on `(x, y)`.
pub fn label<'a>(
    area: &Area<'a>,
    text: &str,
    (x, y): (f64, f64),
    style: TextStyle<'static>,
) -> DrawResult<'a> {
    area.draw(&Text::new(text.to_owned(), (px(x), px(y)), style))
}

/// A straight polyline.
pub fn line<'a>(area: &Area<'a>, points: &[(f64, f64)], style: ShapeStyle) -> DrawResult<'a> {
    if points.len() < 2 {
        return Ok(());
    }
    area.draw(&PathElement::new(
        points.iter().copied().map(at).collect::<Vec<_>>(),
        style,
    ))
}

/// A dashed polyline, drawn as separate segments because plotters' SVG backend has no dash
/// style. The dash pattern runs on across corners, so a dashed line with markers reads as one
/// line however its segments turn.
pub fn dashed<'a>(
    area: &Area<'a>,
    points: &[(f64, f64)],
    (dash, gap): (f64, f64),
    style: ShapeStyle,
) -> DrawResult<'a> {
    if !(dash > 0.0 && gap >= 0.0) {
        return line(area, points, style);
    }
    let period = dash + gap;
    // Where along the pattern the next segment starts.
    let mut phase = 0.0_f64;
    let mut current: Vec<(f64, f64)> = Vec::new();
    for pair in points.windows(2) {
        let &[(x0, y0), (x1, y1)] = pair else {
            continue;
        };
        let length = (x1 - x0).hypot(y1 - y0);
        if !length.is_finite() {
            continue;
        }
        let point = |t: f64| (x0 + (x1 - x0) * t / length, y0 + (y1 - y0) * t / length);
        let mut t = 0.0_f64;
        while t < length {
            let in_dash = phase < dash;
            let step = if in_dash {
                dash - phase
            } else {
                period - phase
            };
            let end = (t + step).min(length);
            if in_dash {
                if current.is_empty() {
                    current.push(point(t));
                }
                current.push(point(end));
            }
            phase += end - t;
            t = end;
            if phase >= period - 1e-9 {
                phase = 0.0;
            }
            if phase >= dash - 1e-9 && !current.is_empty() {
                line(area, &current, style)?;
                current.clear();
            }
        }
    }
    line(area, &current, style)
}

/// Draws a marker centred on `(x, y)`: filled markers in `colour` with a thin `outline`;
/// hollow ones white inside a 2 px ring of `colour`, so a line under them does not show.
pub fn marker<'a>(
    area: &Area<'a>,
    marker: &Marker,
    centre: (f64, f64),
    colour: RGBColor,
    outline: Option<RGBColor>,
) -> DrawResult<'a> {
    let (x, y) = at(centre);
    let r = marker.radius;
    let (inside, edge, edge_width) = if marker.filled {
        (colour, outline, 1)
    } else {
        (theme::BACKGROUND, Some(colour), 2)
    };
    match marker.shape {
        Shape::Circle => {
            let radius = px(r).max(1);
            area.draw(&Circle::new((x, y), radius, inside.filled()))?;
            if let Some(edge) = edge {
                area.draw(&Circle::new((x, y), radius, edge.stroke_width(edge_width)))?;
            }
        }
        Shape::Cross => {
            let s = r * 0.8;
            let (cx, cy) = centre;
            let style = colour.stroke_width(2);
            line(area, &[(cx - s, cy - s), (cx + s, cy + s)], style)?;
            line(area, &[(cx - s, cy + s), (cx + s, cy - s)], style)?;
        }
        shape @ (Shape::Square | Shape::Diamond | Shape::TriangleUp | Shape::TriangleDown) => {
            let corners = super::marker::vertices(shape, r, centre);
            area.draw(&Polygon::new(
                corners.iter().copied().map(at).collect::<Vec<_>>(),
                inside.filled(),
            ))?;
            if let Some(edge) = edge {
                let mut ring = corners.clone();
                ring.extend(corners.first().copied());
                line(area, &ring, edge.stroke_width(edge_width))?;
            }
        }
    }
    if marker.ringed {
        let ring_colour = outline.unwrap_or(colour);
        match marker.shape {
            Shape::Circle | Shape::Cross => {
                area.draw(&Circle::new(
                    (x, y),
                    px(r + 3.0).max(1),
                    ring_colour.stroke_width(2),
                ))?;
            }
            shape => {
                let corners = super::marker::vertices(shape, r + 3.0, centre);
                let mut ring = corners.clone();
                ring.extend(corners.first().copied());
                line(area, &ring, ring_colour.stroke_width(2))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draw_dashed<'a>(area: &Area<'a>, points: &[(f64, f64)]) -> DrawResult<'a> {
        dashed(area, points, (6.0, 4.0), theme::TEXT.stroke_width(1))
    }

    #[test]
    fn a_dashed_line_is_cut_into_dashes_that_carry_on_round_corners() {
        // 23 px along, then 20 px down: dashes at 0–6, 10–16, 20–26 (turning the corner),
        // 30–36 and 40–43: five pieces.
        let svg = document(
            (60, 60),
            &[(0.0, 0.0), (23.0, 0.0), (23.0, 20.0)][..],
            draw_dashed,
        );
        assert_eq!(svg.matches("<polyline").count(), 5, "{svg}");
        assert!(svg.contains("points=\"20,0 23,0 23,3 \""), "{svg}");
    }

    #[test]
    fn a_dashed_line_with_too_few_points_draws_nothing() {
        let svg = document((60, 60), &[(3.0, 3.0)][..], draw_dashed);
        assert_eq!(svg.matches("<polyline").count(), 0);
    }

    #[test]
    fn pixels_round_and_survive_nan() {
        assert_eq!(px(2.5), 3);
        assert_eq!(px(-2.4), -2);
        assert_eq!(px(f64::NAN), 0);
    }
}
