// Regression: "ResizeObserver loop completed with undelivered notifications" after the first
// chart. The chart's ResizeObserver redrew inside its own callback; the new drawing moved the
// layout within the same observation, so the browser reported the notifications it could not
// deliver. The redraw now waits for the next animation frame (src/components/chart_figure.rs).
//
// Chromium reports this error as an `error` event on the window only: playwright hears neither
// a console message nor a page error, so the tests also listen for the event in every frame.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serveDist, openPage, siteWith, waitForView } from './harness.mjs';
import { startServer } from './static-server.mjs';
import { rm } from 'node:fs/promises';

let browser, server, host, hostRoot;
before(async () => {
  server = await serveDist();
  hostRoot = await siteWith({
    'frame.html': `<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Council page</title><link rel="icon" href="data:,">
<style>body { margin: 0 } iframe { display: block; width: 100%; border: 0 }</style></head>
<body><iframe src="${server.url}/embed.html?area=E08000009&amp;metric=household-waste-recycling-rate&amp;id=f" data-yardstick-frame="f" title="Recycling compared" height="800"></iframe>
<script src="${server.url}/embed.js" async></script></body></html>`,
  });
  host = await startServer({ root: hostRoot });
  browser = await launchBrowser();
  await browser.context.addInitScript(() => {
    window.__yardstickErrors = [];
    addEventListener('error', (event) => window.__yardstickErrors.push(`error event: ${event.message}`));
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
  await host?.close();
  if (hostRoot) await rm(hostRoot, { recursive: true, force: true });
});

/** Waits until every chart in `frame` is drawn at the width of its box, then a few frames more. */
async function chartsSettled(frame, width) {
  await frame.waitForFunction((width) => {
    const canvases = [...document.querySelectorAll('.ys-chart__canvas')];
    return (
      canvases.length > 0 &&
      document.documentElement.clientWidth <= width &&
      canvases.every((c) => {
        const svg = c.querySelector('svg');
        return svg && Math.abs(Number(svg.getAttribute('width')) - c.clientWidth) <= 1;
      })
    );
  }, width, { timeout: 30_000 });
  // The error is reported at the end of a frame's observations: let several frames pass.
  await frame.evaluate(
    () => new Promise((ok) => {
      let frames = 10;
      const next = () => (--frames > 0 ? requestAnimationFrame(next) : ok());
      requestAnimationFrame(next);
    }),
  );
}

/** What mentions ResizeObserver: in the console and page errors, and in `frames`' error events. */
async function aboutResizeObserver(problems, ...frames) {
  const heard = [...problems];
  for (const frame of frames) heard.push(...(await frame.evaluate(() => window.__yardstickErrors)));
  return heard.filter((p) => /ResizeObserver/i.test(p));
}

test('no ResizeObserver error after the first chart, nor after a resize from 1280 to 390 px', async () => {
  const { page, problems } = await openPage(browser.context, `${server.url}/?area=E08000009`, {
    viewport: { width: 1280, height: 800 },
  });
  await page.getByTestId('summary').waitFor();
  await chartsSettled(page, 1280);
  assert.deepEqual(await aboutResizeObserver(problems, page), [], 'after the first chart');
  await page.setViewportSize({ width: 390, height: 800 });
  await chartsSettled(page, 390);
  assert.deepEqual(await aboutResizeObserver(problems, page), [], 'after the resize to 390 px');
  assert.deepEqual(problems, []);
  await page.close();
});

test('no ResizeObserver error in the iframe embed, which also observes its own height', async () => {
  const { page, problems } = await openPage(browser.context, `${host.url}/frame.html`, {
    viewport: { width: 1280, height: 800 },
  });
  await waitForView(page.frameLocator('iframe'));
  const frame = page.frame({ url: /\/embed\.html/ });
  assert.ok(frame, 'the embed frame');
  await chartsSettled(frame, 1280);
  assert.deepEqual(await aboutResizeObserver(problems, page, frame), [], 'after the first chart');
  await page.setViewportSize({ width: 390, height: 800 });
  await chartsSettled(frame, 390);
  assert.deepEqual(await aboutResizeObserver(problems, page, frame), [], 'after the resize to 390 px');
  assert.deepEqual(problems, []);
  await page.close();
});
