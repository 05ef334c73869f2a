//! Embedding: what an embed may ask for (controls, a pinned data version, an embed id), the
//! message an iframe embed sends its host, and the two snippets the "Embed this" panel offers.
//!
//! Plain, natively tested code; the browser side (reporting the frame's height) is
//! [`report_frame_height`]. docs/embedding.md documents everything here for council web teams.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use yardstick_bundle::WebAddress;

use crate::selection::{Selection, View};
use crate::theme::Theme;
use yardstick_view::selection::encode;

/// The `type` of the message an embed page sends to its parent window.
pub const RESIZE_MESSAGE_TYPE: &str = "yardstick:resize";
/// The version of that message's format.
pub const RESIZE_MESSAGE_VERSION: u32 = 1;
/// The iframe height a snippet asks for: what a page without embed.js shows (it scrolls).
pub const FALLBACK_FRAME_HEIGHT: u32 = 800;
/// The iframe height a snippet asks for when the embed is compact (`controls=none` without
/// parts): it holds the compact comparison of a council among 36 at most widths, so a page
/// without embed.js need not trap a phone reader's scrolling inside the frame.
pub const COMPACT_FRAME_HEIGHT: u32 = 640;

pub use yardstick_view::parts::{Controls, Part, Parts};

/// The full comparison on the widget's own page (`assets`, a vetted address) for the same
/// council, measure, period, group and view, in the same bundle and version: where a compact
/// embed's "Full comparison" link and the snippets' fallback link go.
pub fn full_comparison_url(
    assets: &WebAddress,
    selection: &Selection,
    bundle: Option<&str>,
    pin: Option<&ContentHash>,
) -> String {
    let mut params = Vec::new();
    if let Some(bundle) = bundle {
        params.push(("bundle", bundle.to_owned()));
    }
    if let Some(pin) = pin {
        params.push(("pin", pin.as_str().to_owned()));
    }
    append_params(&format!("{assets}{}", selection.to_query("")), &params)
}

/// A bundle version: `sha256:` and the 64 hex digits of the manifest's content hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentHash(String);

impl ContentHash {
    /// Reads `sha256:<64 hex digits>` or the 64 digits alone, in either case.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let digits = text.strip_prefix("sha256:").unwrap_or(text);
        (digits.len() == 64 && digits.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Self(format!("sha256:{}", digits.to_ascii_lowercase())))
    }

    /// `sha256:…`, as the manifest writes it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 64 hex digits: the version's folder name in the archive.
    pub fn digits(&self) -> &str {
        self.0.strip_prefix("sha256:").unwrap_or(&self.0)
    }

    /// The first 12 digits, enough for a reader to tell versions apart.
    pub fn short(&self) -> &str {
        self.digits().get(..12).unwrap_or(self.digits())
    }
}

/// Where an archived version of a bundle lives: `versions/<digits>/` beside the bundle's
/// folder (`yardstick build --archive public/data/versions` for `public/data/demo`).
/// `bundle` is the bundle's absolute folder URL, ending in `/`.
pub fn archive_base(bundle: &str, version: &ContentHash) -> String {
    let folder = bundle.trim_end_matches('/');
    let parent = folder.rsplit_once('/').map_or(folder, |(parent, _)| parent);
    format!("{parent}/versions/{}/", version.digits())
}

/// An embed id: up to 64 letters, digits, `-` and `_`, so it is safe anywhere it is echoed.
pub fn embed_id(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    .then(|| text.to_owned())
}

/// A short id derived from what an embed shows (FNV-1a of its query), so the same view gives
/// the same id and two different views on one page do not share one.
pub fn derived_embed_id(query: &str) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in query.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("yardstick-{hash:08x}")
}

