//! The map view as plain data: every council of the map's tier in force in the period,
//! shaded by its class of the measure, the chosen council and its peer group marked, with
//! the legend, the text description and what each council says to a screen reader.
//!
//! Classes are quantiles of the figures of every council compared (five classes of about
//! equal counts; fewer where figures repeat). Darker is better where the measure has a
//! polarity and higher where it has none; where figures fall on both sides of zero the scale
//! diverges at zero (up to three classes on each side, darker further from zero).

use yardstick_bundle::{AreaCode, Areas, Manifest, MapMeta, MapShapes, MetricMeta, Polarity};
use yardstick_stats::{quantile_sorted, sort_with};

use crate::chart::{Inset, MapInput, MapShapeInput, Rect, Shade, StripRole};
use crate::format;
use crate::model::metric::MetricModel;
use crate::words;

/// One class of the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct MapClass {
    pub shade: Shade,
    /// The lowest and highest figure in the class, as "35.0% to 41.1%" (one figure when equal).
    pub range: String,
    /// How many councils it holds, in words ("12 councils").
    pub count: String,
    /// Whether the group median falls in this class.
    pub holds_median: bool,
}

/// Everything the map view shows besides the table.
#[derive(Debug, Clone, PartialEq)]
pub struct MapModel {
    /// The figure's caption.
    pub caption: String,
    /// The text alternative: what the map shows and where the council sits.
    pub description: String,
    /// What the shades mean, in words ("Darker is better: higher figures are darker").
    pub scale: String,
    /// The classes, lowest figures first.
    pub classes: Vec<MapClass>,
    /// The legend's line for the group median, if there is one.
    pub median: Option<String>,
    /// The legend's line for councils without a figure, if any are drawn.
    pub no_figure: Option<String>,
    /// How the keyboard moves through the map.
    pub keys: &'static str,
    /// What the map draws.
    pub input: MapInput,
    /// The boundaries' attribution lines.
    pub attribution: Vec<String>,
    /// The enlarged view's title ("Around Trafford, enlarged"), when there is one.
    pub inset_title: Option<String>,
}

/// The first of the bundle's maps that outlines every council `metric` compares.
pub fn map_for<'a>(manifest: &'a Manifest, metric: &MetricMeta) -> Option<&'a MapMeta> {
    manifest
        .maps
        .iter()
        .find(|map| map.covers(&metric.area_types))
}

/// The bounding box of outline path data of the form map files hold (absolute moves `M`,
/// relative lines `l`, closes `z`, integers); `None` when it holds no point. Read here, with a
/// few lines of digit arithmetic, rather than with the standard number parser, which costs the
/// wasm kilobytes.
pub fn outline_bounds(path: &str) -> Option<Rect> {
    #[derive(Default)]
    struct Walk {
        relative: bool,
        x: i64,
        y: i64,
        pending: Option<i64>,
        bounds: Option<(i64, i64, i64, i64)>,
    }
    impl Walk {
        fn number(&mut self, value: i64) {
            let Some(first) = self.pending.take() else {
                self.pending = Some(value);
                return;
            };
            if self.relative {
                self.x = self.x.saturating_add(first);
                self.y = self.y.saturating_add(value);
            } else {
                (self.x, self.y) = (first, value);
            }
            let (x, y) = (self.x, self.y);
            self.bounds = Some(match self.bounds {
                None => (x, y, x, y),
                Some((a, b, c, d)) => (a.min(x), b.min(y), c.max(x), d.max(y)),
            });
        }
    }
    let mut walk = Walk::default();
    let mut number: Option<(bool, i64)> = None;
    for byte in path.bytes() {
        if byte.is_ascii_digit() {
            let (negative, magnitude) = number.unwrap_or((false, 0));
            let digit = i64::from(byte - b'0');
            number = Some((negative, magnitude.saturating_mul(10).saturating_add(digit)));
            continue;
        }
        if let Some((negative, magnitude)) = number.take() {
            walk.number(if negative { -magnitude } else { magnitude });
        }
        match byte {
            b'-' => number = Some((true, 0)),
            b'M' => (walk.relative, walk.pending) = (false, None),
            b'l' => (walk.relative, walk.pending) = (true, None),
            _ => {}
        }
    }
    if let Some((negative, magnitude)) = number {
        walk.number(if negative { -magnitude } else { magnitude });
    }
    walk.bounds.map(|(x0, y0, x1, y1)| Rect {
        x: x0,
        y: y0,
        width: x1 - x0,
        height: y1 - y0,
    })
}

