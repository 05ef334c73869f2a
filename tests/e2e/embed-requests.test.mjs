// Issue 6, acceptance 4: every request an embed makes goes to the widget's own origin, and
// nothing is kept on the reader's device: no cookie, no storage, no cache.
//
// A council page on one origin embeds the widget from another, both ways at once (iframe
// with embed.js, and a script embed), and the reader visits every view of both. The widget
// is served under a sub-path, as on a council's data site.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser, openPage, siteWith, waitForView, DIST } from './harness.mjs';
import { startServer } from './static-server.mjs';

const PATH = '/council/yardstick';

let browser, widget, widgetRoot, host, hostRoot, base;
before(async () => {
  widgetRoot = await siteWith({});
  await mkdir(join(widgetRoot, 'council'));
  await symlink(DIST, join(widgetRoot, 'council', 'yardstick'));
  widget = await startServer({ root: widgetRoot, headers: { 'Access-Control-Allow-Origin': '*' } });
  base = `${widget.url}${PATH}`;
  hostRoot = await siteWith({
    'page.html': `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Host</title>
<link rel="icon" href="data:,"></head><body><main>
<iframe src="${base}/embed.html?area=E10000014&metric=asc-carer-quality-of-life&controls=full&id=r"
  data-yardstick-frame="r" title="Carers compared" width="100%" height="800"></iframe>
<div id="w" data-yardstick data-area="E08000009" data-metric="household-waste-recycling-rate"><p>Recycling</p></div>
</main><script src="${base}/embed.js" async></script>
<script type="module" src="${base}/widget.js"></script></body></html>`,
  });
  host = await startServer({ root: hostRoot });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await widget?.close();
  await host?.close();
  for (const root of [hostRoot, widgetRoot]) if (root) await rm(root, { recursive: true, force: true });
});

async function everyView(root) {
  await waitForView(root);
  for (const tab of ['All measures', 'Over time', 'Map', 'Peer group', 'About the data', 'Compare']) {
    await root.getByRole('link', { name: tab, exact: true }).click();
    await root.locator('.ys-tabs__link[aria-current="page"]', { hasText: tab }).waitFor();
    await waitForView(root);
  }
}

/** What a document keeps: cookies, storage, IndexedDB and Cache Storage. */
function kept(target) {
  return target.evaluate(async () => ({
    cookie: document.cookie,
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
    caches: 'caches' in window ? (await caches.keys()).length : 0,
  }));
}

test('every request goes to the widget origin and nothing is stored', async () => {
  const requests = [];
  const setCookies = [];
  browser.context.on('request', (request) => requests.push(request.url()));
  browser.context.on('response', async (response) => {
    const header = await response.headerValue('set-cookie').catch(() => null);
    if (header) setCookies.push(`${response.url()}: ${header}`);
  });
  const { page, problems } = await openPage(browser.context, `${host.url}/page.html`, { viewport: { width: 1280, height: 900 } });
  await everyView(page.frameLocator('iframe'));
  await everyView(page.locator('#w'));
  await page.waitForLoadState('networkidle');

  const elsewhere = requests.filter((url) => new URL(url).origin !== widget.url);
  assert.deepEqual(elsewhere, [`${host.url}/page.html`], 'only the host page itself comes from elsewhere');
  const own = requests.filter((url) => new URL(url).origin === widget.url);
  assert.deepEqual(own.filter((url) => !new URL(url).pathname.startsWith(`${PATH}/`)), [], 'everything under the sub-path');
  for (const file of ['embed.js', 'widget.js', 'yardstick-widget_bg.wasm', 'embed.html', 'yardstick-widget.css', 'data/demo/manifest.json', 'data/demo/context.json']) {
    assert.ok(own.some((url) => new URL(url).pathname === `${PATH}/${file}`), `${file} was fetched from the widget's folder`);
  }
  assert.deepEqual(setCookies, []);
  assert.deepEqual(await browser.context.cookies(), []);
  const nothing = { cookie: '', local: 0, session: 0, databases: 0, caches: 0 };
  assert.deepEqual(await kept(page), nothing, 'the host page keeps nothing');
  assert.deepEqual(await kept(page.frames()[1]), nothing, 'the embed page keeps nothing');
  assert.deepEqual(problems, []);
  await page.close();
});
