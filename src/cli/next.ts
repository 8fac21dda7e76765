/** `cli next --model ID --top K TEXT`: the K likeliest next tokens at temperature 1, sorted. */
import { UsageError } from './_usage.ts';
import { openModel, parseModelArgs } from './_tinylm.ts';

/** Default number of candidates when `--top` is not given. */
const DEFAULT_TOP = 10;

/** `{input_ids, top: [{id, token, prob}]}`, probabilities over the whole vocabulary. */
export async function run(args: string[]): Promise<unknown> {
  const { model, top, text } = parseModelArgs(args, 'next', true);
  if (text === '') throw new UsageError('TEXT must not be empty: the model predicts what follows it');
  const engine = await openModel(model);
  const inputIds = await engine.tokenize(text);
  const dist = await engine.nextTokenDistribution(inputIds);
  const k = Math.min(top ?? DEFAULT_TOP, dist.ids.length);
  const ids = [...dist.ids.subarray(0, k)];
  const tokens = await engine.tokenTexts(ids);
  return {
    input_ids: inputIds,
    top: ids.map((id, i) => ({ id, token: tokens[i], prob: Math.exp(dist.logits[i]! - dist.logSumExp) })),
  };
}
