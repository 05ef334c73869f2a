// Starts Yardstick in every element marked `data-yardstick` on the page.
//
// This file is the only script a page needs: on Yardstick's own page and on a council's page
// that embeds the widget from another origin alike. It tells each mount point where the
// widget's files live (next to this script), so relative bundle paths resolve there and not
// against the host page.
//
// Two programs draw (issue 14, docs/performance.md). The first program (yardstick-first, no
// Leptos, a fraction of the widget's bytes) fetches the first view's files and draws its first
// screen; then the full widget downloads, renders hidden beside that screen, and takes over
// once its own first view is in place: the first screen is removed and the widget shown in
// the same frame, keeping the window's scroll position and the reader's focus, and a press on
// one of the first screen's controls is replayed on the widget's.
const assets = new URL('./', import.meta.url).href;
// The bundle a widget reads when its element names none (DEFAULT_BUNDLE in src/lib.rs).
const DEFAULT_BUNDLE = 'data/demo/';
// While the wasm downloads, start the first two files of each bundle the page itself names on
// the widget's own site. A bundle named in the page's address is left to the widget, which
// checks where it is before asking for anything (src/origin.rs); so is one on another site.
const addressNamesBundle = new URLSearchParams(window.location.search).has('bundle');
const preloaded = new Set();
const elements = [...document.querySelectorAll('[data-yardstick]')];
for (const element of elements) {
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
const STOPPED = 'Sorry, the comparison stopped working. Reload the page to try again.';
// Settles when a WebAssembly.RuntimeError passes through the named program's wasm or glue.
function stoppedIn(program) {
  return new Promise((settle) => {
    const heard = (error) => {
      if (error instanceof WebAssembly.RuntimeError && String(error.stack ?? '').includes(program)) settle();
    };
    window.addEventListener('error', (event) => heard(event.error));
    window.addEventListener('unhandledrejection', (event) => heard(event.reason));
  });
}
function stopped(error) {
  if (!(error instanceof WebAssembly.RuntimeError)) return;
  if (!String(error.stack ?? '').includes('yardstick-widget')) return;
  for (const element of document.querySelectorAll('[data-yardstick]')) {
    (element.shadowRoot ?? element).textContent = STOPPED;
  }
}
window.addEventListener('error', (event) => stopped(event.error));
window.addEventListener('unhandledrejection', (event) => stopped(event.reason));

// ---- The first program ----

// Whether the first program may draw in `element`: a scheduling hint only, so that a page it
// cannot help (another view, nearest neighbours) starts the widget at once. The first program
// decides for itself, as the widget does (yardstick-view).
function mayDrawFirst(element) {
  if (element.hasAttribute('data-yardstick-mounted') || element.shadowRoot) return false;
  const address = new URLSearchParams(window.location.search);
  const read = (name) => address.get(name) || element.dataset[name] || '';
  const view = read('view');
  return read('area') !== '' && (view === '' || view === 'metric') && !read('group').trim().startsWith('nearest');
}

// The widget's counterpart of one of the first screen's controls (`data-first-control`).
function counterpart(root, control) {
  const kind = control.dataset.firstControl;
  const byText = (selector) =>
    [...root.querySelectorAll(selector)].find((e) => e.textContent.trim() === control.textContent.trim());
  switch (kind) {
    case 'toggle': return root.querySelector('.ys-choose__toggle');
    case 'area': return root.querySelector('input[id$="area-search"]');
    case 'metric': return root.querySelector('input[id$="metric-search"]');
    case 'all-measures': return root.querySelector('.ys-picker__all');
    case 'period': return root.querySelector('.ys-controls select');
    case 'tab': return byText('.ys-tabs__link');
    default: return byText('.ys-view button');
  }
}

// The widget's own nodes in `element` (everything but the first screen).
function widgetNodes(element, first) {
  return [...element.children].filter((child) => child !== first);
}

// Whether the widget, rendering hidden, has its first view in place: its body is there, with
// something in it, and nothing of it is still loading.
function widgetReady(element, first) {
  const nodes = widgetNodes(element, first);
  if (nodes.some((n) => n.matches('.ys-loading') || n.querySelector('.ys-loading'))) return false;
  if (nodes.some((n) => n.matches('.ys-message'))) return true;
  const body = nodes.find((n) => n.matches('.ys-body'));
  return body !== undefined && body.querySelector('.ys-view, .ys-message, .ys-about, .ys-summary') !== null;
}

// Set when the widget cannot start: the first screens' links then work as plain links.
let widgetFailed = false;
// The view links pressed while the widget was coming, in order.
const heldLinks = [];

// Keeps the first screen's controls from acting before the widget can (a link would leave the
// page, a button would do nothing): a press is queued and replayed on the widget's control.
function holdPresses(element, first) {
  const queued = [];
  first.addEventListener('click', (event) => {
    const control = event.target.closest?.('[data-first-control]');
    if (!control || widgetFailed) return;
    // A link opened in a new tab or window goes there as usual.
    if (control.matches('a') && (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0)) return;
    event.preventDefault();
    queued.push(control);
    if (control instanceof HTMLAnchorElement) heldLinks.push(control);
  });
  return queued;
}

// Shows the widget in place of the first screen, in one frame.
function handOver(element, first, queued) {
  const [x, y] = [window.scrollX, window.scrollY];
  const active = document.activeElement;
  const focused = first.contains(active) ? active.closest('[data-first-control]') : null;
  first.remove();
  element.removeAttribute('data-ys-handover');
  element.removeAttribute('data-yardstick-first-width');
  window.scrollTo(x, y);
  // Looked for once the first screen is gone, so that only the widget's controls are found.
  const focusTarget = focused ? counterpart(element, focused) : null;
  const presses = queued.map((control) => counterpart(element, control)).filter(Boolean);
  focusTarget?.focus({ preventScroll: true });
  for (const target of presses) target.click();
}

// `element` is the widget's root: the mount element itself on Yardstick's own pages, the root
// inside the shadow root of a script embed.
function watchHandover(host) {
  const element = host.shadowRoot?.querySelector('.ys-embed-root > div') ?? host;
  const first = element.querySelector(':scope > [data-yardstick-first]');
  if (!first) return;
  const queued = holdPresses(element, first);
  const check = () => {
    if (!element.hasAttribute('data-ys-handover') || !widgetReady(element, first)) return false;
    observer.disconnect();
    handOver(element, first, queued);
    return true;
  };
  const observer = new MutationObserver(check);
  observer.observe(element, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-ys-handover'] });
}

const firstCandidates = elements.filter(mayDrawFirst);
if (firstCandidates.length > 0) {
  // Sizes in a shadow root follow the reader's default font size through `--ys-rem`, which
  // the widget registers (register_root_size in src/lib.rs); the first program's screen needs
  // it first. A second registration throws, and the first stands.
  try {
    CSS.registerProperty({ name: '--ys-rem', syntax: '<length>', inherits: true, initialValue: '16px' });
  } catch {
    // Registered already, or a browser without the API (the widget falls back the same way).
  }
  try {
    const first = await import('./yardstick-first.js');
    await first.default({ module_or_path: new URL('./yardstick-first_bg.wasm', import.meta.url) });
    // Whichever comes first: the first program's end, or its wasm stopping. A trap in one of
    // its callbacks (WebKit has stopped wasm at random with "Out of bounds memory access")
    // would otherwise leave its promise unsettled and the widget never started.
    await Promise.race([first.draw_first(), stoppedIn('yardstick-first')]);
  } catch (error) {
    // The widget draws everything itself; nothing the reader sees is lost.
    console.warn('Yardstick: the first view is left to the full widget', error);
  }
  for (const element of firstCandidates) watchHandover(element);
}
// The widget's glue is imported only now, so that none of its bytes are fetched before the
// first chart.
try {
  const { default: init } = await import('./yardstick-widget.js');
  await init({ module_or_path: new URL('./yardstick-widget_bg.wasm', import.meta.url) });
} catch (error) {
  // The first screens stay, and their view links now lead to their views as plain links do
  // (a link pressed while the widget was coming is followed now).
  widgetFailed = true;
  heldLinks.at(-1)?.click();
  throw error;
}
