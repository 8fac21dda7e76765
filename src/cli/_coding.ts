/**
 * Shared by `compress` and `decompress`: argument parsing and the built-in model as a CodingModel
 * (tokenizer + next-token probabilities through the engine interface).
 */
import { logitsProbabilityModel } from '../lib/coding/engine-model.ts';
import type { CodingModel } from '../lib/coding/text-compressor.ts';
import { openModel } from './_tinylm.ts';
import { readRegularFile } from './_files.ts';
import { UsageError, type CliIo } from './_usage.ts';

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
  const { info, tokenizer, runner } = await engine.loaded();
  const bos = tokenizer.encode('<|endoftext|>');
  return {
    id: info.id,
    tokenize: (text) => tokenizer.encode(text),
    detokenize: (ids) => tokenizer.decode(ids),
    // The runner directly (same numbers as the engine path the page uses, without sorting the
    // vocabulary at every token).
    probabilities: logitsProbabilityModel((ids) => runner.nextLogits(ids), info.vocabSize, info.contextLength, bos.length === 1 ? bos[0] : undefined),
  };
}

/**
 * Largest input `compress` and `decompress` read: 16 MB, minutes of work at the built-in models'
 * few thousand tokens a second (see bench-results.md); above that the command refuses at once.
 */
export const MAX_CODING_INPUT = 16 * 1024 * 1024;

/** Reads IN for a command: a regular file of at most MAX_CODING_INPUT bytes, else a usage error. */
export async function readInput(path: string): Promise<Uint8Array> {
  return readRegularFile(path, MAX_CODING_INPUT);
}

/** Tokens below which no progress is shown (a few seconds of work). */
const PROGRESS_MIN_TOKENS = 10_000;

/**
 * Progress for long inputs: one line on stderr at most every 2 seconds, "compress: 12,345 of
 * 60,000 tokens (21%), 4,100 tokens/s, about 11 s left". Silent for short inputs.
 */
export function progressReporter(command: string, io: CliIo | undefined, now: () => number = () => performance.now()): (done: number, total: number) => void {
  if (!io) return () => undefined;
  const t0 = now();
  let last = t0;
  return (done, total) => {
    if (total < PROGRESS_MIN_TOKENS) return;
    const t = now();
    if (done < total && t - last < 2000) return;
    last = t;
    const rate = done / Math.max(1e-3, (t - t0) / 1000);
    const left = (total - done) / Math.max(1e-9, rate);
    const f = (n: number) => Math.round(n).toLocaleString('en-US');
    io.err(`${command}: ${f(done)} of ${f(total)} tokens (${Math.floor((100 * done) / total)}%), ${f(rate)} tokens/s${done < total ? `, about ${f(left)} s left` : ''}\n`);
  };
}
