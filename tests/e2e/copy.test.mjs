// "Copy link" and the embed panel's "Copy" say "copied" only once the browser has confirmed
// it, and otherwise tell the reader how to copy by hand: when the Clipboard API refuses (an
// iframe without clipboard permission) or is absent (a page served over plain http).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serveDist, openPage, waitForView } from './harness.mjs';

let browser, server;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const VIEW = '/?area=E08000009&metric=household-waste-recycling-rate';

/** Opens the metric view with `navigator.clipboard` replaced as `setUp` says, before any script. */
async function openWith(setUp) {
  const { page, problems } = await openPage(browser.context, 'about:blank');
  await page.addInitScript(setUp);
  await page.goto(`${server.url}${VIEW}`);
  await waitForView(page);
  return { page, problems };
}

test('the link is reported copied only after the clipboard took it, and it is the view on screen', async () => {
  const { page, problems } = await openWith(() => {
    let release;
    window.__copied = [];
    window.__release = () => release();
    Object.defineProperty(Navigator.prototype, 'clipboard', {
      configurable: true,
      get: () => ({
        writeText: (text) =>
          new Promise((resolve) => {
            release = () => {
              window.__copied.push(text);
              resolve();
            };
          }),
      }),
    });
  });
  await page.getByRole('button', { name: 'Copy link' }).click();
  const status = page.locator('.ys-share__status').first();
  // The browser has not confirmed yet: nothing may claim success.
  await page.waitForFunction(() => typeof window.__release === 'function');
  assert.equal(await status.innerText(), '');
  await page.evaluate(() => window.__release());
  await status.getByText('Link copied.').waitFor();
  const [copied] = await page.evaluate(() => window.__copied);
  const link = new URL(copied);
  assert.equal(link.searchParams.get('area'), 'E08000009');
  assert.equal(link.searchParams.get('metric'), 'household-waste-recycling-rate');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a refused clipboard gives the link to copy by hand', async () => {
  const { page, problems } = await openWith(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', {
      configurable: true,
      get: () => ({ writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) }),
    });
  });
  await page.getByRole('button', { name: 'Copy link' }).click();
  const status = page.locator('.ys-share__status').first();
  await status.getByText(/^Copy this link: http/).waitFor();
  assert.match(await status.innerText(), /area=E08000009/);
  assert.doesNotMatch(await status.innerText(), /copied/i);
  assert.deepEqual(problems, []);
  await page.close();
});

test('without the Clipboard API (plain http) both copy buttons say what to do instead, and nothing breaks', async () => {
  const { page, problems } = await openWith(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => undefined });
  });
  await page.getByRole('button', { name: 'Copy link' }).click();
  await page.getByText(/^Copy this link: http/).waitFor();

  await page.getByText('Embed this on your website').click();
  await page.getByRole('button', { name: 'Copy', exact: true }).first().click();
  await page.getByText('Select the text and copy it.').waitFor();
  // The widget still works after both: another view opens and draws.
  await page.getByRole('link', { name: 'Over time' }).click();
  await page.waitForURL(/view=trend/);
  await waitForView(page);
  assert.ok(await page.locator('.ys-chart__canvas svg').first().isVisible());
  assert.deepEqual(problems, []);
  await page.close();
});
