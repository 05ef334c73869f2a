// Issue 6, acceptance 2: two script embeds on one council page show different councils and
// do not interfere; a hostile host stylesheet does not break them; the widget's styles do
// not change the host page. The widget lives in a shadow root, so this also proves that
// Leptos' click, input and change handlers work there.
//
// The council page is on another origin than the widget, as on a real council site: the
// widget's host sends `Access-Control-Allow-Origin` (docs/embedding.md).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { launchBrowser, serveDist, openPage, siteWith, waitForView, openChooser, chooseMeasure } from './harness.mjs';
import { startServer } from './static-server.mjs';

const HOSTILE = '* { font-size: 30px !important; box-sizing: content-box } svg { display: none } table { display: none }';

let browser, widget, host, hostRoot;
before(async () => {
  widget = await serveDist({ headers: { 'Access-Control-Allow-Origin': '*' } });
  const page = ({ hostile, script }) => `<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Council page</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="council.css">${hostile ? '<link rel="stylesheet" href="hostile.css">' : ''}
</head><body>
<h1 class="host">How we compare</h1>
<p class="host">Intro text with <a class="host" href="#x">a link</a>.</p>
<table class="host"><tr><td>a council table</td></tr></table>
<svg class="host" width="20" height="20" aria-hidden="true"><rect width="20" height="20"></rect></svg>
<button class="host" type="button">A council button</button>
<label class="host">A council field <input class="host" type="text"></label>
<ul class="host"><li>A council list</li></ul>
<div id="w1" class="box" data-yardstick data-area="E08000009" data-metric="household-waste-recycling-rate">
  <p><a href="${widget.url}/?area=E08000009">Trafford's recycling compared</a></p>
</div>
<div id="w2" class="box" data-yardstick data-area="E08000003" data-metric="household-waste-recycling-rate">
  <p><a href="${widget.url}/?area=E08000003">Manchester's recycling compared</a></p>
</div>
<p class="host last">Closing text.</p>
${script ? `<script type="module" src="${widget.url}/widget.js"></script>` : ''}
</body></html>`;
  hostRoot = await siteWith({
    'council.css': 'body { font-family: Georgia, serif; color: #222; line-height: 1.6; letter-spacing: 0.02em; text-transform: none } .box { border: 2px solid #888; margin: 1rem 0; padding: 4px; max-width: 900px }',
    'hostile.css': HOSTILE,
    'clean.html': page({ hostile: false, script: true }),
    'clean-bare.html': page({ hostile: false, script: false }),
    'hostile.html': page({ hostile: true, script: true }),
    'hostile-bare.html': page({ hostile: true, script: false }),
  });
  host = await startServer({ root: hostRoot });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await widget?.close();
  await host?.close();
  if (hostRoot) await rm(hostRoot, { recursive: true, force: true });
});

/** Computed styles of the host page's own elements (not the widgets). */
function hostStyles(page) {
  return page.evaluate(() => {
    const properties = ['font-size', 'font-family', 'color', 'background-color', 'display', 'box-sizing',
      'margin-top', 'padding-left', 'line-height', 'letter-spacing', 'width', 'border-top-width'];
    const elements = [document.documentElement, document.body, ...document.querySelectorAll('.host, .host *, .box')];
    return {
      stylesheets: document.styleSheets.length,
      rootProperties: getComputedStyle(document.documentElement).getPropertyValue('--ys-text'),
      elements: elements.map((element) => {
        const style = getComputedStyle(element);
        const shown = Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]));
        if (element.classList.contains('box')) delete shown.width; // the widget's own box
        return [element.tagName, element.className, shown];
      }),
    };
  });
}

/** What a widget looks like: its summary, chart, table and sizes. */
async function widgetShape(page, id) {
  const root = page.locator(`#${id}`);
  await waitForView(root);
  await root.getByTestId('summary').waitFor();
  const chart = await root.locator('.ys-chart__canvas svg').first().boundingBox();
  const table = root.locator('table.ys-table').first();
  return {
    summary: await root.getByTestId('summary').innerText(),
    summaryFontSize: await root.getByTestId('summary').evaluate((e) => getComputedStyle(e).fontSize),
    inputBoxSizing: await root.locator('input.ys-input').first().evaluate((e) => getComputedStyle(e).boxSizing),
    chart,
    tableDisplay: await table.evaluate((e) => getComputedStyle(e).display),
    tableHeight: (await table.boundingBox())?.height ?? 0,
    overflows: await root.evaluate((host) => host.scrollWidth > host.clientWidth),
    height: (await root.boundingBox()).height,
  };
}

