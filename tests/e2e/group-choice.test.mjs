// Issue 13, "change the group from where you are": a compact group choice beside the verdict
// on the compare, over-time and all-measures views; applying it changes the URL, the chart's
// heading and the summary sentence, and a polite live region confirms the change with the true
// sizes of both groups (counted here from the bundle's own files, not read from the widget).
// Nothing is announced on first load or when the measure changes; the keyboard alone does it;
// axe-core finds nothing; a compact embed (`controls=none`) shows no choice. Release build,
// Debian's Chromium.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, launchBrowser, serveDist, openPage, waitForView, axeViolations, chooseMeasure } from './harness.mjs';
import { readManifest } from './bundle.mjs';

const ADUR = 'E07000223';
const RECYCLING = 'household-waste-recycling-rate';
const COMPARE = `?area=${ADUR}&metric=${RECYCLING}`;

let browser, server;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const demo = async (file) => JSON.parse(await readFile(join(ROOT, 'public', 'data', 'demo', file), 'utf8'));

/**
 * Adur's groups on recycling's latest period, counted from areas.json and the manifest alone:
 * the other non-metropolitan districts in force on some day of the period, and how many
 * councils could be a nearest neighbour (every other council of a type the measure covers).
 */
async function expectedSizes() {
  const { areas } = await demo('areas.json');
  const { metrics } = readManifest(join(ROOT, 'public', 'data', 'demo'));
  const recycling = metrics.find((m) => m.id === RECYCLING);
  const [start, length] = recycling.latest_period.split('/');
  assert.equal(length, 'P1Y', 'a financial year');
  const end = new Date(start);
  end.setUTCFullYear(end.getUTCFullYear() + 1);
  end.setUTCDate(end.getUTCDate() - 1);
  const last = end.toISOString().slice(0, 10);
  const inForce = (a) => (a.start ?? '0000') <= last && (a.end ?? '9999') >= start;
  const adur = areas.find((a) => a.code === ADUR);
  const sameType = areas.filter((a) => a.type === adur.type && a.code !== ADUR && inForce(a)).length;
  const candidates = areas.filter((a) => recycling.area_types.includes(a.type) && a.code !== ADUR && inForce(a)).length;
  return { sameType, nearest: Math.min(15, candidates), name: adur.name, typePlural: 'non-metropolitan districts' };
}

const notice = (page) => page.getByTestId('group-notice');

test('from the compare view the keyboard alone changes the group to nearest neighbours, and the change is confirmed truly', async () => {
  const sizes = await expectedSizes();
  assert.ok(sizes.sameType > 100 && sizes.nearest === 15, JSON.stringify(sizes));
  const { page, problems } = await openPage(browser.context, `${server.url}/${COMPARE}`, {
    viewport: { width: 1280, height: 900 },
  });
  await waitForView(page);
  const choice = page.getByRole('combobox', { name: 'Peer group' });
  await choice.waitFor();
  const summary = page.getByTestId('summary');
  const caption = page.locator('.ys-chart__caption').first();
  const before = { summary: await summary.innerText(), caption: await caption.innerText() };
  assert.match(before.caption, /Adur and non-metropolitan districts/);
  assert.equal(await choice.inputValue(), 'type');
  // Nothing is announced on first load.
  assert.equal(await notice(page).innerText(), '');
  assert.equal(await notice(page).getAttribute('role'), 'status');

  // Tab to the select, arrow down to nearest neighbours, Tab to Apply, Enter.
  await page.locator('body').focus();
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await choice.evaluate((el) => el === el.getRootNode().activeElement);
  }
  assert.ok(reached, 'Tab reaches the group choice');
  const labels = await choice.locator('option').allInnerTexts();
  const nearestAt = labels.indexOf(`${sizes.name}'s 15 nearest neighbours`);
  assert.ok(nearestAt > 0, labels.join(' | '));
  for (let i = 0; i < nearestAt; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await choice.inputValue(), 'nearest:15');
  // Moving through the options changes nothing until the choice is applied.
  assert.doesNotMatch(page.url(), /group=/);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Apply');
  await page.keyboard.press('Enter');

  await page.waitForURL(/group=nearest(%3A|:)15/);
  await page.waitForFunction(() => document.querySelector('[data-testid="group-notice"]')?.textContent);
  assert.equal(
    await notice(page).innerText(),
    `Peer group changed from ${sizes.typePlural} (${sizes.sameType} councils besides ${sizes.name}) ` +
      `to ${sizes.name}'s 15 nearest neighbours (${sizes.nearest} councils besides ${sizes.name}).`,
  );
  await waitForView(page);
  await page.getByTestId('summary').waitFor();
  const after = { summary: await summary.innerText(), caption: await caption.innerText() };
  assert.notEqual(after.summary, before.summary);
  assert.match(after.summary, /Adur's 15 nearest neighbours/);
  assert.match(after.caption, /Adur and Adur's 15 nearest neighbours/);
  // The focus comes back to the new view's choice, which shows the group applied.
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    return el?.tagName === 'SELECT' ? el.value : el?.tagName;
  });
  assert.equal(focused, 'nearest:15');

  // A new measure is not a change of group: the confirmation goes.
  await chooseMeasure(page, 'residual-household-waste', 'residual');
  await page.waitForURL(/metric=residual-household-waste/);
  await waitForView(page);
  await page.getByRole('combobox', { name: 'Peer group' }).waitFor();
  assert.equal(await notice(page).innerText(), '');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the published groups are fetched when the reader comes to the choice, and join it without drawing the view again', async () => {
  const { page, problems } = await openPage(browser.context, 'about:blank');
  // Hold the published groups back until the reader is in the choice.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  let asked = 0;
  await page.route('**/peer-groups.json', async (route) => {
    asked += 1;
    await held;
    await route.continue();
  });
  await page.goto(`${server.url}/${COMPARE}`);
  await waitForView(page);
  const choice = page.getByRole('combobox', { name: 'Peer group' });
  await choice.waitFor();
  await page.waitForTimeout(500);
  assert.equal(asked, 0, 'not fetched for a view that does not need them');
  await choice.focus();
  await page.waitForTimeout(200);
  assert.equal(asked, 1, 'fetched once the reader is in the choice');
  await choice.evaluate((el) => el.setAttribute('data-first', ''));
  assert.equal(await page.locator('optgroup[label="Published groups"]').count(), 0);
  release();
  await page.locator('optgroup[label="Published groups"]').waitFor({ state: 'attached' });
  // Adur has a list in each of the demo's ONS groups and in neither DfE group (upper tier).
  const { groups } = await demo('peer-groups.json');
  const expected = groups.filter((g) => g.members.some((m) => m.area === ADUR)).map((g) => g.title);
  assert.deepEqual(await page.locator('optgroup[label="Published groups"] option').allInnerTexts(), expected);
  // The same select, still with the focus.
  assert.ok(await choice.evaluate((el) => el.hasAttribute('data-first') && el === document.activeElement));
  assert.deepEqual(problems, []);
  await page.close();
});

