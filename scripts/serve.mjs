// A plain static file server for dist/, mounted under BASE_PATH, like any static host would serve
// it: no rewrites beyond index.html for directories and 404.html for misses.
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import sirv from 'sirv';

const root = fileURLToPath(new URL('../dist/', import.meta.url));
const base = `/${(process.env.BASE_PATH ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
const port = Number(process.env.PORT ?? 4329);
const host = process.env.HOST ?? '127.0.0.1';

// dev: look files up per request, so a rebuild while the server runs is served as it is now.
const files = sirv(root, { dev: true, etag: true, extensions: ['html'] });
const notFound = existsSync(`${root}404.html`) ? readFileSync(`${root}404.html`) : 'Not found';

// COMPRESS=1: gzip text files as a production host does (GitHub Pages, Netlify, nginx with
// gzip on), so `npm run perf` measures the bytes a reader really downloads. Off for the tests.
const compress = process.env.COMPRESS === '1';
const TEXT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
};
/** @type {Map<string, { mtimeMs: number, body: Buffer }>} */
const gzipped = new Map();

/** Serves `path` (relative to dist/) gzipped if it is a text file and the client accepts gzip. */
function serveGzipped(/** @type {import('node:http').IncomingMessage} */ req, /** @type {import('node:http').ServerResponse} */ res, /** @type {string} */ path) {
  if (!/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return false;
  const clean = normalize(decodeURIComponent(path.split('?')[0] ?? '/'));
  if (clean.includes('..')) return false;
  for (const candidate of [clean, join(clean, 'index.html'), `${clean}.html`]) {
    const file = join(root, candidate);
    const type = /** @type {Record<string, string>} */ (TEXT_TYPES)[extname(file)];
    if (!type || !existsSync(file) || !statSync(file).isFile()) continue;
    const { mtimeMs } = statSync(file);
    let entry = gzipped.get(file);
    if (!entry || entry.mtimeMs !== mtimeMs) {
      entry = { mtimeMs, body: gzipSync(readFileSync(file), { level: 9 }) };
      gzipped.set(file, entry);
    }
    res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', 'content-length': entry.body.length, vary: 'accept-encoding' });
    res.end(req.method === 'HEAD' ? undefined : entry.body);
    return true;
  }
  return false;
}

createServer((req, res) => {
  const url = req.url ?? '/';
  const miss = () => {
    res.statusCode = 404;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(notFound);
  };
  if (!url.startsWith(base)) {
    if (url === base.slice(0, -1)) {
      res.writeHead(301, { location: base }).end();
      return;
    }
    miss();
    return;
  }
  req.url = `/${url.slice(base.length)}`;
  if (compress && serveGzipped(req, res, req.url)) return;
  files(req, res, miss);
}).listen(port, host, () => {
  console.log(`serving ${root} at http://${host}:${port}${base}`);
});
