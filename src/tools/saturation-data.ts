/**
 * `npm run saturation-data [-- --out DIR]`: writes what the GPU trainer of the saturation sweep
 * reads (docs/capacity.md): one token file per world (little-endian uint16, our tokenizer's ids of
 * worldText(saturationWorld(people))) and manifest.json, the runs with their schedules
 * (src/lib/world/saturation.ts). The trainer (scripts/gpu/train_world.py) only reads tokens and
 * numbers, so the world, the tokenizer and the schedule stay in one place: here.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { loadTokenizer } from '../lib/tokenizer/tokenizer.ts';
import { worldText } from '../lib/world/world.ts';
import { SATURATION_PEOPLE, saturationJobs, saturationWorld, type SaturationJob } from '../lib/world/saturation.ts';
import { TOKENIZER_PATH } from './train-tokenizer.ts';
import { runTool } from './run-tool.ts';

/** Where the trainer's inputs go by default (ignored by git; carried to the GPU machine). */
export const SATURATION_DATA_DIR = '.gpu/saturation';

/** The manifest the trainer reads. */
export interface SaturationManifest {
  version: 1;
  tokenizer: string; vocabSize: number;
  worlds: { people: number; tokens: string; corpusTokens: number; corpusBytes: number }[];
  jobs: SaturationJob[];
}

/** Ids as little-endian uint16 (the vocabulary is 2,048). */
export function uint16Bytes(ids: readonly number[]): Uint8Array {
  const out = new Uint8Array(ids.length * 2);
  const view = new DataView(out.buffer);
  ids.forEach((id, i) => {
    if (!Number.isInteger(id) || id < 0 || id > 0xffff) throw new Error(`token id ${id} does not fit in uint16`);
    view.setUint16(i * 2, id, true);
  });
  return out;
}

function writeAtomic(path: string, data: string | Uint8Array): void {
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}

/** Tokenizes every world and writes the token files and the manifest into `dir`. */
export function writeSaturationData(dir: string, encode: (text: string) => number[], vocabSize: number, people: readonly number[] = SATURATION_PEOPLE): SaturationManifest {
  mkdirSync(dir, { recursive: true });
  const worlds: SaturationManifest['worlds'] = [];
  for (const n of people) {
    const text = worldText(saturationWorld(n));
    const ids = encode(text);
    const file = `world-${n}.u16`;
    writeAtomic(`${dir}/${file}`, uint16Bytes(ids));
    worlds.push({ people: n, tokens: file, corpusTokens: ids.length, corpusBytes: Buffer.byteLength(text) });
  }
  const manifest: SaturationManifest = { version: 1, tokenizer: TOKENIZER_PATH, vocabSize, worlds, jobs: saturationJobs(worlds, vocabSize) };
  writeAtomic(`${dir}/manifest.json`, `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}

function main(args: string[]): void {
  const at = args.indexOf('--out');
  const dir = at >= 0 ? args[at + 1] : SATURATION_DATA_DIR;
  if (!dir) throw new Error('--out needs a folder');
  const tokenizer = loadTokenizer(JSON.parse(readFileSync(TOKENIZER_PATH, 'utf8')) as object);
  const m = writeSaturationData(dir, (t) => tokenizer.encode(t), tokenizer.vocabSize);
  for (const w of m.worlds) console.log(`world of ${w.people} people: ${w.corpusBytes.toLocaleString('en-US')} bytes, ${w.corpusTokens.toLocaleString('en-US')} tokens`);
  const steps = m.jobs.reduce((s, j) => s + j.steps, 0);
  const tokens = m.jobs.reduce((s, j) => s + j.tokensSeen, 0);
  console.log(`wrote ${dir}/manifest.json: ${m.jobs.length} runs, ${steps.toLocaleString('en-US')} steps, ${tokens.toLocaleString('en-US')} training tokens in all`);
}

runTool(import.meta.url, main);
