// Issue 13, acceptance 1: on a phone (390 × 844) the verdict sentence and the first chart are
// on the first screen (the chart's top at most 600 px down: the pickers fold behind one line
// once a council is chosen, long tables behind their headings), and axe-core finds nothing on
// any view at 390 px (views.test.mjs does 320 and 1280 px). Release build, Debian's Chromium.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, serveDist, openPage, waitForView, axeViolations, openChooser, openFolds } from './harness.mjs';
import { readManifest } from './bundle.mjs';

let browser, server;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const PHONE = { width: 390, height: 844 };

/** The top of the first element matching `selector`, in CSS pixels from the page's top. */
async function top(page, selector) {
  return page.locator(selector).first().evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
}

test('Adur on recycling: the verdict sentence on the first screen of a phone', async () => {
  const { page, problems } = await openPage(
    browser.context,
    `${server.url}/?area=E07000223&metric=household-waste-recycling-rate`,
    { viewport: PHONE },
  );
  await waitForView(page);
  const summary = page.getByTestId('summary');
  await summary.waitFor();
  // The verdict sentence names its method, and starts on the first screen.
  assert.match(await summary.innerText(), /by the (distance rule|confidence-interval test)/);
  assert.ok((await top(page, '[data-testid="summary"]')) < PHONE.height, 'the sentence is on screen');
  // The first chart starts within 600 px, and the pickers wait behind one line.
  const chart = await top(page, '.ys-view .ys-chart__canvas');
  assert.ok(chart <= 600, `the ranked chart starts at ${chart} px`);
  assert.equal(await page.locator('.ys-choose__current').innerText(), 'Adur · Recycling rate · 2022-23');
  assert.equal(await page.getByRole('combobox', { name: 'Council' }).isVisible(), false);
  // "Change" opens them, and says so.
  const change = page.getByRole('button', { name: 'Change' });
  assert.equal(await change.getAttribute('aria-expanded'), 'false');
  await change.click();
  assert.equal(await page.getByRole('button', { name: 'Done' }).getAttribute('aria-expanded'), 'true');
  assert.equal(await page.getByRole('combobox', { name: 'Council' }).inputValue(), 'Adur');
  assert.deepEqual(problems, []);
  await page.close();
});

test("Kent's overview: what it holds is said on the first screen of a phone", async () => {
  const { page, problems } = await openPage(browser.context, `${server.url}/?area=E10000016&view=overview`, {
    viewport: PHONE,
  });
  await waitForView(page);
  await page.locator('.ys-card').first().waitFor();
  const intro = await top(page, '.ys-view .ys-summary');
  assert.ok(intro < PHONE.height, 'the overview says what it holds on the first screen');
  const chart = await top(page, '.ys-card__spine');
  assert.ok(chart <= 600, `the first card's chart starts at ${chart} px`);
  assert.deepEqual(problems, []);
  await page.close();
});

for (const [name, url] of [
  ['all measures', '?area=E10000016&view=overview'],
  ['compare', '?area=E08000009&metric=household-waste-recycling-rate'],
  ['over time', '?area=E08000009&view=trend'],
  ['peer group', '?area=E08000009&view=peers&group=nearest:10'],
  ['about the data', '?area=E08000009&view=about'],
  ['no council chosen', ''],
]) {
  test(`axe-core finds nothing on ${name} at 390 px, folded and opened`, async () => {
    const { page, problems } = await openPage(browser.context, `${server.url}/${url}`, { viewport: PHONE });
    if (url) await waitForView(page);
    else await page.getByRole('combobox', { name: 'Council' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'folded');
    await openChooser(page);
    await openFolds(page);
    assert.deepEqual(await axeViolations(page), [], 'opened');
    assert.deepEqual(problems, []);
    await page.close();
  });
}

// The measure list marks the measures a council has no figure for: its tier does not provide
// the service, or its nation is outside the measure's coverage. Expected from the bundle's own
// files, read here.
const DEMO = new URL('../../public/data/demo/', import.meta.url);
const manifest = readManifest(DEMO);
const areas = JSON.parse(readFileSync(new URL('areas.json', DEMO), 'utf8')).areas;

for (const code of ['E10000016', 'W06000015']) {
  const area = areas.find((a) => a.code === code);
  const expected = manifest.metrics
    .filter((m) => !m.area_types.includes(area.type) || (m.coverage && !m.coverage.includes(area.nation)))
    .map((m) => `${m.title} (no figure for ${area.name})`.replace(/\s+/g, " "));
  test(`the measure list marks the ${expected.length} measures ${area.name} has no figure for`, async () => {
    assert.ok(expected.length > 0 && expected.length < manifest.metrics.length, 'some marked, some not');
    const { page, problems } = await openPage(browser.context, `${server.url}/?area=${code}`);
    await waitForView(page);
    // Every measure, listed by ↓ in the empty measure search.
    await openChooser(page);
    const measure = page.getByRole('combobox', { name: 'Measure' });
    await measure.fill('');
    await page.keyboard.press('ArrowDown');
    const listed = page.getByRole('listbox', { name: 'Measures' }).getByRole('option');
    await listed.first().waitFor();
    const options = await listed.allInnerTexts();
    assert.equal(options.length, manifest.metrics.length);
    assert.deepEqual(options.filter((o) => o.includes('(no figure for')).sort(), expected.sort());
    assert.deepEqual(problems, []);
    await page.close();
  });
}
