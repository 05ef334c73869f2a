// A stopped wasm in WebKit: what tests/e2e/stopped.test.mjs checks in Chromium. WebKit names
// no file in a wasm frame of an error's stack, so widget.js must recognise the widget's trap by
// the glue's frames (yardstick-widget.js) that every call into the wasm passes through.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWebKit, serveDist, waitForView } from './harness.mjs';

const STOPPED = 'Sorry, the comparison stopped working. Reload the page to try again.';
let webkit, server;
before(async () => {
  server = await serveDist();
  webkit = await launchWebKit({ width: 1280, height: 900 });
});
after(async () => {
  await webkit?.close();
  await server?.close();
});

test('a trap in the widget leaves a sentence in WebKit too', async () => {
  const { session } = webkit;
  await session.navigate(`${server.url}/?area=E08000009&metric=household-waste-recycling-rate`);
  await waitForView(session);
  // A wasm-bindgen object with an address far outside the wasm's memory is freed: a real trap
  // in the widget's wasm, through its glue, from a timer, as a trap in an event handler would
  // surface.
  await session.executeAsync(
    `const done = arguments[arguments.length - 1];
     import('./yardstick-widget.js')
       .then((module) => module.default().then(() => module))
       .then((module) => {
         const sink = Object.create(module.IntoUnderlyingSink.prototype);
         sink.__wbg_ptr = 0xfffffff0;
         setTimeout(() => sink.free());
         setTimeout(done, 300);
       }, (error) => done(String(error)));`,
  );
  const shown = await session.waitFor(
    'the stopped message',
    `const text = document.querySelector('[data-yardstick]').innerText.trim();
     return text === arguments[0] ? text : null;`,
    { args: [STOPPED], timeout: 5_000 },
  );
  assert.equal(shown, STOPPED);
  const heard = await session.execute('return window.__yardstickProblems');
  assert.ok(
    heard.some((p) => /out of bounds|RuntimeError/i.test(p)),
    `the trap was a real wasm trap: ${heard.join('; ')}`,
  );
});