/// The enlarged view around the chosen council, when it is small on the whole map (under an
/// eighth of the frame's height across): a square three times its size, and at least a tenth
/// of the frame's height, centred on it, with every council that reaches into it.
fn inset_around(chosen: &str, shapes: &[MapShapeInput], frame_height: u32) -> Option<Inset> {
    let own = outline_bounds(chosen)?;
    let frame = i64::from(frame_height);
    let size = own.width.max(own.height);
    if size.saturating_mul(8) >= frame {
        return None;
    }
    let side = size.saturating_mul(3).max(frame / 10).max(1);
    let view = Rect {
        x: own.x + own.width / 2 - side / 2,
        y: own.y + own.height / 2 - side / 2,
        width: side,
        height: side,
    };
    let shapes = shapes
        .iter()
        .enumerate()
        .filter(|(_, s)| outline_bounds(&s.path).is_some_and(|b| b.meets(&view)))
        .map(|(i, _)| i)
        .collect();
    Some(Inset { view, shapes })
}

/// Class boundaries: the figures' quantiles, without repeats.
fn breaks(sorted: &[f64], classes: usize) -> Vec<f64> {
    let mut out: Vec<f64> = Vec::new();
    for i in 0..=classes {
        #[allow(clippy::cast_precision_loss, reason = "a handful of classes")]
        let p = i as f64 / classes as f64;
        if let Ok(q) = quantile_sorted(sorted, p)
            && out.last().is_none_or(|last| q > *last)
        {
            out.push(q);
        }
    }
    out
}

/// The class of `value` among `breaks` (each class holds the values up to its upper break).
fn class_of(value: f64, breaks: &[f64]) -> usize {
    let upper = breaks.get(1..).unwrap_or_default();
    upper
        .iter()
        .position(|b| value <= *b)
        .unwrap_or(upper.len().saturating_sub(1))
}

/// A scale: the classes' breaks on each side and how each class is shaded.
struct Scale {
    /// Lower-side breaks (values below zero on a diverging scale; all values otherwise).
    below: Vec<f64>,
    /// Breaks above zero, on a diverging scale.
    above: Option<Vec<f64>>,
    /// Darker is lower (a lower-is-better measure on a sequential scale).
    darker_lower: bool,
}

impl Scale {
    fn new(sorted: &[f64], polarity: Polarity) -> Self {
        let crosses =
            sorted.first().is_some_and(|v| *v < 0.0) && sorted.last().is_some_and(|v| *v > 0.0);
        if crosses {
            let negative: Vec<f64> = sorted.iter().copied().filter(|v| *v < 0.0).collect();
            let positive: Vec<f64> = sorted.iter().copied().filter(|v| *v >= 0.0).collect();
            Self {
                below: breaks(&negative, 3),
                above: Some(breaks(&positive, 3)),
                darker_lower: false,
            }
        } else {
            Self {
                below: breaks(sorted, 5),
                above: None,
                darker_lower: polarity == Polarity::LowerIsBetter,
            }
        }
    }

    /// Each class's index (lowest first) and shade.
    fn key(&self, value: f64) -> (usize, Shade) {
        let shade = |n: usize| u8::try_from(n).unwrap_or(u8::MAX);
        match &self.above {
            Some(above) if value >= 0.0 => {
                let below_classes = self.below.len().saturating_sub(1).max(1);
                let class = class_of(value, above);
                (below_classes + class, Shade::Above(shade(class + 1)))
            }
            Some(_) => {
                let classes = self.below.len().saturating_sub(1).max(1);
                let class = class_of(value, &self.below);
                (class, Shade::Below(shade(classes - class.min(classes - 1))))
            }
            None => {
                let classes = self.below.len().saturating_sub(1).max(1);
                let class = class_of(value, &self.below);
                // Five shades however many classes: spread them from lightest to darkest.
                let step = if classes > 1 {
                    4 * class / (classes - 1)
                } else {
                    4
                };
                let tone = if self.darker_lower {
                    5 - step
                } else {
                    1 + step
                };
                (class, Shade::Sequential(shade(tone)))
            }
        }
    }

    fn words(&self, polarity: Polarity) -> String {
        match (&self.above, polarity) {
            (Some(_), Polarity::HigherIsBetter) => "Orange shades are below zero and purple shades above it, darker further from zero; higher is better.".to_owned(),
            (Some(_), Polarity::LowerIsBetter) => "Orange shades are below zero and purple shades above it, darker further from zero; lower is better.".to_owned(),
            (Some(_), Polarity::NoJudgement) => "Orange shades are below zero and purple shades above it, darker further from zero; neither is better in itself.".to_owned(),
            (None, Polarity::HigherIsBetter) => "Darker is better: higher figures are darker.".to_owned(),
            (None, Polarity::LowerIsBetter) => "Darker is better: lower figures are darker.".to_owned(),
            (None, Polarity::NoJudgement) => "Darker is higher; neither a higher nor a lower figure is better in itself.".to_owned(),
        }
    }
}

