// Issue 6, acceptance 5: a pinned embed keeps showing its data version after the bundle is
// rebuilt with changed values; an unpinned one shows the new figures; a pinned version that
// the site no longer keeps, or that was tampered with, is reported, never replaced silently.
//
// A small fixture bundle (tests/e2e/fixtures/embed/pinned) is built with the real command
// line, `yardstick build --archive`, into a temporary site beside the release build's files.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openPage, waitForView, yardstickCli, DIST, ROOT } from './harness.mjs';
import { startServer } from './static-server.mjs';

const FIXTURE = join(ROOT, 'tests', 'e2e', 'fixtures', 'embed', 'pinned');

let browser, server, site, work;
before(async () => {
  site = await mkdtemp(join(tmpdir(), 'yardstick-pin-site-'));
  work = await mkdtemp(join(tmpdir(), 'yardstick-pin-config-'));
  // The release build's files, but not its demo data.
  for (const entry of await readdir(DIST)) {
    if (entry !== 'data' && entry !== 'examples') await symlink(join(DIST, entry), join(site, entry));
  }
  await cp(FIXTURE, work, { recursive: true });
  server = await startServer({ root: site });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  for (const dir of [site, work]) if (dir) await rm(dir, { recursive: true, force: true });
});

/** Builds the fixture into the site with an archive, returning the new content hash. */
async function build() {
  const output = await yardstickCli([
    'build', join(work, 'bundle.toml'), '--strict',
    '--out', join(site, 'data', 'fix'),
    '--archive', join(site, 'data', 'versions'),
  ]);
  const hash = output.match(/content hash (sha256:[0-9a-f]{64})/)?.[1];
  assert.ok(hash, output);
  return hash;
}

const frameUrl = (pin) =>
  `${server.url}/embed.html?bundle=data/fix/&area=E06000001&metric=recycling-rate&controls=none${pin ? `&pin=${pin}` : ''}`;

/** The figure the metric view gives for Alphaton, and the bundle files it fetched. */
async function shown(pin) {
  const fetched = [];
  const record = (request) => fetched.push(new URL(request.url()).pathname);
  browser.context.on('request', record);
  const { page, problems } = await openPage(browser.context, frameUrl(pin));
  await waitForView(page);
  const summary = await page.getByTestId('summary').innerText();
  await page.close();
  browser.context.off('request', record);
  assert.deepEqual(problems, []);
  return { summary, fetched: fetched.filter((path) => path.startsWith('/data/')) };
}

/** The message a pinned embed shows when it cannot show its version. */
async function refusal(pin) {
  const { page } = await openPage(browser.context, frameUrl(pin));
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 30_000 });
  const text = await alert.innerText();
  const summaries = await page.getByTestId('summary').count();
  await page.close();
  return { text, summaries };
}

test('a pinned embed keeps its figures after a rebuild with new values', async () => {
  const first = await build();
  assert.match((await shown(first)).summary, /Alphaton 41\.3%/);
  assert.match((await shown(null)).summary, /Alphaton 41\.3%/);

  const values = await readFile(join(work, 'values.csv'), 'utf8');
  await writeFile(join(work, 'values.csv'), values.replace('E06000001,2022-23,41.3', 'E06000001,2022-23,47.9'));
  const second = await build();
  assert.notEqual(second, first, 'the rebuild is a new version');

  const pinned = await shown(first);
  assert.match(pinned.summary, /Alphaton 41\.3%/, 'the pinned embed still shows its version');
  const digits = first.slice('sha256:'.length);
  // It reads the current manifest (a newer version), then every file from the archive.
  const archived = pinned.fetched.filter((path) => path !== '/data/fix/manifest.json');
  assert.ok(archived.length >= 3, pinned.fetched.join(' '));
  assert.ok(
    archived.every((path) => path.startsWith(`/data/versions/${digits}/`)),
    `every file comes from the archived version: ${pinned.fetched.join(' ')}`,
  );
  const current = await shown(null);
  assert.match(current.summary, /Alphaton 47\.9%/, 'an unpinned embed shows the new figures');

  // The script embed pins the same way.
  await writeFile(
    join(site, 'host.html'),
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,"></head>
<body><main><div id="w" data-yardstick data-bundle="data/fix/" data-area="E06000001" data-metric="recycling-rate" data-pin="${first}"></div></main>
<script type="module" src="widget.js"></script></body></html>`,
  );
  const { page, problems } = await openPage(browser.context, `${server.url}/host.html`);
  await waitForView(page.locator('#w'));
  assert.match(await page.locator('#w').getByTestId('summary').innerText(), /Alphaton 41\.3%/);
  assert.match(await page.locator('#w .ys-pin-note').innerText(), new RegExp(digits.slice(0, 12)));
  assert.deepEqual(problems, []);
  await page.close();

  // Without an archived copy, a pin to the current version is served from the bundle itself.
  await rm(join(site, 'data', 'versions', second.slice('sha256:'.length)), { recursive: true });
  const fallback = await shown(second);
  assert.match(fallback.summary, /Alphaton 47\.9%/);
  assert.ok(fallback.fetched.some((path) => path.startsWith('/data/fix/')), fallback.fetched.join(' '));

  // A version that someone overwrote with other data is refused.
  const oldFolder = join(site, 'data', 'versions', digits);
  const kept = join(work, 'kept-version');
  await cp(oldFolder, kept, { recursive: true });
  await rm(oldFolder, { recursive: true });
  await cp(join(site, 'data', 'fix'), oldFolder, { recursive: true });
  const altered = await refusal(first);
  assert.match(altered.text, /does not match the version this embed was made with/);
  assert.equal(altered.summaries, 0, 'no figures are shown');

  // A version the site no longer keeps is reported, with a link to the current figures,
  // and the new figures are not shown in its place.
  await rm(oldFolder, { recursive: true });
  const gone = await refusal(first);
  assert.match(gone.text, /no longer available/);
  assert.match(gone.text, new RegExp(digits.slice(0, 12)));
  assert.equal(gone.summaries, 0, 'no figures are shown in place of the pinned ones');
});
