// Issue 6, acceptance 1: the iframe embed fits its content with no scrollbar of its own at
// 320 and 1280 pixels, follows its content when the reader switches views, and embed.js
// ignores resize messages from any other frame or origin.
//
// Three origins: the widget's (dist/), the council's host page, and a stranger's page that
// forges messages.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { launchBrowser, serveDist, openPage, siteWith, waitForView } from './harness.mjs';
import { startServer } from './static-server.mjs';

const AREA = 'E08000009';
const METRIC = 'household-waste-recycling-rate';

let browser, widget, host, stranger, hostRoot, strangerRoot;
before(async () => {
  widget = await serveDist();
  // The stranger's page posts forged resize messages to its parent, as its query says.
  strangerRoot = await siteWith({
    'post.html': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>post</title><link rel="icon" href="data:,"><script src="post.js"></script></head><body></body></html>',
    'post.js': `
      const q = new URLSearchParams(location.search);
      const message = { type: 'yardstick:resize', version: 1, id: q.get('id'), height: Number(q.get('height')) };
      let n = 0;
      const timer = setInterval(() => { parent.postMessage(message, '*'); if (++n > 10) clearInterval(timer); }, 50);
    `,
  });
  stranger = await startServer({ root: strangerRoot });
  hostRoot = await siteWith({});
  host = await startServer({ root: hostRoot });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  for (const server of [widget, host, stranger]) await server?.close();
  for (const root of [hostRoot, strangerRoot]) if (root) await rm(root, { recursive: true, force: true });
});

