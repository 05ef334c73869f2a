// Issue 12, acceptance 3: what a reader is told about a council is true. Welsh and Scottish
// councils are told the figures cover England only (not that they lack the service), a county
// is sent to its districts for recycling, a district's overview keeps its services apart from
// facts about its area, and a group of county councils for 2024-25 names and counts no council
// abolished before then. Release build, Debian's Chromium.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, serveDist, openPage, waitForView, ROOT } from './harness.mjs';

const RECYCLING = 'household-waste-recycling-rate';

let browser, server;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function message(query) {
  const { page, problems } = await openPage(browser.context, `${server.url}/?${query}`);
  await page.locator('.ys-message').first().waitFor();
  const text = await page.locator('.ys-message').first().innerText();
  await page.close();
  assert.deepEqual(problems, []);
  return text;
}

test('Cardiff and Fife are told the recycling figures cover England only', async () => {
  for (const [code, name, nation] of [
    ['W06000015', 'Cardiff', 'Wales'],
    ['S12000047', 'Fife', 'Scotland'],
  ]) {
    const text = await message(`area=${code}&metric=${RECYCLING}`);
    assert.match(text, new RegExp(`${name} has no figure for this measure`));
    assert.match(text, /cover England only/);
    assert.match(text, new RegExp(`councils in ${nation}`));
    assert.doesNotMatch(text, /not responsible|does not provide/);
  }
});

test('Kent is pointed to its districts for recycling', async () => {
  const text = await message(`area=E10000016&metric=${RECYCLING}`);
  assert.match(text, /Kent does not provide this service/);
  // Two of the twelve districts in Kent, which collect its household waste.
  assert.match(text, /Ashford/);
  assert.match(text, /Tunbridge Wells/);
});

test("Adur's overview keeps its services apart from facts about its area", async () => {
  const { page, problems } = await openPage(browser.context, `${server.url}/?area=E07000223&view=overview`);
  await waitForView(page);
  // Each card under the subject heading that comes before it.
  const sections = await page.locator('.ys-overview').evaluate((root) => {
    const out = [];
    for (const node of root.querySelectorAll('.ys-overview__section-heading, .ys-card__title')) {
      if (node.classList.contains('ys-overview__section-heading')) {
        out.push({ heading: node.innerText.trim(), titles: [] });
      } else {
        out.at(-1).titles.push(node.innerText.trim());
      }
    }
    return out;
  });
  assert.deepEqual(
    sections.map((s) => s.heading),
    ['Services Adur provides', "About Adur's area"],
  );
  const [services, area] = sections;
  // Adur collects waste; it runs no schools: GCSE results describe its area's pupils.
  assert.ok(services.titles.some((t) => /recycling/i.test(t)), services.titles.join('; '));
  assert.ok(!services.titles.some((t) => /GCSE|absence|life expectancy/i.test(t)), services.titles.join('; '));
  assert.ok(area.titles.some((t) => /GCSE/i.test(t)), area.titles.join('; '));
  // The introduction says what is shown, and a note what is left out and why, truly.
  const intro = await page.locator('.ys-summary').first().innerText();
  assert.match(intro, /about the area/);
  const note = await page.locator('.ys-view').first().innerText();
  // (With 528 measures the note also names measures without English figures and those
  // published for other tiers only, first or after.)
  assert.match(note, /Not shown: [^\n]*\b\d+ measures are for services another tier of council provides/);
  assert.doesNotMatch(note, /services Adur does not provide/);
  // No change is called better or worse without a test.
  const changes = await page.locator('.ys-card__change').allInnerTexts();
  assert.ok(changes.length > 0);
  for (const change of changes) assert.match(change, /^(Up|Down|No change) /);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Kent among county councils in 2024-25: no abolished council is named or counted', async () => {
  const areas = JSON.parse(readFileSync(join(ROOT, 'public', 'data', 'demo', 'areas.json'), 'utf8')).areas;
  const periodStart = '2024-04-01';
  const counties = areas.filter((a) => a.type === 'CTY');
  const abolished = counties.filter((a) => a.end && a.end < periodStart);
  const current = counties.filter((a) => !(a.end && a.end < periodStart));
  assert.ok(abolished.length >= 6, `${abolished.length} counties abolished before ${periodStart}`);
  const { page, problems } = await openPage(
    browser.context,
    `${server.url}/?area=E10000016&metric=childrens-social-care-re-referrals&period=${periodStart}/P1Y&group=type&view=peers`,
  );
  await waitForView(page);
  const label = await page.getByTestId('group-label').innerText();
  assert.match(label, new RegExp(`${current.length - 1} councils besides Kent`));
  const text = await page.locator('.ys-view').first().innerText();
  for (const gone of abolished) assert.ok(!text.includes(gone.name), `${gone.name} is named`);
  // The compare view's table lists members of the group: none abolished.
  await page.goto(`${server.url}/?area=E10000016&metric=childrens-social-care-re-referrals&period=${periodStart}/P1Y&group=type`);
  await waitForView(page);
  const table = await page.locator('.ys-view table').last().innerText();
  for (const gone of abolished) assert.ok(!table.includes(gone.name), `${gone.name} in the table`);
  assert.deepEqual(problems, []);
  await page.close();
});
