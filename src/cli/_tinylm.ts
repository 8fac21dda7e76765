/**
 * Shared by the commands that run the built-in model (models, tokenize, next, score): finds the
 * model folders, reads them from disk, and parses the common `--model ID` / `--top K` arguments.
 * TINYLM_MODELS_DIR points the commands at another folder (the tests use a generated model).
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalTinyLm, type TinyLmEngine } from '../lib/tinylm/engine.ts';
import type { ModelSource } from '../lib/tinylm/source.ts';
import { describe } from '../lib/safetensors/describe.ts';
import { UsageError } from './_usage.ts';

/** The repository root (two levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** One entry of public/models/index.json. */
export interface ModelIndexEntry {
  id: string;
  params: number;
  dtype: string;
  bytes: number;
  default?: boolean;
}

/** Folder holding one sub-folder per model and index.json. */
export function modelsDir(): string {
  return resolve(process.env.TINYLM_MODELS_DIR ?? join(REPO_ROOT, 'public/models'));
}

/** The model list; a missing index is a usage error that says how to produce it. */
export async function readModelIndex(): Promise<ModelIndexEntry[]> {
  const path = join(modelsDir(), 'index.json');
  if (!existsSync(path)) {
    throw new UsageError(`no model list at ${relative(REPO_ROOT, path) || path}: train the models first (npm run train)`);
  }
  const shown = displayPath(path);
  let index: unknown;
  try {
    index = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`${shown} is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!Array.isArray(index)) throw new UsageError(`${shown} must be a JSON array of models, found ${describe(index)}`);
  index.forEach((m: unknown, i) => {
    const entry = m as Partial<Record<keyof ModelIndexEntry, unknown>> | null;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new UsageError(`${shown}: entry ${i} must be an object, found ${describe(m)}`);
    if (typeof entry.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(entry.id)) {
      throw new UsageError(`${shown}: entry ${i} needs an "id" made of letters, digits, ".", "_" or "-", found ${describe(entry.id)}`);
    }
    for (const field of ['params', 'bytes'] as const) {
      if (!(typeof entry[field] === 'number' && Number.isSafeInteger(entry[field]) && (entry[field] as number) >= 0)) {
        throw new UsageError(`${shown}: model "${entry.id}" needs "${field}" as a non-negative integer, found ${describe(entry[field])}`);
      }
    }
    if (typeof entry.dtype !== 'string') throw new UsageError(`${shown}: model "${entry.id}" needs "dtype" as a string, found ${describe(entry.dtype)}`);
  });
  return index as ModelIndexEntry[];
}

/** A path for messages: relative to the repository when inside it, else absolute. */
function displayPath(path: string): string {
  const r = relative(REPO_ROOT, path);
  return r && !r.startsWith('..') ? r : path;
}

/** Folder of model `id`, relative to the repository root. */
export function modelDirRelative(id: string): string {
  return relative(REPO_ROOT, join(modelsDir(), id));
}

/** Reads a model folder from disk. */
export function fileModelSource(folder: string): ModelSource {
  return {
    async json(name) {
      const path = join(folder, name);
      const shown = displayPath(path);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        throw new UsageError(`cannot read ${shown} (${typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : String(e)})`);
      }
      try {
        return JSON.parse(text) as unknown;
      } catch (e) {
        throw new UsageError(`${shown} is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
      }
    },
    async bytes(name, onProgress) {
      const buf = await readFile(join(folder, name));
      const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      onProgress?.(bytes.byteLength, bytes.byteLength);
      return bytes;
    },
  };
}

/** Loads model `id` (the index's default when undefined); unknown ids are usage errors. */
export async function openModel(id: string | undefined): Promise<TinyLmEngine> {
  const index = await readModelIndex();
  const entry = id === undefined ? (index.find((m) => m.default) ?? index[0]) : index.find((m) => m.id === id);
  if (!entry) {
    throw new UsageError(`unknown model "${id}"; known models: ${index.map((m) => m.id).join(', ')}`);
  }
  const engine = createLocalTinyLm(entry.id, fileModelSource(join(modelsDir(), entry.id)));
  try {
    await engine.load();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
    // A missing model.safetensors arrives as ENOENT; everything else already names the file.
    const folder = displayPath(join(modelsDir(), entry.id));
    if (code) throw new UsageError(`cannot read ${folder}/model.safetensors (${code})`);
    throw new UsageError(`${folder}: ${(e instanceof Error ? e.message : String(e)).replace(`model ${entry.id}: `, '')}`);
  }
  return engine;
}

/** Parsed `--model ID [--top K] TEXT`. */
export interface ModelArgs {
  model: string | undefined;
  top: number | undefined;
  text: string;
}

/**
 * Parses `--model ID`, optionally `--top K` (when `allowTop`), and exactly one TEXT argument
 * (quote it). `--` ends the options so TEXT may start with a dash.
 */
export function parseModelArgs(args: string[], command: string, allowTop: boolean): ModelArgs {
  const usage = `usage: cli ${command} --model ID${allowTop ? ' [--top K]' : ''} TEXT`;
  let model: string | undefined;
  let top: number | undefined;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a === '--model' || (a === '--top' && allowTop)) {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`${a} needs a value; ${usage}`);
      if (a === '--model') model = value;
      else {
        top = Number(value);
        if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a positive integer, not "${value}"`);
      }
    } else if (a.startsWith('--')) {
      throw new UsageError(`unknown option ${a}; ${usage}`);
    } else {
      positional.push(a);
    }
  }
  if (positional.length !== 1) {
    throw new UsageError(`expected one TEXT argument, got ${positional.length} (quote the text); ${usage}`);
  }
  return { model, top, text: positional[0]! };
}
