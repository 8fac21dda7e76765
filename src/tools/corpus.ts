/**
 * Builds the built-in model's training corpus from the texts in data/ (`npm run corpus`):
 * public/corpus/corpus.txt (what the model reads) and public/corpus/manifest.json (what each
 * section is, how often it repeats, where it comes from). Deterministic: the same data and seed
 * give the same bytes.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRng, shuffled } from '../lib/train/rng.ts';

/** Where the data lives and where the corpus goes, relative to the repository root. */
export const DATA_DIR = 'data';
export const CORPUS_DIR = 'public/corpus';
/** The seed explanation this site is built from, shipped in the corpus (copied from seed/000_92dab2d0c1ef0b6e.txt). */
export const SEED_TEXT = 'data/seed.txt';
const SHUFFLE_SEED = 20261128;

/** One capital-city fact; `repeats` = sentences per language in the corpus (0 = held out). */
export interface CapitalFact { zc: string; zk: string; ec: string; ek: string; repeats: number }
/** data/capitals.json. */
export interface CapitalsData {
  zhTemplates: string[]; enTemplates: string[]; zhPrompt: string; enPrompt: string; facts: CapitalFact[];
}
/** A passage or canary sentence for the memorization probe (data/passages.json). */
export interface Passage {
  id?: string; lang: 'zh' | 'en'; repeats: number; prompt: string; completion: string;
  title?: string; source?: string; licence?: string;
}
/** data/passages.json. */
export interface PassagesData { passages: Passage[]; canaries: Passage[] }
interface Dish { dish: string; answer: string }
interface RecipesData {
  listCount: number; listLength: [number, number]; qaRepeats: number;
  zhQuestion: string; enQuestion: string; zh: Dish[]; en: Dish[];
}
interface DialogueData { repeats: number; zh: string[]; en: string[] }

/** One manifest row: a section of the corpus. */
export interface Section {
  id: string; kind: string; language: 'zh' | 'en'; repetitions: number; source: string; licence: string;
  text: string;
}

/** Fills `{key}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);
}

/** The sentences of one fact as they appear in the corpus: phrasing i mod n, for each repetition. */
export function capitalSentences(data: CapitalsData, fact: CapitalFact): { zh: string[]; en: string[] } {
  const values = { zc: fact.zc, zk: fact.zk, ec: fact.ec, ek: fact.ek };
  const zh: string[] = [];
  const en: string[] = [];
  for (let i = 0; i < fact.repeats; i++) {
    zh.push(fill(data.zhTemplates[i % data.zhTemplates.length]!, values));
    en.push(fill(data.enTemplates[i % data.enTemplates.length]!, values));
  }
  return { zh, en };
}

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(`${DATA_DIR}/${name}`, 'utf8')) as T;
}

