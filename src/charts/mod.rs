//! Charts: geometry as plain Rust tested natively, drawn with plotters' SVG backend.

pub mod ranked_bars;
pub mod scale;
pub mod theme;
