//! How every statistic is worked out, in the words the About view, `yardstick methods` and
//! docs/methods.md all use (a test checks that the document carries each one verbatim).

/// One method: a term and its explanation in plain English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Method {
    /// The term, as a heading ("Better, similar or worse").
    pub term: &'static str,
    /// What it means and how it is worked out, with its source.
    pub explanation: &'static str,
}

/// Every method, in the order a reader meets them.
pub const METHODS: &[Method] = &[
    Method {
        term: "Peer group",
        explanation: "The councils a council is compared with. Only councils responsible for \
            the service are included, and for a service only councils in force in the period. \
            “Same type” means councils of the same kind (for example metropolitan districts). \
            Published groups are the Department for Education's statistical neighbours and the \
            Office for National Statistics' similar areas; a group built for another service is \
            marked as such. Nearest neighbours are worked out here from the context variables \
            you can see and change: each variable is standardised (z-score, or median and \
            median absolute deviation), optionally log-transformed, and councils are ranked by \
            weighted Euclidean or Mahalanobis distance. A county and its own districts are \
            never each other's peers.",
    },
    Method {
        term: "Median and quartiles",
        explanation: "The median is the middle value of the group, including the council \
            itself. Quartiles use linear interpolation between ordered values (Hyndman and \
            Fan's type 7, as R, NumPy and Fingertips do); they need at least four values.",
    },
    Method {
        term: "Confidence intervals",
        explanation: "Where the publisher gives limits, they are used as published. \
            Otherwise, from published counts: Wilson score intervals for proportions; exact \
            Poisson limits for fewer than 10 events and Byar's approximation above that for \
            counts, rates and ratios; Dobson's method for directly standardised rates; \
            Student's t for means. Levels are 95% and 99.8%, as in Fingertips.",
    },
    Method {
        term: "Better, similar or worse: the interval test",
        explanation: "Where the publisher gives confidence intervals or the counts to work \
            them out, a council is called better or worse than its group median only when the \
            median lies outside the council's 95% confidence interval (and at the 99.8% level \
            when it also lies outside the 99.8% interval); otherwise it is similar. This is the \
            Office for Health Improvement and Disparities' Fingertips method. It is a \
            statistical test, and the verdict says so: “by the confidence-interval test”.",
    },
    Method {
        term: "Above, close to or below the median: the distance rule",
        explanation: "Where there is no interval and no count, a council is described as well \
            above or well below its group median when its figure is more than one scaled \
            median absolute deviation (1.4826 times the median of every member's distance from \
            the median) away from it, and close to the median otherwise, as the Office for \
            National Statistics' Explore Local Statistics does; the Office for Local \
            Government used median absolute deviations in the same way. The rule needs a group \
            of at least four figures. It describes where a figure sits and is not a \
            statistical test; the verdict says so: “by the distance rule”. Where one direction \
            is better, the verdict says which side the figure is on.",
    },
    Method {
        term: "Not compared",
        explanation: "Only when nothing can be said: the council has no figure (and Yardstick \
            says why: the measure covers another nation, another tier of council provides the \
            service, or the figure was suppressed or not published), or the group has fewer \
            than four figures and no interval test is possible.",
    },
    Method {
        term: "Change since the previous period",
        explanation: "The difference between the latest figure and the one for the period \
            before it, in the measure's unit (percentage points for percentages). One change \
            is not a trend, so it is told as up, down or no change, never as better or worse.",
    },
    Method {
        term: "Recent trend",
        explanation: "Improving or getting worse is said only when a test finds a trend in the \
            last five periods. With counts, the Cochran–Armitage test for trend in \
            proportions; with confidence intervals, weighted least squares; both at the 99.8% \
            level and only if the slope keeps its sign when any one of the five points is left \
            out, as Fingertips does. With neither, the Mann–Kendall test on the five values \
            (Mann 1945; Kendall 1975) with its exact probability at the 5% level, which five \
            points reach only when every figure is higher, or every one lower, than the one \
            before; its slope is Sen's. Periods that overlap (rolling three-year figures) are \
            not independent, so the trend and the change use only periods that do not overlap.",
    },
    Method {
        term: "Not a league table",
        explanation: "Yardstick describes values (how many councils have a higher or lower \
            figure) and says better or worse only by the test or rule it names. A single \
            measure never describes a whole council: local choices, context and the caveats \
            matter.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_method_is_a_sentence_in_british_english() {
        for method in METHODS {
            assert!(method.explanation.ends_with('.'), "{}", method.term);
            for american in ["color", "neighbor", "program ", "center", "analyze"] {
                assert!(
                    !method.explanation.contains(american),
                    "{}: {american}",
                    method.term
                );
            }
        }
    }

    /// docs/methods.md carries every explanation word for word, so the document, the About
    /// view and the command line cannot drift apart.
    #[test]
    fn the_methods_document_says_the_same() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/methods.md");
        let document = std::fs::read_to_string(path).unwrap_or_default();
        assert!(!document.is_empty(), "{path} is missing");
        let flat = document.split_whitespace().collect::<Vec<_>>().join(" ");
        for method in METHODS {
            assert!(
                flat.contains(method.explanation),
                "docs/methods.md lacks the explanation of “{}”",
                method.term
            );
        }
    }
}
