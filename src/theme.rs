//! Theming an embed: a brand colour, a font and light or dark, from `data-` attributes or URL
//! parameters.
//!
//! Everything a council passes in is validated here and nothing else reaches the page: a
//! colour must parse as one (`#1d70b8`, `1d70b8`, `#17b`, `rgb(29 112 184)`), a font must be one
//! of [`Font`]'s known stacks, and a brand colour is darkened or lightened until its contrast
//! with the background is at least 4.5:1 (WCAG 2.2, 1.4.3 AA), so a pale brand can never make
//! links unreadable. The widget applies the result as CSS custom properties through the CSSOM
//! (`style.setProperty`), which a Content Security Policy without `'unsafe-inline'` allows.

/// The widget's light background (`--ys-background` in style/yardstick.css).
pub const LIGHT_BACKGROUND: Rgb = Rgb::new(0xff, 0xff, 0xff);
/// The widget's dark background (`--ys-background` of the dark theme in style/embed.css).
pub const DARK_BACKGROUND: Rgb = Rgb::new(0x0b, 0x0c, 0x0c);
/// WCAG 2.2 AA contrast for normal text.
pub const AA_TEXT_CONTRAST: f64 = 4.5;

/// A colour in sRGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Rgb {
    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// Reads `#rrggbb`, `#rgb`, the same without `#` (handy in a URL), or `rgb(r, g, b)` /
    /// `rgb(r g b)` with components 0 to 255. Anything else (names, `url(...)`, `var(...)`,
    /// alpha) is refused.
    #[allow(clippy::disallowed_methods, reason = "integers: no float parser")]
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if let Some(inner) = text
            .strip_prefix("rgb(")
            .and_then(|rest| rest.strip_suffix(')'))
        {
            let parts: Vec<&str> = inner
                .split([',', ' '])
                .filter(|part| !part.is_empty())
                .collect();
            let [r, g, b] = parts.as_slice() else {
                return None;
            };
            return Some(Self::new(r.parse().ok()?, g.parse().ok()?, b.parse().ok()?));
        }
        let hex = text.strip_prefix('#').unwrap_or(text);
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| hex.get(i..=i).and_then(|d| u8::from_str_radix(d, 16).ok());
        let pair = |i: usize| {
            hex.get(i..i + 2)
                .and_then(|d| u8::from_str_radix(d, 16).ok())
        };
        match hex.len() {
            3 => Some(Self::new(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => Some(Self::new(pair(0)?, pair(2)?, pair(4)?)),
            _ => None,
        }
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Relative luminance as WCAG 2.2 defines it (sRGB channels linearised, weighted
    /// 0.2126, 0.7152, 0.0722).
    pub fn relative_luminance(self) -> f64 {
        fn linear(channel: u8) -> f64 {
            let c = f64::from(channel) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * linear(self.r) + 0.7152 * linear(self.g) + 0.0722 * linear(self.b)
    }

    /// `self` moved a fraction `t` (0 to 1) of the way towards `other`.
    fn mix(self, other: Self, t: f64) -> Self {
        let channel = |a: u8, b: u8| {
            let value = f64::from(a) + (f64::from(b) - f64::from(a)) * t.clamp(0.0, 1.0);
            // In range by construction: a value between two u8s.
            value.round().clamp(0.0, 255.0) as u8
        };
        Self::new(
            channel(self.r, other.r),
            channel(self.g, other.g),
            channel(self.b, other.b),
        )
    }
}

/// The WCAG contrast ratio of two colours, from 1 to 21.
pub fn contrast_ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.relative_luminance(), b.relative_luminance());
    let (light, dark) = if la >= lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// `colour` if it already reaches `minimum` against `background`; otherwise the smallest
/// step towards black or white (whichever contrasts more with the background) that does.
/// The hue is kept, so a council's brand stays recognisable.
pub fn with_contrast(colour: Rgb, background: Rgb, minimum: f64) -> Rgb {
    if contrast_ratio(colour, background) >= minimum {
        return colour;
    }
    let black = Rgb::new(0, 0, 0);
    let white = Rgb::new(0xff, 0xff, 0xff);
    let target = if contrast_ratio(black, background) >= contrast_ratio(white, background) {
        black
    } else {
        white
    };
    (1..=50)
        .map(|step| colour.mix(target, f64::from(step) / 50.0))
        .find(|candidate| contrast_ratio(*candidate, background) >= minimum)
        .unwrap_or(target)
}

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Dark text on white (the default).
    #[default]
    Light,
    /// Light text on near-black.
    Dark,
    /// Follows the reader's system setting (`prefers-color-scheme`).
    Auto,
}

impl Mode {
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "light" => Some(Self::Light),
            "dark" => Some(Self::Dark),
            "auto" => Some(Self::Auto),
            _ => None,
        }
    }

    /// The value of `data-theme` and the `theme` URL parameter.
    pub fn param(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
            Self::Auto => "auto",
        }
    }
}