/// What an embed shows, in words: its iframe's title and its fallback link.
pub fn embed_title(view: View, metric: &str, area: Option<&str>) -> String {
    let Some(area) = area else {
        return format!("{metric}: councils compared");
    };
    match view {
        View::Overview => format!("{area}: every published measure compared with its peers"),
        View::Metric => format!("{metric}: {area} compared with its peers"),
        View::Trend => format!("{metric} over time: {area} compared with its peers"),
        View::Peers => format!("{area} and its peer group"),
        View::Map => format!("{metric}: {area} and its peers on a map"),
        View::About => format!("About the data: {metric}"),
    }
}

/// Where a figure comes from, in the words that travel with every embed. Its addresses are
/// [`WebAddress`]es: a snippet can link only to what the bundle reader vetted.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Provenance {
    pub organisation: String,
    pub source_title: String,
    /// The source's address; `None` writes the source's title without a link.
    pub source_url: Option<WebAddress>,
    pub period: Option<String>,
    /// The source's date, said for what it is (`yardstick_present::notes::source_date`).
    pub dated: Option<String>,
    pub licence_title: String,
    pub licence_url: Option<WebAddress>,
    pub attribution: Vec<String>,
    pub caveats: Vec<String>,
}

impl Provenance {
    /// One line: "Source: DEFRA, Local authority collected waste statistics, 2022-23.
    /// Accessed 19 April 2023 (publication date not given). Licence: Open Government Licence
    /// v3.0."
    pub fn source_line(&self) -> String {
        let period = self
            .period
            .as_deref()
            .map(|p| format!(", {p}"))
            .unwrap_or_default();
        format!(
            "Source: {}, {}{period}.{} Licence: {}.",
            self.organisation,
            self.source_title,
            self.dated_text(),
            self.licence_title
        )
    }

    /// " Published 3 April 2024." after the source, or nothing.
    fn dated_text(&self) -> String {
        self.dated
            .as_deref()
            .map(|d| format!(" {d}."))
            .unwrap_or_default()
    }
}

/// Everything a snippet needs.
#[derive(Debug, Clone, PartialEq)]
pub struct SnippetInput {
    /// The absolute URL of the widget's folder (where widget.js, embed.html and embed.js are).
    pub assets: WebAddress,
    /// The `data-bundle` value, when the widget does not use the default bundle.
    pub bundle: Option<String>,
    /// What is on screen.
    pub selection: Selection,
    pub controls: Controls,
    pub pin: Option<ContentHash>,
    pub theme: Theme,
    /// What the embed shows, in words: the iframe's title and the fallback link's text.
    pub title: String,
    pub provenance: Provenance,
}

impl SnippetInput {
    /// The query string of the widget's state (area, metric, period, group, view).
    fn state_query(&self) -> String {
        self.selection.to_query("")
    }

    /// The full comparison on Yardstick's own page, for links and readers without JavaScript.
    pub fn full_view_url(&self) -> String {
        full_comparison_url(&self.assets, &self.selection, self.bundle.as_deref(), None)
    }

    /// The height the iframe snippet asks for: the compact embed's, or the fallback.
    fn frame_height(&self) -> u32 {
        if Parts::default_for(self.controls).is_all() {
            FALLBACK_FRAME_HEIGHT
        } else {
            COMPACT_FRAME_HEIGHT
        }
    }

    /// The embed page's address: the state plus controls, version, theme and id.
    pub fn frame_url(&self) -> String {
        self.frame_url_and_id().0
    }

    fn frame_url_and_id(&self) -> (String, String) {
        let mut params = Vec::new();
        if let Some(bundle) = &self.bundle {
            params.push(("bundle", bundle.clone()));
        }
        params.push(("controls", self.controls.param().to_owned()));
        if let Some(pin) = &self.pin {
            params.push(("pin", pin.as_str().to_owned()));
        }
        params.extend(self.theme.params());
        let url = append_params(
            &format!("{}embed.html{}", self.assets, self.state_query()),
            &params,
        );
        let id = derived_embed_id(url.split_once('?').map_or("", |(_, q)| q));
        (append_params(&url, &[("id", id.clone())]), id)
    }

