// The measure picker is a searchable combobox (issue 15), the same one as the council search:
// typed words find measures by title, short title, description and theme; ↓ ↓ Enter chooses
// the second match; Escape closes; the chosen title stays in the box; the count is read aloud;
// a measure the council has no figure for is marked; every measure can be listed without
// typing, grouped by theme. What the list should hold is worked out here from the bundle's
// own manifest, so the test holds as the bundle grows.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, serveDist, openPage, waitForView, axeViolations, openChooser } from './harness.mjs';
import { readManifest } from './bundle.mjs';

const DEMO = new URL('../../public/data/demo/', import.meta.url);
const manifest = readManifest(DEMO);
const areas = JSON.parse(readFileSync(new URL('areas.json', DEMO), 'utf8')).areas;
const KENT = areas.find((a) => a.code === 'E10000016');
const TRAFFORD = areas.find((a) => a.code === 'E08000009');
const SHOWN = 10;

/** Lower case, accents dropped, punctuation as spaces. */
const normalise = (text) =>
  text
    .toLowerCase()
    .replaceAll('&', ' and ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Whether every word of `query` starts a word of `text`. */
const holdsAll = (text, query) => {
  const words = normalise(text).split(' ');
  return normalise(query)
    .split(' ')
    .every((q) => words.some((w) => w.startsWith(q)));
};

/** Whether `area` has no figure for measure `m`: another tier, or a nation not covered. */
const noFigure = (area, m) => !m.area_types.includes(area.type) || (m.coverage && !m.coverage.includes(area.nation));

const themeTitle = (m) => manifest.themes.find((t) => t.id === m.theme).title;

/** The measures `query` should find for `area`, best first, by the manifest's index of
 * measures (titles, short titles, search words, theme): a title or short title that starts
 * with the words typed, then one that holds them as a phrase at the start of a word, then one
 * that holds every word, then a match that needs the search words or the theme too; with a
 * figure before without in each; then in the bundle's order. */
function expectedMatches(query, area) {
  const phrase = normalise(query);
  const atAWord = (text) => text.startsWith(phrase) || text.includes(` ${phrase}`);
  const place = (m) => {
    const [title, short] = [normalise(m.title), normalise(m.short_title)];
    if (title.startsWith(phrase) || short.startsWith(phrase)) return 0;
    if (atAWord(title) || atAWord(short)) return 2;
    if (holdsAll(`${m.title} ${m.short_title}`, query)) return 4;
    if (holdsAll(`${m.title} ${m.short_title} ${m.search ?? ''} ${themeTitle(m)}`, query)) return 6;
    return null;
  };
  return manifest.measures
    .map((m, order) => ({ m, order, place: place(m) }))
    .filter((x) => x.place !== null)
    .map((x) => ({ ...x, place: x.place + (noFigure(area, x.m) ? 1 : 0) }))
    .sort((a, b) => a.place - b.place || a.order - b.order)
    .map((x) => x.m);
}

/** A measure's words in the list, as the browser renders them (runs of spaces, which some
 * LAIT titles have, shown as one). */
const label = (m, area) =>
  (noFigure(area, m) ? `${m.title} (no figure for ${area.name})` : m.title).replace(/\s+/g, ' ');

let browser, server;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A page for `area` and `metric` with the pickers open, and its measure combobox. */
async function open(area, metric, viewport) {
  const opened = await openPage(browser.context, `${server.url}/?area=${area.code}&metric=${metric}`, { viewport });
  await waitForView(opened.page);
  await openChooser(opened.page);
  const box = opened.page.getByRole('combobox', { name: 'Measure' });
  const picker = opened.page.locator('.ys-picker').filter({ has: box });
  return { ...opened, box, status: picker.locator('.ys-picker__status'), options: picker.getByRole('option') };
}

/** A measure `area` has figures for, to open the page on. */
const withFigure = (area) => manifest.metrics.find((m) => !noFigure(area, m)).id;

test('typing a word and ↓ ↓ Enter chooses the second match; its title stays in the box', async () => {
  const query = 'pupils';
  const expected = expectedMatches(query, KENT);
  assert.ok(expected.length >= 2, `${expected.length} measures match "${query}"`);
  const { page, problems, box, status, options } = await open(KENT, withFigure(KENT));

  await box.fill('');
  await page.keyboard.type(query);
  await options.first().waitFor();
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  assert.deepEqual(
    await options.allInnerTexts(),
    expected.slice(0, SHOWN).map((m) => label(m, KENT)),
  );
  // The count is said in a polite live region.
  assert.equal(await status.getAttribute('aria-live'), 'polite');
  const count =
    expected.length > SHOWN
      ? `${expected.length} measures match; the first ${SHOWN} are listed.`
      : `${expected.length} measures match.`;
  assert.equal(await status.innerText(), count);

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const second = options.nth(1);
  assert.equal(await box.getAttribute('aria-activedescendant'), await second.getAttribute('id'));
  assert.equal(await second.getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`metric=${expected[1].id}(&|$)`));
  assert.equal(await box.inputValue(), expected[1].title, 'the chosen title stays in the box');
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  // The period starts again at the new measure's latest.
  assert.doesNotMatch(page.url(), /period=/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('"absence" finds persistent absence, chosen by keyboard', async () => {
  const expected = expectedMatches('absence', TRAFFORD).slice(0, SHOWN);
  const at = expected.findIndex((m) => /persistent absence/i.test(m.title));
  assert.ok(at >= 0, `persistent absence is among the first ${SHOWN} matches: ${expected.map((m) => m.title)}`);
  const { page, problems, box, options } = await open(TRAFFORD, withFigure(TRAFFORD));
  await box.fill('');
  await page.keyboard.type('absence');
  await options.first().waitFor();
  for (let i = 0; i <= at; i++) await page.keyboard.press('ArrowDown');
  assert.match(await options.nth(at).innerText(), /persistent absence/i);
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`metric=${expected[at].id}(&|$)`));
  await page.locator('.ys-view__title', { hasText: /absence/i }).first().waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('Escape closes the list and keeps the text; leaving the box closes it too', async () => {
  const { page, problems, box, options } = await open(TRAFFORD, withFigure(TRAFFORD));
  const before = page.url();
  await box.fill('');
  await page.keyboard.type('rate');
  await options.first().waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  assert.equal(await box.getAttribute('aria-activedescendant'), null);
  assert.equal(await options.count(), 0);
  assert.equal(await box.inputValue(), 'rate');
  assert.equal(page.url(), before, 'nothing chosen');
  await page.keyboard.press('ArrowDown');
  await options.first().waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  assert.deepEqual(problems, []);
  await page.close();
});

test(`a measure ${KENT.name} has no figure for is marked and listed after those with one`, async () => {
  // The short title of the first measure Kent has no figure for finds it.
  const absent = manifest.measures.find((m) => noFigure(KENT, m));
  const query = absent.short_title;
  const expected = expectedMatches(query, KENT);
  assert.ok(expected.includes(absent));
  const { page, problems, box, options } = await open(KENT, withFigure(KENT));
  await box.fill('');
  await page.keyboard.type(query);
  await options.first().waitFor();
  const listed = await options.allInnerTexts();
  assert.deepEqual(listed, expected.slice(0, SHOWN).map((m) => label(m, KENT)));
  assert.ok(listed.includes(`${absent.title} (no figure for ${KENT.name})`), listed.join('\n'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('every measure is listed by theme without typing: ↓ in an empty box, or the "Show all measures" button', async () => {
  const { page, problems, box, status, options } = await open(TRAFFORD, withFigure(TRAFFORD));
  const themes = manifest.themes.filter((t) => manifest.metrics.some((m) => m.theme === t.id));
  const inOrder = themes.flatMap((t) => manifest.metrics.filter((m) => m.theme === t.id));

  await box.fill('');
  await page.keyboard.press('ArrowDown');
  const listbox = page.getByRole('listbox', { name: 'Measures' });
  await options.first().waitFor();
  const groups = listbox.getByRole('group');
  assert.deepEqual(
    await groups.evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label'))),
    themes.map((t) => t.title),
  );
  for (const [i, theme] of themes.entries()) {
    assert.deepEqual(
      await groups.nth(i).getByRole('option').allInnerTexts(),
      manifest.metrics.filter((m) => m.theme === theme.id).map((m) => label(m, TRAFFORD)),
    );
  }
  assert.equal(await options.count(), manifest.metrics.length);
  assert.equal(await status.innerText(), `${manifest.metrics.length} measures, grouped by theme.`);
  assert.equal(await box.getAttribute('aria-activedescendant'), await options.first().getAttribute('id'));
  // The list scrolls to keep the active option in sight.
  const steps = Math.min(15, manifest.metrics.length - 1);
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
  const active = options.nth(steps);
  assert.equal(await box.getAttribute('aria-activedescendant'), await active.getAttribute('id'));
  await page.waitForFunction(
    ([id]) => {
      const option = document.getElementById(id).getBoundingClientRect();
      const list = document.querySelector('[role=listbox][aria-label="Measures"]').getBoundingClientRect();
      return option.top >= list.top - 1 && option.bottom <= list.bottom + 1;
    },
    [await active.getAttribute('id')],
    { timeout: 2_000 },
  );
  await page.keyboard.press('Escape');

  // The button beside the box, from the keyboard: the list opens and the focus stays in the box.
  const button = page.getByRole('button', { name: 'Show all measures' });
  await box.focus();
  await page.keyboard.press('Tab');
  assert.equal(await button.evaluate((b) => b === document.activeElement), true, 'Tab reaches the button');
  await page.keyboard.press('Enter');
  await options.first().waitFor();
  assert.equal(await box.evaluate((b) => b === document.activeElement), true, 'the focus is back in the box');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`metric=${inOrder[1].id}(&|$)`));
  assert.equal(await box.inputValue(), inOrder[1].title);
  assert.deepEqual(problems, []);
  await page.close();
});

for (const width of [320, 1280]) {
  test(`axe-core finds nothing at ${width} px with the measure list open`, async () => {
    const { page, problems, box, options } = await open(KENT, withFigure(KENT), { width, height: 900 });
    await box.fill('');
    await page.keyboard.type('care');
    await page.keyboard.press('ArrowDown');
    await options.first().waitFor();
    assert.deepEqual(await axeViolations(page), [], 'matches listed');
    await box.fill('');
    await page.keyboard.press('ArrowDown');
    await page.getByRole('listbox', { name: 'Measures' }).getByRole('group').first().waitFor();
    assert.deepEqual(await axeViolations(page), [], 'every measure listed');
    // Nothing wider than the window, the list included.
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(widths[0] <= widths[1], `page ${widths[0]} px in a ${widths[1]} px window`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
