// Never a blank page, even when the wasm stops. The release is built with
// `panic=immediate-abort`: a panic (there should be none) traps at once, no Rust code runs
// after it, and the browser reports a WebAssembly.RuntimeError. widget.js then replaces every
// mount point's content with a sentence. These tests make the widget's own wasm trap for real
// (a wasm-bindgen object with an address far outside its memory is freed), and check that errors that are not the
// widget's leave it alone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serveDist, openPage, siteWith, waitForView } from './harness.mjs';
import { startServer } from './static-server.mjs';
import { rm } from 'node:fs/promises';

const STOPPED = 'Sorry, the comparison stopped working. Reload the page to try again.';
let browser, server, host, hostRoot;

before(async () => {
  // Another origin's page loads widget.js as a module: the widget's host allows it (docs/embedding.md).
  server = await serveDist({ headers: { 'Access-Control-Allow-Origin': '*' } });
  hostRoot = await siteWith({
    'council.html': `<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Council page</title><link rel="icon" href="data:,"></head><body>
<div data-yardstick data-area="E08000009" data-metric="household-waste-recycling-rate"></div>
<div data-yardstick data-area="E07000223" data-metric="household-waste-recycling-rate"></div>
<script type="module" src="${server.url}/widget.js"></script></body></html>`,
  });
  host = await startServer({ root: hostRoot });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await host?.close();
  if (hostRoot) await rm(hostRoot, { recursive: true, force: true });
});

/** Makes the widget's wasm trap from a timer, as a trap in an event handler would surface. */
function trapTheWidget(page, widgetScript) {
  return page.evaluate(async (script) => {
    const module = await import(script);
    // Already initialised by widget.js: this returns the same instance.
    await module.default();
    // A wasm-bindgen object whose address lies far outside the wasm's memory: freeing it
    // reads there, and the wasm traps ("out of bounds memory access"), through the glue.
    const sink = Object.create(module.IntoUnderlyingSink.prototype);
    sink.__wbg_ptr = 0xfffffff0;
    setTimeout(() => sink.free());
    await new Promise((done) => setTimeout(done, 200));
  }, widgetScript);
}

test('a trap in the widget on its own page leaves a sentence, not a frozen view', async () => {
  const { page, problems } = await openPage(browser.context, `${server.url}/?area=E08000009&metric=household-waste-recycling-rate`);
  await waitForView(page);
  assert.ok(await page.locator('.ys-chart svg').count() > 0, 'the chart was drawn first');
  await trapTheWidget(page, `${server.url}/yardstick-widget.js`);
  const text = await page.locator('[data-yardstick]').innerText();
  assert.equal(text.trim(), STOPPED);
  assert.equal(await page.locator('[data-yardstick] svg').count(), 0);
  assert.ok(
    problems.some((p) => /out of bounds|RuntimeError/i.test(p)),
    `the trap was a real wasm trap: ${problems.join('; ')}`,
  );
  await page.close();
});

test('on a council page every embed (in its shadow root) says it stopped', async () => {
  const { page } = await openPage(browser.context, `${host.url}/council.html`);
  const embeds = page.locator('[data-yardstick]');
  await waitForView(embeds.nth(0));
  await waitForView(embeds.nth(1));
  await trapTheWidget(page, `${server.url}/yardstick-widget.js`);
  for (const index of [0, 1]) {
    const shown = await embeds.nth(index).evaluate((element) => element.shadowRoot?.textContent);
    assert.equal(shown?.trim(), STOPPED, `embed ${index + 1}`);
  }
  await page.close();
});

test("another program's errors, even another wasm's trap, leave the widget alone", async () => {
  const { page } = await openPage(browser.context, `${server.url}/?area=E08000009&metric=household-waste-recycling-rate`);
  await waitForView(page);
  await page.evaluate(async () => {
    // A module of one function whose body is `unreachable`: another wasm on the host page.
    const bytes = new Uint8Array([
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03,
      0x02, 0x01, 0x00, 0x07, 0x07, 0x01, 0x03, 0x74, 0x72, 0x79, 0x00, 0x00, 0x0a, 0x05, 0x01,
      0x03, 0x00, 0x00, 0x0b,
    ]);
    const { instance } = await WebAssembly.instantiate(bytes);
    setTimeout(() => instance.exports.try());
    setTimeout(() => {
      throw new Error('a host page script failed');
    });
    await new Promise((done) => setTimeout(done, 200));
  });
  assert.notEqual((await page.locator('[data-yardstick]').innerText()).trim(), STOPPED);
  assert.ok(await page.locator('.ys-chart svg').count() > 0, 'the chart is still there');
  await page.close();
});

test('a trap in the first program does not keep the widget from starting', async () => {
  const page = await browser.context.newPage();
  // The first program's glue, changed so that its drawing stops as a trap in one of its
  // callbacks would leave it: the wasm traps (its allocator asked for nearly 4 GiB aborts)
  // from a timer inside the glue, and the promise widget.js waits on never settles.
  await page.route('**/yardstick-first.js', async (route) => {
    const response = await route.fetch();
    const glue = await response.text();
    const patched = glue.replace(
      'export function draw_first() {',
      `export function draw_first() {
    setTimeout(() => wasm.__wbindgen_malloc(0xfffffff0, 8));
    return new Promise(() => {});
  }
  export function unused_draw_first() {`,
    );
    assert.notEqual(patched, glue, 'the glue still exports draw_first');
    await route.fulfill({ response, body: patched });
  });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.url}/?area=E08000009&metric=household-waste-recycling-rate`);
  await waitForView(page);
  await page.locator('[data-yardstick][data-yardstick-mounted]').waitFor();
  assert.ok(await page.locator('.ys-chart svg').count() > 0, 'the widget drew its chart');
  assert.notEqual((await page.locator('[data-yardstick]').innerText()).trim(), STOPPED);
  assert.ok(errors.some((e) => /unreachable|RuntimeError/i.test(e)), `the first program trapped: ${errors.join('; ')}`);
  await page.close();
});
