/**
 * Shared by `compress` and `decompress`: argument parsing and the built-in model as a CodingModel
 * (tokenizer + next-token probabilities through the engine interface).
 */
import { engineProbabilityModel } from '../lib/coding/engine-model.ts';
import type { CodingModel } from '../lib/coding/text-compressor.ts';
import { openModel } from './_tinylm.ts';
import { UsageError } from './_usage.ts';

/** Parsed `--model ID IN OUT`. */
export interface CodingArgs {
  model: string;
  input: string;
  output: string;
}

/** Parses `--model ID IN OUT` (the model is required: the file records which model coded it). */
export function parseCodingArgs(args: string[], command: string): CodingArgs {
  const usage = `usage: cli ${command} --model ID IN OUT`;
  let model: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--model') {
      model = args[++i];
      if (model === undefined) throw new UsageError(`--model needs a value; ${usage}`);
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}; ${usage}`);
    else files.push(a);
  }
  if (model === undefined) throw new UsageError(`--model is required; ${usage}`);
  if (files.length !== 2) throw new UsageError(`expected IN and OUT files, got ${files.length}; ${usage}`);
  return { model, input: files[0]!, output: files[1]! };
}

/** Loads built-in model `id` and wraps it for the coder. */
export async function openCodingModel(id: string): Promise<CodingModel> {
  const engine = await openModel(id);
  const { info, tokenizer } = await engine.loaded();
  const bos = tokenizer.encode('<|endoftext|>');
  return {
    id: info.id,
    tokenize: (text) => tokenizer.encode(text),
    detokenize: (ids) => tokenizer.decode(ids),
    probabilities: engineProbabilityModel(engine, info.vocabSize, info.contextLength, bos.length === 1 ? bos[0] : undefined),
  };
}

/** Reads a file for a command, turning a missing file into a usage error. */
export async function readInput(path: string): Promise<Uint8Array> {
  const { readFile } = await import('node:fs/promises');
  try {
    const buf = await readFile(path);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : String(e);
    throw new UsageError(`cannot read ${path} (${code})`);
  }
}
