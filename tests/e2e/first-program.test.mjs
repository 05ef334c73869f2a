// The first program (issue 14): for twenty first views it draws the same sentence, chart and
// source line as the full widget, and the widget takes over without losing the reader's
// scroll position, focus or a press made before it arrived.
//
// The first program's screen is captured with the full widget's wasm held back (its request
// never answered), so only the first program can have drawn it; the widget's view is captured
// from a normal load, after the handover. The expected values are the widget's own, a program
// built from other code (Leptos components rather than the first program's markup).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { launchBrowser, serveDist, siteWith } from './harness.mjs';
import { startServer } from './static-server.mjs';

const WIDGET_WASM = '**/yardstick-widget_bg.wasm';
const RECYCLING = 'household-waste-recycling-rate';

// Districts, metropolitan districts, unitaries, London boroughs, counties, Welsh and Scottish
// councils; measures of every tier, latest and earlier periods, groups of every kind the first
// program draws (type, all, region, published lists); the iframe embed, compact and with pickers.
const VIEWS = [
  ['index.html?area=E07000223', 'a district with no measure named'],
  [`index.html?area=E07000223&metric=${RECYCLING}&period=2019-20`, 'an earlier period'],
  [`index.html?area=E08000009&metric=${RECYCLING}&group=all`, 'every council responsible'],
  [`index.html?area=E08000009&metric=${RECYCLING}&group=region`, 'a region'],
  ['index.html?area=E10000014&metric=asc-carer-quality-of-life', 'a county'],
  ['index.html?area=E10000014&metric=children-looked-after-rate&group=published:dfe-statistical-neighbours-2025', 'a county among a published list'],
  ['index.html?area=E06000001&metric=gcses-in-english-and-maths', 'a unitary'],
  ['index.html?area=E06000001&metric=employment-rate&group=region', 'a unitary in its region'],
  ['index.html?area=W06000015&metric=gross-median-weekly-pay', 'a Welsh council'],
  ['index.html?area=W06000015&metric=employment-rate&group=all', 'a Welsh council among all'],
  ['index.html?area=E09000003&metric=council-tax-band-d', 'a London borough'],
  ['index.html?area=E09000003&metric=housing-affordability-ratio&group=published:ons-similar-areas-global', 'a London borough among ONS similar areas'],
  ['index.html?area=E07000178&metric=residual-household-waste', 'a district, a lower-is-better measure'],
  ['index.html?area=E07000178&metric=greenhouse-gas-emissions&group=published:ons-similar-areas-economic', 'a district among ONS economic neighbours'],
  ['index.html?area=E08000003&metric=asc-workforce-turnover&period=2021-22', 'a metropolitan district, earlier period'],
  ['index.html?area=S12000036&metric=claimant-count', 'a Scottish council'],
  ['index.html?area=E10000030&metric=good-level-of-development&group=region', 'a county in its region'],
  [`embed.html?area=E08000009&metric=${RECYCLING}&controls=none`, 'the compact iframe embed'],
  ['embed.html?area=W06000001&metric=gross-median-weekly-pay&controls=none', 'the compact iframe embed of a Welsh council'],
  [`embed.html?area=E07000223&metric=${RECYCLING}&controls=picker`, 'the iframe embed with pickers'],
];

