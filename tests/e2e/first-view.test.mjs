// The first view, end to end: a council among the councils of its type, from the release build
// served as static files, in Debian's Chromium.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, serveDist, openPage, axeViolations, ROOT, openChooser, openFolds } from './harness.mjs';

const WASTE_CSV = join(ROOT, '..', 'shared', 'data', 'metrics', 'oflog_waste_defra.csv');

let browser, server;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Parses RFC 4180 CSV (quoted fields, doubled quotes) into objects keyed by the header. */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  const keys = header.map((k) => k.replace(/^\uFEFF/, ''));
  return body.map((r) => Object.fromEntries(keys.map((k, j) => [k, r[j]])));
}

/** Median by linear interpolation (Hyndman and Fan type 7), written here independently. */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * 0.5;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

async function summaryText(page) {
  const summary = page.getByTestId('summary');
  await summary.waitFor();
  return summary.innerText();
}

test('Trafford is shown among metropolitan districts with the median of the published figures', async (t) => {
  if (!existsSync(WASTE_CSV)) {
    t.skip(`../shared/data is absent (${WASTE_CSV}): the independent median cannot be computed`);
    return;
  }
  const rows = parseCsv(readFileSync(WASTE_CSV, 'utf8')).filter(
    (r) =>
      r.Year === '2022-23' &&
      r.Measure === 'Household waste recycling rate' &&
      r.AreaType === 'Metropolitan Districts',
  );
  // DEFRA's "-" (no figure) is not a number and so is not in the median.
  const numeric = rows.filter((r) => r.Value.trim() !== '' && Number.isFinite(Number(r.Value)));
  const expectedMedian = median(numeric.map((r) => Number(r.Value))).toFixed(1);
  const trafford = rows.find((r) => r.AreaCode === 'E08000009');

  const { page, problems } = await openPage(browser.context, `${server.url}/?area=E08000009`);
  const summary = await summaryText(page);
  assert.match(summary, new RegExp(`Trafford ${trafford.Value}%`));
  assert.match(summary, new RegExp(`median of ${expectedMedian.replace('.', '\\.')}%`));
  assert.match(summary, new RegExp(`the ${numeric.length} metropolitan districts with a figure`));
  assert.match(summary, /2022-23/);

  const key = await page.locator('.ys-chart__key').first().innerText();
  assert.match(key, new RegExp(`Median of the group: ${expectedMedian.replace('.', '\\.')}%`));

  // The table (folded, as long tables are) lists every council in the chart, with Trafford
  // marked in words.
  await openFolds(page);
  const bodyRows = page.locator('.ys-table-block tbody tr');
  assert.equal(await bodyRows.count(), rows.length);
  const chosen = page.locator('.ys-table__row--chosen');
  assert.match(await chosen.innerText(), /Trafford\s+E08000009\s+58\.4%\s+Selected council/);

  // The chart names Trafford and is described for screen readers.
  const chart = page.locator('.ys-chart__canvas').first();
  assert.match(await chart.getAttribute('aria-label'), /Trafford is marked, at 58\.4%/);
  assert.ok(await chart.locator('svg text', { hasText: 'Trafford' }).count() >= 1);

  // Period and source travel with the chart.
  const source = await page.locator('.ys-source').innerText();
  assert.match(source, /Period: 2022-23/);
  assert.match(source, /Department for Environment, Food and Rural Affairs/);
  assert.match(source, /Open Government Licence/);
  assert.deepEqual(problems, []);
});

test('a council picked through the search box is in the URL, survives a reload, and back and forward work', async () => {
  const { page, problems } = await openPage(browser.context, `${server.url}/`);
  const search = page.getByRole('combobox', { name: 'Council' });
  await search.fill('traff');
  await page.getByRole('option', { name: /^Trafford/ }).click();
  const first = await summaryText(page);
  assert.match(first, /Trafford 58\.4%/);
  assert.match(page.url(), /[?&]area=E08000009(&|$)/);
  await openFolds(page);
  assert.equal(await page.locator('.ys-table__row--chosen th').first().innerText(), 'Trafford');

  await page.reload();
  assert.equal(await summaryText(page), first);

  await openChooser(page);
  await search.fill('E08000010');
  await search.press('Enter');
  await page.waitForURL(/area=E08000010/);
  assert.match(await summaryText(page), /Wigan/);

  await page.goBack();
  await page.waitForURL(/area=E08000009/);
  assert.match(await summaryText(page), /Trafford 58\.4%/);
  await page.goForward();
  await page.waitForURL(/area=E08000010/);
  assert.match(await summaryText(page), /Wigan/);
  assert.deepEqual(problems, []);
});

test('the view has no axe-core violations at 320 px and at 1280 px', async () => {
  for (const width of [320, 1280]) {
    const { page } = await openPage(browser.context, `${server.url}/?area=E08000009`, {
      viewport: { width, height: 800 },
    });
    await summaryText(page);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `axe-core at ${width} px`);
    await page.close();
  }
});

test('an unknown council code in the URL says so and keeps the search box', async () => {
  const { page, problems } = await openPage(browser.context, `${server.url}/?area=E99999999`);
  await page.getByText('Council not found').waitFor();
  assert.ok(await page.getByRole('combobox', { name: 'Council' }).isVisible());
  assert.deepEqual(problems, []);
});

test('a county has no recycling rate, and the widget says who provides it', async () => {
  const { page } = await openPage(browser.context, `${server.url}/?area=E10000014&metric=household-waste-recycling-rate`);
  await page.getByText('Hampshire has no figure for this measure').waitFor();
  const message = await page.locator('.ys-message').innerText();
  assert.match(message, /Hampshire does not provide this service/);
  // Basingstoke and Deane is one of Hampshire's districts, which collect its waste.
  assert.match(message, /Basingstoke and Deane/);
});

test('a failed download shows a message with a retry that works', async () => {
  const page = await browser.context.newPage();
  let block = true;
  await page.route('**/manifest.json', (route) => (block ? route.abort() : route.continue()));
  await page.goto(`${server.url}/?area=E08000009`);
  await page.getByText('The data could not be downloaded').waitFor();
  block = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  assert.match(await summaryText(page), /Trafford 58\.4%/);
  await page.close();
});
