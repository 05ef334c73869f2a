// Exports that stand alone (issue 13): a downloaded chart carries its title, period, group,
// key, unit, source, licence and the address of the view; the PNG is drawn from the same SVG;
// file names name the group, so two groups' downloads do not overwrite each other; the
// compare view's CSV carries the group statistics; the document title follows the council,
// measure and view on Yardstick's own page, and a script embed never renames its host page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launchBrowser, serveDist, openPage, waitForView, openFolds } from './harness.mjs';

let browser, server;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser({ acceptDownloads: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const TRAFFORD = 'E08000009';
const WASTE = 'household-waste-recycling-rate';

async function open(query) {
  const opened = await openPage(browser.context, `${server.url}/${query}`, {
    viewport: { width: 1280, height: 900 },
  });
  await waitForView(opened.page);
  await opened.page.waitForFunction(() => !document.querySelector('.ys-loading'), null, {
    timeout: 30_000,
  });
  return opened;
}

/** Clicks `button` and returns the download's file name and bytes. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const bytes = await readFile(await file.path());
  return { name: file.suggestedFilename(), bytes };
}

/** The text of every `<text>` element of an SVG document, and whether it parsed. */
function svgTexts(page, svg) {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      width: Number(doc.documentElement.getAttribute('width')),
      height: Number(doc.documentElement.getAttribute('height')),
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
    };
  }, svg);
}

