/**
 * The import rules of docs/structure.md, checked on every file in src/. A rename or a shortcut
 * that crosses a layer fails here with the file, the import and the rule it breaks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

/** One import of one file: `spec` as written, `target` resolved to a repo path when relative. */
interface ImportEdge {
  from: string;
  spec: string;
  target: string | null;
}

const IMPORT_PATTERNS = [
  /\b(?:import|export)\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bnew\s+URL\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g,
  /@import\s+(?:url\()?['"]([^'"]+)['"]/g,
];

/** Removes comments so that a path in prose is not read as an import (strings are kept). */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\w])\/\/[^\n]*/g, '$1');
}

/** The imports of one file's text; `file` is its repo-relative path. */
export function importsOf(file: string, source: string): ImportEdge[] {
  const text = stripComments(source);
  const edges: ImportEdge[] = [];
  for (const pattern of IMPORT_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const spec = m[1]!;
      const target = spec.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)) : null;
      edges.push({ from: file, spec, target });
    }
  }
  return edges;
}

/** The layer a repo path belongs to, as docs/structure.md names them. */
function layerOf(p: string): string {
  if (p === 'src/i18n/lang.ts') return 'lang';
  if (p.startsWith('src/lib/')) return 'lib';
  if (p.startsWith('src/engine/')) return 'engine';
  if (p.startsWith('src/workers/')) return 'workers';
  if (p.startsWith('src/ui/')) return 'ui';
  if (p.startsWith('src/islands/')) return 'islands';
  if (p.startsWith('src/components/')) return 'components';
  if (p.startsWith('src/tools/bench/')) return 'bench';
  if (p.startsWith('src/tools/')) return 'tools';
  if (p === 'src/cli.ts' || p.startsWith('src/cli/')) return 'cli';
  return 'site';
}

/** What each layer may import (besides itself). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  lang: [],
  lib: ['lang'],
  ui: ['lib', 'lang'],
  engine: ['workers', 'lib', 'lang'],
  workers: ['engine', 'lib', 'lang'],
  islands: ['ui', 'engine', 'workers', 'lib', 'lang'],
  components: ['islands', 'ui', 'lib', 'lang'],
  site: ['components', 'islands', 'ui', 'lib', 'lang', 'site'],
  tools: ['bench', 'cli', 'workers', 'engine', 'lib', 'lang'],
  cli: ['tools', 'bench', 'workers', 'engine', 'lib', 'lang'],
  // The benchmark mounts an island in a page to time what a reader sees (the X-ray's keystroke →
  // redraw): the one leaf allowed to reach into islands, and nothing imports it back.
  bench: ['tools', 'cli', 'workers', 'engine', 'lib', 'lang', 'islands', 'ui'],
};

/** Packages the pure core must not use: UI frameworks, the site framework, WebLLM. */
const NOT_IN_LIB = /^(preact|@preact\/|astro|@astrojs\/|@mlc-ai\/web-llm|node:)/;

