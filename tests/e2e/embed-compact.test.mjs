// Issue 13, acceptance 2: the iframe embed that shows the view only (`controls=none`) is
// compact: the verdict, the sentence, one short chart, the source and a link to the full
// comparison, at most 900 px tall at 320 px for Trafford among its 36 metropolitan districts.
// `parts=` adds the table, the statistics and the distribution back, and the frame grows.
// The example council page's first embed is compact.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser, serveDist, openPage, siteWith, waitForView, axeViolationsIn } from './harness.mjs';
import { startServer } from './static-server.mjs';

const AREA = 'E08000009';
const METRIC = 'household-waste-recycling-rate';
const TALLEST = 900;

let browser, widget, host, hostRoot;
before(async () => {
  widget = await serveDist();
  hostRoot = await siteWith({});
  host = await startServer({ root: hostRoot });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  for (const server of [widget, host]) await server?.close();
  if (hostRoot) await rm(hostRoot, { recursive: true, force: true });
});

/** A council page on another origin with one iframe (sized by embed.js) in a 320 px column. */
async function hostPage(name, query) {
  await writeFile(
    join(hostRoot, name),
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Council page</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="host.css"></head>
<body><main><iframe src="${widget.url}/embed.html?area=${AREA}&metric=${METRIC}&${query}"
  data-yardstick-frame="${name.replace('.html', '')}" title="Recycling compared" width="100%" height="640"></iframe></main>
<script src="${widget.url}/embed.js" async></script></body></html>`,
  );
  await writeFile(join(hostRoot, 'host.css'), 'body { margin: 0; } iframe { display: block; width: 100%; border: 0; }');
  return `${host.url}/${name}`;
}

/** The frame's height once embed.js has made it fit its content (and the chart is drawn). */
async function fittedHeight(page) {
  const frame = page.frameLocator('iframe');
  await waitForView(frame);
  await frame.locator('.ys-chart svg').first().waitFor();
  let last;
  for (let i = 0; i < 100; i++) {
    const outer = await page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height);
    const content = await frame.locator('html').evaluate(() => document.documentElement.getBoundingClientRect().height);
    if (Math.abs(outer - Math.ceil(content)) <= 1 && outer === last) return outer;
    last = outer;
    await page.waitForTimeout(150);
  }
  assert.fail(`the frame never fitted its content: ${last}`);
}

/** Opens the iframe embed with `query` at 320 px and returns the page, frame and height. */
async function open(name, query) {
  const url = await hostPage(name, query);
  const { page, problems } = await openPage(browser.context, url, { viewport: { width: 320, height: 700 } });
  const height = await fittedHeight(page);
  return { page, problems, frame: page.frames().find((f) => f.url().includes('embed.html')), height };
}

test('controls=none is compact at 320 px, and parts make it taller', async () => {
  const compact = await open('compact.html', 'controls=none&id=compact');
  assert.ok(compact.height <= TALLEST, `the compact embed is ${compact.height} px tall`);
  const { frame } = compact;
  // The group is Trafford among the 36 metropolitan districts, all drawn in the chart.
  assert.match(await frame.locator('[data-testid="summary"]').innerText(), /Trafford/);
  assert.equal(await frame.locator('.ys-chart').count(), 1, 'one chart');
  assert.equal(await frame.locator('.ys-table--facts').count(), 0, 'no statistics');
  assert.equal(await frame.locator('table').count(), 0, 'no table');
  assert.ok(await frame.locator('.ys-source').isVisible(), 'the source and licence');
  const link = frame.locator('[data-testid="full-comparison"]');
  assert.equal(await link.innerText(), 'Full comparison');
  const href = new URL(await link.getAttribute('href'), frame.url());
  assert.equal(href.origin, widget.url, 'the link stays on the widget’s own site');
  assert.equal(href.pathname, '/');
  assert.equal(href.searchParams.get('area'), AREA);
  assert.equal(href.searchParams.get('metric'), METRIC);
  assert.deepEqual(await axeViolationsIn(frame), []);
  assert.deepEqual(compact.problems, []);
  await compact.page.close();

  let previous = compact.height;
  for (const parts of ['statistics', 'statistics,distribution', 'table,statistics,distribution']) {
    const more = await open(`parts-${parts.length}.html`, `controls=none&parts=${parts}&id=parts-${parts.length}`);
    assert.ok(more.height > previous, `parts=${parts}: ${more.height} px, not taller than ${previous} px`);
    assert.equal(await more.frame.locator('.ys-table--facts').count(), 1, parts);
    const everything = parts.includes('table');
    assert.equal(await more.frame.locator('[data-testid="full-comparison"]').count(), everything ? 0 : 1, parts);
    assert.deepEqual(more.problems, []);
    previous = more.height;
    await more.page.close();
  }
});

test('the example council page’s first embed is compact', async () => {
  const { page, problems } = await openPage(browser.context, `${widget.url}/examples/council-page.html`, {
    viewport: { width: 320, height: 800 },
  });
  const first = page.locator('iframe').first();
  const src = new URL(await first.getAttribute('src'), page.url());
  assert.equal(src.searchParams.get('controls'), 'none');
  assert.equal(src.searchParams.get('parts'), null);
  assert.ok(Number(await first.getAttribute('height')) <= TALLEST, 'its fallback height fits the compact embed');
  await first.scrollIntoViewIfNeeded();
  const frame = page.frameLocator('iframe >> nth=0');
  await waitForView(frame);
  await frame.locator('[data-testid="full-comparison"]').waitFor();
  let height;
  for (let i = 0; i < 100; i++) {
    height = await first.evaluate((f) => f.getBoundingClientRect().height);
    const content = await frame.locator('html').evaluate(() => document.documentElement.getBoundingClientRect().height);
    if (Math.abs(height - Math.ceil(content)) <= 1) break;
    await page.waitForTimeout(100);
  }
  assert.ok(height <= TALLEST, `the first embed is ${height} px tall at 320 px`);
  assert.deepEqual(problems, []);
  await page.close();
});
