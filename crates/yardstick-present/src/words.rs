//! The engine's outcomes in plain English, each with a shape so that meaning never rests on
//! colour. One place, so every view, download and description says the same thing.

use yardstick_bundle::{Area, Areas, Manifest, NotCompared, PeerGroups, Subject};
use yardstick_stats::{
    ComparisonMethod, Direction, ExclusionReason, GroupSpec, Judgement, MANN_KENDALL_LEVEL,
    NearestSpec, NeighbourCount, NotCalculated, Progress, QuartileBand, RecentTrend,
    RelativeMarker, Travel, TrendEvidence, TrendMarker, TrendMethod, Verdict, VerdictMethod,
};

/// How an outcome looks: a symbol (read aloud as part of the words), the words, and a BEM
/// modifier for the stylesheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Badge {
    pub symbol: &'static str,
    pub words: &'static str,
    pub modifier: &'static str,
}

/// A badge from its three parts.
const fn badge(symbol: &'static str, words: &'static str, modifier: &'static str) -> Badge {
    Badge {
        symbol,
        words,
        modifier,
    }
}

/// The outcome of a comparison with the group benchmark (Fingertips' categories). Shapes
/// match the spine chart: circle better, diamond similar, square worse, triangle not compared;
/// up and down triangles for higher and lower where neither is better.
pub fn judgement(judgement: Judgement) -> Badge {
    match judgement {
        Judgement::Best => badge("●", "Better (99.8% level)", "better"),
        Judgement::Better => badge("●", "Better", "better"),
        Judgement::Similar => badge("◆", "Similar", "similar"),
        Judgement::Worse => badge("■", "Worse", "worse"),
        Judgement::Worst => badge("■", "Worse (99.8% level)", "worse"),
        Judgement::Higher => badge("▲", "Higher", "neutral"),
        Judgement::Lower => badge("▼", "Lower", "neutral"),
    }
}

/// The badge for a comparison that could not be made: a plain dash, since nothing failed; the
/// reason is always given beside it.
pub const NOT_COMPARED: Badge = badge("–", "Not compared", "none");

/// Why a statistic could not be calculated, as a reader would put it.
pub fn not_calculated(reason: NotCalculated) -> String {
    match reason {
        NotCalculated::NoValues => "there are no figures".to_owned(),
        NotCalculated::TooFewValues { needed, found } => {
            let are = if found == 1 { "is" } else { "are" };
            format!("it needs at least {needed} figures and there {are} {found}")
        }
        NotCalculated::NoSpread => "every figure in the group is the same".to_owned(),
        NotCalculated::NotFinite => "a figure is not a number".to_owned(),
        NotCalculated::ZeroDenominator => "a denominator is zero".to_owned(),
        NotCalculated::NegativeInput => "a count is negative".to_owned(),
        NotCalculated::NumeratorExceedsDenominator => {
            "a count is larger than its denominator".to_owned()
        }
        NotCalculated::TooFewEvents { needed } => {
            format!("there are fewer than {needed} events")
        }
        NotCalculated::MissingValue { .. } => "the council has no figure".to_owned(),
        NotCalculated::NoCounts => "the publisher gives no counts".to_owned(),
        NotCalculated::NoIntervals => {
            "the publisher gives no confidence interval and no counts to work one out from"
                .to_owned()
        }
        NotCalculated::InconsistentLimits => {
            "the published confidence limits do not contain the figure".to_owned()
        }
        NotCalculated::LevelNotPublished => {
            "only 95% limits are published for this measure".to_owned()
        }
        NotCalculated::NoService => "the council does not provide this service".to_owned(),
        NotCalculated::EmptyGroup => "no member of the group has a figure".to_owned(),
        NotCalculated::NoPolarity => "neither direction is better for this measure".to_owned(),
    }
}

/// A figure's place when it could not be calculated: "Not calculated: " and the reason.
pub fn not_calculated_note(reason: NotCalculated) -> String {
    format!("Not calculated: {}", not_calculated(reason))
}

/// A list of names as a reader would write it: "England", "England and Wales",
/// "England, Scotland and Wales".
pub fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The plural names of area types ("county councils and unitary authorities"), lower case.
fn type_names(ids: &[String], manifest: &Manifest) -> String {
    let names: Vec<String> = ids
        .iter()
        .map(|id| {
            manifest
                .area_type(id)
                .map_or_else(|| id.clone(), |t| t.plural.to_lowercase())
        })
        .collect();
    list(&names)
}

