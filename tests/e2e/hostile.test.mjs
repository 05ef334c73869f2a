// A hostile bundle: markup, script and quotes in every text field, absurd numbers, addresses
// that are not web addresses, a file that is not JSON, a missing file and a newer schema. The
// widget must render all of it as text, run nothing, link nowhere but to web addresses, and say
// what is wrong instead of going blank. Bundles named from elsewhere are refused unread.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openPage, DIST } from './harness.mjs';
import { startServer } from './static-server.mjs';

const OWNED = 'window.__owned=1';
const HOSTILE = `<script>${OWNED}</script><img src=x onerror="${OWNED}"><svg onload="${OWNED}"></svg> "quoted" & 'apostrophe' </p>`;

const VIEWS = ['metric', 'trend', 'overview', 'peers', 'about'];

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** Every disguise of an address that must never become a link (issue 10). */
const HOSTILE_ADDRESSES = [
  `javascript:${OWNED}`,
  ` JaVaScRiPt:${OWNED}`,
  `data:text/html,<script>${OWNED}</script>`,
  'vbscript:msgbox(1)',
  '//evil.example/x',
];

/** Writes a bundle whose every text field is hostile; `damage` breaks it in one chosen way. */
async function writeBundle(dir, damage = 'none') {
  await mkdir(join(dir, 'metrics'), { recursive: true });
  const areas =
    '{"schema_version":"1.1","areas":[\n' +
    [
      ['E08000001', `Bolton ${HOSTILE}`],
      ['E08000002', `Bury ${HOSTILE}`],
      ['E08000003', `Manchester ${HOSTILE}`],
      ['E08000009', `Trafford ${HOSTILE}`],
      ['E08000010', `Wigan ${HOSTILE}`],
    ]
      .map(([code, name]) => JSON.stringify({ code, name, type: 'MD', region: HOSTILE }))
      .join(',\n') +
    '\n]}\n';
  const values =
    '{"schema_version":"1.1","metric":"hostile","values":[\n' +
    [
      { area: 'E08000001', period: '2021-04-01/P1Y', value: 1e300 },
      { area: 'E08000001', period: '2022-04-01/P1Y', value: -1e300 },
      { area: 'E08000002', period: '2022-04-01/P1Y', value: 5e-324 },
      { area: 'E08000003', period: '2022-04-01/P1Y', value: 42, note: HOSTILE },
      { area: 'E08000009', period: '2021-04-01/P1Y', value: 1.7976931348623157e308 },
      { area: 'E08000009', period: '2022-04-01/P1Y', value: 12.5, lower: 10, upper: 15, status: 'provisional', note: HOSTILE },
      { area: 'E08000010', period: '2022-04-01/P1Y', status: 'suppressed', note: HOSTILE },
    ]
      .map((v) => JSON.stringify(v))
      .join(',\n') +
    '\n]}\n';
  const valuesText = damage === 'nan' ? values.replace('"value":42', '"value":NaN') : values;
  const empty = {
    'context.json': '{"schema_version":"1.1","variables":[\n],"rows":[\n]}\n',
    'peer-groups.json': '{"schema_version":"1.1","groups":[\n]}\n',
  };
  const files = [['areas.json', areas], ...Object.entries(empty)].map(([path, text]) => ({
    path,
    bytes: Buffer.byteLength(text),
    sha256: sha256(text),
    text,
  }));
  const manifest = {
    schema_version: damage === 'newer' ? '3.0' : '1.1',
    id: 'hostile',
    title: HOSTILE,
    description: HOSTILE,
    attribution: [HOSTILE],
    licences: [
      {
        id: 'OGL-UK-3.0',
        title: HOSTILE,
        url: damage === 'addresses' ? HOSTILE_ADDRESSES[0] : 'https://licence.example/ogl',
      },
    ],
    themes: [{ id: 'waste', title: HOSTILE }],
    area_types: [{ id: 'MD', singular: HOSTILE, plural: HOSTILE }],
    metrics: [
      {
        id: 'hostile',
        title: `Recycling ${HOSTILE}`,
        short_title: `Rate ${HOSTILE}`,
        description: HOSTILE,
        theme: 'waste',
        value_type: 'percentage',
        unit: HOSTILE,
        decimal_places: 1,
        polarity: 'higher_is_better',
        area_types: ['MD'],
        source: {
          organisation: HOSTILE,
          title: HOSTILE,
          url: damage === 'addresses' ? HOSTILE_ADDRESSES[1] : 'https://source.example/x?a=1&b="2"',
          licence: 'OGL-UK-3.0',
        },
        caveats: [HOSTILE],
        periods: ['2021-04-01/P1Y', '2022-04-01/P1Y'],
        latest_period: '2022-04-01/P1Y',
        file: {
          path: 'metrics/hostile.json',
          bytes: Buffer.byteLength(valuesText),
          sha256: sha256(valuesText),
        },
      },
    ],
    files: files.map(({ path, bytes, sha256 }) => ({ path, bytes, sha256 })),
    content_hash: `sha256:${'0'.repeat(64)}`,
  };
  const zeroed = JSON.stringify(manifest, null, 2) + '\n';
  const text = zeroed.replace('0'.repeat(64), sha256(zeroed));
  await writeFile(join(dir, 'manifest.json'), text);
  for (const file of files) await writeFile(join(dir, file.path), file.text);
  if (damage !== 'missing') await writeFile(join(dir, 'metrics', 'hostile.json'), valuesText);
}