test('the editor on the peer group view confirms its change too, beside the editor', async () => {
  const { page, problems } = await openPage(
    browser.context,
    `${server.url}/?area=E10000016&metric=childrens-social-care-re-referrals&view=peers`,
  );
  await waitForView(page);
  await page.getByRole('radio', { name: 'Councils in the same region' }).check();
  await page.getByRole('button', { name: 'Use this peer group' }).click();
  await page.waitForURL(/group=region/);
  await page.waitForFunction(() => document.querySelector('[data-testid="group-notice"]')?.textContent);
  // Kent's county councils and the South East's upper-tier councils, from areas.json.
  const { areas } = await demo('areas.json');
  const { metrics } = readManifest(join(ROOT, 'public', 'data', 'demo'));
  const metric = metrics.find((m) => m.id === 'childrens-social-care-re-referrals');
  const [start] = metric.latest_period.split('/');
  const end = new Date(start);
  end.setUTCFullYear(end.getUTCFullYear() + 1);
  end.setUTCDate(end.getUTCDate() - 1);
  const last = end.toISOString().slice(0, 10);
  const inForce = (a) => (a.start ?? '0000') <= last && (a.end ?? '9999') >= start;
  const others = areas.filter((a) => a.code !== 'E10000016' && inForce(a));
  const counties = others.filter((a) => a.type === 'CTY').length;
  const region = others.filter((a) => a.region === 'South East' && metric.area_types.includes(a.type)).length;
  const expected =
    `Peer group changed from county councils (${counties} councils besides Kent) ` +
    `to councils in South East (${region} councils besides Kent).`;
  assert.equal(await notice(page).innerText(), expected);
  // Said again where the reader pressed the button, further down the view.
  const copies = await page.locator('.ys-group-notice').allInnerTexts();
  assert.deepEqual(copies, [expected, expected]);
  assert.deepEqual(problems, []);
  await page.close();
});

for (const width of [390, 1280]) {
  for (const [name, query] of [
    ['compare', COMPARE],
    ['over time', `${COMPARE}&view=trend`],
    ['all measures', `?area=${ADUR}&view=overview`],
  ]) {
    test(`axe-core finds nothing on ${name} with the group choice at ${width} px`, async () => {
      const { page, problems } = await openPage(browser.context, `${server.url}/${query}`, {
        viewport: { width, height: 900 },
      });
      await waitForView(page);
      // On a phone the overview's tools fold behind one button.
      const tools = page.getByRole('button', { name: 'Show, order or change the group' });
      if (await tools.isVisible()) await tools.click();
      const choice = page.getByRole('combobox', { name: 'Peer group' });
      await choice.waitFor();
      // With the published groups in (fetched when the reader comes to the choice), and after
      // a change, so the confirmation shows too.
      await choice.focus();
      await page.locator('optgroup[label="Published groups"]').waitFor({ state: 'attached' });
      await choice.selectOption('region');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForFunction(() => document.querySelector('[data-testid="group-notice"]')?.textContent);
      await waitForView(page);
      await page.getByRole('combobox', { name: 'Peer group' }).waitFor();
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
}

test('a compact embed (controls=none) shows no group choice and no confirmation', async () => {
  const { page, problems } = await openPage(
    browser.context,
    `${server.url}/embed.html?area=E08000009&metric=${RECYCLING}&controls=none`,
    { viewport: { width: 320, height: 800 } },
  );
  await waitForView(page);
  await page.getByTestId('summary').waitFor();
  assert.equal(await page.locator('.ys-group-choice, [data-testid="group-notice"]').count(), 0);
  assert.equal(await page.getByRole('combobox', { name: 'Peer group' }).count(), 0);
  // The same embed with the reader's controls has it: the test above looks for the right thing.
  await page.goto(`${server.url}/embed.html?area=E08000009&metric=${RECYCLING}&controls=full`);
  await waitForView(page);
  await page.getByRole('combobox', { name: 'Peer group' }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});
