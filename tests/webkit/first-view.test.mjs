// The first view in WebKit: what tests/e2e/first-view.test.mjs checks in Chromium, with the
// figures taken from the `yardstick` command line for the same council and group.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWebKit, serveDist, problems, cli, number, openFolds } from './harness.mjs';

const AREA = 'E08000009'; // Trafford, a metropolitan district
const METRIC = 'household-waste-recycling-rate';

let webkit, server;
before(async () => {
  server = await serveDist();
  webkit = await launchWebKit({ width: 1280, height: 900 });
});
after(async () => {
  await webkit?.close();
  await server?.close();
});

test('Trafford is shown among metropolitan districts with the median the command line computes', async () => {
  const { session } = webkit;
  const json = cli('compare', 'public/data/demo', '--area', AREA, '--metric', METRIC, '--group', 'type');
  const { median, n } = json.assessment.description;

  await session.navigate(`${server.url}/?area=${AREA}`);
  const summary = await session.text(await session.waitForElement('[data-testid="summary"]'));
  assert.match(summary, new RegExp(`Trafford ${json.assessment.value}%`));
  const shownMedian = summary.match(/median of ([\d.]+)%/);
  assert.ok(shownMedian, `the summary names the median: ${summary}`);
  assert.ok(Math.abs(number(shownMedian[1]) - median) <= 0.05 + 1e-9, `median ${shownMedian[1]} against ${median}`);
  assert.match(summary, new RegExp(`the ${n} metropolitan districts with a figure`));
  assert.match(summary, /2022-23/);

  const key = await session.text(await session.find('.ys-chart__key'));
  assert.match(key, new RegExp(`Median of the group: ${shownMedian[1].replace('.', '\\.')}%`));

  // The table (folded, as long tables are) lists every council with a figure, Trafford
  // marked in words.
  assert.equal(await openFolds(session), 0, 'the table opens');
  const rows = await session.findAll('.ys-table-block tbody tr');
  assert.ok(rows.length >= n, `${rows.length} rows for ${n} councils with a figure`);
  // Cell by cell: WebKitWebDriver's element text runs table cells together ("TraffordE08…"),
  // where Chromium's innerText and WebKit's own put a tab between them.
  const chosen = await session.execute(
    'return [...document.querySelector(".ys-table__row--chosen").children].map((c) => c.innerText.trim());',
  );
  assert.deepEqual(chosen, ['Trafford', 'E08000009', '58.4%', 'Selected council']);

  // The chart names Trafford, is described for screen readers, and is drawn at the width of
  // its box (the width comes from a ResizeObserver, which WebKit must deliver too).
  const canvas = await session.find('.ys-chart__canvas');
  assert.match(await session.attribute(canvas, 'aria-label'), /Trafford is marked, at 58\.4%/);
  const chart = await session.waitFor(
    'the chart drawn at the width of its box',
    `const canvas = document.querySelector('.ys-chart__canvas');
     const svg = canvas && canvas.querySelector('svg');
     if (!svg) return null;
     const texts = [...svg.querySelectorAll('text')].map((t) => t.textContent);
     const drawn = Number(svg.getAttribute('width'));
     return Math.abs(drawn - canvas.clientWidth) <= 1
       ? { drawn, box: canvas.clientWidth, trafford: texts.some((t) => t.includes('Trafford')) }
       : null;`,
  );
  assert.ok(chart.trafford, 'the chart labels Trafford');
  assert.ok(chart.box > 600, `a wide window gives a wide chart: ${chart.box} px`);

  const source = await session.text(await session.find('.ys-source'));
  assert.match(source, /Period: 2022-23/);
  assert.match(source, /Department for Environment, Food and Rural Affairs/);
  assert.match(source, /Open Government Licence/);
  assert.deepEqual(await problems(session), []);
});

test('a council picked through the search box is in the URL and survives a reload', async () => {
  const { session } = webkit;
  await session.navigate(`${server.url}/`);
  const search = await session.waitForElement('input[role="combobox"]');
  await session.sendKeys(search, 'traff');
  const option = await session.waitFor(
    'a Trafford option',
    `return [...document.querySelectorAll('[role="option"]')].find((o) => /^Trafford/.test(o.textContent.trim())) ?? null;`,
  );
  await session.click(option);
  await session.waitFor('the URL to name Trafford', 'return /[?&]area=E08000009(&|$)/.test(location.search);');
  const summary = await session.waitFor(
    'Trafford’s summary',
    `const s = document.querySelector('[data-testid="summary"]');
     return s && /Trafford 58\\.4%/.test(s.innerText) ? s.innerText : null;`,
  );
  await session.navigate(await session.url());
  const again = await session.text(await session.waitForElement('[data-testid="summary"]'));
  assert.equal(again, summary);
  assert.deepEqual(await problems(session), []);
});

test('in the narrowest window WebKit allows, the page does not scroll sideways', async () => {
  // Regression: WebKit counted the measure list's clipped option text as overflow, so the page
  // scrolled sideways by the text's excess (style/yardstick.css, `.ys-select`).
  const { session } = webkit;
  await session.setWindowSize(450, 900);
  try {
    await session.navigate(`${server.url}/?area=${AREA}&metric=${METRIC}`);
    await session.waitForElement('.ys-chart__canvas svg');
    const widths = await session.waitFor(
      'the chart drawn at the width of its box',
      `const canvas = document.querySelector('.ys-chart__canvas');
       const svg = canvas.querySelector('svg');
       const page = document.documentElement;
       return Math.abs(Number(svg.getAttribute('width')) - canvas.clientWidth) <= 1
         ? { page: page.scrollWidth, viewport: page.clientWidth, chart: canvas.clientWidth }
         : null;`,
      { timeout: 5_000 },
    );
    assert.ok(widths.viewport < 500, `a narrow window: ${JSON.stringify(widths)}`);
    assert.ok(widths.page <= widths.viewport, `nothing wider than the window: ${JSON.stringify(widths)}`);
    assert.deepEqual(await problems(session), []);
  } finally {
    await session.setWindowSize(1280, 900);
  }
});
