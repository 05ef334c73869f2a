// Shared set-up for the WebKit subset: WebKitWebDriver (./webdriver.mjs), the release build
// served by the end-to-end tests' static server, and a recorder for what would betray a broken
// widget (uncaught errors, console errors, resources that failed to load).
//
// Chromium's tests hear the console through playwright; WebDriver classic has no console, so
// every page served here loads `problems.js` first, which records into
// `window.__yardstickProblems`. The built pages are not edited: the served folder links to
// every file of dist/ and holds rewritten copies of its two pages.

import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { startServer } from '../e2e/static-server.mjs';
import { Session, startDriver } from './webdriver.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The release build under test; `YARDSTICK_DIST` points elsewhere (another checkout's). */
export const DIST = resolve(process.env.YARDSTICK_DIST ?? join(ROOT, 'dist'));

export const PROBLEMS_SCRIPT = `(() => {
  const problems = (window.__yardstickProblems = []);
  addEventListener('error', (event) => {
    const target = event.target;
    if (target && target !== window && (target.src || target.href)) {
      problems.push('request failed: ' + (target.src || target.href));
    } else {
      problems.push('page error: ' + event.message);
    }
  }, true);
  addEventListener('unhandledrejection', (event) => problems.push('unhandled rejection: ' + event.reason));
  const error = console.error;
  console.error = function (...args) {
    problems.push('console: ' + args.map(String).join(' '));
    return error.apply(this, args);
  };
})();
`;

/** The tag that loads the recorder, first thing in a page's head. */
export const PROBLEMS_TAG = '<script src="problems.js"></script>';

/** Puts the recorder first in a page's head. */
function withRecorder(html) {
  return html.replace(/<head>/i, `<head>\n${PROBLEMS_TAG}`);
}

/**
 * Serves dist/ with the recorder added to index.html and embed.html, on a free port of
 * 127.0.0.1. `options` are static-server's (headers, ...).
 */
export async function serveDist(options = {}) {
  const root = await mkdtemp(join(tmpdir(), 'yardstick-webkit-dist-'));
  for (const name of await readdir(DIST)) {
    if (name === 'index.html' || name === 'embed.html') {
      await writeFile(join(root, name), withRecorder(await readFile(join(DIST, name), 'utf8')));
    } else {
      await symlink(join(DIST, name), join(root, name));
    }
  }
  await writeFile(join(root, 'problems.js'), PROBLEMS_SCRIPT);
  const server = await startServer({ root, ...options });
  return {
    ...server,
    async close() {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Writes `files` ({name: text}) and the recorder into a fresh temporary folder. */
export async function siteWith(files) {
  const root = await mkdtemp(join(tmpdir(), 'yardstick-webkit-site-'));
  await writeFile(join(root, 'problems.js'), PROBLEMS_SCRIPT);
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, name), text);
  return root;
}

/** A driver and one session for a test file; `close` ends both. */
export async function launchWebKit(size) {
  const driver = await startDriver();
  try {
    const session = await Session.open(driver.url, size);
    return {
      session,
      async close() {
        await session.close().catch(() => {});
        await driver.stop();
      },
    };
  } catch (error) {
    await driver.stop();
    throw error;
  }
}

/** What the recorder heard in the current frame. */
export function problems(session) {
  return session.execute('return window.__yardstickProblems ?? ["no recorder on this page"]');
}

/**
 * Waits until the widget in the current frame shows a view, not a spinner. `root` is a script
 * run to find the widget's root (a document or shadow root); the default is the document.
 */
export function waitForView(session, { root = 'return document', timeout = 30_000 } = {}) {
  return session.waitFor(
    'a view with nothing loading',
    `const root = (function () { ${root} })();
     return !!root && !!root.querySelector('.ys-view, .ys-about') && !root.querySelector('.ys-loading, [data-yardstick-first]');`,
    { timeout },
  );
}

/** Runs the `yardstick` command line and parses its JSON. */
export function cli(...args) {
  const out = execFileSync(
    'cargo',
    ['run', '--quiet', '--locked', '-p', 'yardstick-cli', '--', ...args, '--format', 'json'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(out);
}

/** The first number in a displayed figure ("36.1%", "£1,234.5", "−2.0"). */
export function number(text) {
  const match = text.replace(/,/g, '').replace(/\u2212/g, '-').match(/-?\d+(\.\d+)?/);
  if (!match) throw new Error(`no number in “${text}”`);
  return Number(match[0]);
}

/** Opens every folded table and statistics block (`details.ys-fold`), as a reader's click on
 * its heading does. */
export function openFolds(session) {
  return session.execute(
    `for (const summary of document.querySelectorAll('details.ys-fold:not([open]) > summary')) summary.click();
     return document.querySelectorAll('details.ys-fold:not([open])').length;`,
  );
}
