/**
 * Schemas for every JSON file the site ships (public/models/…, public/corpus/manifest.json),
 * written once and used by the islands (through `fetchJson`), the static components (at build
 * time) and the tests, so that a file that drifts from what the code expects fails with the
 * file's name and the field, not with `undefined` three functions later.
 *
 * zod/mini: the same checks as zod with a tree-shaken bundle (a few KB), since some islands parse
 * these files in the browser. Objects are loose: a field the tools add later passes through.
 */
import * as z from 'zod/mini';

const count = z.int().check(z.minimum(0));

/** public/models/index.json: every built-in model the site serves. */
export const modelIndexSchema = z.array(
  z.looseObject({
    id: z.string().check(z.minLength(1)),
    params: count,
    dtype: z.string(),
    bytes: count,
    default: z.optional(z.boolean()),
  }),
);
export type ModelIndex = z.infer<typeof modelIndexSchema>;
export type ModelIndexEntry = ModelIndex[number];

/** One row of a verbatim-memorization or fact-recall tally. */
const tallySchema = z.looseObject({ repeats: count, n: count, correct: count, rate: z.number() });

/** public/models/<id>/eval.json, written by src/tools/eval.ts. */
export const evalFileSchema = z.looseObject({
  model: z.string(),
  params: z.optional(count),
  precision: z.optional(z.string()),
  bytes: z.optional(count),
  factRecall: z.optional(z.record(z.string(), z.array(tallySchema))),
  memorization: z.optional(z.array(tallySchema)),
  bitsPerByte: z.optional(z.looseObject({ train: z.number(), unseen: z.number() })),
  facts: z.optional(
    z.array(
      z.looseObject({
        lang: z.string(),
        repeats: count,
        prompt: z.string(),
        expected: z.string(),
        output: z.string(),
        correct: z.boolean(),
      }),
    ),
  ),
  probes: z.optional(z.array(z.looseObject({ id: z.string(), repeats: count, prompt: z.string(), correct: z.boolean() }))),
  method: z.optional(z.string()),
});
export type EvalFile = z.infer<typeof evalFileSchema>;

/** A loss curve: [step, loss] pairs. */
const curveSchema = z.array(z.tuple([z.number(), z.number()]));

/** public/models/<id>/train-log.json, written by src/tools/train.ts (a quantized copy keeps its parent's). */
export const trainLogSchema = z.looseObject({
  model: z.string(),
  steps: z.optional(count),
  stepsDone: z.optional(count),
  finalLoss: z.optional(z.number()),
  loss: z.optional(curveSchema),
  unseenLoss: z.optional(curveSchema),
});
export type TrainLog = z.infer<typeof trainLogSchema>;

/** public/models/saturation-sweep.json, written by src/tools/saturation-sweep.ts (docs/capacity.md): the fields the site reads. */
export const saturationSweepSchema = z.looseObject({
  exposures: z.number().check(z.positive()),
  shapes: z.array(z.looseObject({ id: z.string().check(z.minLength(1)), params: z.int().check(z.positive()) })),
  runs: z.array(
    z.looseObject({
      shape: z.string(),
      people: z.int().check(z.positive()),
      worldBits: z.number().check(z.positive()),
      bits: z.number().check(z.minimum(0)),
      bits_per_param: z.number(),
    }),
  ),
});
export type SaturationSweepFile = z.infer<typeof saturationSweepSchema>;

/** public/corpus/manifest.json, written by src/tools/corpus.ts. */
export const corpusManifestSchema = z.looseObject({
  file: z.string(),
  bytes: count,
  chars: count,
  tokens: count,
  documents: z.optional(count),
  sections: z.array(
    z.looseObject({
      id: z.string(),
      kind: z.string(),
      language: z.string(),
      repetitions: count,
      source: z.string(),
      licence: z.string(),
      bytes: count,
      example: z.string(),
    }),
  ),
});
export type CorpusManifest = z.infer<typeof corpusManifestSchema>;