/// Builds the map view from the comparison on screen, the areas and the map's outlines.
/// Councils are drawn when the map has an outline for them and they were in force at the
/// end of the period (so a period before a reorganisation shows the councils of the time).
pub fn map_model(
    model: &MetricModel,
    areas: &Areas,
    map: &MapMeta,
    shapes: &MapShapes,
) -> MapModel {
    let metric = &model.metric;
    let period = model.period;
    let in_force = |code: &AreaCode| {
        areas.get(code).is_some_and(|a| {
            a.start.is_none_or(|start| start <= period.end())
                && a.end.is_none_or(|end| end >= period.end())
        })
    };
    let mut sorted: Vec<f64> = model.everyone.iter().map(|e| e.2).collect();
    sort_with(&mut sorted, f64::total_cmp);
    let scale = Scale::new(&sorted, metric.polarity);
    let description = model.comparison.assessment.description.as_ref().ok();
    let median = description.map(|d| d.median);
    let median_text = median.map(|m| format::value(metric, m));
    let peers: std::collections::BTreeSet<&AreaCode> =
        model.members.iter().map(|m| &m.code).collect();

    // The classes, from the figures they hold.
    let mut classes: Vec<(usize, Shade, f64, f64, usize)> = Vec::new();
    for value in &sorted {
        let (index, shade) = scale.key(*value);
        match classes.iter_mut().find(|c| c.0 == index) {
            Some(class) => {
                class.3 = class.3.max(*value);
                class.4 += 1;
            }
            None => classes.push((index, shade, *value, *value, 1)),
        }
    }
    // Figures arrive lowest first and classes rise with them, so the classes are in order.

    let mut shapes_in: Vec<(String, MapShapeInput)> = Vec::new();
    let mut without = 0;
    for outline in &shapes.areas {
        if !in_force(&outline.area) {
            continue;
        }
        let name = areas
            .get(&outline.area)
            .map_or_else(|| outline.area.to_string(), |a| a.name.clone());
        let value = model
            .everyone
            .iter()
            .find(|e| e.0 == outline.area)
            .map(|e| e.2);
        let role = if outline.area == model.area.code {
            StripRole::Chosen
        } else if peers.contains(&outline.area) {
            StripRole::Peer
        } else {
            StripRole::Other
        };
        let who = match role {
            StripRole::Chosen => format!("{name} (chosen)"),
            StripRole::Peer => format!("{name} (peer group)"),
            StripRole::Other => name.clone(),
        };
        let label = match (value, &median_text) {
            (Some(v), Some(m)) => format!("{who}: {}, group median {m}", format::value(metric, v)),
            (Some(v), None) => format!("{who}: {}", format::value(metric, v)),
            (None, _) => format!("{who}: no figure"),
        };
        if value.is_none() {
            without += 1;
        }
        shapes_in.push((
            name,
            MapShapeInput {
                code: outline.area.to_string(),
                path: outline.path.clone(),
                shade: value.map(|v| scale.key(v).1),
                role,
                label,
            },
        ));
    }
    sort_with(&mut shapes_in, |a, b| {
        a.0.cmp(&b.0).then_with(|| a.1.code.cmp(&b.1.code))
    });
    let chosen_drawn = shapes_in.iter().any(|s| s.1.role == StripRole::Chosen);
    let shapes_in: Vec<MapShapeInput> = shapes_in.into_iter().map(|s| s.1).collect();
    let inset = shapes_in
        .iter()
        .find(|s| s.role == StripRole::Chosen)
        .and_then(|s| inset_around(&s.path, &shapes_in, shapes.height));
    let tab_stop = if chosen_drawn {
        Some(model.area.code.to_string())
    } else {
        shapes_in.first().map(|s| s.code.clone())
    };

    let range = |low: f64, high: f64| {
        if format::value(metric, low) == format::value(metric, high) {
            format::value(metric, low)
        } else {
            format::range(metric, low, high)
        }
    };
    let legend: Vec<MapClass> = classes
        .iter()
        .map(|&(_, shade, low, high, count)| MapClass {
            shade,
            range: range(low, high),
            count: format::count(count, "council", "councils"),
            holds_median: median.is_some_and(|m| m >= low && m <= high),
        })
        .collect();

    let with_figure = model.everyone.len();
    let own = model.comparison.assessment.value.as_ref().ok().copied();
    let place = match (own, chosen_drawn) {
        (Some(v), true) => {
            let class = classes
                .iter()
                .position(|c| v >= c.2 && v <= c.3)
                .map(|i| i + 1)
                .unwrap_or_default();
            format!(
                "{}, outlined thick, has {} and is in class {class} of {} ({}).",
                model.area.name,
                format::value(metric, v),
                classes.len(),
                classes
                    .get(class.saturating_sub(1))
                    .map(|c| range(c.2, c.3))
                    .unwrap_or_default()
            )
        }
        (None, true) => format!("{}, outlined thick, has no figure.", model.area.name),
        (_, false) => format!("{} is not on this map.", model.area.name),
    };
    let description = format!(
        "Map of {}, {}, shading the {with_figure} {} in {} classes, lowest to highest. {} {place} \
         Its peer group, {}, is outlined with dashes{}. {}The table lists the group's figures.",
        metric.short_title,
        period.label(),
        words::compared(Some(metric.subject())),
        classes.len(),
        scale.words(metric.polarity),
        model.group_name,
        median_text
            .as_ref()
            .map(|m| format!("; its median is {m}"))
            .unwrap_or_default(),
        if without > 0 {
            format!("{without} councils without a figure are hatched grey. ")
        } else {
            String::new()
        }
    );
    MapModel {
        caption: format!(
            "{}, {}: {} and {}, on a map",
            metric.short_title,
            period.label(),
            model.area.name,
            model.group_name
        ),
        description,
        scale: scale.words(metric.polarity),
        classes: legend,
        median: median_text.map(|m| format!("Group median: {m} (its class is marked ◆)")),
        no_figure: (without > 0).then(|| {
            format!(
                "No figure: hatched grey ({})",
                format::count(without, "council", "councils")
            )
        }),
        keys: "Tab to the map, then use the arrow keys to move from council to council in \
               alphabetical order (Home and End for the first and last); each says its figure.",
        input: MapInput {
            width: shapes.width,
            height: shapes.height,
            shapes: shapes_in,
            tab_stop,
            inset,
        },
        attribution: map.attribution.clone(),
        inset_title: None,
    }
    .with_inset_title(&model.area.name)
}