test('a hostile host stylesheet does not break either widget', async () => {
  const clean = await openPage(browser.context, `${host.url}/clean.html`, { viewport: { width: 1000, height: 900 } });
  const hostile = await openPage(browser.context, `${host.url}/hostile.html`, { viewport: { width: 1000, height: 900 } });
  // The hostile sheet really is in force on the host page.
  assert.equal(await hostile.page.locator('p.last').evaluate((e) => getComputedStyle(e).fontSize), '30px');
  assert.equal(await hostile.page.locator('table.host').evaluate((e) => getComputedStyle(e).display), 'none');
  for (const [id, council] of [['w1', 'Trafford'], ['w2', 'Manchester']]) {
    const calm = await widgetShape(clean.page, id);
    const attacked = await widgetShape(hostile.page, id);
    assert.match(attacked.summary, new RegExp(council), `${id} shows ${council}`);
    assert.equal(attacked.summary, calm.summary);
    assert.equal(attacked.summaryFontSize, calm.summaryFontSize, `${id}: text keeps its size`);
    assert.notEqual(attacked.summaryFontSize, '30px');
    assert.equal(attacked.inputBoxSizing, 'border-box');
    assert.ok(attacked.chart && attacked.chart.width > 200 && attacked.chart.height > 100, `${id}: the chart is drawn`);
    assert.equal(attacked.tableDisplay, 'table', `${id}: the table is shown`);
    assert.ok(attacked.tableHeight > 100);
    assert.equal(attacked.overflows, false, `${id}: nothing spills out sideways`);
    assert.ok(Math.abs(attacked.height - calm.height) / calm.height < 0.02, `${id}: same layout (${calm.height} vs ${attacked.height})`);
  }
  assert.deepEqual(clean.problems, []);
  assert.deepEqual(hostile.problems, []);
  await clean.page.close();
  await hostile.page.close();
});

test("the widget's styles do not change the host page", async () => {
  for (const [withWidget, without] of [['clean.html', 'clean-bare.html'], ['hostile.html', 'hostile-bare.html']]) {
    const a = await openPage(browser.context, `${host.url}/${withWidget}`, { viewport: { width: 1000, height: 900 } });
    await waitForView(a.page.locator('#w1'));
    await waitForView(a.page.locator('#w2'));
    const b = await openPage(browser.context, `${host.url}/${without}`, { viewport: { width: 1000, height: 900 } });
    const [styled, bare] = [await hostStyles(a.page), await hostStyles(b.page)];
    assert.ok(bare.elements.length > 8);
    assert.deepEqual(styled, bare, `${withWidget}: the host's elements look the same with and without the widget`);
    assert.equal(styled.rootProperties, '', 'no custom property leaks onto the page');
    assert.deepEqual(a.problems, []);
    await a.page.close();
    await b.page.close();
  }
});

test('the two widgets are independent, and clicks, typing and choices work in their shadow roots', async () => {
  const { page, problems } = await openPage(browser.context, `${host.url}/hostile.html`, { viewport: { width: 1000, height: 900 } });
  const [w1, w2] = [page.locator('#w1'), page.locator('#w2')];
  await waitForView(w1);
  await waitForView(w2);
  assert.ok(await w1.evaluate((e) => e.shadowRoot !== null), 'the widget is in a shadow root');
  const current = (root) => root.locator('.ys-tabs__link[aria-current="page"]').innerText();

  // click: a view tab in the first widget only.
  await w1.getByRole('link', { name: 'Over time' }).click();
  await w1.locator('.ys-tabs__link[aria-current="page"]', { hasText: 'Over time' }).waitFor();
  assert.equal(await current(w2), 'Compare');

  // input, then click: search for a council in the second widget only.
  const search = w2.getByLabel('Council', { exact: true });
  await search.fill('Bury');
  const option = w2.locator('.ys-picker__option', { hasText: 'Bury' }).first();
  await option.waitFor();
  assert.equal(await w1.locator('.ys-picker__option').count(), 0, 'the other widget has no results');
  await option.click();
  await w2.getByTestId('summary').filter({ hasText: 'Bury' }).waitFor();

  // change: another measure in the first widget only.
  await w1.getByRole('link', { name: 'Compare' }).click();
  await openChooser(w1);
  await chooseMeasure(w1, 'recycling-contamination-rate', 'contamination');
  await w1.locator('.ys-view__title', { hasText: 'contaminated' }).first().waitFor();

  assert.match(await w1.getByTestId('summary').innerText(), /Trafford/);
  assert.match(await w2.getByTestId('summary').innerText(), /Bury/);
  assert.doesNotMatch(await w2.locator('.ys-view__title').first().innerText(), /contaminated/);
  // Two widgets on a page keep their state to themselves.
  assert.equal(page.url(), `${host.url}/hostile.html`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an element that cannot hold a shadow root still gets a widget', async () => {
  const { writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  await writeFile(
    join(hostRoot, 'list.html'),
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>List</title><link rel="icon" href="data:,"></head>
<body><main><ul><li id="w" data-yardstick data-area="E08000009" data-metric="household-waste-recycling-rate" data-isolation="shadow">
<a href="${widget.url}/">Recycling</a></li></ul></main>
<script type="module" src="${widget.url}/widget.js"></script></body></html>`,
  );
  const { page, problems } = await openPage(browser.context, `${host.url}/list.html`);
  await waitForView(page.locator('#w'));
  assert.equal(await page.locator('#w').evaluate((e) => e.shadowRoot), null);
  assert.match(await page.locator('#w').getByTestId('summary').innerText(), /Trafford/);
  assert.deepEqual(problems, []);
  await page.close();
});