let browser, server, host, hostRoot;
before(async () => {
  // The widget's own site, which also serves the script embeds of a council's page on
  // another origin (with the header docs/embedding.md asks for).
  server = await serveDist({ headers: { 'Access-Control-Allow-Origin': '*' } });
  hostRoot = await siteWith({
    'council.html': `<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>How we compare</title><link rel="icon" href="data:,"></head><body>
<h1>How we compare</h1>
<div id="full" data-yardstick data-area="E07000223" data-metric="${RECYCLING}">
  <p><a href="${server.url}/?area=E07000223">Adur's recycling compared</a></p>
</div>
<div id="compact" data-yardstick data-area="W06000015" data-metric="gross-median-weekly-pay" data-controls="none">
  <p><a href="${server.url}/?area=W06000015">Cardiff's pay compared</a></p>
</div>
<script type="module" src="${server.url}/widget.js"></script>
</body></html>`,
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

/** The words and drawing of a first screen under `root` (a CSS selector). */
async function capture(page, root) {
  const text = (selector) => page.locator(`${root} ${selector}`).first().innerText();
  return {
    title: await text('.ys-view__title'),
    badge: await text('.ys-badge'),
    sentence: await text('.ys-summary'),
    caption: await text('.ys-chart__caption'),
    description: await page.locator(`${root} .ys-chart__canvas`).first().getAttribute('aria-label'),
    svg: await page.locator(`${root} .ys-chart__canvas svg`).first().evaluate((svg) => svg.outerHTML),
    source: await text('.ys-source'),
  };
}

/** A page whose widget wasm is held until `release()` is called (never, if it is not). */
async function pageWithWidgetHeld(viewport = { width: 390, height: 844 }) {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route(WIDGET_WASM, async (route) => {
    await released;
    await route.continue().catch(() => {});
  });
  return { page, release };
}

async function firstScreen(path) {
  const { page } = await pageWithWidgetHeld();
  await page.goto(`${server.url}/${path}`);
  await page.locator('.ys-first .ys-chart__canvas svg').waitFor({ timeout: 30_000 });
  const shown = await capture(page, '.ys-first');
  await page.close();
  return shown;
}

async function widgetScreen(path) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(`${server.url}/${path}`);
  await page.locator('[data-testid="summary"]').waitFor({ timeout: 60_000 });
  await page.locator('.ys-first').waitFor({ state: 'detached', timeout: 30_000 });
  const shown = await capture(page, '[data-yardstick]');
  await page.close();
  return { shown, problems };
}

for (const [path, what] of VIEWS) {
  test(`the first program draws what the widget draws: ${what} (${path})`, async () => {
    const first = await firstScreen(path);
    const { shown, problems } = await widgetScreen(path);
    assert.deepEqual(problems, []);
    assert.equal(first.sentence, shown.sentence, 'the sentence');
    assert.equal(first.svg, shown.svg, 'the chart');
    assert.equal(first.source, shown.source, 'the source line');
    assert.deepEqual(first, shown, 'title, verdict, caption and description too');
  });
}

test('script embeds on a council page: the first program draws in their shadow roots what the widget draws', async () => {
  const url = `${host.url}/council.html`;
  const { page } = await pageWithWidgetHeld({ width: 1024, height: 900 });
  await page.goto(url);
  const first = {};
  for (const id of ['full', 'compact']) {
    await page.locator(`#${id} .ys-first .ys-chart__canvas svg`).waitFor({ timeout: 30_000 });
    first[id] = await capture(page, `#${id} .ys-first`);
  }
  await page.close();
  const widget = await browser.context.newPage();
  await widget.setViewportSize({ width: 1024, height: 900 });
  const problems = [];
  widget.on('pageerror', (error) => problems.push(error.message));
  widget.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await widget.goto(url);
  for (const id of ['full', 'compact']) {
    await widget.locator(`#${id} .ys-summary`).first().waitFor({ timeout: 60_000 });
    await widget.locator(`#${id} [data-yardstick-first]`).waitFor({ state: 'detached', timeout: 30_000 });
    const shown = await capture(widget, `#${id}`);
    assert.deepEqual(first[id], shown, id);
  }
  // The widget mounted in the shadow root the first program made, not beside it.
  assert.equal(await widget.locator('#full .ys-embed-root').count(), 1);
  assert.deepEqual(problems, []);
  await widget.close();
});

test('a view the first program does not draw is left to the widget', async () => {
  for (const path of [
    'index.html?area=E08000009&group=nearest:15',
    `index.html?area=E08000009&metric=${RECYCLING}&view=trend`,
    'index.html',
  ]) {
    const { page, release } = await pageWithWidgetHeld();
    await page.goto(`${server.url}/${path}`);
    // Time enough for the first program to fetch and draw (it takes well under a second
    // here when it draws), with the widget still held.
    await page.waitForTimeout(1500);
    assert.equal(await page.locator('.ys-first').count(), 0, path);
    release();
    await page.locator('.ys-tabs').first().waitFor({ timeout: 60_000 });
    await page.close();
  }
});

test('the handover keeps the window scroll position and the focus', async () => {
  const { page, release } = await pageWithWidgetHeld();
  await page.goto(`${server.url}/index.html?area=E07000223&metric=${RECYCLING}`);
  await page.locator('.ys-first .ys-chart__canvas svg').waitFor({ timeout: 30_000 });
  await page.locator('.ys-first .ys-choose__toggle').focus();
  await page.evaluate(() => window.scrollTo(0, 300));
  const before = await page.evaluate(() => window.scrollY);
  assert.equal(before, 300);
  release();
  await page.locator('.ys-first').waitFor({ state: 'detached', timeout: 60_000 });
  assert.equal(await page.evaluate(() => window.scrollY), before);
  const focused = await page.evaluate(() => {
    const active = document.activeElement;
    return { toggle: active?.matches('.ys-choose__toggle') ?? false, text: active?.textContent ?? '' };
  });
  assert.deepEqual(focused, { toggle: true, text: 'Change' });
  await page.close();
});

test('a press on the first screen during the handover is not lost', async () => {
  // The Change button: the pickers are open once the widget is there.
  {
    const { page, release } = await pageWithWidgetHeld();
    await page.goto(`${server.url}/index.html?area=E07000223&metric=${RECYCLING}`);
    await page.locator('.ys-first .ys-chart__canvas svg').waitFor({ timeout: 30_000 });
    await page.locator('.ys-first .ys-choose__toggle').click();
    release();
    await page.locator('.ys-first').waitFor({ state: 'detached', timeout: 60_000 });
    await page.waitForFunction(
      () => document.querySelector('.ys-choose__toggle')?.getAttribute('aria-expanded') === 'true',
      null,
      { timeout: 10_000 },
    );
    assert.ok(await page.getByRole('combobox', { name: 'Council' }).isVisible());
    await page.close();
  }
  // A view link: the page stays, and the widget opens that view.
  {
    const { page, release } = await pageWithWidgetHeld();
    await page.goto(`${server.url}/index.html?area=E07000223&metric=${RECYCLING}`);
    await page.locator('.ys-first .ys-chart__canvas svg').waitFor({ timeout: 30_000 });
    await page.locator('.ys-first .ys-tabs__link', { hasText: 'Over time' }).click();
    assert.doesNotMatch(page.url(), /view=trend/, 'the link waits for the widget');
    release();
    await page.waitForURL(/view=trend/, { timeout: 60_000 });
    await page.locator('.ys-tabs__link[aria-current="page"]', { hasText: 'Over time' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.ys-first').count(), 0);
    await page.close();
  }
});

test('if the widget cannot start, a view link pressed on the first screen is followed', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  let fail;
  const failed = new Promise((resolve) => { fail = resolve; });
  await page.route(WIDGET_WASM, async (route) => {
    await failed;
    await route.abort().catch(() => {});
  });
  await page.goto(`${server.url}/index.html?area=E07000223&metric=${RECYCLING}`);
  await page.locator('.ys-first .ys-chart__canvas svg').waitFor({ timeout: 30_000 });
  await page.locator('.ys-first .ys-tabs__link', { hasText: 'About the data' }).click();
  assert.doesNotMatch(page.url(), /view=about/, 'the link waits for the widget');
  fail();
  await page.waitForURL(/view=about/, { timeout: 30_000 });
  await page.close();
});
