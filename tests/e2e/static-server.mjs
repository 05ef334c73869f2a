// A minimal static file server, standing in for the static hosts councils use.
//
// It serves files and nothing else: no rewriting, no fallback to index.html, no compression, so a
// page that works here depends on nothing a plain static host lacks. Used by `cargo xtask serve`
// and by the end-to-end tests, which can add response headers (a strict CSP, CORS) per server.
//
//   node tests/e2e/static-server.mjs --root dist --port 8080

import { createServer } from 'node:http';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

/**
 * Starts a server on 127.0.0.1.
 * @param {object} options
 * @param {string} options.root folder to serve
 * @param {number} [options.port] 0 picks a free port
 * @param {Record<string,string>} [options.headers] added to every response
 * @param {(req: import('node:http').IncomingMessage) => void} [options.onRequest] sees every request
 * @param {boolean} [options.brotli] answer `Accept-Encoding: br` with brotli, as production hosts do
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export async function startServer({ root, port = 0, headers = {}, onRequest, brotli = false }) {
  const base = resolve(root);
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    onRequest?.(req);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const common = { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', Vary: 'Accept-Encoding', ...headers };
      if (brotli && /\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
        let body = compressed.get(file);
        if (!body) {
          body = brotliCompressSync(await readFile(file), {
            params: { [zlib.BROTLI_PARAM_QUALITY]: 11 },
          });
          compressed.set(file, body);
        }
        res.writeHead(200, { ...common, 'Content-Encoding': 'br', 'Content-Length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
      res.writeHead(200, { ...common, 'Content-Length': info.size });
      if (req.method === 'HEAD') {
        res.end();
      } else {
        createReadStream(file).pipe(res);
      }
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end('not found');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  const actual = server.address().port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
  };
  const root = option('--root', 'dist');
  const port = Number(option('--port', '8080'));
  const { url } = await startServer({ root, port });
  console.log(`serving ${root} on ${url}/`);
}
