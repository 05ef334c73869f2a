//! What the reader has chosen, and how it is written in the page's URL.
//!
//! A plain struct, natively tested; `state.rs` wraps it in a signal and keeps it in step with the
//! browser's history, so a link reproduces the view and back and forward work.

/// The parameters Yardstick owns in a query string. Anything else (a CMS's own parameters) is
/// kept as it was.
const OWN_KEYS: [&str; 5] = ["area", "metric", "period", "group", "view"];

/// The reader's choices. `None` means "not chosen": the widget falls back to its defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// GSS code of the council the view is about.
    pub area: Option<String>,
    /// Metric id from the bundle's manifest.
    pub metric: Option<String>,
    /// Period id; the metric's latest period when absent.
    pub period: Option<String>,
    /// Peer group spec (see `yardstick_stats`); councils of the same type when absent.
    pub group: Option<String>,
    /// Which view is shown.
    pub view: Option<String>,
}

impl Selection {
    /// Reads a query string such as `?area=E08000009&metric=household-recycling-rate`.
    /// Blank values count as absent; the last of repeated keys wins.
    pub fn from_query(query: &str) -> Self {
        Self::read(|key| query_value(query, key))
    }

    /// Reads each choice through `get`, which answers for a parameter's name (`area`,
    /// `metric`, `period`, `group`, `view`) from a query string or an element's attributes.
    pub fn read(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            area: get("area"),
            metric: get("metric"),
            period: get("period"),
            group: get("group"),
            view: get("view"),
        }
    }

    /// Writes the selection into `existing` (a query string, with or without `?`), keeping
    /// every parameter that is not Yardstick's in its place. Returns `?…`, or "" when empty.
    pub fn to_query(&self, existing: &str) -> String {
        let mut out: Vec<String> = pairs(existing)
            .into_iter()
            .filter(|(key, _)| !OWN_KEYS.contains(&key.as_str()))
            .map(|(key, value)| format!("{}={}", encode(&key), encode(&value)))
            .collect();
        let own = [
            ("area", &self.area),
            ("metric", &self.metric),
            ("period", &self.period),
            ("group", &self.group),
            ("view", &self.view),
        ];
        for (key, value) in own {
            if let Some(value) = value {
                out.push(format!("{key}={}", encode(value)));
            }
        }
        if out.is_empty() {
            String::new()
        } else {
            format!("?{}", out.join("&"))
        }
    }
}

/// The value of `key` in a query string, decoded: the last one that is not blank, as a link
/// that repeats a parameter means its last.
pub fn query_value(query: &str, key: &str) -> Option<String> {
    pairs(query)
        .into_iter()
        .rev()
        .find(|(k, value)| k == key && !value.trim().is_empty())
        .map(|(_, value)| value)
}

/// Splits a query string into decoded key/value pairs.
fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// Percent-decodes form-encoded text (`+` is a space); malformed escapes are kept as written.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'+' => out.push(b' '),
            b'%' => {
                // Two hex digits exactly, as the URL standard reads them (`from_str_radix`
                // alone would also take a sign: `%+1`).
                let hex = bytes
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(value) => {
                        out.push(value);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes everything but unreserved characters and the `:` and `,` of group specs, so
/// shared links stay readable (`group=list:E08000009,E08000010`).
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b':' | b',' => {
                out.push(char::from(byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Selection;

    fn check(query: &str, expected: Selection) {
        assert_eq!(Selection::from_query(query), expected, "reading {query:?}");
    }

    fn area_metric(area: &str, metric: &str) -> Selection {
        Selection {
            area: Some(area.to_owned()),
            metric: Some(metric.to_owned()),
            ..Selection::default()
        }
    }

    #[test]
    fn reads_the_documented_parameters() {
        check(
            "?area=E08000009&metric=household-recycling-rate",
            area_metric("E08000009", "household-recycling-rate"),
        );
        check("", Selection::default());
        check("?", Selection::default());
        check("area=&metric=x", area_metric("", "x").with_area(None));
        // Blank is absent, and a blank repeat does not hide the value before it.
        check("?area=%20+&metric=x", area_metric("", "x").with_area(None));
        check("?metric=x&metric=", area_metric("", "x").with_area(None));
    }

    #[test]
    fn decodes_escapes_and_ignores_unknown_keys() {
        check(
            "?utm_source=x&area=E08000009&metric=a%2Cb+c&area=E06000001",
            area_metric("E06000001", "a,b c"),
        );
        check("?area=%ZZ", area_metric("%ZZ", "").with_metric(None));
        // A sign is not a hex digit: `%+1` is the three characters, with `+` read as a space.
        check("?area=%+1", area_metric("% 1", "").with_metric(None));
    }

    #[test]
    fn writing_keeps_foreign_parameters_and_round_trips() {
        let selection = Selection {
            group: Some("nearest:15;scale=robust".to_owned()),
            ..area_metric("E08000009", "recycling & reuse")
        };
        let query = selection.to_query("?page=42&area=E06000001");
        assert_eq!(
            query,
            "?page=42&area=E08000009&metric=recycling%20%26%20reuse&group=nearest:15%3Bscale%3Drobust"
        );
        assert_eq!(Selection::from_query(&query), selection);
    }

    #[test]
    fn an_empty_selection_writes_nothing_of_its_own() {
        assert_eq!(Selection::default().to_query("?area=E1"), "");
        assert_eq!(Selection::default().to_query("?a=1"), "?a=1");
    }

    impl Selection {
        fn with_area(mut self, area: Option<&str>) -> Self {
            self.area = area.map(str::to_owned);
            self
        }
        fn with_metric(mut self, metric: Option<&str>) -> Self {
            self.metric = metric.map(str::to_owned);
            self
        }
    }
}

/// The views a reader can switch between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    /// Every metric for one council, grouped by theme.
    Overview,
    /// One metric: the council among its peers.
    Metric,
    /// One metric over time against the group.
    Trend,
    /// Who is in the peer group, and why.
    Peers,
    /// One metric on a map: every council of the tier, the group outlined.
    Map,
    /// Sources, licences, caveats and methods.
    About,
}

impl View {
    /// Every view, in the order of the tabs.
    pub const ALL: [View; 6] = [
        View::Overview,
        View::Metric,
        View::Trend,
        View::Map,
        View::Peers,
        View::About,
    ];

    /// Reads the `view` parameter; absent or unknown values give the metric view.
    pub fn from_param(param: Option<&str>) -> Self {
        param.and_then(Self::parse).unwrap_or(Self::Metric)
    }

    /// The view a parameter names, if it names one.
    pub fn parse(param: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|view| view.param() == param)
    }

    /// The value written to the URL.
    pub fn param(self) -> &'static str {
        match self {
            Self::Overview => "overview",
            Self::Metric => "metric",
            Self::Trend => "trend",
            Self::Peers => "peers",
            Self::Map => "map",
            Self::About => "about",
        }
    }

    /// The tab's label.
    pub fn title(self) -> &'static str {
        match self {
            Self::Overview => "All measures",
            Self::Metric => "Compare",
            Self::Trend => "Over time",
            Self::Peers => "Peer group",
            Self::Map => "Map",
            Self::About => "About the data",
        }
    }
}

#[cfg(test)]
mod view_tests {
    use super::View;

    #[test]
    fn every_view_round_trips_through_its_parameter() {
        for view in View::ALL {
            assert_eq!(View::from_param(Some(view.param())), view);
        }
        assert_eq!(View::from_param(None), View::Metric);
        assert_eq!(View::from_param(Some("<script>")), View::Metric);
        assert_eq!(View::parse("Trend"), None);
    }
}
