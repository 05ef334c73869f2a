// One voice (issue 11): for 240 states drawn from the demo bundle with a fixed seed (areas of
// every tier, metrics, periods, and groups of every kind), the widget's summary sentence and
// every cell of its data table are exactly what `yardstick compare --format text` prints for
// the same state. Both come from yardstick-present's MetricModel; this checks that the two
// front ends really do lay out the same thing, end to end: the release wasm in Chromium
// against the native binary.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, serveDist, openPage, ROOT } from './harness.mjs';
import { readManifest } from './bundle.mjs';

const BUNDLE = 'public/data/demo';
const STATES = 240;
const AT_LEAST = 200;

let browser, server;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const read = (path) => JSON.parse(readFileSync(join(ROOT, BUNDLE, path), 'utf8'));
const manifest = readManifest(join(ROOT, BUNDLE));
const areas = read('areas.json').areas;
const published = read('peer-groups.json').groups;

/** Mulberry32: a small seeded generator, so every run draws the same states. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The states: tiers and kinds of group taken in turn so that each gets its share (counties and
 * districts, unitaries, metropolitan districts, London boroughs, Scottish, Welsh and Northern
 * Irish councils; all, type, region, published and nearest), the area, metric, period and
 * options drawn at random among those that fit.
 */
function drawStates() {
  const random = seeded(20251130);
  const pick = (items) => items[Math.floor(random() * items.length)];
  const tiers = ['NMD', 'CTY', 'MD', 'UA', 'LBO', 'SCO', 'WPA', 'NID'];
  const kinds = ['all', 'type', 'region', 'published', 'nearest'];
  const nearest = ['nearest', 'nearest:5', 'nearest:10;scale=robust', 'nearest:8;distance=mahalanobis'];
  const listsFor = (code) =>
    published.filter((g) => g.members.some((m) => m.area === code)).map((g) => g.id);
  const states = [];
  const seen = new Set();
  for (let i = 0; states.length < STATES && i < STATES * 20; i += 1) {
    const tier = tiers[i % tiers.length];
    const metrics = manifest.metrics.filter((m) => m.area_types.includes(tier));
    const candidates = areas.filter((a) => a.type === tier);
    if (metrics.length === 0 || candidates.length === 0) continue;
    const area = pick(candidates);
    const metric = pick(metrics);
    const period = pick(metric.periods);
    let group = kinds[Math.floor(i / tiers.length) % kinds.length];
    if (group === 'published') {
      const lists = listsFor(area.code);
      group = lists.length > 0 ? `published:${pick(lists)}` : 'region';
    } else if (group === 'nearest') {
      group = pick(nearest);
    }
    const key = [area.code, metric.id, period, group].join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    states.push({ area: area.code, metric: metric.id, period, group });
  }
  return states;
}

