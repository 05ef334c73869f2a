//! What a printed view says about itself, so that a paper copy can be traced: the address the
//! view can be opened at again, the day it was printed and the version of the data. Shown only
//! in print (`.ys-print` is `display: none` on screen, so screen readers skip it too).

use leptos::prelude::*;
use yardstick_bundle::Date;
use yardstick_present::notes;

use super::chart_figure::ViewAddress;
use crate::state::Navigation;

/// The print-only note at the top of every view.
#[component]
pub fn PrintNote(
    /// The reader's selection: the address follows it.
    nav: Navigation,
    /// The data version's line ([`notes::data_version`]).
    #[prop(into)]
    version: String,
) -> impl IntoView {
    let view_address = use_context::<ViewAddress>();
    // The same address a saved chart names (`ViewAddress`): vetted, or none at all. With it
    // the reader's today, read again at each change of view.
    let note = move || {
        nav.with(|_| ());
        let printed = today().map(notes::printed);
        let address = view_address.as_ref().and_then(|ViewAddress(of)| of());
        let address = address.map(|address| {
            let (href, text) = (address.as_str().to_owned(), address.as_str().to_owned());
            view! {
                <p class="ys-print__line">
                    "View online: " <a class="ys-print__link" href=href>{text}</a>
                </p>
            }
        });
        view! {
            {address}
            <p class="ys-print__line">{printed}</p>
        }
    };
    view! {
        <div class="ys-print" data-testid="print-note">
            {note}
            <p class="ys-print__line">{version}</p>
        </div>
    }
}

/// The reader's date, from the browser's clock in the reader's time zone.
fn today() -> Option<Date> {
    let now = js_sys::Date::new_0();
    Date::new(
        u16::try_from(now.get_full_year()).ok()?,
        u8::try_from(now.get_month() + 1).ok()?,
        u8::try_from(now.get_date()).ok()?,
    )
}
