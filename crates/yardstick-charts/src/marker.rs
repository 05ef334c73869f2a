//! Point markers as plain geometry. Shape and fill say what a point is, so that no chart tells
//! things apart by colour alone (WCAG 2.2, 1.4.1 Use of Colour); the components draw their
//! keys from the same [`Marker`] values the charts use.

/// The outline of a marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    Circle,
    Square,
    /// A square standing on a corner.
    Diamond,
    /// A triangle with its point up.
    TriangleUp,
    /// A triangle with its point down.
    TriangleDown,
    /// Two crossed strokes: a position without a verdict.
    Cross,
}

/// How a point is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Marker {
    pub shape: Shape,
    /// Solid, or an outline with a white inside.
    pub filled: bool,
    /// Half the marker's size, in CSS pixels.
    pub radius: f64,
    /// A second, 2 px outline 3 px outside the first: the one point a chart is about.
    pub ringed: bool,
}

impl Marker {
    pub const fn new(shape: Shape, filled: bool, radius: f64) -> Self {
        Self {
            shape,
            filled,
            radius,
            ringed: false,
        }
    }

    /// The same marker with a second outline.
    pub const fn ringed(self) -> Self {
        Self {
            ringed: true,
            ..self
        }
    }

    /// The corners of the marker's outline around `(x, y)`, or none for a circle or a cross.
    /// Sizes are tuned so that shapes of one radius look about equally heavy.
    pub fn vertices(&self, (x, y): (f64, f64)) -> Vec<(f64, f64)> {
        vertices(self.shape, self.radius, (x, y))
    }

    /// The half-size of the drawn marker, its second ring included.
    pub fn extent(&self) -> f64 {
        let reach = match self.shape {
            Shape::Diamond => self.radius * 1.25,
            Shape::TriangleUp | Shape::TriangleDown => self.radius * 1.15,
            Shape::Circle | Shape::Square | Shape::Cross => self.radius,
        };
        if self.ringed { reach + 4.0 } else { reach }
    }
}

/// The corners of a shape of half-size `r` around `(x, y)`.
pub fn vertices(shape: Shape, r: f64, (x, y): (f64, f64)) -> Vec<(f64, f64)> {
    match shape {
        Shape::Circle | Shape::Cross => Vec::new(),
        Shape::Square => {
            let s = r * 0.9;
            vec![
                (x - s, y - s),
                (x + s, y - s),
                (x + s, y + s),
                (x - s, y + s),
            ]
        }
        Shape::Diamond => {
            let s = r * 1.25;
            vec![(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
        }
        Shape::TriangleUp => {
            let s = r * 1.15;
            vec![(x, y - s), (x + s, y + s * 0.75), (x - s, y + s * 0.75)]
        }
        Shape::TriangleDown => {
            let s = r * 1.15;
            vec![(x, y + s), (x - s, y - s * 0.75), (x + s, y - s * 0.75)]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_stay_within_their_extent() {
        for shape in [
            Shape::Circle,
            Shape::Square,
            Shape::Diamond,
            Shape::TriangleUp,
            Shape::TriangleDown,
            Shape::Cross,
        ] {
            let marker = Marker::new(shape, true, 6.0);
            for (x, y) in marker.vertices((10.0, 20.0)) {
                assert!((x - 10.0).abs() <= marker.extent() + 1e-9, "{shape:?}");
                assert!((y - 20.0).abs() <= marker.extent() + 1e-9, "{shape:?}");
            }
        }
        assert_eq!(
            Marker::new(Shape::Circle, true, 6.0).ringed().extent(),
            10.0
        );
    }

    #[test]
    fn triangles_point_the_way_they_say() {
        let up = vertices(Shape::TriangleUp, 5.0, (0.0, 0.0));
        let down = vertices(Shape::TriangleDown, 5.0, (0.0, 0.0));
        assert!(up.first().is_some_and(|&(_, y)| y < 0.0));
        assert!(down.first().is_some_and(|&(_, y)| y > 0.0));
    }
}