/** The `yardstick` binary, built once (cargo builds it only if it is out of date). */
function yardstickBinary() {
  execFileSync('cargo', ['build', '--quiet', '--locked', '-p', 'yardstick-cli'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const metadata = JSON.parse(
    execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
  return join(metadata.target_directory, 'debug', 'yardstick');
}

/** `yardstick compare ... --format text` for a state: its output, or its error. */
function compareText(binary, state) {
  const args = [
    'compare', BUNDLE, '--area', state.area, '--metric', state.metric,
    '--period', state.period, '--group', state.group, '--format', 'text',
  ];
  return new Promise((ok) => {
    execFile(binary, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      ok(error ? { error: `${stderr}`.trim() || error.message } : { text: stdout }),
    );
  });
}

/** Runs `task` over `items`, `width` at a time, keeping the order of the results. */
async function inTurns(items, width, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

/**
 * What the text output says the widget says: the sentence under "In a sentence (as the widget
 * says it)", and the table whose header begins "rank  Council": its caption (the line above),
 * column titles and cells, each cell cut at its column's start as the columns are aligned.
 */
function parseText(text) {
  const lines = text.split('\n');
  const heading = lines.indexOf('In a sentence (as the widget says it)');
  assert.ok(heading >= 0, `no summary sentence in\n${text}`);
  const summary = lines[heading + 1];
  const header = lines.findIndex((line) => line.startsWith('rank  Council'));
  assert.ok(header > 0, `no table in\n${text}`);
  // Columns are padded to the widest cell in characters, as Rust counts them.
  const chars = (line) => Array.from(line);
  const head = chars(lines[header]);
  const titles = head.join('').split(/ {2,}/);
  const starts = [];
  let from = 0;
  for (const title of titles) {
    const at = head.join('').indexOf(title, from);
    // Code-unit offsets to character offsets.
    starts.push(Array.from(head.join('').slice(0, at)).length);
    from = at + title.length;
  }
  const rows = [];
  for (const line of lines.slice(header + 1)) {
    if (line.trim() === '') break;
    const cells = chars(line);
    rows.push(
      starts.map((start, i) => cells.slice(start, starts[i + 1] ?? cells.length).join('').trim()),
    );
  }
  return {
    summary,
    caption: lines[header - 1],
    columns: titles.slice(1),
    rows: rows.map((row) => row.slice(1)),
  };
}

/** The widget's summary sentence and data table, once its caption is `caption`. */
async function widgetSays(page, caption) {
  await page.waitForFunction(
    (caption) =>
      !document.querySelector('.ys-loading') &&
      document.querySelector('.ys-table-block .ys-table__caption')?.textContent === caption,
    caption,
    { timeout: 30_000 },
  );
  return page.evaluate(() => {
    const table = document.querySelector('.ys-table-block table');
    return {
      summary: document.querySelector('[data-testid="summary"]')?.textContent ?? '',
      caption: table.querySelector('caption').textContent,
      // A heading is its button's text without the sort arrow (hidden from readers).
      columns: Array.from(table.querySelectorAll('thead th button')).map(
        (button) => button.firstChild?.textContent ?? '',
      ),
      rows: Array.from(table.querySelectorAll('tbody tr')).map((tr) =>
        Array.from(tr.children).map((cell) => cell.textContent),
      ),
    };
  });
}

/** Changes the widget's state through its address, as back and forward do. */
async function goTo(page, query) {
  await page.evaluate((query) => {
    history.pushState(null, '', query);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, query);
}

test(`the widget and the command line say the same for ${STATES} states of the demo bundle`, async (t) => {
  const states = drawStates();
  assert.equal(states.length, STATES);
  const binary = yardstickBinary();
  const outputs = await inTurns(states, 2, (state) => compareText(binary, state));

  const query = (s) =>
    `?area=${s.area}&metric=${encodeURIComponent(s.metric)}&period=${encodeURIComponent(s.period)}` +
    `&group=${encodeURIComponent(s.group)}`;
  const { page, problems } = await openPage(browser.context, `${server.url}/index.html`);
  let compared = 0;
  let lastCaption = '';
  const refused = [];
  const tiers = new Set();
  const kinds = new Set();
  for (const [index, state] of states.entries()) {
    const output = outputs[index];
    const what = `state ${index} (${query(state)})`;
    if (output.error) {
      // The command line refuses (no list for the council, no context for nearest
      // neighbours): the widget must show a message, not a comparison.
      await page.goto(`${server.url}/index.html${query(state)}`);
      await page.locator('.ys-message').first().waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('[data-testid="summary"]').count(), 0, `${what}: ${output.error}`);
      refused.push(`${what}: ${output.error}`);
      lastCaption = '';
      continue;
    }
    const expected = parseText(output.text);
    if (expected.caption === lastCaption) {
      // The same caption would not show that the view has changed: load the page afresh.
      await page.goto(`${server.url}/index.html${query(state)}`);
    } else {
      await goTo(page, query(state));
    }
    lastCaption = expected.caption;
    const shown = await widgetSays(page, expected.caption);
    assert.equal(shown.summary, expected.summary, `${what}: summary sentence`);
    assert.deepEqual(shown.columns, expected.columns, `${what}: column titles`);
    assert.equal(shown.rows.length, expected.rows.length, `${what}: rows`);
    for (const [r, row] of shown.rows.entries()) {
      assert.deepEqual(row, expected.rows[r], `${what}: row ${r + 1}`);
    }
    compared += 1;
    tiers.add(areas.find((a) => a.code === state.area).type);
    kinds.add(state.group.split(/[:;]/)[0]);
  }
  t.diagnostic(`${compared} states compared, ${refused.length} refused by both`);
  refused.forEach((line) => t.diagnostic(line));
  assert.ok(compared >= AT_LEAST, `compared ${compared} states (${refused.length} refused):\n${refused.join('\n')}`);
  assert.deepEqual([...tiers].sort(), ['CTY', 'LBO', 'MD', 'NID', 'NMD', 'SCO', 'UA', 'WPA']);
  assert.deepEqual([...kinds].sort(), ['all', 'nearest', 'published', 'region', 'type']);
  assert.deepEqual(problems, []);
});