/// The font stacks a council may choose. Each ends in a generic family, so a reader without
/// the first font still gets a sensible one; a web font the host page already loads (GDS
/// Transport, Lato...) is used by the widget too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    System,
    Arial,
    Helvetica,
    Verdana,
    Tahoma,
    Trebuchet,
    Georgia,
    GdsTransport,
    OpenSans,
    Lato,
    Roboto,
    SourceSans,
}

impl Font {
    /// Every known font, in the order the docs list them.
    pub const ALL: [Font; 12] = [
        Font::System,
        Font::Arial,
        Font::Helvetica,
        Font::Verdana,
        Font::Tahoma,
        Font::Trebuchet,
        Font::Georgia,
        Font::GdsTransport,
        Font::OpenSans,
        Font::Lato,
        Font::Roboto,
        Font::SourceSans,
    ];

    /// The name used in `data-font` and the `font` URL parameter.
    pub fn param(self) -> &'static str {
        match self {
            Self::System => "system",
            Self::Arial => "arial",
            Self::Helvetica => "helvetica",
            Self::Verdana => "verdana",
            Self::Tahoma => "tahoma",
            Self::Trebuchet => "trebuchet",
            Self::Georgia => "georgia",
            Self::GdsTransport => "gds-transport",
            Self::OpenSans => "open-sans",
            Self::Lato => "lato",
            Self::Roboto => "roboto",
            Self::SourceSans => "source-sans",
        }
    }

    /// The CSS `font-family` value.
    pub fn stack(self) -> &'static str {
        match self {
            Self::System => {
                r#"system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif"#
            }
            Self::Arial => "Arial, Helvetica, sans-serif",
            Self::Helvetica => r#""Helvetica Neue", Helvetica, Arial, sans-serif"#,
            Self::Verdana => "Verdana, Geneva, sans-serif",
            Self::Tahoma => "Tahoma, Verdana, sans-serif",
            Self::Trebuchet => r#""Trebuchet MS", Helvetica, sans-serif"#,
            Self::Georgia => r#"Georgia, "Times New Roman", serif"#,
            Self::GdsTransport => r#""GDS Transport", Arial, sans-serif"#,
            Self::OpenSans => r#""Open Sans", Arial, sans-serif"#,
            Self::Lato => "Lato, Arial, sans-serif",
            Self::Roboto => "Roboto, Arial, sans-serif",
            Self::SourceSans => r#""Source Sans Pro", "Source Sans 3", Arial, sans-serif"#,
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        let wanted = text.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|font| font.param() == wanted)
    }
}

/// A widget's validated theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Theme {
    pub mode: Mode,
    /// The brand colour as given (it is adjusted per background when applied).
    pub brand: Option<Rgb>,
    pub font: Option<Font>,
}

impl Theme {
    /// Reads the three settings; a value that does not validate is ignored (the default is
    /// used), never passed on.
    pub fn from_values(mode: Option<&str>, brand: Option<&str>, font: Option<&str>) -> Self {
        Self {
            mode: mode.and_then(Mode::parse).unwrap_or_default(),
            brand: brand.and_then(Rgb::parse),
            font: font.and_then(Font::parse),
        }
    }

    /// The custom properties to set on the widget's root element: the brand colour made
    /// readable on each background, and the font stack.
    pub fn custom_properties(&self) -> Vec<(&'static str, String)> {
        let mut properties = Vec::new();
        if let Some(brand) = self.brand {
            let light = with_contrast(brand, LIGHT_BACKGROUND, AA_TEXT_CONTRAST);
            let dark = with_contrast(brand, DARK_BACKGROUND, AA_TEXT_CONTRAST);
            properties.push(("--ys-brand-light", light.hex()));
            properties.push(("--ys-brand-dark", dark.hex()));
        }
        if let Some(font) = self.font {
            properties.push(("--ys-font", font.stack().to_owned()));
        }
        properties
    }

