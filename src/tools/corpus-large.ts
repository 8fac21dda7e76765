/**
 * `npm run corpus-large -- --sources <dir>`: builds the large corpus the data-rich models read,
 * public/corpus/large/corpus.txt.gz and manifest.json. Four sections, in this order in the file
 * (documents separated by blank lines; the manifest gives each section's character range):
 *
 * 1. `handwritten`: today's small corpus (public/corpus/corpus.txt, src/tools/corpus.ts), whole;
 * 2. `world`: the synthetic world's biographies (src/lib/world/world.ts), from a fixed seed;
 * 3. `kjv`: the King James Bible (1611, public domain), as Debian's bible-kjv prints it;
 * 4. `classics-zh`: classical Chinese poetry and prose in simplified characters from the
 *    chinese-poetry npm package (MIT; the texts themselves are centuries old, public domain).
 *
 * Where the sources come from (both served by the registries; nothing is downloaded by this script):
 *   apt-get install bible-kjv                       # the `bible` program and its text
 *   npm pack chinese-poetry@2.0.1 && mkdir -p <dir>/chinese-poetry && tar xzf chinese-poetry-2.0.1.tgz -C <dir>/chinese-poetry
 * Deterministic: the same sources give the same bytes (gzip level fixed, no timestamps).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { biographies, drawPeople, WORLD_SPEC } from '../lib/world/world.ts';

export const LARGE_DIR = 'public/corpus/large';
export const LARGE_CORPUS = `${LARGE_DIR}/corpus.txt.gz`;

/** One section of the large corpus, as the manifest records it. */
export interface LargeSection {
  id: 'handwritten' | 'world' | 'kjv' | 'classics-zh';
  title: { zh: string; en: string };
  language: 'zh' | 'en' | 'zh+en';
  source: string;
  licence: string;
  documents: number;
  /** Character range [start, end) of the section in the decompressed text (code units). */
  start: number;
  end: number;
  bytes: number;
}

/** The chinese-poetry files used, all in simplified characters (the package's traditional-character collections are left out: the tokenizer learned simplified Chinese). */
export const CLASSICS_FILES = [
  'lunyu/lunyu.json', 'shijing/shijing.json', 'youmengying/youmengying.json', 'caocaoshiji/caocao.json',
  'nalanxingde/纳兰性德诗集.json', 'yuanqu/yuanqu.json', 'chuci/chuci.json',
];

interface PoemLike { title?: string; rhythmic?: string; chapter?: string; author?: string; paragraphs?: string[]; content?: string | string[]; para?: string[] }

function poemText(p: PoemLike): string {
  const title = p.title ?? p.rhythmic ?? p.chapter ?? '';
  const lines = p.paragraphs ?? p.para ?? (Array.isArray(p.content) ? p.content : p.content ? [p.content] : []);
  const head = [title, p.author].filter(Boolean).join(' · ');
  return [head, ...lines].filter((l) => l.trim()).join('\n');
}

/** Classical Chinese documents (one per poem or chapter), in file order. */
export function classicsDocuments(packageDir: string): string[] {
  const files = [
    ...CLASSICS_FILES,
    ...readdirSync(`${packageDir}/dist/songci`).filter((f) => /^ci\.song\.\d+\.json$/.test(f))
      .sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2])).map((f) => `songci/${f}`),
    ...readdirSync(`${packageDir}/dist/wudaishici/huajianji`).sort().map((f) => `wudaishici/huajianji/${f}`),
  ];
  const docs: string[] = [];
  for (const f of files) {
    const json = JSON.parse(readFileSync(`${packageDir}/dist/${f}`, 'utf8')) as PoemLike | PoemLike[];
    for (const p of Array.isArray(json) ? json : [json]) {
      const text = poemText(p);
      if (text) docs.push(text);
    }
  }
  return docs;
}

/** The King James Bible as documents, one per chapter: its heading ("Genesis 1") and its verses as one paragraph. */
export function kjvDocuments(printed: string): string[] {
  const docs: { head: string; verses: string[] }[] = [];
  for (const line of printed.split('\n')) {
    if (!line.trim()) continue;
    const verse = /^\s+\d+ (.*)$/.exec(line);
    if (verse) docs[docs.length - 1]?.verses.push(verse[1]!.trim());
    else if (/^\S/.test(line)) docs.push({ head: line.trim(), verses: [] });
    else docs[docs.length - 1]?.verses.push(line.trim());
  }
  return docs.filter((d) => d.verses.length > 0).map((d) => `${d.head}\n${d.verses.join(' ')}`);
}