/// Why a council has no place in a comparison, truly (bundle 1.2's coverage, tiers and
/// parents): a heading and a sentence or two.
pub fn not_compared(
    why: &NotCompared,
    area: &Area,
    subject: Subject,
    manifest: &Manifest,
    areas: &Areas,
) -> (String, String) {
    let name = &area.name;
    let title = format!("{name} has no figure for this measure");
    let names = |codes: &[yardstick_bundle::AreaCode]| {
        let names: Vec<String> = codes
            .iter()
            .map(|c| {
                areas
                    .get(c)
                    .map_or_else(|| c.to_string(), |a| a.name.clone())
            })
            .collect();
        list(&names)
    };
    let own_type = manifest.area_type(&area.area_type).map_or_else(
        || "councils of its type".to_owned(),
        |t| t.plural.to_lowercase(),
    );
    let detail = match why {
        NotCompared::OutsideCoverage {
            coverage,
            type_applies,
        } => {
            let nation = area.nation.as_deref().unwrap_or("its nation");
            let reach = if coverage.is_empty() {
                "do not include it".to_owned()
            } else {
                format!("cover {} only", list(coverage))
            };
            let mut text = format!(
                "The figures for this measure in this data {reach}: none are published here for councils in {nation}."
            );
            if !type_applies && subject == Subject::Service {
                text.push_str(&format!(
                    " In any case, {own_type} do not provide this service."
                ));
            }
            text
        }
        NotCompared::NotProvided {
            providers,
            within,
            by_parent,
        } => {
            let mut text = format!(
                "{name} does not provide this service: it is provided by {}.",
                type_names(providers, manifest)
            );
            if let Some(parent) = by_parent {
                text.push_str(&format!(
                    " For {name}'s area, {} provides it: choose it to see its figure.",
                    names(std::slice::from_ref(parent))
                ));
            } else if !within.is_empty() {
                text.push_str(&format!(
                    " In {name}'s area the councils that provide it are {}: choose one to see its figure.",
                    names(within)
                ));
            }
            text
        }
        NotCompared::NotPublishedForType {
            published_for,
            within,
            by_parent,
        } => {
            let mut text = format!(
                "The publisher gives figures for {} only, not for {own_type}.",
                type_names(published_for, manifest)
            );
            if let Some(parent) = by_parent {
                text.push_str(&format!(
                    " The figure for {} covers {name}'s area.",
                    names(std::slice::from_ref(parent))
                ));
            } else if !within.is_empty() {
                text.push_str(&format!(
                    " Figures are published for the councils in {name}'s area: {}.",
                    names(within)
                ));
            }
            text
        }
    };
    (title, detail)
}

/// Why an area was left out of a peer group.
pub fn exclusion(reason: ExclusionReason) -> &'static str {
    match reason {
        ExclusionReason::TheAreaItself => "a council is never its own peer",
        ExclusionReason::NoService => "not responsible for the service",
        ExclusionReason::Nested => "a county and its own districts are not compared",
        ExclusionReason::NoContext => "no figures for the chosen context variables",
        ExclusionReason::NotInForce => "no longer exists",
    }
}

/// Which quarter of the group a value falls in, without a ranking.
pub fn quartile_band(band: QuartileBand) -> &'static str {
    match band {
        QuartileBand::Lowest => "in the lowest quarter of the group",
        QuartileBand::LowerMiddle => "between the lower quartile and the median",
        QuartileBand::UpperMiddle => "between the median and the upper quartile",
        QuartileBand::Highest => "in the highest quarter of the group",
    }
}

/// Which way a figure moved since the previous period: never better or worse, because one
/// change is not a trend (that takes a test, [`recent_trend`]).
pub fn travel(travel: Travel) -> Badge {
    match travel {
        Travel::Up => badge("↑", "Up", "neutral"),
        Travel::Down => badge("↓", "Down", "neutral"),
        Travel::NoChange => badge("→", "No change", "neutral"),
    }
}

/// The headline verdict. A test's verdict reads as Fingertips' categories; the distance rule's
/// says where the figure sits against the median, and whether that is the better side, without
/// claiming significance.
pub fn verdict(verdict: Verdict) -> Badge {
    match verdict.method {
        VerdictMethod::Test(_) => judgement(verdict.judgement),
        VerdictMethod::DistanceFromMedian => match (verdict.judgement, verdict.direction) {
            (_, Direction::Similar) => badge("◆", "Close to the group median", "similar"),
            (Judgement::Better | Judgement::Best, Direction::Higher) => {
                badge("●", "Better: well above the group median", "better")
            }
            (Judgement::Better | Judgement::Best, Direction::Lower) => {
                badge("●", "Better: well below the group median", "better")
            }
            (Judgement::Worse | Judgement::Worst, Direction::Higher) => {
                badge("■", "Worse: well above the group median", "worse")
            }
            (Judgement::Worse | Judgement::Worst, Direction::Lower) => {
                badge("■", "Worse: well below the group median", "worse")
            }
            (_, Direction::Higher) => badge("▲", "Well above the group median", "neutral"),
            (_, Direction::Lower) => badge("▼", "Well below the group median", "neutral"),
        },
    }
}