let browser, server, site;
before(async () => {
  site = await mkdtemp(join(tmpdir(), 'yardstick-hostile-'));
  for (const entry of await readdir(DIST)) {
    if (entry !== 'data') await cp(join(DIST, entry), join(site, entry), { recursive: true });
  }
  const page = (damage, view) =>
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Hostile bundle</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="yardstick.css">
<script type="module" src="widget.js"></script></head><body><main>
<div data-yardstick data-bundle="bundles/${damage}/" data-isolation="none" data-url-state="off" data-area="E08000009"
  data-metric="hostile" data-view="${view}"></div>
</main></body></html>`;
  for (const damage of ['none', 'nan', 'missing', 'newer', 'addresses']) {
    await writeBundle(join(site, 'bundles', damage), damage);
    await writeFile(join(site, `${damage}.html`), page(damage, 'metric'));
  }
  for (const view of VIEWS) await writeFile(join(site, `view-${view}.html`), page('none', view));
  // The widget's own page, whose URL names the bundle (as a shared link would).
  await writeFile(
    join(site, 'own.html'),
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Own page</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="yardstick.css">
<script type="module" src="widget.js"></script></head><body><main>
<div data-yardstick data-bundle="bundles/none/" data-isolation="none"></div>
</main></body></html>`,
  );
  server = await startServer({ root: site });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (site) await rm(site, { recursive: true, force: true });
});

/** Nothing hostile ran or was parsed into the DOM. */
async function assertInert(page) {
  assert.equal(await page.evaluate(() => window.__owned ?? 0), 0, 'no hostile script ran');
  const injected = await page.evaluate(() => {
    const widget = document.querySelector('[data-yardstick]');
    return {
      scripts: widget.querySelectorAll('script').length,
      images: widget.querySelectorAll('img').length,
      handlers: [...widget.querySelectorAll('*')].filter((el) =>
        [...el.attributes].some((a) => a.name.startsWith('on')),
      ).length,
      javascriptLinks: widget.querySelectorAll('a[href^="javascript" i]').length,
    };
  });
  assert.deepEqual(injected, { scripts: 0, images: 0, handlers: 0, javascriptLinks: 0 });
}

test('hostile text is shown as text in every view, and nothing runs', async () => {
  for (const view of VIEWS) {
    const { page, problems } = await openPage(browser.context, `${server.url}/view-${view}.html`);
    await page.waitForFunction(
      () => document.querySelector('.ys-view, .ys-about, .ys-message') && !document.querySelector('.ys-loading'),
      null,
      { timeout: 15_000 },
    );
    await page.waitForTimeout(200);
    const text = await page.locator('[data-yardstick]').innerText();
    assert.ok(text.includes('<script>'), `${view}: the markup is visible as text`);
    await assertInert(page);
    assert.deepEqual(problems, [], `${view}: no errors`);
    await page.close();
  }
});

test('absurd numbers are drawn without breaking the chart', async () => {
  const { page, problems } = await openPage(browser.context, `${server.url}/none.html`);
  await page.getByTestId('summary').waitFor();
  assert.match(await page.getByTestId('summary').innerText(), /12\.5/);
  assert.ok(await page.locator('.ys-chart__canvas svg').count() >= 1);
  await assertInert(page);
  // The only requests that fail are the hostile image sources that are never requested.
  assert.deepEqual(problems, []);
});

