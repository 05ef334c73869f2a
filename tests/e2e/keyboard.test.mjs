// Keyboard alone: Tab reaches every control and every table (tables scroll, so their regions
// take focus), focus is always visible, and the keys that drive the controls work.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serveDist, openPage, openChooser } from './harness.mjs';

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
    await page.waitForFunction(() => !document.querySelector('.ys-loading') && document.querySelector('.ys-view, .ys-about'), null, { timeout: 30_000 });
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
  await page.getByRole('searchbox', { name: 'Council' }).focus();
  await page.keyboard.type('Trafford');
  await page.keyboard.press('Enter');
  await page.getByTestId('summary').waitFor();
  assert.match(page.url(), /area=E08000009/);

  // Tab to the first match instead: type, Tab to the result, Enter.
  await openChooser(page);
  await page.getByRole('searchbox', { name: 'Council' }).focus();
  await page.keyboard.type('Wigan');
  await page.getByRole('button', { name: /^Wigan/ }).waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL(/area=E08000010/);

  // The measure list changes with the arrow keys.
  await openChooser(page);
  await page.getByRole('combobox', { name: 'Measure' }).focus();
  await page.keyboard.press('ArrowDown');
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
