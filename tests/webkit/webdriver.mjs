// A small W3C WebDriver client for WebKitGTK's WebKitWebDriver (Debian's webkit2gtk-driver),
// written against the specification with plain `fetch`: the subset of the end-to-end tests that
// also runs in WebKit needs a dozen commands, not a dependency.
//
// WebKitGTK has no headless mode: the driver's browser (MiniBrowser) needs an X display.
// `cargo xtask test` runs these tests under `xvfb-run -a`; run by hand without a display, the
// driver is started under `xvfb-run -a` here instead.
//
// https://www.w3.org/TR/webdriver2/

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const DRIVER = process.env.YARDSTICK_WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';

/** The key under which the specification returns a reference to an element. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** A WebDriver error, with the specification's error code (`no such element`, ...). */
export class WebDriverError extends Error {
  constructor(command, value) {
    super(`${command}: ${value?.error ?? 'error'}: ${value?.message ?? JSON.stringify(value)}`);
    this.code = value?.error;
  }
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

async function freePort() {
  const server = createServer();
  await new Promise((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/**
 * Starts WebKitWebDriver on a free port of 127.0.0.1 and waits until it is ready.
 * Returns `{ url, stop }`.
 */
export async function startDriver() {
  const port = await freePort();
  const args = [`--port=${port}`, '--host=local'];
  const [program, programArgs] = process.env.DISPLAY
    ? [DRIVER, args]
    : ['xvfb-run', ['-a', DRIVER, ...args]];
  // Its own process group, so that stopping it also stops Xvfb when xvfb-run started one.
  const child = spawn(program, programArgs, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((ok) => child.once('exit', (code) => ok(code)));
  const spawnFailed = new Promise((ok) => child.once('error', (error) => ok(error)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const early = await Promise.race([exited, spawnFailed, sleep(100).then(() => undefined)]);
    if (early !== undefined) {
      throw new Error(`${program} did not start (${early}): ${stderr.trim()}`);
    }
    try {
      const status = await (await fetch(`${url}/status`)).json();
      if (status.value?.ready) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid, 'SIGTERM');
      throw new Error(`WebKitWebDriver was not ready within 20 s: ${stderr.trim()}`);
    }
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      await Promise.race([exited, sleep(5_000)]);
    },
  };
}

/** One browser session: a MiniBrowser window driven through WebKitWebDriver. */
export class Session {
  /** Opens a session on a driver started by `startDriver`. */
  static async open(driverUrl, { width = 1280, height = 900 } = {}) {
    const response = await fetch(`${driverUrl}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ capabilities: { alwaysMatch: { pageLoadStrategy: 'normal' } } }),
    });
    const body = await response.json();
    if (!response.ok) throw new WebDriverError('new session', body.value);
    const session = new Session(`${driverUrl}/session/${body.value.sessionId}`, body.value.capabilities);
    await session.setWindowSize(width, height);
    return session;
  }

  constructor(base, capabilities) {
    this.base = base;
    this.capabilities = capabilities;
  }

  async command(method, path, body) {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${method} ${path}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`);
    }
    if (!response.ok) throw new WebDriverError(`${method} ${path}`, parsed.value);
    return parsed.value;
  }

  /** Ends the session and closes its window. */
  close() {
    return this.command('DELETE', '');
  }

  /** Loads a page and waits for its load event. */
  navigate(url) {
    return this.command('POST', '/url', { url });
  }

  url() {
    return this.command('GET', '/url');
  }

  back() {
    return this.command('POST', '/back', {});
  }

  /**
   * The outer window size. MiniBrowser will not go narrower than about 450 px (its toolbar),
   * so narrow layouts are tested in a frame of the width wanted, not a narrow window.
   */
  setWindowSize(width, height) {
    return this.command('POST', '/window/rect', { width, height });
  }

  /** Runs `script` (a function body; arguments in `arguments`) in the current frame. */
  execute(script, ...args) {
    return this.command('POST', '/execute/sync', { script, args });
  }

  /** Runs a function body whose last argument is the callback that returns its result. */
  executeAsync(script, ...args) {
    return this.command('POST', '/execute/async', { script, args });
  }

  /** Switches into an iframe (an element reference) or, with `null`, back to the top. */
  switchToFrame(frame) {
    return this.command('POST', '/frame', { id: frame });
  }

  /** The first element matching a CSS selector, or a `no such element` error. */
  find(selector) {
    return this.command('POST', '/element', { using: 'css selector', value: selector });
  }

  findAll(selector) {
    return this.command('POST', '/elements', { using: 'css selector', value: selector });
  }

  /** Clicks an element as a reader would: scrolled into view, with real mouse events. */
  click(element) {
    return this.command('POST', `/element/${id(element)}/click`, {});
  }

  clear(element) {
    return this.command('POST', `/element/${id(element)}/clear`, {});
  }

  /** Types into an element, key by key. */
  sendKeys(element, text) {
    return this.command('POST', `/element/${id(element)}/value`, { text });
  }

  /** The element's rendered text, as a reader sees it. */
  text(element) {
    return this.command('GET', `/element/${id(element)}/text`);
  }

  attribute(element, name) {
    return this.command('GET', `/element/${id(element)}/attribute/${encodeURIComponent(name)}`);
  }

  rect(element) {
    return this.command('GET', `/element/${id(element)}/rect`);
  }

  /** A PNG of the viewport. */
  async screenshot() {
    return Buffer.from(await this.command('GET', '/screenshot'), 'base64');
  }

  /**
   * Polls `script` until it returns something truthy and returns that, or fails after
   * `timeout` ms with `what` and the last value in the message.
   */
  async waitFor(what, script, { timeout = 30_000, args = [] } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.execute(script, ...args);
        if (last) return last;
      } catch (error) {
        // A page between documents cannot run scripts; try again.
        last = error.message;
      }
      if (Date.now() > deadline) {
        // What the reader would see instead, and what went wrong, for whoever reads the failure.
        const seen = await this.execute(
          `return { url: location.href, text: (document.body?.innerText ?? '').slice(0, 400),
                    problems: window.__yardstickProblems ?? [] }`,
        ).catch((error) => error.message);
        throw new Error(
          `timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)}); ` +
            `the page showed: ${JSON.stringify(seen)}`,
        );
      }
      await sleep(100);
    }
  }

  /** Waits for an element matching `selector` and returns it. */
  waitForElement(selector, options) {
    return this.waitFor(selector, 'return document.querySelector(arguments[0])', {
      ...options,
      args: [selector],
    });
  }
}

function id(element) {
  const value = element?.[ELEMENT];
  if (!value) throw new Error(`not an element reference: ${JSON.stringify(element)}`);
  return value;
}
