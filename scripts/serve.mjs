// A plain static file server for dist/, mounted under BASE_PATH, like any static host would serve
// it: no rewrites beyond index.html for directories and 404.html for misses.
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

const root = fileURLToPath(new URL('../dist/', import.meta.url));
const base = `/${(process.env.BASE_PATH ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
const port = Number(process.env.PORT ?? 4329);
const host = process.env.HOST ?? '127.0.0.1';

// dev: look files up per request, so a rebuild while the server runs is served as it is now.
const files = sirv(root, { dev: true, etag: true, extensions: ['html'] });
const notFound = existsSync(`${root}404.html`) ? readFileSync(`${root}404.html`) : 'Not found';

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
  files(req, res, miss);
}).listen(port, host, () => {
  console.log(`serving ${root} at http://${host}:${port}${base}`);
});
