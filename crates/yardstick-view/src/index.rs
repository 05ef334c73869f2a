//! The manifest and areas of a bundle: what every view needs before it can decide anything.

use yardstick_bundle::{Area, AreaCode, Areas, Manifest, MeasureEntry, MetricMeta, Period};

/// The parts of a bundle every view needs, loaded once.
#[derive(Debug, Clone, PartialEq)]
pub struct BundleIndex {
    pub manifest: Manifest,
    pub areas: Areas,
}

impl BundleIndex {
    /// The measure to show: the chosen one if the bundle has it, else the bundle's first.
    pub fn measure_or_default(&self, id: Option<&str>) -> Option<&MeasureEntry> {
        id.and_then(|id| self.manifest.measure(id))
            .or_else(|| self.manifest.measures.first())
    }

    /// The council the selection names, if the bundle knows it (by current or former code).
    pub fn area(&self, code: &str) -> Option<&Area> {
        self.areas.resolve(&AreaCode::new(code.trim()))
    }

    /// The period of `metric` that `wanted` names, by ISO id or by label, if it has one.
    pub fn period(metric: &MetricMeta, wanted: &str) -> Option<Period> {
        metric
            .periods
            .iter()
            .find(|p| p.to_string() == wanted || p.label() == wanted)
            .copied()
    }
}
