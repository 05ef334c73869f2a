// A committee-ready print (issue 13, acceptance 5): Chromium prints Kent's overview to A4 as
// one summary table (no cards), at most one page per 25 measures (issue 13 also said at most
// 3 pages, which 528 measures cannot keep), with
// the view's address, the day it was printed and the data version, and no blank last page.
// A measure view prints its sentence, chart, table, source and caveats. The PDFs are read
// with poppler's pdfinfo and pdftotext (installed with Chromium by `cargo xtask test`); the
// expected measures, figures and words come from the bundle's own files.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, launchBrowser, serveDist, openPage, waitForView } from './harness.mjs';
import { readManifest } from './bundle.mjs';

const run = promisify(execFile);
const DEMO = join(ROOT, 'public', 'data', 'demo');
const KENT = 'E10000016';
const TRAFFORD = 'E08000009';
const ADUR = 'E07000223';
const MID_SUFFOLK = 'E07000203';
const BABERGH = 'E07000200';
const WASTE = 'household-waste-recycling-rate';

let browser, server, scratch, manifest, areas;
before(async () => {
  server = await serveDist();
  browser = await launchBrowser();
  scratch = await mkdtemp(join(tmpdir(), 'yardstick-print-'));
  manifest = readManifest(DEMO);
  areas = JSON.parse(await readFile(join(DEMO, 'areas.json'), 'utf8')).areas;
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Whitespace made single spaces, so that words wrapped across lines read as one text. */
const flat = (text) =>
  text
    .replace(/\s+/g, ' ')
    // A hyphenated word wrapped after its hyphen ("short- term") reads as written.
    .replace(/(\w)- (\w)/g, '$1-$2')
    .trim();

/** Today as a British reader writes it ("1 December 2026"), from node's own clock. */
const today = () =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(),
  );

/** Opens `query` at a desktop width, prints it to A4 and returns the page and the PDF's path. */
async function print(query, name) {
  const opened = await openPage(browser.context, `${server.url}/${query}`, {
    viewport: { width: 1280, height: 900 },
  });
  await waitForView(opened.page);
  await opened.page.waitForFunction(() => !document.querySelector('.ys-loading'), null, {
    timeout: 30_000,
  });
  const note = opened.page.getByTestId('print-note');
  // On screen the note is not shown, so no screen reader reads it either.
  assert.equal(await note.isVisible(), false, 'the print-only note is hidden on screen');
  assert.equal(
    await note.evaluate((el) => getComputedStyle(el).display),
    'none',
    'display: none keeps the note out of the accessibility tree on screen',
  );
  await opened.page.emulateMedia({ media: 'print' });
  assert.equal(await note.isVisible(), true, 'the note is printed');
  const path = join(scratch, `${name}.pdf`);
  await writeFile(path, await opened.page.pdf({ format: 'A4' }));
  return { ...opened, path };
}

async function pageCount(pdf) {
  const { stdout } = await run('pdfinfo', [pdf]);
  const pages = Number(/^Pages:\s+(\d+)$/m.exec(stdout)?.[1]);
  assert.ok(pages > 0, stdout);
  return pages;
}

/** The text of one page (or all of them), in the order Chromium drew it. */
async function pdfText(pdf, page) {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  const { stdout } = await run('pdftotext', ['-raw', ...range, pdf, '-']);
  return flat(stdout);
}

/** The measures an overview lists for a council: every measure published for its type. */
function measuresOf(code) {
  const area = areas.find((a) => a.code === code);
  assert.ok(area, code);
  return { area, measures: manifest.metrics.filter((m) => m.area_types.includes(area.type)) };
}

/** What every printed view says about itself: its address, today's date, the data version. */
function assertSaysWhereWhenAndWhich(text, query) {
  assert.ok(text.includes(`View online: ${server.url}/${query}`), `the view's address: ${text.slice(0, 400)}`);
  assert.ok(text.includes(`Printed ${today()}`), `today's date: ${text.slice(0, 400)}`);
  assert.ok(text.includes(manifest.content_hash), `the data version: ${text.slice(0, 400)}`);
  assert.ok(text.includes(manifest.title), `the bundle's title: ${text.slice(0, 400)}`);
}

// Kent, Trafford (the most measures of any council) and Mid Suffolk, whose figures are
// published jointly with Babergh's, so that its table has a notes column. Every one takes more
// than one page, so the header is seen to repeat. Issue 13 also asked for at most 3 pages; with
// the 528 measures of issue 15 a county's table takes about 18, so that limit is not held here
// any more (reported; it needs a decision on what a committee print should hold).
const OVERVIEWS = [
  { code: KENT },
  { code: TRAFFORD },
  { code: MID_SUFFOLK, joint: BABERGH },
];

for (const { code, joint } of OVERVIEWS) {
  test(`the overview of ${code} prints as one summary table, a page per 25 measures at most`, async () => {
    const { area, measures } = measuresOf(code);
    const query = `?area=${code}&view=overview`;
    const { page, problems, path } = await print(query, `overview-${code}`);

    // One table in print: the cards, pickers, tabs and buttons are not printed.
    for (const hidden of ['.ys-card', '.ys-controls', '.ys-tabs', '.ys-button', '.ys-share']) {
      const shown = await page.locator(hidden).evaluateAll((els) =>
        els.filter((el) => el.checkVisibility()).length,
      );
      assert.equal(shown, 0, `${hidden} is not printed`);
    }
    const rows = await page.locator('.ys-view table tbody tr').evaluateAll((els) =>
      els.filter((el) => el.checkVisibility()).length,
    );
    assert.equal(rows, measures.length, 'one printed row for each measure of the bundle');

    const pages = await pageCount(path);
    assert.ok(
      pages <= Math.ceil(measures.length / 25),
      `${area.name}: ${measures.length} measures on ${pages} A4 pages`,
    );

    const text = await pdfText(path);
    assertSaysWhereWhenAndWhich(text, query);
    for (const measure of measures) {
      // Once: the table alone, not the cards and then the table again.
      // (Some titles hold another whole: "... Level 2 qualification by the age of 19 (%)" in a
      // longer one; each holder is printed once too.)
      // Compared without spaces: pdftotext breaks long titles at a hyphen or slash.
      const squash = (t) => t.replace(/\s+/g, '');
      const holders = measures.filter((m) => squash(m.title).includes(squash(measure.title))).length;
      assert.equal(squash(text).split(squash(measure.title)).length - 1, holders, `${measure.title} once`);
    }
    // The columns a committee asks for, and every verdict with the method behind it.
    for (const column of ['Measure', 'Period', area.name, 'Group median', 'Compared with the group median', 'Change since the previous period']) {
      assert.ok(text.includes(column), `column ${column}`);
    }
    const verdicts = text.match(/, by the (distance rule|interval test|control limits)|Not compared: /g) ?? [];
    assert.equal(verdicts.length, measures.length, 'each verdict names its method, or why there is none');

    // Every page has rows of the table, the last one too; a later page repeats the header.
    for (let p = 1; p <= pages; p += 1) {
      const onPage = await pdfText(path, p);
      const listed = measures.filter((m) => onPage.includes(flat(m.title))).length;
      assert.ok(listed > 0, `page ${p} of ${pages} holds measures: ${onPage.slice(0, 200)}`);
      if (p > 1) assert.match(onPage, /^Measure Period /, `page ${p} repeats the table's header`);
    }
    assert.ok(pages > 1, `${area.name}: ${pages} pages, so the header is seen to repeat`);
    if (joint) {
      // The notes column says whose figure is reported jointly (the bundle's joint returns).
      const partner = areas.find((a) => a.code === joint).name;
      const covered = manifest.metrics.filter((m) =>
        measures.includes(m) &&
        (m.joint_returns ?? []).some((j) => j.figure_of === code && j.covers.includes(joint)),
      );
      assert.ok(covered.length > 0, 'the bundle has joint figures for this council');
      assert.equal(text.split(`Joint figure for ${partner} and ${area.name}`).length - 1, covered.length, text);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test("Adur's recycling comparison prints its sentence, chart, table, source and caveats", async () => {
  const query = `?area=${ADUR}&metric=${WASTE}`;
  const metric = manifest.metrics.find((m) => m.id === WASTE);
  const latest = JSON.parse(await readFile(join(DEMO, metric.latest_file.path), 'utf8'));
  const adur = latest.values.find((v) => v.area === ADUR);
  const figure = `${adur.value.toFixed(metric.decimal_places)}%`;
  const { page, problems, path } = await print(query, 'compare-adur');

  const text = await pdfText(path);
  assertSaysWhereWhenAndWhich(text, query);
  // The sentence: Adur's figure and the group it is compared with.
  assert.ok(text.includes(`Adur ${figure}, against a median of`), `the sentence: ${text.slice(0, 800)}`);
  // The chart, drawn, with its caption.
  const charts = await page.locator('figure.ys-chart svg').evaluateAll((els) =>
    els.filter((el) => el.checkVisibility() && el.getBoundingClientRect().height > 100).length,
  );
  assert.ok(charts >= 1, 'a chart is printed');
  assert.ok(text.includes('Adur and non-metropolitan districts, highest first'), 'the chart caption');
  // The table: Adur's row with its code and figure.
  assert.ok(text.includes(`Adur ${ADUR} ${figure}`), "the table's row for Adur");
  // The source, its licence and every caveat, open even where the screen folds them.
  assert.ok(text.includes(flat(metric.source.organisation)), 'the source');
  assert.ok(text.includes(flat(metric.source.title)), "the source's title");
  assert.ok(text.includes('Open Government Licence v3.0'), 'the licence');
  assert.ok(metric.caveats.length > 0);
  for (const caveat of metric.caveats) assert.ok(text.includes(flat(caveat)), `caveat: ${caveat}`);
  // Nothing to press on paper.
  const buttons = await page.locator('.ys-view button').evaluateAll((els) =>
    els.filter((el) => el.checkVisibility() && !el.closest('th')).length,
  );
  assert.equal(buttons, 0, 'no buttons printed');
  const pages = await pageCount(path);
  const last = await pdfText(path, pages);
  assert.ok(last.length > 200, `the last page is not blank: ${last}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a compact embed prints its folded caveats open', async () => {
  const query = `embed.html?area=${ADUR}&metric=${WASTE}&controls=none`;
  const metric = manifest.metrics.find((m) => m.id === WASTE);
  const { page, problems, path } = await print(query, 'embed-adur');
  assert.equal(await page.locator('details.ys-source__caveats').getAttribute('open'), null, 'folded on screen');
  const text = await pdfText(path);
  for (const caveat of metric.caveats) assert.ok(text.includes(flat(caveat)), `caveat: ${caveat}`);
  // An embed's address is the full comparison on Yardstick's own page.
  assert.ok(text.includes(`View online: ${server.url}/?area=${ADUR}&metric=${WASTE}`), text.slice(0, 300));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a browser without ::details-content still prints folded tables: widget.js opens them before printing and shuts them after', async () => {
  const { page, problems } = await openPage(browser.context, `${server.url}/?area=E07000223`);
  await waitForView(page);
  const shut = () => page.locator('.ys-widget details.ys-fold:not([open]), [data-yardstick] details.ys-fold:not([open])').count();
  const before = await shut();
  assert.ok(before >= 2, `${before} folds shut on screen (statistics and the long table)`);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await shut(), 0, 'every fold open for printing');
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await shut(), before, 'shut again after printing');
  assert.deepEqual(problems, []);
  await page.close();
});
