/**
 * `npm run train-tokenizer`: learns the byte-level BPE on public/corpus/corpus.txt and writes
 * public/models/tokenizer.json (copied into every model folder by the trainer), then records the
 * corpus's token count in public/corpus/manifest.json.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { preTokenize, splitPattern, tokenizerJson, trainBpe } from './tokenizer/bpe.ts';
import { loadTokenizer } from '../lib/tokenizer/tokenizer.ts';

/** Total vocabulary, special token included: a few thousand, as real byte-level BPEs scaled down. */
export const VOCAB_SIZE = 2048;
/** Where the shared tokenizer is written. */
export const TOKENIZER_PATH = 'public/models/tokenizer.json';

/** The Chinese words kept whole: data/zh-words.txt plus the country, capital and dish names. */
export function zhLexicon(): string[] {
  const listed = readFileSync('data/zh-words.txt', 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const capitals = JSON.parse(readFileSync('data/capitals.json', 'utf8')) as { facts: { zc: string; zk: string; repeats: number }[] };
  const recipes = JSON.parse(readFileSync('data/recipes.json', 'utf8')) as { zh: { dish: string }[] };
  // Held-out names stay out of the lexicon: the tokenizer must not know words the corpus never shows.
  const names = capitals.facts.filter((f) => f.repeats > 0).flatMap((f) => [f.zc, f.zk]);
  return [...listed, ...names, ...recipes.zh.map((d) => d.dish)];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const corpus = readFileSync('public/corpus/corpus.txt', 'utf8');
  const pattern = splitPattern(zhLexicon());
  const t0 = Date.now();
  const model = trainBpe(preTokenize(corpus, pattern), VOCAB_SIZE);
  const json = tokenizerJson(model, pattern);
  mkdirSync('public/models', { recursive: true });
  writeFileSync(TOKENIZER_PATH, `${JSON.stringify(json)}\n`);
  const tokens = loadTokenizer(json).encode(corpus).length;
  const manifestPath = 'public/corpus/manifest.json';
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(manifestPath, `${JSON.stringify({ ...manifest, tokens, tokenizer: 'models/tokenizer.json', vocabSize: model.vocab.size }, null, 1)}\n`);
  console.log(`tokenizer: ${model.vocab.size} ids, ${model.merges.length} merges, corpus = ${tokens} tokens (${Date.now() - t0} ms)`);
}