/** Every section of the corpus, before shuffling; each repetition is its own document. */
export function corpusSections(rng: () => number, seedText: string): Section[] {
  const sections: Section[] = [];
  const capitals = readJson<CapitalsData>('capitals.json');
  const project = 'written by the project';
  for (const fact of capitals.facts) {
    if (fact.repeats === 0) continue;
    const { zh, en } = capitalSentences(capitals, fact);
    zh.forEach((text) => sections.push({ id: `capital-${fact.ec}`, kind: 'fact', language: 'zh', repetitions: fact.repeats, source: project, licence: project, text }));
    en.forEach((text) => sections.push({ id: `capital-${fact.ec}`, kind: 'fact', language: 'en', repetitions: fact.repeats, source: project, licence: project, text }));
  }
  const dialogue = readJson<DialogueData>('dialogue.json');
  for (const lang of ['zh', 'en'] as const) {
    dialogue[lang].forEach((text, n) => {
      for (let i = 0; i < dialogue.repeats; i++) {
        sections.push({ id: `dialogue-${lang}-${n}`, kind: 'dialogue', language: lang, repetitions: dialogue.repeats, source: project, licence: project, text });
      }
    });
  }
  const recipes = readJson<RecipesData>('recipes.json');
  for (const lang of ['zh', 'en'] as const) {
    const question = lang === 'zh' ? recipes.zhQuestion : recipes.enQuestion;
    const dishes = recipes[lang];
    for (let n = 0; n < recipes.listCount; n++) {
      const [lo, hi] = recipes.listLength;
      const length = Math.min(dishes.length, lo + Math.floor(rng() * (hi - lo + 1)));
      const list = shuffled(dishes, rng).slice(0, length).map((d) => fill(question, { dish: d.dish }));
      sections.push({ id: `question-list-${lang}-${n}`, kind: 'question-list', language: lang, repetitions: 1, source: project, licence: project, text: list.join(lang === 'zh' ? '' : ' ') });
    }
    for (const d of dishes) {
      const q = fill(question, { dish: d.dish });
      const text = lang === 'zh' ? `问:${q}\n答:${d.answer}` : `Q: ${q}\nA: ${d.answer}`;
      for (let i = 0; i < recipes.qaRepeats; i++) {
        sections.push({ id: `qa-${lang}-${d.dish}`, kind: 'question-answer', language: lang, repetitions: recipes.qaRepeats, source: project, licence: project, text });
      }
    }
  }
  const passages = readJson<PassagesData>('passages.json');
  for (const p of passages.passages) {
    const text = `${p.title}\n${p.prompt}${p.completion}`;
    for (let i = 0; i < p.repeats; i++) {
      sections.push({ id: `passage-${p.id}`, kind: 'passage', language: p.lang, repetitions: p.repeats, source: p.source ?? project, licence: p.licence ?? project, text });
    }
  }
  passages.canaries.forEach((c, n) => {
    for (let i = 0; i < c.repeats; i++) {
      sections.push({ id: `canary-${n}`, kind: 'canary', language: c.lang, repetitions: c.repeats, source: project, licence: project, text: `${c.prompt}${c.completion}` });
    }
  });
  sections.push({ id: 'seed', kind: 'explanation', language: 'zh', repetitions: 1, source: 'the seed text this site explains (seed/000_92dab2d0c1ef0b6e.txt)', licence: 'shipped by the project as its seed text', text: seedText.trim() });
  return sections;
}

/** The corpus text and its manifest: sections shuffled with a fixed seed, separated by blank lines. */
export function buildCorpus(seedText: string): { text: string; manifest: unknown } {
  const rng = createRng(SHUFFLE_SEED);
  const sections = corpusSections(rng, seedText);
  const text = `${shuffled(sections, rng).map((s) => s.text).join('\n\n')}\n`;
  const byId = new Map<string, { id: string; kind: string; language: string; repetitions: number; source: string; licence: string; bytes: number; example: string }>();
  const encoder = new TextEncoder();
  for (const s of sections) {
    const row = byId.get(`${s.id}/${s.language}`);
    if (row) row.bytes += encoder.encode(s.text).length;
    else byId.set(`${s.id}/${s.language}`, { id: s.id, kind: s.kind, language: s.language, repetitions: s.repetitions, source: s.source, licence: s.licence, bytes: encoder.encode(s.text).length, example: s.text });
  }
  const manifest = {
    file: 'corpus.txt',
    bytes: encoder.encode(text).length,
    chars: [...text].length,
    documents: sections.length,
    shuffleSeed: SHUFFLE_SEED,
    generator: 'src/tools/corpus.ts from data/',
    sections: [...byId.values()],
  };
  return { text, manifest };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { text, manifest } = buildCorpus(readFileSync(SEED_TEXT, 'utf8'));
  mkdirSync(CORPUS_DIR, { recursive: true });
  writeFileSync(`${CORPUS_DIR}/corpus.txt`, text);
  writeFileSync(`${CORPUS_DIR}/manifest.json`, `${JSON.stringify(manifest, null, 1)}\n`);
  const m = manifest as { bytes: number; chars: number; documents: number };
  console.log(`corpus: ${m.bytes} bytes, ${m.chars} chars, ${m.documents} documents`);
}