impl MapModel {
    fn with_inset_title(mut self, name: &str) -> Self {
        self.inset_title = self
            .input
            .inset
            .is_some()
            .then(|| format!("Around {name}, enlarged"));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_bounds_follow_moves_and_relative_lines() {
        let bounds = |path: &str| outline_bounds(path).map(|r| (r.x, r.y, r.width, r.height));
        assert_eq!(bounds("M10 20l5 0 0-8-5 0z"), Some((10, 12, 5, 8)));
        // A second ring starts afresh at its move.
        assert_eq!(bounds("M0 0l1 1z M100 50l-2 3z"), Some((0, 0, 100, 53)));
        assert_eq!(bounds(""), None);
        assert_eq!(bounds("M5"), None);
    }

    #[test]
    fn quantile_breaks_drop_repeats() {
        assert_eq!(
            breaks(&[1.0, 2.0, 3.0, 4.0, 5.0], 4),
            vec![1.0, 2.0, 3.0, 4.0, 5.0]
        );
        assert_eq!(breaks(&[1.0, 1.0, 1.0, 1.0, 2.0], 4), vec![1.0, 2.0]);
    }

    #[test]
    fn values_fall_in_the_class_up_to_their_upper_break() {
        let b = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(class_of(1.0, &b), 0);
        assert_eq!(class_of(2.0, &b), 0);
        assert_eq!(class_of(2.5, &b), 1);
        assert_eq!(class_of(4.0, &b), 2);
    }

    #[test]
    fn darker_is_better_whichever_way_better_lies() {
        let values: Vec<f64> = (1..=10).map(f64::from).collect();
        let higher = Scale::new(&values, Polarity::HigherIsBetter);
        assert_eq!(higher.key(10.0).1, Shade::Sequential(5));
        assert_eq!(higher.key(1.0).1, Shade::Sequential(1));
        let lower = Scale::new(&values, Polarity::LowerIsBetter);
        assert_eq!(lower.key(1.0).1, Shade::Sequential(5));
        assert_eq!(lower.key(10.0).1, Shade::Sequential(1));
    }

    #[test]
    fn figures_on_both_sides_of_zero_diverge_at_zero() {
        let values = [-3.0, -2.0, -1.0, 1.0, 2.0, 3.0];
        let scale = Scale::new(&values, Polarity::NoJudgement);
        assert!(matches!(scale.key(-3.0).1, Shade::Below(3)));
        assert!(matches!(scale.key(-1.0).1, Shade::Below(1)));
        assert!(matches!(scale.key(1.0).1, Shade::Above(1)));
        assert!(matches!(scale.key(3.0).1, Shade::Above(3)));
        assert!(scale.key(-1.0).0 < scale.key(1.0).0);
    }
}
