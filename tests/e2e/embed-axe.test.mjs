// Issue 6, acceptance 6: axe-core finds no violation in the embedded widget (each iframe
// embed's document, and the script embed in its shadow root) or in the example council page
// (examples/council-page.html, served at /examples/), at 320 and 1280 pixels; nor in a dark,
// branded embed, nor in the "Embed this" panel.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serveDist, openPage, waitForView, axeViolationsIn } from './harness.mjs';

let browser, server;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const width of [320, 1280]) {
  test(`the example council page and its three embeds at ${width} px`, async () => {
    const { page, problems } = await openPage(browser.context, `${server.url}/examples/council-page.html`, {
      viewport: { width, height: 900 },
    });
    await waitForView(page.locator('[data-yardstick]'));
    const frames = page.locator('iframe');
    assert.equal(await frames.count(), 2);
    for (let i = 0; i < 2; i++) {
      await frames.nth(i).scrollIntoViewIfNeeded();
      await waitForView(page.frameLocator('iframe').nth(i));
    }
    // The host page, with the script embed's shadow root.
    assert.deepEqual(await axeViolationsIn(page.mainFrame()), [], 'the council page');
    // Each iframe's own document.
    const embedded = page.frames().filter((frame) => frame !== page.mainFrame());
    assert.equal(embedded.length, 2);
    for (const frame of embedded) {
      assert.deepEqual(await axeViolationsIn(frame), [], frame.url());
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
}

for (const [view, width] of [['metric', 320], ['trend', 1280], ['overview', 1280], ['peers', 320], ['about', 320]]) {
  test(`a dark, branded iframe embed of the ${view} view at ${width} px`, async () => {
    const url = `${server.url}/embed.html?area=E10000014&metric=asc-carer-quality-of-life&view=${view}` +
      `&controls=full&theme=dark&brand=%23d4351c&font=verdana&id=axe`;
    const { page, problems } = await openPage(browser.context, url, { viewport: { width, height: 900 } });
    await waitForView(page);
    await page.waitForTimeout(300);
    assert.deepEqual(await axeViolationsIn(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('the "Embed this" panel, open', async () => {
  const { page, problems } = await openPage(browser.context, `${server.url}/?area=E08000009`, {
    viewport: { width: 1280, height: 900 },
  });
  await waitForView(page);
  await page.getByText('Embed this on your website').click();
  await page.getByText('Pin this version of the data').click();
  assert.deepEqual(await axeViolationsIn(page, { include: '.ys-embed' }), []);
  assert.deepEqual(problems, []);
  await page.close();
});