test('a downloaded ranked chart holds its title, period, group, key, unit, source and licence; the PNG is the same drawing', async () => {
  const query = `?area=${TRAFFORD}&metric=${WASTE}&group=region`;
  const { page, problems } = await open(query);
  const figure = page.locator('figure.ys-chart').first();
  const caption = (await figure.locator('figcaption').innerText()).trim();
  const keys = (await figure.locator('.ys-chart__key li').allInnerTexts()).map((k) => k.trim());

  const svg = await download(page, figure.getByRole('button', { name: 'Download chart (SVG)' }));
  assert.match(svg.name, /^e08000009_household-waste-recycling-rate_.+_region_bars\.svg$/);
  const source = svg.bytes.toString('utf8');
  assert.ok(source.startsWith('<?xml'), source.slice(0, 80));
  const parsed = await svgTexts(page, source);
  assert.equal(parsed.error, null);
  const words = parsed.texts.join(' ');
  // Lines wrap at the chart's width; compare words, not lines.
  const flat = (text) => text.replace(/\s+/g, ' ').trim();
  for (const expected of [caption, ...keys]) {
    assert.ok(flat(words).includes(flat(expected)), `“${expected}” missing from ${words}`);
  }
  assert.match(words, /Period: \d{4}-\d{2}/);
  assert.match(words, /Peer group: .+ \(region\)/);
  assert.match(words, /Unit: %/);
  assert.match(words, /Source: Department for Environment, Food (and|&) Rural Affairs/);
  assert.match(words, /Licence: Open Government Licence/);
  assert.ok(
    flat(words).replace(/ /g, '').includes(`Viewonline:${server.url}/${query}`),
    `the view's address in ${words}`,
  );
  // The drawing itself is still there: the bars' names and the median.
  assert.ok(parsed.texts.some((t) => t.startsWith('Median ')), words);

  const png = await download(page, figure.getByRole('button', { name: 'Download chart (PNG)' }));
  assert.equal(png.name, svg.name.replace(/\.svg$/, '.png'));
  assert.equal(png.bytes.subarray(1, 4).toString('latin1'), 'PNG');
  // The PNG is the SVG drawn at twice its size: the words frame included.
  assert.equal(png.bytes.readUInt32BE(16), parsed.width * 2);
  assert.equal(png.bytes.readUInt32BE(20), parsed.height * 2);
  // And it is that drawing, pixel for pixel: the saved SVG drawn the same way here.
  const same = await page.evaluate(
    async ({ svgSource, pngBase64 }) => {
      const load = (src) =>
        new Promise((ok, fail) => {
          const image = new Image();
          image.onload = () => ok(image);
          image.onerror = fail;
          image.src = src;
        });
      const pixels = (image, width, height) => {
        const canvas = document.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        const context = canvas.getContext('2d');
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, width, height);
        context.drawImage(image, 0, 0, width, height);
        return context.getImageData(0, 0, width, height).data;
      };
      const drawn = await load(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgSource)}`);
      const saved = await load(`data:image/png;base64,${pngBase64}`);
      const [w, h] = [saved.naturalWidth, saved.naturalHeight];
      const a = pixels(drawn, w, h);
      const b = pixels(saved, w, h);
      let differ = 0;
      for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) differ++;
      return differ / (w * h);
    },
    { svgSource: source, pngBase64: png.bytes.toString('base64') },
  );
  assert.ok(same < 0.001, `${(same * 100).toFixed(2)}% of pixels differ`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('two groups give two file names', async () => {
  const names = [];
  for (const group of ['type', 'region']) {
    const { page, problems } = await open(`?area=${TRAFFORD}&metric=${WASTE}&group=${group}`);
    const button = page.getByRole('button', { name: 'Download chart (SVG)' }).first();
    names.push((await download(page, button)).name);
    assert.deepEqual(problems, []);
    await page.close();
  }
  assert.notEqual(names[0], names[1]);
  assert.match(names[0], /_type_bars\.svg$/);
  assert.match(names[1], /_region_bars\.svg$/);
});

test('the compare view’s CSV carries the group statistics on screen', async () => {
  const { page, problems } = await open(`?area=${TRAFFORD}&metric=${WASTE}`);
  await page.locator('.ys-table--facts').waitFor({ state: 'attached' });
  await openFolds(page);
  const shown = Object.fromEntries(
    await page
      .locator('.ys-table--facts tr')
      .evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th').innerText.trim(), tr.querySelector('td').innerText.trim()])),
  );
  const csv = await download(page, page.getByRole('button', { name: 'Download this table (CSV)' }));
  assert.match(csv.name, /^e08000009_household-waste-recycling-rate_.+_type_table\.csv$/);
  const text = csv.bytes.toString('utf8');
  for (const label of ['Councils with a figure', 'Median', 'Lower quartile', 'Upper quartile', 'Interquartile range']) {
    assert.ok(shown[label], `${label} on screen`);
    assert.ok(text.includes(`# ${label}: ${shown[label]}`), `${label}: ${shown[label]} missing from\n${text}`);
  }
  assert.ok(text.indexOf('# Median:') < text.indexOf('Council,GSS code'), text);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the document title follows council, measure and view on Yardstick’s own page', async () => {
  const { page, problems } = await open(`?area=${TRAFFORD}&metric=${WASTE}`);
  await page.waitForFunction(() => document.title === 'Trafford: Recycling rate, compared – Yardstick');
  await page.getByRole('link', { name: 'Over time' }).click();
  await page.waitForFunction(() => document.title === 'Trafford: Recycling rate, over time – Yardstick');
  // Back restores the view and its title.
  await page.goBack();
  await page.waitForFunction(() => document.title === 'Trafford: Recycling rate, compared – Yardstick');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a script embed never renames the page it sits in', async () => {
  // The example council page (whose embed keeps out of the address), and a page whose only
  // widget keeps its state in the page's address.
  const single = `${server.url}/examples/single-embed.html`;
  const context = browser.context;
  const matches = (url) => url.pathname === '/examples/single-embed.html';
  await context.route(matches, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Our council</title></head>
<body><main><h1>Our council</h1><div data-yardstick data-area="${TRAFFORD}" data-metric="${WASTE}"></div></main>
<script type="module" src="../widget.js"></script></body></html>`,
    }),
  );
  for (const [url, title] of [
    [`${server.url}/examples/council-page.html`, 'How our recycling compares – Trafford Council (example)'],
    [`${single}?area=${TRAFFORD}&metric=${WASTE}`, 'Our council'],
  ]) {
    const { page, problems } = await openPage(context, url, { viewport: { width: 1280, height: 900 } });
    const host = page.locator('[data-yardstick]').first();
    await waitForView(host);
    await host.getByRole('link', { name: 'Over time' }).first().click().catch(() => {});
    await page.waitForTimeout(500);
    assert.equal(await page.title(), title, url);
    assert.deepEqual(problems, [], url);
    await page.close();
  }
  await context.unroute(matches);
});
