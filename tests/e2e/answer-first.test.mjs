// Issue 13, acceptance 1 (in part): on a phone (390 × 844) the verdict sentence is on the first
// screen, and axe-core finds nothing there. The issue also asks for the first chart within
// 600 px, which needs the pickers folded away: not yet met (see the note). Release
// build, Debian's Chromium.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serveDist, openPage, waitForView, axeViolations } from './harness.mjs';

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
  // Issue 13 asks for the first card's chart within 600 px; it starts near 700 px today (the
  // page heading, the tabs and the theme and order choices come first): not yet met.
  assert.deepEqual(problems, []);
  await page.close();
});

test('axe-core finds nothing at 390 px', async () => {
  const { page, problems } = await openPage(
    browser.context,
    `${server.url}/?area=E08000009&metric=household-waste-recycling-rate`,
    { viewport: PHONE },
  );
  await waitForView(page);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});
