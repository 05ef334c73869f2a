// Starts Yardstick in every element marked `data-yardstick` on the page.
//
// This file is the only script a page needs: on Yardstick's own page and on a council's page
// that embeds the widget from another origin alike. It tells each mount point where the
// widget's files live (next to this script), so relative bundle paths resolve there and not
// against the host page.
import init from './yardstick-widget.js';

const assets = new URL('./', import.meta.url).href;
for (const element of document.querySelectorAll('[data-yardstick]')) {
  if (!element.dataset.yardstickAssets) {
    element.dataset.yardstickAssets = assets;
  }
}
await init({ module_or_path: new URL('./yardstick-widget_bg.wasm', import.meta.url) });