/** The printed Bible from Debian's `bible` program (one line per verse). */
export function printKjv(): string {
  try {
    return execFileSync('bible', ['-l100000', 'gen1:1-rev22:21'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    throw new Error(`the King James text comes from Debian's bible-kjv package: apt-get install bible-kjv (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** The corpus text and its manifest, from the small corpus, the printed Bible and the chinese-poetry package folder. */
export function buildLargeCorpus(small: string, printedKjv: string, poetryDir: string): { text: string; manifest: Record<string, unknown> } {
  const people = drawPeople(WORLD_SPEC);
  const sections: { meta: Omit<LargeSection, 'start' | 'end' | 'bytes' | 'documents'>; docs: string[] }[] = [
    {
      meta: { id: 'handwritten', title: { zh: '手写小语料（站点示例）', en: 'hand-written small corpus (the site\'s demos)' }, language: 'zh+en', source: 'public/corpus/corpus.txt (src/tools/corpus.ts from data/)', licence: 'written by the project; poems public domain (data/README.md)' },
      docs: small.trim().split(/\n\n/),
    },
    {
      meta: { id: 'world', title: { zh: '虚构世界：人物小传', en: 'synthetic world: short biographies' }, language: 'zh+en', source: `src/lib/world/world.ts, seed ${WORLD_SPEC.seed}: ${WORLD_SPEC.groups.map((g) => `${g.people} people × ${g.appearances}`).join(', ')}`, licence: 'generated by the project' },
      docs: biographies(WORLD_SPEC, people).map((d) => d.text),
    },
    {
      meta: { id: 'kjv', title: { zh: '英王钦定本《圣经》（1611）', en: 'King James Bible (1611)' }, language: 'en', source: 'Debian package bible-kjv-text 4.38, printed by bible-kjv (`bible -l100000 gen1:1-rev22:21`)', licence: 'public domain text (translation of 1611); the Debian packaging is GPL-2+' },
      docs: kjvDocuments(printedKjv),
    },
    {
      meta: { id: 'classics-zh', title: { zh: '古典诗文：宋词、论语、诗经等', en: 'classical Chinese: Song ci, Analects, Book of Songs, …' }, language: 'zh', source: `npm package chinese-poetry 2.0.1 (github.com/chinese-poetry/chinese-poetry-npm): ${CLASSICS_FILES.join(', ')}, songci/ci.song.*.json, wudaishici/huajianji/*`, licence: 'MIT (the package, © 2016 JackeyGao); the texts are centuries old, public domain' },
      docs: classicsDocuments(poetryDir),
    },
  ];
  const encoder = new TextEncoder();
  let text = '';
  const rows: LargeSection[] = [];
  for (const s of sections) {
    const start = text.length;
    const body = `${s.docs.join('\n\n')}\n\n`;
    text += body;
    rows.push({ ...s.meta, documents: s.docs.length, start, end: text.length, bytes: encoder.encode(body).length });
  }
  const manifest = {
    file: 'corpus.txt.gz',
    bytes: encoder.encode(text).length,
    chars: text.length,
    generator: 'src/tools/corpus-large.ts',
    world: { seed: WORLD_SPEC.seed, groups: WORLD_SPEC.groups, people: people.length },
    sections: rows,
  };
  return { text, manifest };
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sources = option(process.argv.slice(2), 'sources');
  if (!sources) {
    console.error('usage: npm run corpus-large -- --sources <dir holding chinese-poetry/package> (see the header of src/tools/corpus-large.ts)');
    process.exit(2);
  }
  const { text, manifest } = buildLargeCorpus(readFileSync('public/corpus/corpus.txt', 'utf8'), printKjv(), `${sources}/chinese-poetry/package`);
  mkdirSync(LARGE_DIR, { recursive: true });
  writeFileSync(`${LARGE_CORPUS}.tmp`, gzipSync(text, { level: 9 }));
  renameSync(`${LARGE_CORPUS}.tmp`, LARGE_CORPUS);
  writeFileSync(`${LARGE_DIR}/manifest.json.tmp`, `${JSON.stringify(manifest, null, 1)}\n`);
  renameSync(`${LARGE_DIR}/manifest.json.tmp`, `${LARGE_DIR}/manifest.json`);
  console.log(`large corpus: ${manifest.bytes} bytes, ${manifest.chars} chars`);
  for (const s of manifest.sections as LargeSection[]) console.log(`  ${s.id}: ${s.documents} documents, ${s.bytes} bytes`);
}
