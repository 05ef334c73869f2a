// The iframe embed in WebKit: what tests/e2e/embed-iframe.test.mjs checks in Chromium. The
// frame renders the widget, fits its content with no scrollbar of its own (embed.js obeys the
// frame's resize messages), and follows its content when the reader switches views.
//
// MiniBrowser's window is never narrower than about 450 px, so the narrow case puts the frame
// in a 320 px column of a wide page: the frame's own viewport is what the widget sees.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchWebKit, serveDist, siteWith, problems, waitForView, PROBLEMS_TAG } from './harness.mjs';
import { startServer } from '../e2e/static-server.mjs';

const AREA = 'E08000009';
const METRIC = 'household-waste-recycling-rate';

let webkit, widget, host, hostRoot;
before(async () => {
  widget = await serveDist();
  hostRoot = await siteWith({
    'host.css': 'body { margin: 0; padding: 0 8px; } iframe { display: block; width: 100%; border: 0; }',
  });
  host = await startServer({ root: hostRoot });
  webkit = await launchWebKit({ width: 1280, height: 900 });
});
after(async () => {
  await webkit?.close();
  for (const server of [widget, host]) await server?.close();
  if (hostRoot) await rm(hostRoot, { recursive: true, force: true });
});

/** A council page on the host origin, its main column `width` wide, holding `body`. */
async function hostPage(name, body, width) {
  await writeFile(
    join(hostRoot, name),
    `<!doctype html><html lang="en-GB"><head>${PROBLEMS_TAG}<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Council page</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="host.css"></head>
<body><main${width ? ` style="width: ${width}px"` : ''}>${body}</main>
<script src="${widget.url}/embed.js" async></script></body></html>`,
  );
  return `${host.url}/${name}`;
}

function frameSrc(query) {
  return `${widget.url}/embed.html?area=${AREA}&metric=${METRIC}&${query}`;
}

/** Inside the frame: the widget's content height and whether it scrolls. */
const INNER = `const e = document.documentElement;
  return { content: e.getBoundingClientRect().height, scrollHeight: e.scrollHeight, clientHeight: e.clientHeight,
           scrollWidth: e.scrollWidth, clientWidth: e.clientWidth };`;

/** The frame's height on the host page and its content's, once they agree. */
async function settledHeights(session) {
  const frame = await session.find('iframe');
  let last;
  for (let i = 0; i < 100; i++) {
    const outer = await session.execute('return arguments[0].getBoundingClientRect().height', frame);
    await session.switchToFrame(frame);
    const inner = await session.execute(INNER);
    await session.switchToFrame(null);
    last = { outer, ...inner };
    if (Math.abs(outer - Math.ceil(inner.content)) <= 1 && outer !== 800) return last;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.fail(`the frame never fitted its content: ${JSON.stringify(last)}`);
}

/** Runs `check` inside the page's iframe and comes back out. */
async function inFrame(session, check) {
  await session.switchToFrame(await session.find('iframe'));
  try {
    return await check();
  } finally {
    await session.switchToFrame(null);
  }
}

for (const width of [320, 1024]) {
  test(`in a ${width} px column the frame shows the widget and fits it, with no scrollbar of its own`, async () => {
    const { session } = webkit;
    const url = await hostPage(
      `fit-${width}.html`,
      `<iframe src="${frameSrc('controls=none&parts=all&id=fit')}" data-yardstick-frame="fit" title="Recycling compared" width="100%" height="800"></iframe>`,
      width,
    );
    await session.navigate(url);
    const shown = await inFrame(session, async () => {
      await waitForView(session);
      // The first chart is drawn at a guessed width, then at its box's from the next frame on.
      await session.waitFor(
        'the chart drawn at the width of its box',
        `const canvas = document.querySelector('.ys-chart__canvas');
         const svg = canvas.querySelector('svg');
         return svg && Math.abs(Number(svg.getAttribute('width')) - canvas.clientWidth) <= 1;`,
        { timeout: 5_000 },
      );
      return session.execute(
        `const svg = document.querySelector('.ys-chart__canvas svg');
         return { summary: document.querySelector('[data-testid="summary"]').innerText, viewport: innerWidth,
                  chart: svg ? Number(svg.getAttribute('width')) : 0, box: document.querySelector('.ys-chart__canvas').clientWidth };`,
      );
    });
    assert.equal(shown.viewport, width, 'the frame is as wide as its column');
    assert.match(shown.summary, /Trafford 58\.4%/);
    assert.ok(shown.chart > 0 && shown.chart <= shown.viewport, `the chart fits the frame: ${JSON.stringify(shown)}`);

    const heights = await settledHeights(session);
    assert.ok(heights.outer > 800, `the metric view is taller than the fallback height: ${heights.outer}`);
    assert.ok(heights.scrollHeight <= heights.clientHeight, `no vertical scrollbar: ${JSON.stringify(heights)}`);
    assert.ok(heights.scrollWidth <= heights.clientWidth, `no horizontal scrollbar: ${JSON.stringify(heights)}`);
    assert.deepEqual(await problems(session), [], 'the host page');
    assert.deepEqual(await inFrame(session, () => problems(session)), [], 'the frame');
  });
}

test('the frame follows its content when the reader switches views', async () => {
  const { session } = webkit;
  const url = await hostPage(
    'follow.html',
    `<iframe src="${frameSrc('controls=full&id=follow')}" data-yardstick-frame="follow" title="Recycling compared" width="100%" height="800"></iframe>`,
  );
  await session.navigate(url);
  await inFrame(session, () => waitForView(session));
  const metric = await settledHeights(session);
  await inFrame(session, async () => {
    const about = await session.waitFor(
      'the link “About the data”',
      `return [...document.querySelectorAll('a')].find((a) => a.textContent.trim() === 'About the data') ?? null;`,
    );
    await session.click(about);
    await session.waitForElement('.ys-about');
  });
  let about;
  for (let i = 0; i < 50; i++) {
    about = await settledHeights(session);
    if (Math.abs(about.outer - metric.outer) > 50) break;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.ok(
    Math.abs(about.outer - metric.outer) > 50,
    `the frame changed height with its content: ${metric.outer} then ${about.outer}`,
  );
  assert.ok(about.scrollHeight <= about.clientHeight, 'still no scrollbar after the switch');
  // The frame keeps its history to itself: the host page's address is unchanged.
  assert.equal(await session.url(), url);
  assert.deepEqual(await problems(session), [], 'the host page');
  assert.deepEqual(await inFrame(session, () => problems(session)), [], 'the frame');
});