    /// The lines under every embed: what the figures are, where they come from, their
    /// caveats, and a link to the full comparison (the fallback when the embed is removed
    /// or cannot run).
    fn provenance_html(&self, indent: &str) -> String {
        let p = &self.provenance;
        let mut lines = vec![format!(
            "{indent}<p><a href=\"{}\">{}</a></p>",
            escape(&self.full_view_url()),
            escape(&self.title)
        )];
        let period = p
            .period
            .as_deref()
            .map(|period| format!(", {}", escape(period)))
            .unwrap_or_default();
        let licence = match &p.licence_url {
            Some(url) => format!(
                "<a href=\"{}\" rel=\"license\">{}</a>",
                escape(url.as_str()),
                escape(&p.licence_title)
            ),
            None => escape(&p.licence_title),
        };
        let source = match &p.source_url {
            Some(url) => format!(
                "<a href=\"{}\">{}</a>",
                escape(url.as_str()),
                escape(&p.source_title)
            ),
            None => escape(&p.source_title),
        };
        let attribution = p
            .attribution
            .iter()
            .map(|a| format!(" {}", escape(a)))
            .collect::<String>();
        lines.push(format!(
            "{indent}<p>Source: {}, {source}{period}.{} Licence: {licence}.{attribution}</p>",
            escape(&p.organisation),
            escape(&p.dated_text()),
        ));
        if !p.caveats.is_empty() {
            lines.push(format!("{indent}<ul>"));
            for caveat in &p.caveats {
                lines.push(format!("{indent}  <li>{}</li>", escape(caveat)));
            }
            lines.push(format!("{indent}</ul>"));
        }
        lines.join("\n")
    }

    /// The iframe snippet: works where a CMS removes scripts; with embed.js it fits its
    /// content, without it it keeps [`COMPACT_FRAME_HEIGHT`] (a compact embed) or
    /// [`FALLBACK_FRAME_HEIGHT`] and scrolls.
    pub fn iframe_snippet(&self) -> String {
        let (src, id) = self.frame_url_and_id();
        format!(
            "<figure class=\"yardstick-embed\">\n  <iframe src=\"{src}\" title=\"{title}\" \
             width=\"100%\" height=\"{height}\" loading=\"lazy\" \
             data-yardstick-frame=\"{id}\"></iframe>\n  <figcaption>\n{lines}\n  </figcaption>\n\
             </figure>\n<script src=\"{assets}embed.js\" async></script>",
            src = escape(&src),
            title = escape(&self.title),
            height = self.frame_height(),
            id = escape(&id),
            lines = self.provenance_html("    "),
            assets = escape(self.assets.as_str()),
        )
    }

    /// The script snippet: the widget mounts in the page itself (in a shadow root); the
    /// element's content is what readers without JavaScript see.
    pub fn script_snippet(&self) -> String {
        let mut attributes = Vec::new();
        if let Some(bundle) = &self.bundle {
            attributes.push(("data-bundle", bundle.clone()));
        }
        let s = &self.selection;
        for (name, value) in [
            ("data-area", &s.area),
            ("data-metric", &s.metric),
            ("data-period", &s.period),
            ("data-group", &s.group),
            ("data-view", &s.view),
        ] {
            if let Some(value) = value {
                attributes.push((name, value.clone()));
            }
        }
        attributes.push(("data-controls", self.controls.param().to_owned()));
        if let Some(pin) = &self.pin {
            attributes.push(("data-pin", pin.as_str().to_owned()));
        }
        for (name, value) in self.theme.params() {
            let name = match name {
                "theme" => "data-theme",
                "brand" => "data-brand",
                _ => "data-font",
            };
            attributes.push((name, value));
        }
        attributes.push(("data-url-state", "off".to_owned()));
        let attributes = attributes
            .iter()
            .map(|(name, value)| format!(" {name}=\"{}\"", escape(value)))
            .collect::<String>();
        format!(
            "<div data-yardstick{attributes}>\n{lines}\n</div>\n\
             <script type=\"module\" src=\"{assets}widget.js\"></script>",
            lines = self.provenance_html("  "),
            assets = escape(self.assets.as_str()),
        )
    }
}

