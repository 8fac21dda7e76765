/** `cli tokenize --model ID TEXT`: `{ids, tokens, decoded}`; `decoded` equals TEXT for any Unicode. */
import { openModel, parseModelArgs } from './_tinylm.ts';

/** Encodes TEXT; each token's text is shown alone (a partial UTF-8 character as U+FFFD). */
export async function run(args: string[]): Promise<unknown> {
  const { model, text } = parseModelArgs(args, 'tokenize', false);
  const engine = await openModel(model);
  const ids = await engine.tokenize(text);
  return { ids, tokens: await engine.tokenTexts(ids), decoded: await engine.detokenize(ids) };
}