/** public/corpus/large/manifest.json, written by src/tools/corpus-large.ts: the fields the site reads. */
export const largeCorpusManifestSchema = z.looseObject({
  file: z.string(),
  bytes: count,
  sections: z.array(
    z.looseObject({
      id: z.string(),
      title: z.record(z.string(), z.string()),
      language: z.string(),
      source: z.string(),
      licence: z.string(),
      bytes: count,
    }),
  ),
});
export type LargeCorpusManifest = z.infer<typeof largeCorpusManifestSchema>;

/** The parts of a Hugging Face tokenizer.json (byte-level BPE) the site reads itself. */
export const tokenizerJsonSchema = z.looseObject({
  model: z.looseObject({ vocab: z.record(z.string(), count) }),
  added_tokens: z.optional(z.array(z.looseObject({ id: count, content: z.string() }))),
});
export type TokenizerJson = z.infer<typeof tokenizerJsonSchema>;

/** A positive integer, or the message the engine and the CLI have always given. */
const positive = z.int({ error: 'must be a positive integer' }).check(z.positive({ error: 'must be a positive integer' }));

/**
 * public/models/<id>/config.json (Hugging Face GPT2Config), with every check the engine needs:
 * the model card shows it and the engine runs it (src/lib/tinylm/config.ts), so a model the engine
 * cannot run fails here, naming the field. The context length is `n_positions`, or `n_ctx` in
 * older configs; the parsed value always has `n_positions`.
 */
export const gpt2ConfigFileSchema = z.pipe(
  z
    .looseObject({
      model_type: z.optional(z.literal('gpt2', { error: (i) => `"${String(i.input)}" is not gpt2` })),
      vocab_size: positive,
      n_positions: z.optional(positive),
      n_ctx: z.optional(positive),
      n_embd: positive,
      n_layer: positive,
      n_head: positive,
      layer_norm_epsilon: z.optional(z.number({ error: 'must be a positive number' }).check(z.positive({ error: 'must be a positive number' }))),
      activation_function: z.optional(z.literal('gelu_new', { error: (i) => `"${String(i.input)}" is not gelu_new` })),
      tie_word_embeddings: z.optional(z.literal(true, { error: 'is false: an untied lm_head is not supported' })),
    })
    .check(
      z.refine((c) => c.n_positions !== undefined || c.n_ctx !== undefined, { path: ['n_positions'], error: 'must be a positive integer' }),
      z.refine((c) => c.n_embd % c.n_head === 0, { path: ['n_embd'], error: 'is not a multiple of n_head' }),
    ),
  z.transform((c) => ({ ...c, n_positions: (c.n_positions ?? c.n_ctx)! })),
);
export type Gpt2ConfigFile = z.output<typeof gpt2ConfigFileSchema>;

/** Anything `parseWith` accepts: a zod or zod/mini schema. */
export type Schema<T> = z.ZodMiniType<T, unknown>;

/** How zod's own messages begin, with or without its English locale (our schemas' words never do). */
const GENERIC_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized)\b/;

/** One problem in words: where, and what was expected (zod/mini ships no English messages). */
function describeIssue(issue: z.core.$ZodIssue): string {
  const at = issue.path.length === 0 ? 'the file' : issue.path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
  // A schema's own words ("n_embd must be a positive integer") beat the generic ones. zod/mini's
  // generic message is "Invalid input"; once any code in the same page or process loads zod's
  // English locale (full `zod` does), the generic ones read "Invalid input: expected number,
  // received string", "Too small: …": both are recognised, so the message never depends on what
  // else was loaded.
  if (issue.message && !GENERIC_MESSAGE.test(issue.message)) return `${at} ${issue.message}`;
  switch (issue.code) {
    case 'invalid_type':
      return `${at}: expected ${issue.expected}`;
    case 'too_small':
      return `${at}: must be at least ${String(issue.minimum)}`;
    case 'invalid_format':
      return `${at}: not a valid ${issue.format}`;
    default:
      return `${at}: ${issue.code.replace(/_/g, ' ')}`;
  }
}

/**
 * Checks `value` against `schema`; throws an Error that names `what` (a file or URL) and each
 * field that is wrong, e.g. "eval.json: memorization[0].n: expected number".
 */
export function parseWith<T>(schema: Schema<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new Error(`${what}: ${result.error.issues.slice(0, 3).map(describeIssue).join('; ')}`);
}