/** A council page on the host origin; `body` is inserted in its main column. */
async function hostPage(name, body) {
  const { writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  await writeFile(
    join(hostRoot, name),
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Council page</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="host.css"></head>
<body><main>${body}</main>
<script src="${widget.url}/embed.js" async></script></body></html>`,
  );
  await writeFile(join(hostRoot, 'host.css'), 'body { margin: 0; padding: 0 8px; } iframe { display: block; width: 100%; border: 0; }');
  return `${host.url}/${name}`;
}

function frameSrc(query) {
  return `${widget.url}/embed.html?area=${AREA}&metric=${METRIC}&${query}`;
}

/** The frame's height on the host page and the height of its content, once they agree. */
async function settledHeights(page, selector) {
  const frame = page.frameLocator(selector);
  await waitForView(frame);
  let last;
  for (let i = 0; i < 100; i++) {
    const outer = await page.locator(selector).evaluate((f) => f.getBoundingClientRect().height);
    const inner = await frame.locator('html').evaluate(() => ({
      content: document.documentElement.getBoundingClientRect().height,
      scrollHeight: document.documentElement.scrollHeight,
      clientHeight: document.documentElement.clientHeight,
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    last = { outer, ...inner };
    if (Math.abs(outer - Math.ceil(inner.content)) <= 1 && outer !== 800) return last;
    await page.waitForTimeout(100);
  }
  assert.fail(`the frame never fitted its content: ${JSON.stringify(last)}`);
}

for (const width of [320, 1280]) {
  test(`at ${width} px the frame fits its content, with no scrollbar of its own`, async () => {
    const url = await hostPage(
      `fit-${width}.html`,
      `<iframe src="${frameSrc('controls=none&parts=all&id=fit')}" data-yardstick-frame="fit" title="Recycling compared" width="100%" height="800"></iframe>`,
    );
    const { page, problems } = await openPage(browser.context, url, { viewport: { width, height: 700 } });
    const heights = await settledHeights(page, 'iframe');
    // With every part (issue 13 made controls=none compact), it is taller than the fallback.
    assert.ok(heights.outer > 800, `the metric view is taller than the fallback height: ${heights.outer}`);
    assert.ok(heights.scrollHeight <= heights.clientHeight, `no vertical scrollbar: ${JSON.stringify(heights)}`);
    assert.ok(heights.scrollWidth <= heights.clientWidth, `no horizontal scrollbar: ${JSON.stringify(heights)}`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('the frame follows its content when the reader switches views', async () => {
  const url = await hostPage(
    'follow.html',
    `<iframe src="${frameSrc('controls=full&id=follow')}" data-yardstick-frame="follow" title="Recycling compared" width="100%" height="800"></iframe>`,
  );
  const { page, problems } = await openPage(browser.context, url, { viewport: { width: 1280, height: 800 } });
  const metric = await settledHeights(page, 'iframe');
  const frame = page.frameLocator('iframe');
  await frame.getByRole('link', { name: 'About the data' }).click();
  await frame.locator('.ys-about').waitFor();
  let about;
  for (let i = 0; i < 50; i++) {
    about = await settledHeights(page, 'iframe');
    if (Math.abs(about.outer - metric.outer) > 50) break;
    await page.waitForTimeout(100);
  }
  assert.ok(
    Math.abs(about.outer - metric.outer) > 50,
    `the frame changed height with its content: ${metric.outer} then ${about.outer}`,
  );
  assert.ok(about.scrollHeight <= about.clientHeight, 'still no scrollbar after the switch');
  // The frame keeps its history to itself: the host page's address is unchanged.
  assert.equal(page.url(), url);
  assert.deepEqual(problems, []);
  await page.close();
});

test('resize messages from another frame or origin are ignored', async () => {
  const forged = (id, height) => `${stranger.url}/post.html?id=${id}&height=${height}`;
  const url = await hostPage(
    'forged.html',
    // "real": a Yardstick frame. "stranger": someone else's frame forging real's id.
    // "moved": marked as a Yardstick frame, but its page is navigated to another origin, so
    // its messages come from the right window with the wrong origin.
    // "control": a frame whose src origin matches its messages: embed.js must obey it, which
    // shows that the forged messages were delivered and refused, not lost.
    `<iframe id="real" src="${frameSrc('controls=none&id=real')}" data-yardstick-frame="real" title="Recycling compared" height="800"></iframe>
     <iframe id="stranger" src="${forged('real', 77)}" title="Someone else" height="300"></iframe>
     <iframe id="moved" src="${frameSrc('controls=none&id=moved')}" data-yardstick-frame="moved" title="Moved" height="300"></iframe>
     <iframe id="control" src="${forged('control', 123)}" data-yardstick-frame="control" title="Control" height="300"></iframe>`,
  );
  const { page, problems } = await openPage(browser.context, url, { viewport: { width: 1280, height: 800 } });
  const real = await settledHeights(page, '#real');
  // Navigate "moved" away to the stranger's origin; it then posts as "moved" with 55 px.
  await page.locator('#moved').evaluate((frame, to) => { frame.contentWindow.location.href = to; }, forged('moved', 55));
  const movedBefore = await page.locator('#moved').evaluate((f) => f.getBoundingClientRect().height);
  // The host page's own window forging a message.
  await page.evaluate(() => window.postMessage({ type: 'yardstick:resize', version: 1, id: 'real', height: 66 }, '*'));
  await page.locator('#control').evaluate(
    (frame) => new Promise((ok) => {
      const check = () => (frame.getBoundingClientRect().height === 123 ? ok() : setTimeout(check, 50));
      check();
    }),
  );
  await page.waitForTimeout(800);
  const heights = await page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('iframe')].map((f) => [f.id, f.getBoundingClientRect().height])),
  );
  assert.equal(heights.control, 123, 'a matching frame and origin is obeyed');
  assert.equal(heights.real, real.outer, 'messages forged by another frame are ignored');
  assert.notEqual(heights.real, 77);
  assert.notEqual(heights.real, 66);
  assert.notEqual(heights.moved, 55, 'a message from the right frame but the wrong origin is ignored');
  assert.ok(heights.moved === movedBefore || heights.moved > 55, `moved: ${heights.moved}`);
  assert.deepEqual(problems, []);
  await page.close();
});
