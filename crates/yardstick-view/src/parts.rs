//! How much of the widget an embed shows: its controls (`controls=`) and the parts of the
//! comparison besides the sentence, chart and source (`parts=`).

/// How much of the widget's own navigation an embed shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Controls {
    /// The view only: no pickers, no tabs.
    None,
    /// The council, measure and period pickers above the view, no tabs.
    Picker,
    /// Everything, as on Yardstick's own page.
    #[default]
    Full,
}

impl Controls {
    /// Every choice, in the order the panel offers them.
    pub const ALL: [Controls; 3] = [Controls::None, Controls::Picker, Controls::Full];

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "none" => Some(Self::None),
            "picker" => Some(Self::Picker),
            "full" => Some(Self::Full),
            _ => None,
        }
    }

    /// The value of `data-controls` and the `controls` URL parameter.
    pub fn param(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Picker => "picker",
            Self::Full => "full",
        }
    }

    /// Words for the panel.
    pub fn description(self) -> &'static str {
        match self {
            Self::None => "The view only",
            Self::Picker => "With the council and measure pickers",
            Self::Full => "Everything, with the view tabs",
        }
    }
}

/// One part of the comparison a compact embed leaves out unless asked for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The data table of the group, sortable and downloadable.
    Table,
    /// The group statistics (median, quartiles, the council's rank...).
    Statistics,
    /// The distribution of every council compared.
    Distribution,
}

/// Which [`Part`]s the comparison shows besides its sentence, chart and source: `parts=` in
/// an embed's address or `data-parts` on its element, a comma-separated list of `table`,
/// `statistics` and `distribution`, or `all` or `none`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    table: bool,
    statistics: bool,
    distribution: bool,
}

impl Parts {
    /// Every part: the full comparison.
    pub const ALL: Self = Self {
        table: true,
        statistics: true,
        distribution: true,
    };
    /// No part: the compact comparison.
    pub const NONE: Self = Self {
        table: false,
        statistics: false,
        distribution: false,
    };

    /// Reads a list such as `table,statistics`; names it does not know are skipped, and a
    /// list with no name it knows (nor `all` or `none`) is `None`, so the default applies.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = Self::NONE;
        let mut understood = false;
        for name in text.split(',').map(str::trim) {
            understood |= match name {
                "all" => {
                    parts = Self::ALL;
                    true
                }
                "none" => true,
                "table" => {
                    parts.table = true;
                    true
                }
                "statistics" => {
                    parts.statistics = true;
                    true
                }
                "distribution" => {
                    parts.distribution = true;
                    true
                }
                _ => false,
            };
        }
        understood.then_some(parts)
    }

    /// What a widget shows when nothing is said: the compact comparison in an embed that
    /// shows the view only, everything where the reader has controls.
    pub fn default_for(controls: Controls) -> Self {
        if controls == Controls::None {
            Self::NONE
        } else {
            Self::ALL
        }
    }

    /// Whether the comparison shows this part.
    pub fn shows(self, part: Part) -> bool {
        match part {
            Part::Table => self.table,
            Part::Statistics => self.statistics,
            Part::Distribution => self.distribution,
        }
    }

    /// Whether every part is shown (the full comparison, with no link to itself).
    pub fn is_all(self) -> bool {
        self == Self::ALL
    }
}
