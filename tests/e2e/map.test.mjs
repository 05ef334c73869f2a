// Issue 15: the map view. Trafford's recycling rate on the map of lower-tier councils:
// Trafford outlined, reachable by keyboard with its figure and the group median announced,
// the group's table beside the map, the map file fetched only when the map is opened, and
// axe-core clean at 320 and 1280 px. Expected words and numbers come from the bundle's
// files, not from the widget's code.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, serveDist, openPage, axeViolations, waitForView, ROOT } from './harness.mjs';
import { readManifest } from './bundle.mjs';

const BUNDLE = join(ROOT, 'public/data/demo');
const read = (path) => JSON.parse(readFileSync(join(BUNDLE, path), 'utf8'));
const TRAFFORD = 'E08000009';
const WASTE = 'household-waste-recycling-rate';

// Since format 2.0 each measure's metadata is in the catalogue: read it back in.
const manifest = readManifest(BUNDLE);
const areas = read('areas.json').areas;
const metric = manifest.metrics.find((m) => m.id === WASTE);
const lowerMap = manifest.maps.find((m) => m.id === 'lower');
const shapes = read(lowerMap.path);
const values = read(metric.latest_file.path).values.filter((v) => v.period === metric.latest_period);

// The period's last day: 2022-04-01/P1Y ends 2023-03-31.
const [start] = metric.latest_period.split('/');
const periodEnd = `${Number(start.slice(0, 4)) + 1}${start.slice(4, 10)}`;
const lastDay = new Date(`${periodEnd}T00:00:00Z`);
lastDay.setUTCDate(lastDay.getUTCDate() - 1);
const END = lastDay.toISOString().slice(0, 10);

const areaOf = new Map(areas.map((a) => [a.code, a]));
const percent = (v) => `${v.toFixed(metric.decimal_places)}%`;
const trafford = values.find((v) => v.area === TRAFFORD).value;
// Trafford's default group is every metropolitan district; its median, computed here.
const group = values
  .filter((v) => areaOf.get(v.area)?.type === 'MD' && typeof v.value === 'number')
  .map((v) => v.value)
  .sort((a, b) => a - b);
const middle = Math.floor(group.length / 2);
const median = group.length % 2 ? group[middle] : (group[middle - 1] + group[middle]) / 2;
const EXPECTED_LABEL = `Trafford (chosen): ${percent(trafford)}, group median ${percent(median)}`;

// The councils drawn (in force on the period's last day), in keyboard order: by name.
const drawn = shapes.areas
  .map((s) => areaOf.get(s.area))
  .filter((a) => a && (!a.start || a.start <= END) && (!a.end || a.end >= END))
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.code < b.code ? -1 : 1));
const afterTrafford = drawn[drawn.findIndex((a) => a.code === TRAFFORD) + 1];

let browser, server;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const url = (view) =>
  `${server.url}/?area=${TRAFFORD}&metric=${WASTE}${view ? `&view=${view}` : ''}`;

test('the map file is fetched only when the map is opened', async () => {
  const page = await browser.context.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url());
  await waitForView(page);
  assert.equal(requested.filter((u) => u.includes('/maps/')).length, 0, requested.join('\n'));
  await page.getByRole('link', { name: 'Map', exact: true }).click();
  await page.locator('.ys-map__area').first().waitFor({ timeout: 30_000 });
  const maps = requested.filter((u) => u.includes('/maps/'));
  assert.deepEqual(maps.map((u) => u.replace(/.*\/maps\//, 'maps/')), [lowerMap.path]);
  await page.close();
});

test('Trafford is outlined, reachable by keyboard with its figure, and the table is beside the map', async () => {
  const { page, problems } = await openPage(browser.context, url('map'), {
    viewport: { width: 1280, height: 900 },
  });
  await page.locator('.ys-map__area').first().waitFor({ timeout: 30_000 });

  // Every council drawn, once; Trafford outlined thick with its own outline from the bundle.
  assert.equal(await page.locator('.ys-map__area').count(), drawn.length);
  const outline = shapes.areas.find((s) => s.area === TRAFFORD).path;
  const map = page.getByTestId('map');
  const thick = map.locator('.ys-map__marks path[stroke-width="2.5"]');
  assert.equal(await thick.count(), 1);
  assert.equal(await thick.getAttribute('d'), outline);
  // Its peers (the other metropolitan districts) dashed.
  const dashed = await map.locator('.ys-map__marks path[stroke-dasharray]').count();
  assert.equal(dashed, drawn.filter((a) => a.type === 'MD' && a.code !== TRAFFORD).length);
  // The enlarged view around Trafford outlines it too, hidden from assistive technology (it
  // repeats the map) and out of the tab order.
  const inset = page.getByTestId('map-inset').locator('svg');
  assert.equal(await inset.getAttribute('aria-hidden'), 'true');
  assert.equal(await inset.locator('.ys-map__marks path[stroke-width="2.5"]').getAttribute('d'), outline);
  assert.equal(await inset.locator('[tabindex]').count(), 0);

  // The keyboard: Tab reaches the map at Trafford, which says its figure and the median.
  await page.getByRole('link', { name: 'Map', exact: true }).focus();
  let reached = null;
  for (let i = 0; i < 40 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => {
      const active = document.activeElement;
      return active?.classList?.contains('ys-map__area')
        ? { code: active.dataset.code, label: active.getAttribute('aria-label'), role: active.getAttribute('role') }
        : null;
    });
  }
  assert.deepEqual(reached, { code: TRAFFORD, label: EXPECTED_LABEL, role: 'img' });
  assert.equal(await page.getByTestId('map-readout').textContent(), EXPECTED_LABEL);
  // The arrow keys move to the next council by name, and back.
  await page.keyboard.press('ArrowRight');
  const next = await page.evaluate(() => document.activeElement?.dataset?.code);
  assert.equal(next, afterTrafford.code, `after Trafford comes ${afterTrafford.name}`);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.code), TRAFFORD);
  // One tab stop only: Tab leaves the map.
  await page.keyboard.press('Tab');
  assert.equal(
    await page.evaluate(() => document.activeElement?.classList?.contains('ys-map__area')),
    false,
  );

  // The group's table is beside the map at 1280 px, with Trafford's figure in it.
  const mapBox = await page.locator('.ys-map__figure').boundingBox();
  const tableBox = await page.locator('.ys-map__table').boundingBox();
  assert.ok(tableBox.x >= mapBox.x + mapBox.width - 1, `table at ${tableBox.x}, map ends at ${mapBox.x + mapBox.width}`);
  assert.ok(tableBox.y < mapBox.y + mapBox.height, 'table beside the map, not below it');
  const row = page.locator('.ys-map__table tr', { hasText: 'Trafford' }).first();
  assert.match(await row.textContent(), new RegExp(percent(trafford).replace('.', '\\.')));

  // The boundaries' attribution.
  assert.match(
    await page.locator('.ys-map__attribution').textContent(),
    /Contains OS data © Crown copyright and database right/,
  );
  assert.deepEqual(problems, []);
  await page.close();
});

for (const width of [320, 1280]) {
  test(`axe-core finds nothing on the map view at ${width} px`, async () => {
    const { page, problems } = await openPage(browser.context, url('map'), {
      viewport: { width, height: 900 },
    });
    await page.locator('.ys-map__area').first().waitFor({ timeout: 30_000 });
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
