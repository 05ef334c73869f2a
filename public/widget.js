// Starts Yardstick in every element marked `data-yardstick` on the page.
//
// This file is the only script a page needs: on Yardstick's own page and on a council's page
// that embeds the widget from another origin alike. It tells each mount point where the
// widget's files live (next to this script), so relative bundle paths resolve there and not
// against the host page.
import init from './yardstick-widget.js';

const assets = new URL('./', import.meta.url).href;
// The bundle a widget reads when its element names none (DEFAULT_BUNDLE in src/lib.rs).
const DEFAULT_BUNDLE = 'data/demo/';
// While the wasm downloads, start the first two files of each bundle the page itself names on
// the widget's own site. A bundle named in the page's address is left to the widget, which
// checks where it is before asking for anything (src/origin.rs); so is one on another site.
const addressNamesBundle = new URLSearchParams(window.location.search).has('bundle');
const preloaded = new Set();
for (const element of document.querySelectorAll('[data-yardstick]')) {
  if (!element.dataset.yardstickAssets) {
    element.dataset.yardstickAssets = assets;
  }
  if (addressNamesBundle) continue;
  const folder = new URL(element.dataset.bundle || DEFAULT_BUNDLE, element.dataset.yardstickAssets);
  if (folder.origin !== new URL(assets).origin) continue;
  for (const file of ['manifest.json', 'areas.json']) {
    const href = new URL(file, folder.href.endsWith('/') ? folder : `${folder.href}/`).href;
    if (preloaded.has(href)) continue;
    preloaded.add(href);
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.href = href;
    document.head.append(link);
  }
}
// On paper every folded table and note is open. Browsers with `::details-content` do that from
// the stylesheet; for the others the folds are opened before printing and shut again after.
const openedForPrint = [];
window.addEventListener('beforeprint', () => {
  for (const element of document.querySelectorAll('[data-yardstick]')) {
    for (const fold of (element.shadowRoot ?? element).querySelectorAll('details:not([open])')) {
      fold.open = true;
      openedForPrint.push(fold);
    }
  }
});
window.addEventListener('afterprint', () => {
  for (const fold of openedForPrint.splice(0)) fold.open = false;
});
// The wasm never panics by design; if it ever does, it stops at once (the release is built with
// `panic=immediate-abort`) and the browser reports a WebAssembly.RuntimeError from this page's
// wasm. Rather than leave a frozen or blank box, every mount point then says so.
// The error is the widget's when its stack passes through the wasm or its glue: WebKit names no
// file for a wasm frame, but every call into the wasm goes through yardstick-widget.js.
const wasmFile = 'yardstick-widget_bg.wasm';
const STOPPED = 'Sorry, the comparison stopped working. Reload the page to try again.';
function stopped(error) {
  if (!(error instanceof WebAssembly.RuntimeError)) return;
  if (!String(error.stack ?? '').includes('yardstick-widget')) return;
  for (const element of document.querySelectorAll('[data-yardstick]')) {
    (element.shadowRoot ?? element).textContent = STOPPED;
  }
}
window.addEventListener('error', (event) => stopped(event.error));
window.addEventListener('unhandledrejection', (event) => stopped(event.reason));
await init({ module_or_path: new URL(`./${wasmFile}`, import.meta.url) });
