// Keyboard alone: Tab reaches every control and every table (tables scroll, so their regions
// take focus), focus is always visible, and the keys that drive the controls work.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serveDist, openPage, axeViolations, openChooser } from './harness.mjs';

let browser, server;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Tabs through the whole page and returns what was focusable but never reached. */
async function unreachable(page) {
  const candidates = await page.evaluate(() => {
    const selector =
      'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const widget = document.querySelector('[data-yardstick]');
    const all = [...widget.querySelectorAll(selector)].filter((el) => {
      const style = getComputedStyle(el);
      return !el.disabled && style.visibility !== 'hidden' && el.getClientRects().length > 0;
    });
    all.forEach((el, i) => el.setAttribute('data-kb', String(i)));
    return all.map((el) => ({
      id: el.getAttribute('data-kb'),
      what: `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.innerText?.slice(0, 40) ?? ''}`,
      table: el.getAttribute('role') === 'region' && !!el.querySelector('table'),
      radio: el.type === 'radio',
    }));
  });
  const reached = new Set();
  const invisible = [];
  await page.locator('body').focus();
  for (let i = 0; i < candidates.length * 2 + 20; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el) return null;
      const style = getComputedStyle(el);
      const visible = style.outlineStyle !== 'none' || style.boxShadow !== 'none';
      return { id: el.getAttribute('data-kb'), visible, name: el.name ?? '' };
    });
    if (focused?.id) {
      reached.add(focused.id);
      if (!focused.visible) invisible.push(focused.id);
    }
  }
  // Radio buttons in one group share a single Tab stop; arrow keys move within it.
  const missing = candidates.filter((c) => !reached.has(c.id) && !c.radio);
  return { candidates, missing, invisible, tables: candidates.filter((c) => c.table) };
}

