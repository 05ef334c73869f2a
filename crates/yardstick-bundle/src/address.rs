//! Web addresses that a bundle may carry: the only addresses that reach a page.
//!
//! A bundle is data, not code. Every address in it (a source's, a licence's, a published peer
//! group's) is read into a [`WebAddress`], which exists only for an absolute `https://` or
//! `http://` address with a host and no control character, space or backslash. The widget's
//! links, its downloads and both embed snippets take this type, so a hostile bundle cannot
//! put `javascript:`, `data:`, `vbscript:` or protocol-relative (`//host/`) links anywhere.
//! docs/schema/ carries the same rule as [`WEB_ADDRESS_PATTERN`].

use std::fmt;

/// The longest address accepted, in bytes: well above any publisher's, far below harm.
pub const MAX_WEB_ADDRESS_BYTES: usize = 2_048;

/// The rule as a JSON Schema (ECMA-262) pattern, for docs/schema/ (a test keeps them equal).
pub const WEB_ADDRESS_PATTERN: &str =
    r"^https?://[^\s\u0000-\u001f\u007f-\u009f/?#\\][^\s\u0000-\u001f\u007f-\u009f\\]*$";

/// An absolute `https:` or `http:` address, checked when it was read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WebAddress(String);

/// Why a text is not a [`WebAddress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressProblem {
    /// It does not start with `https://` or `http://` (in lower case, with nothing before).
    NotWeb,
    /// Nothing, or a path, query or fragment, follows `//`: there is no host.
    NoHost,
    /// It holds a space, a control character or a backslash.
    ForbiddenCharacter,
    /// It is longer than [`MAX_WEB_ADDRESS_BYTES`].
    TooLong,
}

impl fmt::Display for AddressProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotWeb => "is not an absolute address starting https:// or http://",
            Self::NoHost => "names no host after https:// or http://",
            Self::ForbiddenCharacter => "contains a space, a control character or a backslash",
            Self::TooLong => "is longer than 2,048 bytes",
        })
    }
}

impl WebAddress {
    /// Reads an address, exactly as given: no trimming, no case folding.
    ///
    /// ```
    /// use yardstick_bundle::WebAddress;
    ///
    /// assert!(WebAddress::parse("https://www.ons.gov.uk/x?y=1#z").is_ok());
    /// for hostile in ["javascript:alert(1)", " https://a.example", "//evil.example/", "HTTPS://a.example"] {
    ///     assert!(WebAddress::parse(hostile).is_err(), "{hostile}");
    /// }
    /// ```
    pub fn parse(text: &str) -> Result<Self, AddressProblem> {
        if text.len() > MAX_WEB_ADDRESS_BYTES {
            return Err(AddressProblem::TooLong);
        }
        if text
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
        {
            return Err(AddressProblem::ForbiddenCharacter);
        }
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
            .ok_or(AddressProblem::NotWeb)?;
        match rest.chars().next() {
            None | Some('/' | '?' | '#') => Err(AddressProblem::NoHost),
            Some(_) => Ok(Self(text.to_owned())),
        }
    }

    /// The address as it was published.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for WebAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::{AddressProblem, MAX_WEB_ADDRESS_BYTES, WebAddress};

    #[test]
    fn publishers_addresses_are_kept_exactly() {
        for address in [
            "https://www.gov.uk/government/statistical-data-sets/env18-local-authority-collected-waste-annual-results-tables",
            "http://example.org",
            "https://explore-education-statistics.service.gov.uk/find-statistics/x?a=1&b=2#part",
            "https://user@host.example:8443/p",
        ] {
            assert_eq!(
                WebAddress::parse(address).map(|a| a.0),
                Ok(address.to_owned())
            );
        }
    }

    #[test]
    fn every_other_scheme_and_disguise_is_refused() {
        let cases = [
            ("javascript:alert(1)", AddressProblem::NotWeb),
            ("JaVaScRiPt:alert(1)", AddressProblem::NotWeb),
            (" javascript:alert(1)", AddressProblem::ForbiddenCharacter),
            ("\tjavascript:alert(1)", AddressProblem::ForbiddenCharacter),
            ("java\nscript:alert(1)", AddressProblem::ForbiddenCharacter),
            (
                "data:text/html,<script>alert(1)</script>",
                AddressProblem::NotWeb,
            ),
            ("vbscript:msgbox(1)", AddressProblem::NotWeb),
            ("//evil.example/", AddressProblem::NotWeb),
            ("/relative/path", AddressProblem::NotWeb),
            ("HTTPS://www.gov.uk/", AddressProblem::NotWeb),
            (" https://www.gov.uk/", AddressProblem::ForbiddenCharacter),
            ("https://www.gov.uk/ ", AddressProblem::ForbiddenCharacter),
            ("https:///evil.example", AddressProblem::NoHost),
            ("https://", AddressProblem::NoHost),
            ("https:evil.example", AddressProblem::NotWeb),
            ("https:\\\\evil.example", AddressProblem::ForbiddenCharacter),
            (
                "https://evil.example\\@good.example",
                AddressProblem::ForbiddenCharacter,
            ),
            (
                "https://a.example/\u{0085}",
                AddressProblem::ForbiddenCharacter,
            ),
            (
                "https://a.example/\u{00a0}",
                AddressProblem::ForbiddenCharacter,
            ),
            ("", AddressProblem::NotWeb),
        ];
        for (text, problem) in cases {
            assert_eq!(WebAddress::parse(text), Err(problem), "{text:?}");
        }
    }

    #[test]
    fn length_is_bounded() {
        let long = format!("https://a.example/{}", "x".repeat(MAX_WEB_ADDRESS_BYTES));
        assert_eq!(WebAddress::parse(&long), Err(AddressProblem::TooLong));
        let fits = format!(
            "https://a.example/{}",
            "x".repeat(MAX_WEB_ADDRESS_BYTES - 18)
        );
        assert!(WebAddress::parse(&fits).is_ok());
    }
}
