/**
 * `cli trace --model ID [--top K] TEXT`: the forward pass the X-ray shows, as JSON —
 * `{ids, tokens, attention: [layer][head][query][key], lens: [L 0…n_layer][position][{id, token, prob}]}`.
 * `lens[L][t]` is softmax(ln_f(h_L[t]) · wteᵀ): L = 0 the embedding alone, L = n_layer the
 * model's own next-token distribution after position t. Token texts follow `tokenize` and `next`
 * (each token alone; a partial UTF-8 character as U+FFFD).
 */
import { UsageError } from './_usage.ts';
import { openModel, parseModelArgs } from './_tinylm.ts';

/** Lens candidates per layer and position when `--top` is not given. */
const DEFAULT_TOP = 5;

/** Runs one traced forward pass over TEXT. */
export async function run(args: string[]): Promise<unknown> {
  const { model, top, text } = parseModelArgs(args, 'trace', true);
  if (text === '') throw new UsageError('TEXT must not be empty: the model needs at least one token');
  const engine = await openModel(model);
  const ids = await engine.tokenize(text);
  const { contextLength } = await engine.load();
  if (ids.length > contextLength) {
    throw new UsageError(`TEXT is ${ids.length} tokens; the model reads at most ${contextLength} (its context length)`);
  }
  const trace = await engine.trace(ids, { top: top ?? DEFAULT_TOP });
  const T = ids.length;
  const lensIds = [...new Set(trace.lens.flatMap((layer) => layer.flatMap((row) => row.map((c) => c.id))))];
  const lensTexts = await engine.tokenTexts(lensIds);
  const texts = new Map(lensIds.map((id, i) => [id, lensTexts[i]!]));
  const attention = Array.from({ length: trace.nLayer }, (_, l) =>
    Array.from({ length: trace.nHead }, (_, h) =>
      Array.from({ length: T }, (_, q) => {
        const off = ((l * trace.nHead + h) * T + q) * T;
        return Array.from(trace.attention.subarray(off, off + T));
      }),
    ),
  );
  return {
    ids,
    tokens: await engine.tokenTexts(ids),
    attention,
    lens: trace.lens.map((layer) => layer.map((row) => row.map((c) => ({ id: c.id, token: texts.get(c.id)!, prob: c.prob })))),
  };
}