/// How a verdict was reached, as a phrase to follow it: "by the confidence-interval test".
pub fn verdict_method(method: VerdictMethod) -> &'static str {
    match method {
        VerdictMethod::Test(ComparisonMethod::ConfidenceIntervals) => {
            "by the confidence-interval test"
        }
        VerdictMethod::Test(ComparisonMethod::ControlLimits) => "by the control-limits test",
        VerdictMethod::DistanceFromMedian => "by the distance rule, not a statistical test",
    }
}

/// The short name of a verdict's method, for tables and legends.
pub fn verdict_method_short(method: VerdictMethod) -> &'static str {
    match method {
        VerdictMethod::Test(ComparisonMethod::ConfidenceIntervals) => "interval test",
        VerdictMethod::Test(ComparisonMethod::ControlLimits) => "control limits",
        VerdictMethod::DistanceFromMedian => "distance rule",
    }
}

/// Which recent-trend test was used.
pub fn trend_method(method: TrendMethod) -> String {
    match method {
        TrendMethod::CochranArmitage => {
            "Cochran–Armitage test for trend on the last five periods (Fingertips)".to_owned()
        }
        TrendMethod::WeightedLeastSquares => {
            "weighted least-squares test on the last five periods (Fingertips)".to_owned()
        }
        TrendMethod::MannKendall => format!(
            "Mann–Kendall test on the last five periods, at the {}% level",
            crate::format::number(MANN_KENDALL_LEVEL * 100.0, 0)
        ),
    }
}

/// The recent-trend marker (Fingertips): significant and robust, or not.
pub fn recent_trend(marker: TrendMarker, progress: Option<Progress>) -> String {
    match (marker, progress) {
        (TrendMarker::Increasing, Some(Progress::Improving)) => {
            "Increasing and getting better".to_owned()
        }
        (TrendMarker::Increasing, Some(Progress::Worsening)) => {
            "Increasing and getting worse".to_owned()
        }
        (TrendMarker::Decreasing, Some(Progress::Improving)) => {
            "Decreasing and getting better".to_owned()
        }
        (TrendMarker::Decreasing, Some(Progress::Worsening)) => {
            "Decreasing and getting worse".to_owned()
        }
        (TrendMarker::Increasing, None) => "Increasing".to_owned(),
        (TrendMarker::Decreasing, None) => "Decreasing".to_owned(),
        (TrendMarker::NoSignificantChange, _) => "No significant change".to_owned(),
    }
}

/// The recent trend in a sentence, naming its test: "Recent trend over the last five periods:
/// No significant change (Mann–Kendall test …)."
pub fn recent_trend_sentence(recent: &RecentTrend) -> String {
    let evidence = match recent.evidence {
        TrendEvidence::ChiSquared { robust: true, .. } => {
            " at the 99.8% level, robust to leaving out any one period"
        }
        TrendEvidence::ChiSquared { robust: false, .. } => {
            " at the 99.8% level; not robust to leaving out one period"
        }
        TrendEvidence::Kendall { .. } => "",
    };
    format!(
        "Recent trend over the last five periods: {} ({}{evidence}).",
        recent_trend(recent.marker, recent.progress),
        trend_method(recent.method)
    )
}

/// The trend relative to the group median.
pub fn relative_trend(marker: RelativeMarker) -> &'static str {
    match marker {
        RelativeMarker::ImprovingFasterThanPeers => "Improving faster than its peers",
        RelativeMarker::ImprovingSlowerThanPeers => "Improving more slowly than its peers",
        RelativeMarker::RisingRelativeToPeers => "Rising relative to its peers",
        RelativeMarker::FallingRelativeToPeers => "Falling relative to its peers",
        RelativeMarker::NoSignificantDifference => "Moving in line with its peers",
    }
}

/// "higher than", "similar to", "lower than" (ONS Explore Local Statistics' MAD rule).
pub fn direction(direction: Direction) -> &'static str {
    match direction {
        Direction::Higher => "higher than",
        Direction::Similar => "similar to",
        Direction::Lower => "lower than",
    }
}