    /// The theme as URL parameters or `data-` attributes (name, value), defaults left out.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if self.mode != Mode::Light {
            params.push(("theme", self.mode.param().to_owned()));
        }
        if let Some(brand) = self.brand {
            params.push(("brand", brand.hex()));
        }
        if let Some(font) = self.font {
            params.push(("font", font.param().to_owned()));
        }
        params
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_parse(text: &str, expected: Option<&str>) {
        assert_eq!(
            Rgb::parse(text).map(Rgb::hex).as_deref(),
            expected,
            "parsing {text:?}"
        );
    }

    #[test]
    fn colours_parse_only_as_colours() {
        check_parse("#1d70b8", Some("#1d70b8"));
        check_parse("1D70B8", Some("#1d70b8"));
        check_parse(" #17b ", Some("#1177bb"));
        check_parse("rgb(29, 112, 184)", Some("#1d70b8"));
        check_parse("rgb(29 112 184)", Some("#1d70b8"));
        for bad in [
            "",
            "red",
            "#1d70b",
            "#1d70b8ff",
            "rgb(300, 0, 0)",
            "rgb(1, 2)",
            "rgba(1, 2, 3, 0.5)",
            "url(https://evil.example/x)",
            "#1d70b8; background: url(x)",
            "var(--x)",
            "expression(alert(1))",
            "#ＡＢＣ",
        ] {
            check_parse(bad, None);
        }
    }

    /// Reference ratios from the WCAG definition, checked with WebAIM's contrast checker.
    #[test]
    fn contrast_ratios_match_published_values() {
        let white = Rgb::new(255, 255, 255);
        let black = Rgb::new(0, 0, 0);
        let close = |a: f64, b: f64| (a - b).abs() < 0.01;
        assert!(close(contrast_ratio(black, white), 21.0));
        assert!(close(contrast_ratio(white, white), 1.0));
        // GOV.UK link blue on white: 5.17:1; #767676 is the lightest grey at 4.54:1.
        assert!(close(
            contrast_ratio(Rgb::new(0x1d, 0x70, 0xb8), white),
            5.17
        ));
        assert!(close(
            contrast_ratio(Rgb::new(0x76, 0x76, 0x76), white),
            4.54
        ));
    }

    #[test]
    fn a_pale_brand_is_darkened_until_it_passes_and_a_good_one_is_kept() {
        let pale = Rgb::new(0xff, 0xdd, 0x00);
        let fixed = with_contrast(pale, LIGHT_BACKGROUND, AA_TEXT_CONTRAST);
        assert!(contrast_ratio(fixed, LIGHT_BACKGROUND) >= AA_TEXT_CONTRAST);
        assert!(fixed.r >= fixed.b, "the hue is kept (still a yellow-brown)");
        let good = Rgb::new(0x1d, 0x70, 0xb8);
        assert_eq!(
            with_contrast(good, LIGHT_BACKGROUND, AA_TEXT_CONTRAST),
            good
        );
        // On the dark background the same blue is lightened instead.
        let on_dark = with_contrast(good, DARK_BACKGROUND, AA_TEXT_CONTRAST);
        assert!(contrast_ratio(on_dark, DARK_BACKGROUND) >= AA_TEXT_CONTRAST);
        assert!(on_dark.relative_luminance() > good.relative_luminance());
    }

    #[test]
    fn every_colour_can_be_made_readable_on_both_backgrounds() {
        for r in (0..=255u8).step_by(51) {
            for g in (0..=255u8).step_by(51) {
                for b in (0..=255u8).step_by(51) {
                    let colour = Rgb::new(r, g, b);
                    for background in [LIGHT_BACKGROUND, DARK_BACKGROUND] {
                        let fixed = with_contrast(colour, background, AA_TEXT_CONTRAST);
                        assert!(
                            contrast_ratio(fixed, background) >= AA_TEXT_CONTRAST,
                            "{} on {}",
                            fixed.hex(),
                            background.hex()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn fonts_are_only_known_stacks() {
        for font in Font::ALL {
            assert_eq!(Font::parse(font.param()), Some(font));
            assert!(
                font.stack().ends_with("sans-serif") || font.stack().ends_with("serif"),
                "{} ends in a generic family",
                font.param()
            );
        }
        assert_eq!(Font::parse(" Arial "), Some(Font::Arial));
        for bad in ["Comic Sans", "arial; color: red", "inherit", ""] {
            assert_eq!(Font::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_theme_keeps_only_what_validates() {
        let theme = Theme::from_values(Some("dark"), Some("#ffdd00"), Some("georgia"));
        assert_eq!(theme.mode, Mode::Dark);
        let properties = theme.custom_properties();
        let names: Vec<&str> = properties.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["--ys-brand-light", "--ys-brand-dark", "--ys-font"]);
        // Yellow passes on the dark background as it is, and is darkened for the light one.
        assert_eq!(properties[1].1, "#ffdd00");
        assert_ne!(properties[0].1, "#ffdd00");
        assert_eq!(
            theme.params(),
            [
                ("theme", "dark".to_owned()),
                ("brand", "#ffdd00".to_owned()),
                ("font", "georgia".to_owned())
            ]
        );

        let rejected = Theme::from_values(Some("neon"), Some("javascript:1"), Some("papyrus"));
        assert_eq!(rejected, Theme::default());
        assert!(rejected.custom_properties().is_empty());
        assert!(rejected.params().is_empty());
    }
}
