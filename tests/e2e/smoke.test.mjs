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
  // The loading line may come and go before a check could see it, so wait for what stays:
  // the council picker and the invitation to choose, which need the manifest and areas.
  await page.getByText('Search for a council above to see how it compares').waitFor();
  assert.match(await page.locator('.ys-summary').first().innerText(), /^Yardstick compares a council/);
  assert.ok(await page.getByRole('combobox', { name: 'Council' }).isVisible());
  // Nothing to link to or embed until a council is chosen (issue 13).
  assert.equal(await page.getByRole('button', { name: 'Copy link' }).count(), 0);
  assert.equal(await page.getByText('Embed this on your website').count(), 0);
  assert.equal(await page.locator('.ys-loading').count(), 0);
  assert.deepEqual(problems, []);
});
