// A change of view and the peer group panel in WebKit: what tests/e2e/views.test.mjs checks in
// Chromium, with the figures on screen checked against the `yardstick` command line.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchWebKit, serveDist, problems, cli, waitForView, number, ROOT, openFolds } from './harness.mjs';
import { readManifest } from '../e2e/bundle.mjs';

const BUNDLE = 'public/data/demo';
const DISTRICT = 'E07000223'; // Adur, a non-metropolitan district: waste collection.
const WASTE = 'household-waste-recycling-rate';

const manifest = readManifest(`${ROOT}/${BUNDLE}`);
const decimals = (metric) => manifest.metrics.find((m) => m.id === metric).decimal_places;

let webkit, server;
before(async () => {
  server = await serveDist();
  webkit = await launchWebKit({ width: 1280, height: 900 });
});
after(async () => {
  await webkit?.close();
  await server?.close();
});

/** Asserts a displayed figure is the engine's value rounded to the metric's decimal places. */
function same(shown, value, metric, what) {
  const tolerance = 0.5 * 10 ** -decimals(metric) + 1e-9;
  assert.ok(
    Math.abs(number(shown) - value) <= tolerance,
    `${what}: WebKit shows ${shown}, the command line computes ${value}`,
  );
}

/** The element a visible label names (`<label for>`), found by the label's words. */
function byLabel(session, words) {
  return session.waitFor(
    `the field labelled “${words}”`,
    `const label = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === arguments[0]);
     return label ? document.getElementById(label.htmlFor) : null;`,
    { args: [words] },
  );
}

/** A link by its words, as `getByRole('link', { name })` finds it. */
function link(session, words) {
  return session.waitFor(
    `the link “${words}”`,
    `return [...document.querySelectorAll('a')].find((a) => a.textContent.trim() === arguments[0]) ?? null;`,
    { args: [words] },
  );
}

function urlMatches(session, pattern) {
  return session.waitFor(`the address to match ${pattern}`, 'return new RegExp(arguments[0]).test(location.href);', {
    args: [pattern.source],
  });
}

/** The compare view's statistics table as a map from label to text. */
async function statistics(session) {
  await session.waitForElement('.ys-table--facts');
  assert.equal(await openFolds(session), 0, 'the statistics open');
  return Object.fromEntries(
    await session.execute(
      `return [...document.querySelectorAll('.ys-table--facts tr')].map((tr) =>
         [tr.querySelector('th').innerText.trim(), tr.querySelector('td').innerText.trim()]);`,
    ),
  );
}

async function checkCompare(session, area, metric, group) {
  await waitForView(session);
  const stats = await statistics(session);
  const d = cli('compare', BUNDLE, '--area', area, '--metric', metric, '--group', group).assessment.description;
  same(stats['Median'], d.median, metric, 'median');
  same(stats['Lower quartile'], d.quartiles.q1, metric, 'lower quartile');
  same(stats['Upper quartile'], d.quartiles.q3, metric, 'upper quartile');
  assert.equal(Number(stats['Councils with a figure']), d.n, 'n');
}

test('a change of view shows the new view: compare, over time, about', async () => {
  const { session } = webkit;
  await session.navigate(`${server.url}/?area=${DISTRICT}&metric=${WASTE}`);
  await checkCompare(session, DISTRICT, WASTE, 'type');

  await session.click(await link(session, 'Over time'));
  await urlMatches(session, /view=trend/);
  const findings = await session.waitForElement('[data-testid="findings"]');
  assert.match(await session.text(findings), /Recent trend/);
  assert.equal(await session.execute('return document.querySelector(".ys-table--facts")'), null, 'the compare table is gone');
  const rows = await session.execute(
    `return [...document.querySelectorAll('.ys-table-block tbody tr')].map((tr) =>
       [...tr.children].map((c) => c.innerText.trim()));`,
  );
  assert.ok(rows.length >= 5, 'a row per period');
  const last = rows[rows.length - 1];
  const json = cli('compare', BUNDLE, '--area', DISTRICT, '--metric', WASTE, '--group', 'type', '--period', last[0]);
  same(last[1], json.assessment.value, WASTE, `${last[0]} value`);
  same(last[2], json.assessment.description.median, WASTE, `${last[0]} median`);
  const current = await session.execute('return document.querySelector(".ys-tabs__link[aria-current=page]").textContent.trim()');
  assert.equal(current, 'Over time');

  await session.click(await link(session, 'About the data'));
  await urlMatches(session, /view=about/);
  assert.match(await session.text(await session.waitForElement('.ys-about')), /Hyndman and Fan/);

  // Back returns to the trend, as in Chromium.
  await session.back();
  await urlMatches(session, /view=trend/);
  await session.waitForElement('[data-testid="findings"]');
  assert.deepEqual(await problems(session), []);
});

test('the peer group panel changes the group, and the compare view follows it', async () => {
  const { session } = webkit;
  await session.navigate(`${server.url}/?area=${DISTRICT}&metric=${WASTE}&view=peers`);
  const sameType = cli('peers', BUNDLE, '--area', DISTRICT, '--group', 'type', '--metric', WASTE);
  const sameTypeCount = (sameType.group?.members ?? sameType.members).length;
  assert.equal(
    await session.text(await session.waitForElement('[data-testid="group-label"]')),
    `Compared with non-metropolitan districts: ${sameTypeCount} councils besides Adur.`,
  );

  await session.click(await byLabel(session, 'Nearest neighbours, worked out here'));
  const count = await byLabel(session, 'Number of neighbours');
  await session.clear(count);
  await session.sendKeys(count, '10');
  // A weight typed as a reader would; leaving the box (Tab) commits it with a change event.
  const weight = await session.waitFor(
    'a weight box',
    `const label = [...document.querySelectorAll('label')].find((l) => /^Weight of /.test(l.textContent.trim()));
     return label ? document.getElementById(label.htmlFor) : null;`,
  );
  await session.clear(weight);
  await session.sendKeys(weight, '2.5\uE004');
  const apply = await session.waitFor(
    'the apply button',
    `return [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Use this peer group') ?? null;`,
  );
  await session.click(apply);
  await urlMatches(session, /group=nearest/);
  const group = await session.execute('return new URL(location.href).searchParams.get("group")');
  assert.match(group, /;weights=[a-z0-9-]+:2\.5(;|$)/);
  const label = await session.waitFor(
    'the new group named',
    `const l = document.querySelector('[data-testid="group-label"]');
     return l && /10 nearest neighbours/.test(l.innerText) ? l.innerText : null;`,
  );
  assert.match(label, /10 nearest neighbours/);

  const peers = cli('peers', BUNDLE, '--area', DISTRICT, '--group', group, '--metric', WASTE);
  const members = peers.group?.members ?? peers.members;
  const shown = await session.execute(
    `return [...document.querySelectorAll('.ys-table-block tbody tr th')].map((th) => th.innerText.trim());`,
  );
  assert.deepEqual(shown, members.map((m) => m.name), 'the same neighbours in the same order');

  await session.click(await link(session, 'Compare'));
  await session.waitFor('the compare view', 'return !new URL(location.href).searchParams.has("view");');
  await checkCompare(session, DISTRICT, WASTE, group);
  assert.deepEqual(await problems(session), []);
});
