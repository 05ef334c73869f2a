// The script embed in WebKit: what tests/e2e/embed-script.test.mjs checks in Chromium. Two
// widgets on a council page of another origin render in their shadow roots, each with its own
// council, a chart drawn at the width of its box and nothing spilling sideways; a click in one
// changes that one only.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { launchWebKit, serveDist, siteWith, problems, waitForView, PROBLEMS_TAG } from './harness.mjs';
import { startServer } from '../e2e/static-server.mjs';

let webkit, widget, host, hostRoot;
before(async () => {
  widget = await serveDist({ headers: { 'Access-Control-Allow-Origin': '*' } });
  const box = (id, area, name) => `<div id="${id}" class="box" data-yardstick data-area="${area}" data-metric="household-waste-recycling-rate">
  <p><a href="${widget.url}/?area=${area}">${name}'s recycling compared</a></p>
</div>`;
  hostRoot = await siteWith({
    'council.css': 'body { font-family: Georgia, serif; color: #222; line-height: 1.6 } .box { border: 2px solid #888; margin: 1rem 0; padding: 4px; max-width: 900px } .narrow { max-width: 320px }',
    'council.html': `<!doctype html><html lang="en-GB"><head>${PROBLEMS_TAG}<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Council page</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="council.css"></head><body>
<h1>How we compare</h1>
${box('w1', 'E08000009', 'Trafford')}
<div class="narrow">${box('w2', 'E08000003', 'Manchester')}</div>
<p class="last">Closing text.</p>
<script type="module" src="${widget.url}/widget.js"></script>
</body></html>`,
  });
  host = await startServer({ root: hostRoot });
  webkit = await launchWebKit({ width: 1000, height: 900 });
});
after(async () => {
  await webkit?.close();
  await widget?.close();
  await host?.close();
  if (hostRoot) await rm(hostRoot, { recursive: true, force: true });
});

/** A script that returns widget `id`'s root: its shadow root. */
const rootOf = (id) => `return document.getElementById(${JSON.stringify(id)}).shadowRoot;`;

/** What a widget looks like: its summary, chart and box. */
function shape(session, id) {
  return session.execute(
    `const host = document.getElementById(arguments[0]);
     const root = host.shadowRoot;
     const canvas = root.querySelector('.ys-chart__canvas');
     const svg = canvas.querySelector('svg');
     const chart = svg.getBoundingClientRect();
     return {
       summary: root.querySelector('[data-testid="summary"]').innerText,
       drawn: Number(svg.getAttribute('width')),
       box: canvas.clientWidth,
       chart: { width: chart.width, height: chart.height },
       tableHeight: root.querySelector('table.ys-table').getBoundingClientRect().height,
       overflows: host.scrollWidth > host.clientWidth,
       hostWidth: host.clientWidth,
     };`,
    id,
  );
}

test('two script embeds render in shadow roots, each sized to its own box', async () => {
  const { session } = webkit;
  await session.navigate(`${host.url}/council.html`);
  for (const id of ['w1', 'w2']) await waitForView(session, { root: rootOf(id) });
  // The first chart is drawn at a guessed width, then at its box's from the next frame on.
  await session.waitFor(
    'both charts drawn at the width of their boxes',
    `return ['w1', 'w2'].every((id) => {
       const canvas = document.getElementById(id).shadowRoot.querySelector('.ys-chart__canvas');
       const svg = canvas.querySelector('svg');
       return svg && Math.abs(Number(svg.getAttribute('width')) - canvas.clientWidth) <= 1;
     });`,
    { timeout: 5_000 },
  );
  for (const [id, council, wide] of [['w1', 'Trafford', true], ['w2', 'Manchester', false]]) {
    const widget = await shape(session, id);
    assert.match(widget.summary, new RegExp(council), `${id} shows ${council}`);
    assert.ok(widget.chart.width > 200 && widget.chart.height > 100, `${id}: the chart is drawn: ${JSON.stringify(widget)}`);
    assert.ok(widget.tableHeight > 100, `${id}: the table is shown`);
    assert.equal(widget.overflows, false, `${id}: nothing spills out sideways`);
    assert.ok(wide ? widget.hostWidth > 800 : widget.hostWidth <= 320, `${id} is ${widget.hostWidth} px wide`);
  }
  assert.deepEqual(await problems(session), []);
});

test('a click in one widget’s shadow root changes that widget only', async () => {
  const { session } = webkit;
  await session.navigate(`${host.url}/council.html`);
  for (const id of ['w1', 'w2']) await waitForView(session, { root: rootOf(id) });
  const tab = await session.execute(
    `return [...document.getElementById('w1').shadowRoot.querySelectorAll('a')]
       .find((a) => a.textContent.trim() === 'Over time') ?? null;`,
  );
  assert.ok(tab, 'the first widget has an “Over time” tab');
  await session.click(tab);
  /** The words of a widget's current view tab, as a script expression. */
  const current = (id) =>
    `document.getElementById('${id}').shadowRoot.querySelector('.ys-tabs__link[aria-current="page"]')?.textContent.trim()`;
  await session.waitFor('the first widget to show the trend', `return ${current('w1')} === 'Over time';`);
  await session.waitFor(
    'the trend’s findings',
    `return document.getElementById('w1').shadowRoot.querySelector('[data-testid="findings"]');`,
  );
  assert.equal(await session.execute(`return ${current('w2')};`), 'Compare');
  // Two widgets on a page keep their state to themselves: the host's address is unchanged.
  assert.equal(await session.url(), `${host.url}/council.html`);
  assert.deepEqual(await problems(session), []);
});
