/**
 * `cli score --model ID TEXT`: how surprised the model is by each token of TEXT.
 * `{tokens: [{id, token, logprob, rank}], bits}`; the tokens' strings concatenate to TEXT (a
 * character split across tokens belongs to the token that completes it). The first token has
 * nothing before it, so its logprob and rank are null and it adds no bits (our corpus has no
 * `<|endoftext|>` separators, so the model never learned what follows one: scoring the first
 * token after it would only measure that gap).
 */
import { scoreIds } from '../lib/tinylm/score.ts';
import { UsageError } from './_usage.ts';
import { openModel, parseModelArgs } from './_tinylm.ts';

/** Scores TEXT; `bits` = −Σ logprob / ln 2 over the scored tokens. */
export async function run(args: string[]): Promise<unknown> {
  const { model, text } = parseModelArgs(args, 'score', false);
  if (text === '') throw new UsageError('TEXT must not be empty');
  const engine = await openModel(model);
  const { runner, tokenizer } = await engine.loaded();
  const ids = tokenizer.encode(text);
  const pieces = tokenizer.pieces(ids);
  const scores = await scoreIds(runner, ids, { topK: 1 });
  let nats = 0;
  const tokens = ids.map((id, i) => {
    const s = i > 0 ? scores[i - 1] : undefined;
    if (s) nats -= s.logprob;
    return { id, token: pieces[i], logprob: s ? s.logprob : null, rank: s ? s.rank : null };
  });
  return { tokens, bits: nats / Math.LN2 };
}
