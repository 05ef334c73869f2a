// "Embed this": the snippets the panel gives for the view on screen work when pasted into a
// council page on another origin, pinned to the bundle's version and carrying the source
// line; and both embeds show a useful fallback to readers without JavaScript.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser, serveDist, openPage, siteWith, waitForView, DIST } from './harness.mjs';
import { startServer } from './static-server.mjs';

let browser, noScript, widget, host, hostRoot, hash;
before(async () => {
  widget = await serveDist({ headers: { 'Access-Control-Allow-Origin': '*' } });
  hostRoot = await siteWith({});
  host = await startServer({ root: hostRoot });
  browser = await launchBrowser();
  noScript = await launchBrowser({ javaScriptEnabled: false });
  hash = JSON.parse(await readFile(join(DIST, 'data', 'demo', 'manifest.json'), 'utf8')).content_hash;
});
after(async () => {
  await browser?.close();
  await noScript?.close();
  await widget?.close();
  await host?.close();
  if (hostRoot) await rm(hostRoot, { recursive: true, force: true });
});

/** The two snippets the panel shows for Trafford's recycling trend, view only, pinned. */
async function snippets() {
  const { page, problems } = await openPage(
    browser.context,
    `${widget.url}/?area=E08000009&metric=household-waste-recycling-rate&view=trend`,
    { viewport: { width: 1280, height: 900 } },
  );
  await waitForView(page);
  await page.getByText('Embed this on your website').click();
  await page.getByLabel('The view only').check();
  await page.getByLabel(/Pin this version of the data/).check();
  const iframe = await page.getByLabel(/^Iframe/).inputValue();
  const script = await page.getByLabel(/^Script/).inputValue();
  const source = await page.locator('.ys-embed__source').innerText();
  assert.deepEqual(problems, []);
  await page.close();
  return { iframe, script, source };
}

/** A council page on the host origin holding `snippet`. */
async function hostPage(name, snippet) {
  await writeFile(
    join(hostRoot, name),
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Council</title><link rel="icon" href="data:,"></head>
<body><main><h1>Our recycling</h1>
${snippet}
</main></body></html>`,
  );
  return `${host.url}/${name}`;
}

test('the panel writes both snippets for the view on screen, pinned, with the source line', async () => {
  const { iframe, script, source } = await snippets();
  assert.match(iframe, new RegExp(`src="${widget.url}/embed\\.html\\?area=E08000009&amp;metric=household-waste-recycling-rate&amp;view=trend&amp;controls=none&amp;pin=${hash}&amp;id=yardstick-[0-9a-f]{8}"`));
  assert.match(iframe, /data-yardstick-frame="yardstick-[0-9a-f]{8}"/);
  assert.match(iframe, new RegExp(`<script src="${widget.url}/embed\\.js" async></script>`));
  assert.match(script, new RegExp(`data-pin="${hash}"`));
  assert.match(script, /data-view="trend" data-controls="none"/);
  assert.match(script, new RegExp(`<script type="module" src="${widget.url}/widget\\.js"></script>`));
  assert.match(source, /^Source: Department for Environment, Food and Rural Affairs/);
  for (const snippet of [iframe, script]) {
    assert.ok(snippet.includes('Source: Department for Environment, Food and Rural Affairs'), 'the source travels');
    assert.ok(snippet.includes('Open Government Licence v3.0'), 'the licence travels');
  }
});

test('pasted into a council page on another origin, both snippets show the same view', async () => {
  const { iframe, script } = await snippets();
  for (const [name, snippet] of [['iframe.html', iframe], ['script.html', script]]) {
    const { page, problems } = await openPage(browser.context, await hostPage(name, snippet), {
      viewport: { width: 1000, height: 900 },
    });
    const root = name === 'iframe.html' ? page.frameLocator('iframe') : page.locator('[data-yardstick]');
    await waitForView(root);
    await root.getByTestId('findings').waitFor();
    assert.equal(await root.locator('.ys-tabs').isVisible(), false, `${name}: the view only, no tabs`);
    assert.match(await root.locator('.ys-view__title').first().innerText(), /Trafford/);
    assert.match(await root.locator('.ys-pin-note').innerText(), new RegExp(hash.slice(7, 19)));
    if (name === 'iframe.html') {
      // The view only is compact: the snippet asks for 640 px, and embed.js then fits the frame.
      assert.match(snippet, /height="640"/);
      await page.waitForFunction(() => document.querySelector('iframe').getBoundingClientRect().height !== 640);
    }
    assert.deepEqual(problems, [], name);
    await page.close();
  }
});

test('without JavaScript, both embeds still give the reader a way to the figures', async () => {
  const { iframe, script } = await snippets();
  const page = await noScript.context.newPage();
  await page.goto(await hostPage('no-js-script.html', script));
  // The script embed's own content: a link to the full view, the source and its licence.
  const fallback = await page.getByRole('link', { name: /Trafford compared with its peers/ }).getAttribute('href');
  assert.equal(fallback, `${widget.url}/?area=E08000009&metric=household-waste-recycling-rate&view=trend`);
  assert.ok(await page.getByText(/Source: Department for Environment/).isVisible());

  await page.goto(await hostPage('no-js-iframe.html', iframe));
  // Under the frame, the caption; inside it, embed.html's message with a way out.
  assert.ok(await page.getByText(/Source: Department for Environment/).isVisible());
  assert.ok(await page.getByRole('link', { name: /Trafford compared with its peers/ }).isVisible());
  // (Playwright's text selectors skip <noscript>, so the message is found by its markup.)
  const message = page.frameLocator('iframe').locator('noscript p');
  await message.waitFor();
  assert.match(await message.innerText(), /^This comparison needs JavaScript\. Open the full comparison/);
  assert.equal(await message.locator('a').first().getAttribute('href'), './');
  await page.close();

  // The fallback link leads to the same view, for readers who have JavaScript there.
  const { page: full, problems } = await openPage(browser.context, fallback);
  await waitForView(full);
  await full.getByTestId('findings').waitFor();
  assert.deepEqual(problems, []);
  await full.close();
});