/// Adds `key=value` pairs to a URL that may already have a query.
fn append_params(url: &str, params: &[(&str, String)]) -> String {
    let mut out = url.to_owned();
    for (key, value) in params {
        out.push(if out.contains('?') { '&' } else { '?' });
        out.push_str(key);
        out.push('=');
        out.push_str(&encode(value));
    }
    out
}

/// Text made safe to put between tags or in a quoted attribute (one escaper for the
/// snippets and the charts, in the presentation crate).
pub use yardstick_present::markup::escape;

/// In an embed page inside a frame, tells the parent window the page's height whenever it
/// changes, as `{type: "yardstick:resize", version: 1, id, height}` (see docs/embedding.md).
/// The message carries nothing private, so it is posted to any origin; the host's embed.js
/// checks which frame and origin it came from.
pub fn report_frame_height(id: Option<String>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if parent == window {
        return;
    }
    let Some(root) = window.document().and_then(|d| d.document_element()) else {
        return;
    };
    let last = Rc::new(Cell::new(0_u32));
    let measured = root.clone();
    let send = move || {
        let height = measured.get_bounding_client_rect().height().ceil();
        // A page is never taller than a few hundred thousand pixels; anything else is noise.
        if !(height.is_finite() && height > 0.0 && height < 1_000_000.0) {
            return;
        }
        let height = height as u32;
        if height == last.get() {
            return;
        }
        last.set(height);
        let message = js_sys::Object::new();
        let set = |key: &str, value: wasm_bindgen::JsValue| {
            let _ = js_sys::Reflect::set(&message, &key.into(), &value);
        };
        set("type", RESIZE_MESSAGE_TYPE.into());
        set("version", RESIZE_MESSAGE_VERSION.into());
        set("id", id.clone().unwrap_or_default().into());
        set("height", height.into());
        let _ = parent.post_message(&message, "*");
    };
    send();
    let callback = Closure::<dyn FnMut()>::new(send);
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&root);
        // The observer and its callback live as long as the page.
        std::mem::forget(observer);
        callback.forget();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "sha256:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    fn input() -> SnippetInput {
        SnippetInput {
            assets: WebAddress::parse("https://council.example/yardstick/").unwrap(),
            bundle: None,
            selection: Selection {
                area: Some("E08000009".to_owned()),
                metric: Some("household-waste-recycling-rate".to_owned()),
                view: Some("trend".to_owned()),
                ..Selection::default()
            },
            controls: Controls::None,
            pin: None,
            theme: Theme::default(),
            title: "Household waste recycling rate: Trafford compared with its peers".to_owned(),
            provenance: Provenance {
                organisation: "DEFRA".to_owned(),
                source_title: "Local authority collected waste statistics".to_owned(),
                source_url: WebAddress::parse(
                    "https://www.gov.uk/government/statistical-data-sets/env18",
                )
                .ok(),
                period: Some("2022-23".to_owned()),
                dated: Some("Accessed 19 April 2023 (publication date not given)".to_owned()),
                licence_title: "Open Government Licence v3.0".to_owned(),
                licence_url: WebAddress::parse(
                    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
                )
                .ok(),
                attribution: vec![],
                caveats: vec!["Figures for 2022-23 are <provisional> & may change.".to_owned()],
            },
        }
    }

    #[test]
    fn controls_and_hashes_parse_strictly() {
        for controls in Controls::ALL {
            assert_eq!(Controls::parse(controls.param()), Some(controls));
        }
        assert_eq!(Controls::parse("everything"), None);
        let hash = ContentHash::parse(HASH).unwrap();
        assert_eq!(hash.as_str(), HASH);
        assert_eq!(
            ContentHash::parse(&HASH[7..].to_uppercase()),
            Some(hash.clone())
        );
        assert_eq!(hash.short(), "001122334455");
        for bad in ["", "sha256:", &HASH[..70], "sha256:../../x", "md5:0011"] {
            assert_eq!(ContentHash::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn parts_are_read_from_a_list_and_default_by_controls() {
        let check = |text: &str, expected: Option<[bool; 3]>| {
            let shown = Parts::parse(text).map(|parts| {
                [Part::Table, Part::Statistics, Part::Distribution].map(|p| parts.shows(p))
            });
            assert_eq!(shown, expected, "{text}");
        };
        check("table", Some([true, false, false]));
        check(" statistics , distribution", Some([false, true, true]));
        check("table,statistics,distribution", Some([true, true, true]));
        check("all", Some([true, true, true]));
        check("none", Some([false, false, false]));
        // Unknown names are skipped; a list of nothing known leaves the default.
        check("table,map", Some([true, false, false]));
        check("map", None);
        check("", None);
        assert!(Parts::parse("all").is_some_and(Parts::is_all));
        assert_eq!(Parts::default_for(Controls::None), Parts::NONE);
        assert_eq!(Parts::default_for(Controls::Picker), Parts::ALL);
        assert_eq!(Parts::default_for(Controls::Full), Parts::ALL);
    }

    #[test]
    fn the_full_comparison_is_the_widgets_own_page_with_the_same_selection() {
        let assets = WebAddress::parse("https://council.example/yardstick/").unwrap();
        let selection = Selection::from_query("?area=E08000009&metric=recycling&group=region");
        let pin = ContentHash::parse(HASH);
        assert_eq!(
            full_comparison_url(&assets, &selection, Some("data/other/"), pin.as_ref()),
            format!(
                "https://council.example/yardstick/?area=E08000009&metric=recycling&group=region\
                 &bundle=data%2Fother%2F&pin={}",
                HASH
            )
        );
        assert_eq!(
            full_comparison_url(&assets, &Selection::default(), None, None),
            "https://council.example/yardstick/"
        );
    }

    #[test]
    fn an_archived_version_sits_beside_the_bundle() {
        let hash = ContentHash::parse(HASH).unwrap();
        assert_eq!(
            archive_base("https://c.example/y/data/demo/", &hash),
            format!("https://c.example/y/data/versions/{}/", hash.digits())
        );
        assert_eq!(
            archive_base("https://c.example/y/data/demo", &hash),
            format!("https://c.example/y/data/versions/{}/", hash.digits())
        );
    }

    #[test]
    fn titles_name_the_view_the_measure_and_the_council() {
        let title = |view| embed_title(view, "Recycling rate", Some("Trafford"));
        assert_eq!(
            title(View::Metric),
            "Recycling rate: Trafford compared with its peers"
        );
        assert_eq!(
            title(View::Trend),
            "Recycling rate over time: Trafford compared with its peers"
        );
        assert_eq!(title(View::Peers), "Trafford and its peer group");
        assert_eq!(
            embed_title(View::Metric, "Recycling rate", None),
            "Recycling rate: councils compared"
        );
    }

    #[test]
    fn embed_ids_are_safe_to_echo() {
        assert_eq!(embed_id(" recycling-1 ").as_deref(), Some("recycling-1"));
        for bad in ["", "a b", "<x>", "\"", &"a".repeat(65)] {
            assert_eq!(embed_id(bad), None, "{bad}");
        }
        assert_eq!(derived_embed_id("a=1"), derived_embed_id("a=1"));
        assert_ne!(derived_embed_id("a=1"), derived_embed_id("a=2"));
        assert!(embed_id(&derived_embed_id("anything")).is_some());
    }

    /// Every `href` and `src` in both snippets: what a council's page will load or link to.
    fn addresses(snippet: &str) -> Vec<String> {
        ["href=\"", "src=\""]
            .iter()
            .flat_map(|attribute| snippet.split(attribute).skip(1))
            .map(|rest| rest.split('"').next().unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn snippets_link_only_to_web_addresses() {
        let mut no_source_link = input();
        no_source_link.provenance.source_url = None;
        no_source_link.provenance.licence_url = None;
        for input in [input(), no_source_link.clone()] {
            for snippet in [input.iframe_snippet(), input.script_snippet()] {
                let found = addresses(&snippet);
                assert!(found.len() >= 2, "{snippet}");
                for address in found {
                    assert!(
                        address.starts_with("https://council.example/yardstick/")
                            || address.starts_with("https://www.gov.uk/")
                            || address.starts_with("https://www.nationalarchives.gov.uk/"),
                        "{address} in {snippet}"
                    );
                }
            }
        }
        // Without vetted addresses the source and licence are named, not linked.
        let script = no_source_link.script_snippet();
        assert!(script.contains(
            "Source: DEFRA, Local authority collected waste statistics, 2022-23. Accessed 19 \
                 April 2023 (publication date not given). Licence:"
        ));
        assert!(script.contains("Licence: Open Government Licence v3.0."));
        assert_eq!(addresses(&script).len(), 2, "the full view and widget.js");
    }

    #[test]
    fn the_iframe_snippet_carries_state_controls_version_and_provenance() {
        let mut input = input();
        input.pin = ContentHash::parse(HASH);
        let snippet = input.iframe_snippet();
        let src = input.frame_url();
        assert!(src.starts_with(
            "https://council.example/yardstick/embed.html?area=E08000009&metric=household-waste-recycling-rate&view=trend&controls=none&pin=sha256:0011"
        ), "{src}");
        let id = src.rsplit_once("&id=").unwrap().1;
        assert!(
            snippet.contains(&format!("data-yardstick-frame=\"{id}\"")),
            "{snippet}"
        );
        // The view only, without parts: the compact embed's height.
        assert!(snippet.contains("height=\"640\""), "{snippet}");
        input.controls = Controls::Picker;
        assert!(input.iframe_snippet().contains("height=\"800\""));
        assert!(snippet.contains(
            "<script src=\"https://council.example/yardstick/embed.js\" async></script>"
        ));
        assert!(snippet.contains(
            "title=\"Household waste recycling rate: Trafford compared with its peers\""
        ));
        assert!(snippet.contains("Source: DEFRA, <a href=\"https://www.gov.uk/government/statistical-data-sets/env18\">Local authority collected waste statistics</a>, 2022-23."));
        // Text from the bundle is escaped, never markup.
        assert!(
            snippet.contains("&lt;provisional&gt; &amp; may change."),
            "{snippet}"
        );
        assert!(!snippet.contains("<provisional>"));
        assert!(snippet.contains(
            "<a href=\"https://council.example/yardstick/?area=E08000009&amp;metric=household-waste-recycling-rate&amp;view=trend\">"
        ), "{snippet}");
    }

    #[test]
    fn the_script_snippet_names_everything_in_data_attributes() {
        let mut input = input();
        input.bundle = Some("data/other bundle/".to_owned());
        input.theme = Theme::from_values(Some("dark"), Some("#00703c"), Some("arial"));
        let snippet = input.script_snippet();
        assert!(snippet.starts_with(
            "<div data-yardstick data-bundle=\"data/other bundle/\" data-area=\"E08000009\" \
             data-metric=\"household-waste-recycling-rate\" data-view=\"trend\" data-controls=\"none\" \
             data-theme=\"dark\" data-brand=\"#00703c\" data-font=\"arial\" data-url-state=\"off\">"
        ), "{snippet}");
        assert!(snippet.ends_with(
            "<script type=\"module\" src=\"https://council.example/yardstick/widget.js\"></script>"
        ));
        assert!(snippet.contains("?area=E08000009&amp;metric=household-waste-recycling-rate&amp;view=trend&amp;bundle=data%2Fother%20bundle%2F"), "{snippet}");
    }

    #[test]
    fn a_hostile_title_cannot_break_out_of_an_attribute() {
        let mut input = input();
        input.title = "\"><script>alert(1)</script>".to_owned();
        let snippet = input.iframe_snippet();
        assert!(!snippet.contains("<script>alert"));
        assert!(snippet.contains("title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""));
    }
}