/** Browser globals the pure core must not touch (it runs in Node, workers and tests too). */
const DOM_GLOBALS = /(?<![\w.$'"])(window|document|navigator|localStorage|sessionStorage|location|customElements|HTMLElement)\b(?!\s*[:?]?:)/;

/** Every rule one file breaks, as sentences. */
export function violations(file: string, source: string): string[] {
  const out: string[] = [];
  const layer = layerOf(file);
  for (const edge of importsOf(file, source)) {
    if (edge.target === null) {
      if (layer === 'lib' && NOT_IN_LIB.test(edge.spec)) out.push(`${file}: src/lib imports '${edge.spec}' (the core stays pure)`);
      continue;
    }
    if (!edge.target.startsWith('src/')) continue;
    const to = layerOf(edge.target);
    if (layer === 'islands' && to === 'islands') {
      const feature = (p: string) => p.split('/')[2];
      if (feature(file) !== feature(edge.target)) {
        out.push(`${file}: imports another feature's folder (${edge.target}); move what both need into src/ui, src/engine or src/lib`);
      }
      continue;
    }
    if (to === layer) continue;
    if (!MAY_IMPORT[layer]!.includes(to)) out.push(`${file}: a ${layer} file imports ${edge.target} (${to})`);
  }
  if (layer === 'lib') {
    const code = stripComments(source).replace(/(['"`])(?:\\.|(?!\1)[^\\\n])*\1/g, '""');
    const global = DOM_GLOBALS.exec(code)?.[1];
    // A local binding of the same name (`const window = tokens.slice(…)`) is not the global.
    const shadowed = global !== undefined && new RegExp(`\\b(const|let|var)\\s+${global}\\b`).test(code);
    if (global !== undefined && !shadowed) out.push(`${file}: src/lib touches the browser global ${global}; take it as a parameter`);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|mts|mjs|astro|css)$/.test(e.name) ? [p] : [];
  });
}

describe('import boundaries', () => {
  const files = sourceFiles('src');

  test('every file in src keeps to its layer', () => {
    expect(files.length).toBeGreaterThan(100);
    const broken = files.flatMap((f) => violations(f, readFileSync(f, 'utf8')));
    expect(broken).toEqual([]);
  });

  test('the checker sees every kind of import the code uses', () => {
    const edges = importsOf(
      'src/islands/a/A.tsx',
      `import { x } from '../b/x.ts';\nimport type { Y } from "../../lib/y.ts";\nimport './a.css';\n` +
        `export { z } from '../../ui/z.ts';\nconst m = import('../../workers/w.ts');\n` +
        `new Worker(new URL('./w.worker.ts', import.meta.url));\n// import { no } from '../c/no.ts';\n`,
    );
    expect(edges.map((e) => e.target)).toEqual(
      expect.arrayContaining(['src/islands/b/x.ts', 'src/lib/y.ts', 'src/islands/a/a.css', 'src/ui/z.ts', 'src/workers/w.ts', 'src/islands/a/w.worker.ts']),
    );
    expect(edges.some((e) => e.target === 'src/islands/c/no.ts')).toBe(false);
  });

  test('fails an island that imports another feature', () => {
    expect(violations('src/islands/surprisal/S.tsx', `import { e } from '../playground/default-engine.ts';`)).toHaveLength(1);
    expect(violations('src/islands/surprisal/S.tsx', `import './surprisal.css';\nimport { e } from '../../engine/page.ts';`)).toEqual([]);
  });

  test('fails src/lib importing outside src/lib, a UI package, or a browser global', () => {
    expect(violations('src/lib/x/a.ts', `import { e } from '../../engine/page.ts';`)).toHaveLength(1);
    expect(violations('src/lib/x/a.ts', `import { h } from 'preact';`)).toHaveLength(1);
    expect(violations('src/lib/x/a.ts', `import { readFileSync } from 'node:fs';`)).toHaveLength(1);
    expect(violations('src/lib/x/a.ts', `export const w = () => window.innerWidth;`)).toHaveLength(1);
    expect(violations('src/lib/x/a.ts', `export const n = () => navigator.gpu;`)).toHaveLength(1);
    expect(violations('src/lib/x/a.ts', `export const n = () => (navigator as { gpu?: unknown }).gpu;`)).toHaveLength(1);
    expect(violations('src/lib/x/a.ts', `export function f(location: string, o: { document: 1 }) { return o; }`)).toEqual([]);
    expect(violations('src/lib/x/a.ts', `import type { Lang } from '../../i18n/lang.ts';\nconst window = [1];\nwindow.slice(0);`)).toEqual([]);
  });

  test('fails site code that imports src/tools or src/cli', () => {
    expect(violations('src/components/A.astro', `---\nimport x from '../tools/eval.ts';\n---`)).toHaveLength(1);
    expect(violations('src/islands/a/A.tsx', `import { run } from '../../cli/next.ts';`)).toHaveLength(1);
    expect(violations('src/engine/page.ts', `import { run } from '../cli.ts';`)).toHaveLength(1);
  });

  test('fails the shared kit or the engine reaching up into an island', () => {
    expect(violations('src/ui/X.tsx', `import { s } from '../islands/playground/playground.strings.ts';`)).toHaveLength(1);
    expect(violations('src/engine/page.ts', `import { s } from '../islands/playground/playground.model.ts';`)).toHaveLength(1);
  });
});