for (const [name, url] of [
  ['compare', '?area=E08000009'],
  ['all measures', '?area=E10000014&view=overview'],
  ['over time', '?area=E08000009&view=trend'],
  ['peer group', '?area=E08000009&view=peers&group=nearest:5'],
  ['about the data', '?area=E08000009&view=about'],
]) {
  test(`Tab reaches every control and table on ${name}, with visible focus`, async () => {
    const { page, problems } = await openPage(browser.context, `${server.url}/${url}`);
    // The widget's view, once the first program's screen is handed over to it (issue 14).
    await page.waitForFunction(() => !document.querySelector('.ys-loading, [data-yardstick-first]') && document.querySelector('.ys-view, .ys-about'), null, { timeout: 30_000 });
    // Long tables and the statistics fold behind a heading: Tab reaches the heading, and Enter
    // opens it, then the table's region.
    const folded = page.locator('details.ys-fold:not([open]) > summary');
    for (let n = await folded.count(); n > 0; n -= 1) {
      await folded.first().focus();
      await page.keyboard.press('Enter');
    }
    assert.equal(await folded.count(), 0, 'Enter opened every folded table');
    const { candidates, missing, invisible, tables } = await unreachable(page);
    assert.ok(candidates.length > 5, `${candidates.length} focusable elements`);
    if (name !== 'about the data') assert.ok(tables.length >= 1, 'at least one table region');
    assert.deepEqual(missing, [], 'every control and table is reachable by Tab');
    assert.deepEqual(invisible, [], 'focus is visible on every stop');
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('the council search, the measure list and the view links work from the keyboard', async () => {
  const { page, problems } = await openPage(browser.context, `${server.url}/`);
  const search = page.getByRole('combobox', { name: 'Council' });
  await search.focus();
  await page.keyboard.type('Trafford');
  await page.keyboard.press('Enter');
  await page.getByTestId('summary').waitFor();
  assert.match(page.url(), /area=E08000009/);

  // Or move to a match with the arrow keys: ↓ to the first, Enter.
  await openChooser(page);
  await search.fill('');
  await page.keyboard.type('Wigan');
  await page.getByRole('option', { name: /^Wigan/ }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(/area=E08000010/);

  // The measure search takes a word, and the arrow keys and Enter choose a match.
  await openChooser(page);
  const measure = page.getByRole('combobox', { name: 'Measure' });
  await measure.fill('');
  await page.keyboard.type('contaminat');
  await page.getByRole('option', { name: /contaminated/ }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(/metric=recycling-contamination-rate/);

  // A view link follows with Enter, and a sortable heading sorts with Enter.
  await page.getByRole('link', { name: 'Over time' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/view=trend/);
  const sort = page.locator('.ys-table-block .ys-table__sort').nth(1);
  await sort.focus();
  await page.keyboard.press('Enter');
  assert.equal(
    await page.locator('.ys-table-block th[aria-sort]').nth(1).getAttribute('aria-sort'),
    'descending',
  );
  assert.deepEqual(problems, []);
});

test('the council search is a combobox: ↓ ↓ Enter chooses the second match, whose name stays in the box', async () => {
  const { page, problems } = await openPage(browser.context, `${server.url}/?area=E08000009`);
  const search = page.getByRole('combobox', { name: 'Council' });
  await page.getByTestId('summary').waitFor();
  // The pickers are folded once a council is chosen: open them ("Change").
  await openChooser(page);
  // A page opened with a council chosen names it in the box, with the list closed.
  assert.equal(await search.inputValue(), 'Trafford');
  assert.equal(await search.getAttribute('aria-expanded'), 'false');

  await search.fill('');
  await search.pressSequentially('south');
  const listbox = page.getByRole('listbox', { name: 'Matching councils' });
  const options = listbox.getByRole('option');
  await options.first().waitFor();
  assert.equal(await search.getAttribute('aria-expanded'), 'true');
  assert.equal(await search.getAttribute('aria-controls'), await listbox.getAttribute('id'));
  assert.equal(await search.getAttribute('aria-autocomplete'), 'list');
  assert.equal(await search.getAttribute('aria-activedescendant'), null, 'nothing active before an arrow');

  // The count of matches is in a polite live region; only councils are offered.
  const status = page.locator('.ys-picker').filter({ has: search }).locator('.ys-picker__status');
  assert.equal(await status.getAttribute('aria-live'), 'polite');
  assert.match(await status.innerText(), /^\d+ councils match/);
  const offered = await options.allInnerTexts();
  assert.ok(offered.length >= 2, `${offered.length} matches`);
  for (const text of offered) {
    assert.doesNotMatch(text, /^South (East|West)\b/, 'a region is not a council');
    assert.doesNotMatch(text, /E12\d{6}|E92\d{6}|E47\d{6}/, 'regions, nations and combined authorities are not offered');
  }

  // ↓ ↓ makes the second option active: highlighted, selected and the input's active descendant.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const second = options.nth(1);
  const secondId = await second.getAttribute('id');
  assert.equal(await search.getAttribute('aria-activedescendant'), secondId);
  assert.equal(await second.getAttribute('aria-selected'), 'true');
  assert.equal(await options.first().getAttribute('aria-selected'), 'false');
  const [background, plain] = await Promise.all(
    [second, options.first()].map((o) => o.evaluate((el) => getComputedStyle(el).backgroundColor)),
  );
  assert.notEqual(background, plain, 'the active option is shown');
  assert.equal(await search.evaluate((el) => el === document.activeElement), true, 'the focus stays in the box');
  assert.deepEqual(await axeViolations(page), [], 'axe-core with the list open and an option active');

  // ↑ goes back one, ↓ returns; Escape closes and keeps the text.
  await page.keyboard.press('ArrowUp');
  assert.equal(await search.getAttribute('aria-activedescendant'), await options.first().getAttribute('id'));
  await page.keyboard.press('Escape');
  assert.equal(await search.getAttribute('aria-expanded'), 'false');
  assert.equal(await search.getAttribute('aria-activedescendant'), null);
  assert.equal(await search.inputValue(), 'south');
  assert.match(page.url(), /area=E08000009/, 'Escape chooses nothing');

  // Enter with no active option and several matches guesses nothing.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  assert.match(page.url(), /area=E08000009/);

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const code = (await second.locator('.ys-picker__code').innerText()).trim();
  const name = (await second.innerText()).replace(code, '').trim();
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`area=${code}`));
  assert.equal(await search.inputValue(), name, 'the chosen council stays in the box');
  assert.equal(await search.getAttribute('aria-expanded'), 'false');
  await page.getByTestId('summary').filter({ hasText: name }).waitFor();

  // Back names the council chosen before.
  await page.goBack();
  await page.waitForURL(/area=E08000009/);
  await page.waitForFunction(() => document.querySelector('[role=combobox]').value === 'Trafford');

  // Tab closes the list; a click chooses.
  await search.fill('bur');
  await options.first().waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await search.getAttribute('aria-expanded'), 'false');
  await search.fill('Bury');
  await page.getByRole('option', { name: /^Bury/ }).click();
  await page.waitForURL(/area=E08000002/);
  assert.equal(await search.inputValue(), 'Bury');

  // No match says so.
  await search.fill('zzzz');
  await status.filter({ hasText: 'No council matches “zzzz”.' }).waitFor();
  assert.equal(await search.getAttribute('aria-expanded'), 'false');
  assert.deepEqual(problems, []);
});
