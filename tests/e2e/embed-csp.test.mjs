// Issue 6, acceptance 3: served from a second local port (another origin than the host page)
// with the strict Content Security Policy as a response header, the widget works with no
// `securitypolicyviolation` event and no console error: on its own page, in an iframe embed
// (themed, which sets custom properties through the CSSOM), and as a script embed on a page
// whose own CSP admits the widget's origin as docs/embedding.md says.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import {
  launchBrowser, serveDist, openPage, siteWith, waitForView, recordCspViolations, cspViolations, STRICT_CSP,
} from './harness.mjs';
import { startServer } from './static-server.mjs';

let browser, widget, host, hostRoot;
before(async () => {
  widget = await serveDist({
    headers: { 'Content-Security-Policy': STRICT_CSP, 'Access-Control-Allow-Origin': '*' },
  });
  const frame = `${widget.url}/embed.html?area=E08000009&metric=household-waste-recycling-rate&controls=full&theme=dark&brand=%23ffdd00&font=georgia&id=csp`;
  hostRoot = await siteWith({
    'iframe.html': `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Host</title>
<link rel="icon" href="data:,"></head><body><main>
<iframe src="${frame}" data-yardstick-frame="csp" title="Recycling compared" width="100%" height="800"></iframe>
</main><script src="${widget.url}/embed.js" async></script></body></html>`,
    'script.html': `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Host</title>
<link rel="icon" href="data:,"></head><body><main>
<div id="w" data-yardstick data-area="E08000009" data-metric="household-waste-recycling-rate" data-brand="#8c2e62">
<p>Recycling compared</p></div>
</main><script type="module" src="${widget.url}/widget.js"></script></body></html>`,
  });
  // The host's own strict policy, widened only by the widget's origin (docs/embedding.md).
  const hostCsp =
    `default-src 'self'; script-src 'self' ${widget.url} 'wasm-unsafe-eval'; style-src 'self' ${widget.url}; ` +
    `img-src 'self' data:; connect-src ${widget.url}; frame-src ${widget.url}`;
  host = await startServer({ root: hostRoot, headers: { 'Content-Security-Policy': hostCsp } });
  browser = await launchBrowser();
  await recordCspViolations(browser.context);
});
after(async () => {
  await browser?.close();
  await widget?.close();
  await host?.close();
  if (hostRoot) await rm(hostRoot, { recursive: true, force: true });
});

/** Visits every view of the widget in `root`, using its tabs, a search and the embed panel. */
async function walk(root) {
  await waitForView(root);
  for (const tab of ['All measures', 'Over time', 'Map', 'Peer group', 'About the data', 'Compare']) {
    await root.getByRole('link', { name: tab, exact: true }).click();
    await root.locator('.ys-tabs__link[aria-current="page"]', { hasText: tab }).waitFor();
    await waitForView(root);
  }
  await root.getByLabel('Council', { exact: true }).fill('Bury');
  await root.locator('.ys-picker__option', { hasText: 'Bury' }).first().click();
  await root.getByTestId('summary').filter({ hasText: 'Bury' }).waitFor();
  await root.getByText('Embed this on your website').click();
  await root.getByText('Pin this version of the data').click();
}

test('the widget on its own page, under the strict policy', async () => {
  const { page, problems } = await openPage(browser.context, `${widget.url}/?area=E08000009`, { viewport: { width: 1280, height: 900 } });
  await walk(page);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an iframe embed on another origin, themed through custom properties', async () => {
  const { page, problems } = await openPage(browser.context, `${host.url}/iframe.html`, { viewport: { width: 1280, height: 900 } });
  const frame = page.frameLocator('iframe');
  await walk(frame);
  // The theme arrived, validated: yellow is darkened for light use and kept for dark, the
  // font is the Georgia stack, and dark mode is on.
  const theme = await frame.locator('.ys-widget').evaluate((root) => ({
    light: root.style.getPropertyValue('--ys-brand-light'),
    dark: root.style.getPropertyValue('--ys-brand-dark'),
    link: getComputedStyle(root).getPropertyValue('--ys-link').trim(),
    font: getComputedStyle(root).fontFamily,
    background: getComputedStyle(root).backgroundColor,
    styleAttribute: root.getAttribute('style'),
  }));
  assert.equal(theme.dark, '#ffdd00');
  assert.notEqual(theme.light, '#ffdd00');
  assert.equal(theme.link, '#ffdd00', 'the dark theme uses the brand made for dark backgrounds');
  assert.match(theme.font, /^Georgia/);
  assert.equal(theme.background, 'rgb(11, 12, 12)');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);

  // The recorder is live: a style attribute set the forbidden way is caught.
  await page.frames()[1].evaluate(() => document.body.setAttribute('style', 'color: red'));
  await page.waitForTimeout(200);
  assert.ok((await cspViolations(page)).some((v) => v.includes('style-src')), 'a real violation is recorded');
  await page.close();
});

test('a script embed on a page whose own policy admits the widget origin', async () => {
  const { page, problems } = await openPage(browser.context, `${host.url}/script.html`, { viewport: { width: 1280, height: 900 } });
  await walk(page.locator('#w'));
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});
