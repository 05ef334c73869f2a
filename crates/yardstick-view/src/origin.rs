//! Where a widget may read a bundle from: the rule for `data-bundle` and the `bundle` URL
//! parameter, as a pure function.
//!
//! A bundle is read from the widget's own site (the origin of widget.js), so that a link cannot
//! dress someone else's figures in a council's name. A relative reference (`data/demo/`,
//! `../other/`, `/figures/`) is resolved against the widget's files and cannot leave their
//! origin. An absolute address is read only when it is a [`WebAddress`] on the widget's own
//! origin or on an origin the host page lists in `data-bundle-origins` (docs/embedding.md).
//! Everything else (`//host/`, `javascript:`, `data:`, a backslash, a control character) is
//! refused before any request is made, and the widget says why.

use std::fmt;

use yardstick_bundle::WebAddress;

/// What a bundle reference may be read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleSource {
    /// A path to resolve against the widget's own folder: it stays on the widget's origin.
    Relative(String),
    /// An absolute address on an allowed origin.
    Absolute(WebAddress),
}

/// Why a bundle reference was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// `//host/…`: another host, written without a scheme.
    OtherHostWithoutScheme,
    /// A scheme other than `https:` or `http:`, or an address that is not a [`WebAddress`].
    NotWeb,
    /// A space, a control character or a backslash, which browsers read in surprising ways.
    ForbiddenCharacter,
    /// A web address on an origin the page has not allowed.
    OtherOrigin(String),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::OtherHostWithoutScheme | Self::OtherOrigin(_) => f.write_str(
                "it is on another site than this widget, and the page has not allowed that site",
            ),
            Self::NotWeb => f.write_str("it is not a web address or a path"),
            Self::ForbiddenCharacter => {
                f.write_str("it contains a space, a control character or a backslash")
            }
        }
    }
}

/// Decides whether `written` (a `data-bundle` value or `bundle` parameter) may be read by a
/// widget whose files are at `assets`, on a page that allows the origins `allowed` (the
/// `data-bundle-origins` attribute, split on spaces).
pub fn bundle_source(
    written: &str,
    assets: &str,
    allowed: &[String],
) -> Result<BundleSource, Refusal> {
    let written = written.trim_matches(|c: char| c.is_ascii_whitespace());
    if written
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return Err(Refusal::ForbiddenCharacter);
    }
    if written.starts_with("//") {
        return Err(Refusal::OtherHostWithoutScheme);
    }
    if scheme(written).is_none() {
        return Ok(BundleSource::Relative(written.to_owned()));
    }
    let address = WebAddress::parse(written).map_err(|_| Refusal::NotWeb)?;
    let wanted = origin(address.as_str()).ok_or(Refusal::NotWeb)?;
    let permitted = origin(assets).as_deref() == Some(wanted.as_str())
        || allowed
            .iter()
            .filter_map(|entry| origin(entry.trim_end_matches('/')))
            .any(|entry| entry == wanted);
    if permitted {
        Ok(BundleSource::Absolute(address))
    } else {
        Err(Refusal::OtherOrigin(wanted))
    }
}

/// The scheme of an absolute reference (`https` of `https://…`, `javascript` of
/// `javascript:…`), or `None` for a relative one. As in the URL standard, a scheme is a letter
/// followed by letters, digits, `+`, `-` and `.`, before the first `:`.
fn scheme(reference: &str) -> Option<&str> {
    let (scheme, _) = reference.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// `https://host[:port]` of a web address, in lower case, without a default port; `None` for
/// anything else, and for an address with user information (`https://a@b/`), which reads as
/// one host and goes to another.
fn origin(address: &str) -> Option<String> {
    let address = WebAddress::parse(address).ok()?;
    let (scheme, rest) = address.as_str().split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let host = authority.strip_suffix(default_port).unwrap_or(&authority);
    Some(format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::{BundleSource, Refusal, bundle_source, origin};
    use yardstick_bundle::WebAddress;

    const ASSETS: &str = "https://council.example/yardstick/";

    fn relative(text: &str) -> Result<BundleSource, Refusal> {
        Ok(BundleSource::Relative(text.to_owned()))
    }

    #[test]
    fn paths_stay_on_the_widgets_site() {
        for path in [
            "data/demo/",
            "../figures/",
            "/figures/2024/",
            "./x",
            "data/demo",
        ] {
            assert_eq!(bundle_source(path, ASSETS, &[]), relative(path), "{path}");
        }
        assert_eq!(
            bundle_source("  data/demo/\n", ASSETS, &[]),
            relative("data/demo/")
        );
    }

    #[test]
    fn other_sites_and_other_schemes_are_refused() {
        let cases = [
            (
                "https://evil.example/",
                Refusal::OtherOrigin("https://evil.example".into()),
            ),
            ("//evil.example/", Refusal::OtherHostWithoutScheme),
            ("javascript:alert(1)", Refusal::NotWeb),
            ("JaVaScRiPt:alert(1)", Refusal::NotWeb),
            ("data:application/json,{}", Refusal::NotWeb),
            ("vbscript:x", Refusal::NotWeb),
            ("HTTPS://council.example/data/", Refusal::NotWeb),
            ("https://council.example@evil.example/", Refusal::NotWeb),
            ("/\\evil.example/", Refusal::ForbiddenCharacter),
            ("\\\\evil.example/", Refusal::ForbiddenCharacter),
            ("/\t/evil.example/", Refusal::ForbiddenCharacter),
            ("java\nscript:alert(1)", Refusal::ForbiddenCharacter),
            (
                "https://council.example.evil.example/",
                Refusal::OtherOrigin("https://council.example.evil.example".into()),
            ),
            (
                "http://council.example/data/",
                Refusal::OtherOrigin("http://council.example".into()),
            ),
            (
                "https://council.example:8443/data/",
                Refusal::OtherOrigin("https://council.example:8443".into()),
            ),
        ];
        for (written, refusal) in cases {
            assert_eq!(
                bundle_source(written, ASSETS, &[]),
                Err(refusal),
                "{written:?}"
            );
        }
    }

    #[test]
    fn the_widgets_own_origin_and_allowed_origins_are_read() {
        let absolute = |text: &str| Ok(BundleSource::Absolute(WebAddress::parse(text).unwrap()));
        let own = "https://council.example:443/other/data/";
        assert_eq!(bundle_source(own, ASSETS, &[]), absolute(own));
        let allowed = vec!["https://data.council.example/".to_owned()];
        let remote = "https://DATA.council.example/bundle/";
        assert_eq!(bundle_source(remote, ASSETS, &allowed), absolute(remote));
        assert!(bundle_source("https://evil.example/", ASSETS, &allowed).is_err());
        // An allowed entry must itself be an origin of a web address.
        let careless = vec!["javascript:x".to_owned(), "evil.example".to_owned()];
        assert!(bundle_source("https://evil.example/", ASSETS, &careless).is_err());
    }

    #[test]
    fn origins_are_normalised() {
        assert_eq!(
            origin("https://A.Example:443/x").as_deref(),
            Some("https://a.example")
        );
        assert_eq!(
            origin("http://a.example:80").as_deref(),
            Some("http://a.example")
        );
        assert_eq!(
            origin("http://a.example:8080/").as_deref(),
            Some("http://a.example:8080")
        );
        assert_eq!(origin("https://u@a.example/"), None);
        assert_eq!(origin("file:///x"), None);
    }
}
