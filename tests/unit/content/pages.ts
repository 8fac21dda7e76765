/**
 * Reads the site's MDX pages for the content tests. Plain text processing, no MDX compiler: the
 * build already proves the pages compile; these tests prove what the build cannot see (a page in
 * one language only, a citation or glossary link that points nowhere, ASCII punctuation in Chinese).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The two site languages, as they appear in content paths and links. */
export const LANGS = ['zh', 'en'] as const;

/** A site language. */
export type Lang = (typeof LANGS)[number];

/** content/docs, found from this file so the tests run from any working directory. */
export const DOCS = join(import.meta.dirname, '..', '..', '..', 'content', 'docs');

/** The six chapters, in reading order. */
export const CHAPTERS = [
  '01-why-it-talks',
  '02-lossy-compression',
  '03-not-packed-inside',
  '04-orders-of-magnitude',
  '05-library-and-exam',
  '06-conclusions',
] as const;

/** Pages whose whole text belongs to the explanation (the chapters' issue), not to a widget's issue. */
export const PROSE_PAGES = [...CHAPTERS, 'index', 'glossary', 'references'] as const;

/** Page slugs (file names without .mdx) of one language. */
export function slugs(lang: Lang): string[] {
  return readdirSync(join(DOCS, lang))
    .filter((f) => f.endsWith('.mdx') || f.endsWith('.md'))
    .map((f) => f.replace(/\.mdx?$/, ''))
    .sort();
}

/** The raw source of one page. */
export function source(lang: Lang, slug: string): string {
  return readFileSync(join(DOCS, lang, `${slug}.mdx`), 'utf8');
}

/** A root-relative link written in a page: `/zh/glossary/#token` → lang zh, page glossary, hash token. */
export interface SiteLink {
  href: string;
  lang: string;
  page: string;
  hash: string | undefined;
}

/** Every root-relative Markdown link `](/…)` in a page, skipping fenced code. */
export function siteLinks(text: string): SiteLink[] {
  const out: SiteLink[] = [];
  for (const m of withoutCode(text).matchAll(/\]\((\/[^)\s]*)\)/g)) {
    const href = m[1];
    const parsed = /^\/([a-z]{2})\/(?:([a-z0-9-]+)\/)?(?:#([A-Za-z0-9_-]+))?$/.exec(href);
    out.push({ href, lang: parsed?.[1] ?? '', page: parsed ? (parsed[2] ?? 'index') : '', hash: parsed?.[3] });
  }
  return out;
}

/** Values of `id="…"` attributes: the explicit anchors of the glossary and the references. */
export function anchorIds(text: string): string[] {
  return [...text.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
}

/**
 * The widgets of a page, in order: unmounted `{/* widget: Name *\/}` markers and mounted widget
 * components (a `<Name … />` block on its own line; figures excluded).
 */
export function widgetMarkers(text: string): string[] {
  return [...text.matchAll(/\{\/\*\s*widget:\s*([A-Za-z0-9]+)\s*\*\/\}|^<([A-Z][A-Za-z0-9]+)[\s/>]/gm)]
    .map((m) => m[1] ?? m[2]!)
    .filter((name) => name !== 'Figure');
}

/** `<Figure …>` elements with their attributes. */
export function figures(text: string): Record<string, string>[] {
  return [...text.matchAll(/<Figure\s([^>]*)>/g)].map((m) =>
    Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
  );
}

/**
 * The shape of a page, one entry per non-blank line: heading, aside, list item, table row, fence,
 * math, component tag or paragraph. Two translations that say the same things in the same order
 * have the same shape.
 */
export function blockKinds(text: string): string[] {
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  const kinds: string[] = [];
  let inFence = false;
  for (const line of body.split('\n')) {
    if (line.startsWith('```')) {
      inFence = !inFence;
      kinds.push('fence');
    } else if (inFence || !line.trim()) {
      continue;
    } else if (line.startsWith('## ')) kinds.push('h2');
    else if (line.startsWith('<h3')) kinds.push('h3');
    else if (line.startsWith(':::')) kinds.push(line.length > 3 ? 'aside' : 'aside-end');
    else if (line.startsWith('|')) kinds.push('row');
    else if (/^(- |\d+\. )/.test(line)) kinds.push('item');
    else if (line.startsWith('$$')) kinds.push('math');
    else if (line.startsWith('import ')) kinds.push('import');
    else if (line.startsWith('<')) kinds.push('tag');
    else kinds.push('text');
  }
  return kinds;
}

/** The body rows of a page's Markdown table (pages have at most one), as trimmed cells: header and rule excluded. */
export function tableRows(text: string): string[][] {
  const rows = [...withoutCode(text).matchAll(/^\|(.*)\|\s*$/gm)].map((m) => m[1].split('|').map((c) => c.trim()));
  return rows.filter((r, i) => i > 0 && !r.every((c) => /^-+$/.test(c)));
}

function withoutCode(text: string): string {
  return text.replace(/^```[\s\S]*?^```/gm, '');
}

/**
 * The prose a reader sees, as far as punctuation and spacing go: frontmatter values, text, link
 * texts, heading and figure texts; without code, math, MDX comments, imports, tags and URLs.
 * Code spans and math become a space, so they never count as neighbours of a Chinese character.
 */
export function proseOf(text: string): string {
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const frontValues = fm
    ? [...fm[1].matchAll(/^\s*-?\s*(?:title|description|tagline|text):\s*"?(.*?)"?\s*$/gm)].map((m) => m[1])
    : [];
  let body = fm ? text.slice(fm[0].length) : text;
  body = withoutCode(body)
    .replace(/\$\$[\s\S]*?\$\$/g, ' ')
    .replace(/\$[^$\n]+\$/g, ' ')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ')
    .replace(/^import .*$/gm, '')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[[\]]/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\*+/g, '')
    .replace(/^:::\w*/gm, '');
  return [...frontValues, body].join('\n');
}