test('a values file that is not JSON says so, with the file named', async () => {
  const { page } = await openPage(browser.context, `${server.url}/nan.html`);
  const message = page.locator('.ys-message');
  await message.waitFor();
  assert.match(await message.innerText(), /could not be read|changed while loading/);
  assert.match(await message.innerText(), /hostile\.json/);
  await assertInert(page);
});

test('a missing file says so and offers to try again', async () => {
  const { page } = await openPage(browser.context, `${server.url}/missing.html`);
  await page.getByText('A data file is missing').waitFor();
  assert.ok(await page.getByRole('button', { name: 'Try again' }).isVisible());
  await assertInert(page);
});

test('a bundle of a newer schema says which version it needs', async () => {
  const { page } = await openPage(browser.context, `${server.url}/newer.html`);
  const message = page.locator('.ys-message');
  await message.waitFor();
  // 3.0: the reader reads 2.0 (the catalogue) and every 1.x.
  assert.match(await message.innerText(), /3\.0/);
  assert.match(await message.innerText(), /newer than this reader supports/);
});

/** Every `href` and `src` in a snippet. */
const addressesIn = (snippet) => [...snippet.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]);

test('both embed snippets of a hostile bundle link only to web addresses, with its text escaped', async () => {
  const { page, problems } = await openPage(browser.context, `${server.url}/view-metric.html`, {
    viewport: { width: 1280, height: 900 },
  });
  await page.getByTestId('summary').waitFor();
  await page.getByText('Embed this on your website').click();
  const iframe = await page.getByLabel(/^Iframe/).inputValue();
  const script = await page.getByLabel(/^Script/).inputValue();
  for (const snippet of [iframe, script]) {
    const addresses = addressesIn(snippet);
    assert.ok(addresses.length >= 3, `the snippet links to its view, source and licence: ${snippet}`);
    for (const address of addresses) assert.match(address, /^https?:\/\/[^/\s]/, address);
    assert.ok(addresses.includes('https://source.example/x?a=1&amp;b=&quot;2&quot;'), 'source, escaped');
    assert.ok(addresses.includes('https://licence.example/ogl'), 'licence');
    assert.doesNotMatch(snippet, /javascript:|vbscript:|data:text|\/\/evil/i);
    assert.doesNotMatch(snippet, /<script>|<img|<svg/, 'bundle text is escaped');
  }
  await assertInert(page);
  assert.deepEqual(problems, []);
});

test('a bundle whose addresses are not web addresses is refused with the fields named, and links nowhere', async () => {
  const { page } = await openPage(browser.context, `${server.url}/addresses.html`);
  const message = page.locator('.ys-message');
  await message.waitFor();
  const text = await message.innerText();
  assert.match(text, /manifest\.json/);
  assert.match(text, /licence "OGL-UK-3\.0" url/);
  assert.match(text, /metric "hostile" source url/);
  await assertInert(page);
  const links = await page.evaluate(() =>
    [...document.querySelectorAll('[data-yardstick] a[href]')].map((a) => a.getAttribute('href')),
  );
  for (const href of links) assert.doesNotMatch(href, /^\s*(javascript|data|vbscript):|^\s*\/\//i, href);
});

test('a bundle named from another site, without a scheme or as a script is refused before any request', async () => {
  for (const bundle of [
    'https://evil.example/',
    '//evil.example/',
    `javascript:${OWNED}`,
    'JaVaScRiPt:alert(1)',
    'data:application/json,{}',
  ]) {
    const requests = [];
    const { page } = await openPage(browser.context, 'about:blank');
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${server.url}/own.html?bundle=${encodeURIComponent(bundle)}`);
    const message = page.locator('.ys-message');
    await message.waitFor();
    assert.match(await message.innerText(), /cannot be loaded from there/, bundle);
    assert.match(await message.innerText(), /Nothing was requested from it/, bundle);
    const offSite = requests.filter((url) => !url.startsWith(`${server.url}/`));
    assert.deepEqual(offSite, [], `${bundle}: no request leaves the widget's origin`);
    const bundleFiles = requests.filter((url) => /manifest\.json|areas\.json/.test(url));
    assert.deepEqual(bundleFiles, [], `${bundle}: no bundle file is fetched, not even the default's`);
    await assertInert(page);
    await page.close();
  }
});