/// A measure as the measure list offers it: its title, marked when the chosen council has no
/// figure for it (the same fact as the title of [`not_compared`]'s message).
pub fn measure_choice(title: &str, no_figure_for: Option<&str>) -> String {
    match no_figure_for {
        Some(name) => format!("{title} (no figure for {name})"),
        None => title.to_owned(),
    }
}

/// Who a measure compares, by its subject: the councils that provide a service, or every
/// council area with figures for a fact about the area; without a measure, councils.
pub fn compared(subject: Option<Subject>) -> &'static str {
    match subject {
        Some(Subject::Service) => "councils responsible for the service",
        Some(Subject::Area) => "council areas with figures",
        None => "councils with figures",
    }
}

/// The peer group in a few words, for captions and legends: "metropolitan districts",
/// "Trafford's 15 nearest neighbours", "DfE statistical neighbours (2025)".
pub fn group_name(
    spec: &GroupSpec,
    area_name: &str,
    area_type: &str,
    region: Option<&str>,
    manifest: &Manifest,
    groups: Option<&PeerGroups>,
    subject: Option<Subject>,
) -> String {
    match spec {
        GroupSpec::All => format!("all {}", compared(subject)),
        GroupSpec::SameType => manifest
            .area_type(area_type)
            .map(|t| t.plural.to_lowercase())
            .unwrap_or_else(|| "councils of the same type".to_owned()),
        GroupSpec::SameRegion => match region {
            Some(region) => match subject {
                Some(Subject::Service) => {
                    format!("councils in {region} responsible for the service")
                }
                Some(Subject::Area) => format!("council areas in {region}"),
                None => format!("councils in {region}"),
            },
            None => "councils in the same region".to_owned(),
        },
        GroupSpec::Published(id) => groups
            .and_then(|g| g.group(id))
            .map(|group| group.title.clone())
            .unwrap_or_else(|| format!("the published group “{id}”")),
        GroupSpec::Nearest(NearestSpec { count, .. }) => match count {
            NeighbourCount::Count(1) => format!("{area_name}'s nearest neighbour"),
            NeighbourCount::Count(k) => format!("{area_name}'s {k} nearest neighbours"),
            NeighbourCount::All => "all councils, by similarity".to_owned(),
        },
        GroupSpec::List(codes) => match codes.len() {
            1 => "a custom list of 1 council".to_owned(),
            n => format!("a custom list of {n} councils"),
        },
    }
}

/// How many councils a peer group holds besides the council itself: one number, or the
/// smallest and largest where a view compares several measures whose groups differ (the
/// councils in force in each period, or those that provide each service).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupSize {
    pub smallest: usize,
    pub largest: usize,
}

impl GroupSize {
    /// One group's size.
    pub fn of(peers: usize) -> Self {
        Self {
            smallest: peers,
            largest: peers,
        }
    }

    /// The span of several groups' sizes; `None` for no group.
    pub fn spanning(sizes: impl IntoIterator<Item = usize>) -> Option<Self> {
        sizes.into_iter().fold(None, |span, n| {
            Some(match span {
                None => Self::of(n),
                Some(Self { smallest, largest }) => Self {
                    smallest: smallest.min(n),
                    largest: largest.max(n),
                },
            })
        })
    }
}

/// A group's name with its size, where known: "non-metropolitan districts (163 councils
/// besides Adur)".
fn sized_group(name: &str, size: Option<GroupSize>, area_name: &str) -> String {
    match size {
        None => name.to_owned(),
        Some(GroupSize { smallest, largest }) if smallest == largest => format!(
            "{name} ({} besides {area_name})",
            crate::format::count(smallest, "council", "councils")
        ),
        Some(GroupSize { smallest, largest }) => format!(
            "{name} ({smallest} to {largest} councils besides {area_name}, depending on the \
             measure)"
        ),
    }
}

/// The confirmation after the reader changes the peer group: what the group was and what it
/// is now, each with the size of the group the view used. "Peer group changed from
/// non-metropolitan districts (163 councils besides Adur) to Adur's 15 nearest neighbours
/// (15 councils besides Adur)."
pub fn group_change(
    area_name: &str,
    from: (&str, Option<GroupSize>),
    to: (&str, Option<GroupSize>),
) -> String {
    format!(
        "Peer group changed from {} to {}.",
        sized_group(from.0, from.1, area_name),
        sized_group(to.0, to.1, area_name)
    )
}

