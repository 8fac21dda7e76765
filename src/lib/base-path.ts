/**
 * The site's base path ("/" or "/sub/"), handled once. `import.meta.env.BASE_URL` may come with or
 * without its trailing slash depending on how the site was built; every URL the site makes goes
 * through these two functions so that sub-folder hosting (BASE_PATH=/sub/) keeps working.
 */

/** The base with exactly one trailing slash, so `${baseDir(b)}models/…` is a valid path. */
export function baseDir(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

/** Joins a base path ("/" or "/sub/") with a root-relative link ("/zh/x/"); other links pass. */
export function withBase(base: string, href: string): string {
  if (!href.startsWith('/') || href.startsWith('//')) return href;
  const trimmed = base.endsWith('/') ? base.slice(0, -1) : base;
  if (trimmed && (href === trimmed || href.startsWith(`${trimmed}/`))) return href;
  return `${trimmed}${href}`;
}
