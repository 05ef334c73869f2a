//! Saving what is on screen: CSV and SVG as files, charts as PNG. Everything happens in the
//! browser; nothing is uploaded. A download that the browser refuses fails quietly: the
//! numbers are still on screen and in the table.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Saves `content` as a file called `name`.
pub fn text(name: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) {
        save_blob(name, &blob);
    }
}

fn save_blob(name: &str, blob: &Blob) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(url) = Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Ok(anchor) = document
        .create_element("a")
        .map(|a| a.unchecked_into::<HtmlAnchorElement>())
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    // Revoke on the next turn: the click has started the download by then.
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1000);
    }
}

/// Saves an SVG chart as a standalone file.
pub fn svg(name: &str, svg: &str) {
    text(name, "image/svg+xml;charset=utf-8", &standalone_svg(svg));
}

/// Saves an SVG chart as a PNG at twice its size, on white.
pub fn png(name: &str, svg: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let source = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        js_sys::encode_uri_component(&standalone_svg(svg))
    );
    let Ok(image) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let name = name.to_owned();
    let loaded = image.clone();
    let onload = Closure::once_into_js(move || {
        let (width, height) = (loaded.natural_width(), loaded.natural_height());
        let Ok(canvas) = document
            .create_element("canvas")
            .map(|c| c.unchecked_into::<web_sys::HtmlCanvasElement>())
        else {
            return;
        };
        canvas.set_width(width * 2);
        canvas.set_height(height * 2);
        let Some(context) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        context.set_fill_style_str("#ffffff");
        context.fill_rect(0.0, 0.0, f64::from(width * 2), f64::from(height * 2));
        let _ = context.draw_image_with_html_image_element_and_dw_and_dh(
            &loaded,
            0.0,
            0.0,
            f64::from(width * 2),
            f64::from(height * 2),
        );
        let save = Closure::once_into_js(move |blob: Option<Blob>| {
            if let Some(blob) = blob {
                save_blob(&name, &blob);
            }
        });
        let _ = canvas.to_blob(save.unchecked_ref());
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&source);
}

/// plotters' SVG has no XML declaration; a file on its own should say what it is.
fn standalone_svg(svg: &str) -> String {
    if svg.starts_with("<?xml") {
        svg.to_owned()
    } else {
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{svg}")
    }
}
