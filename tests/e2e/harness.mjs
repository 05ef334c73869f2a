// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core, the
// release build in dist/ served from 127.0.0.1, and axe-core injected into pages under test.

import { chromium } from 'playwright-core';
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { startServer } from './static-server.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');

const CHROMIUM = process.env.YARDSTICK_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Launches a headless Chromium with a fresh profile and no background network traffic.
 * `contextOptions` are playwright's (for example `{ javaScriptEnabled: false }`).
 */
export async function launchBrowser(contextOptions = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'yardstick-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...contextOptions,
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Serves dist/ (or another folder) on a free port of 127.0.0.1. */
export function serveDist(options = {}) {
  return startServer({ root: DIST, ...options });
}

/**
 * Opens a page and records everything that would betray a broken widget: console errors,
 * uncaught exceptions and failed requests.
 */
export async function openPage(context, url, { viewport } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  await page.goto(url);
  return { page, problems };
}

const require = createRequire(import.meta.url);
let axeSource;

/**
 * Runs axe-core (WCAG 2.0–2.2 A and AA rules, best practice) in `target`, a page or frame, and
 * returns its violations. `iframes: false` checks that document alone (a host page's iframes
 * are then checked on their own, with axe injected into each); shadow roots are always included.
 */
export async function axeViolations(target, { include, iframes = true } = {}) {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await target.evaluate(axeSource);
  return target.evaluate(async ({ include, iframes }) => {
    const result = await window.axe.run(include ?? document, {
      iframes,
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  }, { include, iframes });
}

// ---- Embedding (issue 6): several origins, CSP, frames, fixture bundles ----

/** The Content Security Policy the widget must work under (issue 6), exactly. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'";

/** Writes `files` ({relative path: text}) into a fresh temporary folder and returns its path. */
export async function siteWith(files) {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const root = await mkdtemp(join(tmpdir(), 'yardstick-site-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

/**
 * Records every `securitypolicyviolation` event in every frame of the context's pages, from
 * before any page script runs; read them with `cspViolations(page)`.
 */
export async function recordCspViolations(context) {
  await context.addInitScript(() => {
    window.__yardstickCsp = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__yardstickCsp.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
  });
}

/** The violations recorded in every frame of `page`. */
export async function cspViolations(page) {
  const all = [];
  for (const frame of page.frames()) {
    const found = await frame.evaluate(() => window.__yardstickCsp ?? []).catch(() => []);
    all.push(...found.map((v) => `${frame.url()}: ${v}`));
  }
  return all;
}

/** Waits until a widget inside `root` (a page, frame or locator) shows a view, not a spinner,
 * and the first program's screen (issue 14) has been handed over to it. */
export async function waitForView(root, { timeout = 30_000 } = {}) {
  await root.locator('.ys-view, .ys-about').first().waitFor({ timeout });
  await root.locator('[data-yardstick-first]').first().waitFor({ state: 'detached', timeout });
  await root.locator('.ys-loading').first().waitFor({ state: 'detached', timeout }).catch(() => {});
}

/** axe-core in one frame or page only: `axeViolations` with `iframes: false`. */
export function axeViolationsIn(target, { include } = {}) {
  return axeViolations(target, { include, iframes: false });
}

/** Runs the `yardstick` command line (built by cargo if need be) and returns its output. */
export async function yardstickCli(args) {
  const { execFile } = await import('node:child_process');
  return new Promise((ok, fail) => {
    execFile(
      'cargo',
      ['run', '--quiet', '--package', 'yardstick-cli', '--', ...args],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024, timeout: 600_000 },
      (error, stdout, stderr) => (error ? fail(new Error(`${error.message}\n${stdout}${stderr}`)) : ok(stdout)),
    );
  });
}

/** Opens the folded pickers ("Change") of a widget whose council is chosen, if there are
 * folded pickers and they are shut. */
export async function openChooser(root) {
  // On a phone, once a council is chosen, the pickers fold behind one line and a "Change"
  // button; elsewhere the button is hidden and the pickers show.
  const toggle = root.locator('.ys-choose__toggle').first();
  if ((await toggle.count()) > 0 && (await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'false') {
    await toggle.click();
  }
}

/** Chooses measure `id` as a reader does: types `words` into the measure search and picks
 * the measure from the matches. */
export async function chooseMeasure(root, id, words) {
  const box = root.getByRole('combobox', { name: 'Measure' });
  await box.fill('');
  await box.pressSequentially(words);
  await root.locator(`[role="option"][id$="metric-matches-${id}"]`).click();
}

/** Opens every folded table and statistics block (`details.ys-fold`) under `root`. */
export async function openFolds(root) {
  const folds = root.locator('details.ys-fold:not([open]) > summary');
  for (let n = await folds.count(); n > 0; n -= 1) {
    await folds.first().click();
  }
}
