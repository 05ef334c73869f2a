import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serveDist, openPage } from './harness.mjs';

let browser, server;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the release build starts the widget', async () => {
  const { page, problems } = await openPage(browser.context, `${server.url}/`);
  await page.locator('.ys-loading').waitFor();
  assert.deepEqual(problems, []);
});