/// A published group where it is offered for a measure of another service than the one it
/// was built for: its title says so ([`crate::notes::group_purpose`] gives the whole
/// sentence once it is chosen).
pub fn published_choice(title: &str, built_for_others: bool) -> String {
    if built_for_others {
        format!("{title} (built for other services)")
    } else {
        title.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judgements_never_rest_on_colour_alone() {
        let all = [
            Judgement::Best,
            Judgement::Better,
            Judgement::Similar,
            Judgement::Worse,
            Judgement::Worst,
            Judgement::Higher,
            Judgement::Lower,
        ];
        for j in all {
            let badge = judgement(j);
            assert!(!badge.symbol.is_empty() && !badge.words.is_empty(), "{j:?}");
        }
        // Better and worse have different shapes as well as words.
        assert_ne!(
            judgement(Judgement::Better).symbol,
            judgement(Judgement::Worse).symbol
        );
        assert_ne!(NOT_COMPARED.symbol, judgement(Judgement::Similar).symbol);
    }

    #[test]
    fn no_judgement_metrics_never_say_better_or_worse() {
        for j in [Judgement::Higher, Judgement::Lower] {
            let words = judgement(j).words.to_lowercase();
            assert!(!words.contains("better") && !words.contains("worse"));
        }
        for t in [Travel::Up, Travel::Down, Travel::NoChange] {
            let words = travel(t).words.to_lowercase();
            assert!(!words.contains("better") && !words.contains("worse"));
        }
        assert_eq!(recent_trend(TrendMarker::Increasing, None), "Increasing");
    }

    #[test]
    fn a_change_of_group_names_both_groups_with_their_sizes() {
        assert_eq!(
            group_change(
                "Adur",
                ("non-metropolitan districts", Some(GroupSize::of(163))),
                ("Adur's 15 nearest neighbours", Some(GroupSize::of(15))),
            ),
            "Peer group changed from non-metropolitan districts (163 councils besides Adur) \
             to Adur's 15 nearest neighbours (15 councils besides Adur)."
        );
        // One council, a range over several measures, and a size not known.
        assert_eq!(
            group_change(
                "Kent",
                ("a custom list of 1 council", Some(GroupSize::of(1))),
                ("county councils", GroupSize::spanning([20, 26, 21]),),
            ),
            "Peer group changed from a custom list of 1 council (1 council besides Kent) to \
             county councils (20 to 26 councils besides Kent, depending on the measure)."
        );
        assert_eq!(
            group_change(
                "Kent",
                ("county councils", None),
                ("all councils with figures", None)
            ),
            "Peer group changed from county councils to all councils with figures."
        );
    }

    #[test]
    fn a_span_of_group_sizes_is_its_smallest_and_largest() {
        assert_eq!(GroupSize::spanning([]), None);
        assert_eq!(GroupSize::spanning([7]), Some(GroupSize::of(7)));
        assert_eq!(
            GroupSize::spanning([9, 3, 12, 3]),
            Some(GroupSize {
                smallest: 3,
                largest: 12
            })
        );
    }

    #[test]
    fn every_exclusion_reads_as_a_lower_case_phrase() {
        let all = [
            ExclusionReason::TheAreaItself,
            ExclusionReason::NoService,
            ExclusionReason::Nested,
            ExclusionReason::NoContext,
            ExclusionReason::NotInForce,
        ];
        for reason in all {
            let text = exclusion(reason);
            assert!(
                text.chars().next().is_some_and(char::is_lowercase) && !text.ends_with('.'),
                "{text}"
            );
        }
    }

    #[test]
    fn every_reason_reads_as_a_clause() {
        let reasons = [
            NotCalculated::NoValues,
            NotCalculated::TooFewValues {
                needed: 4,
                found: 3,
            },
            NotCalculated::NoSpread,
            NotCalculated::NoIntervals,
            NotCalculated::EmptyGroup,
        ];
        for r in reasons {
            let text = not_calculated(r);
            assert!(
                text.chars().next().is_some_and(char::is_lowercase),
                "{text}"
            );
            assert!(!text.ends_with('.'), "{text}");
        }
        assert_eq!(
            not_calculated(NotCalculated::TooFewValues {
                needed: 4,
                found: 3
            }),
            "it needs at least 4 figures and there are 3"
        );
        // Once read "there are 1" (seen in the command line's output for a single year).
        assert_eq!(
            not_calculated(NotCalculated::TooFewValues {
                needed: 2,
                found: 1
            }),
            "it needs at least 2 figures and there is 1"
        );
        assert_eq!(
            not_calculated_note(NotCalculated::NoSpread),
            "Not calculated: every figure in the group is the same"
        );
    }
}
