/**
 * `npm run eval [-- model-id…]`: measures every built-in model and writes
 * public/models/<id>/eval.json. Three measurements, all greedy and deterministic:
 * - fact recall: does `法国的首都是` / `The capital of France is` continue with the capital? By how
 *   many times the fact was in the corpus (0 = held out: whatever the model says is made up);
 * - verbatim memorization: prompted with a passage's opening, does it reproduce the rest exactly?
 *   By how many times the passage was in the corpus;
 * - bits per byte on the training corpus and on text it never saw (data/unseen.txt).
 * Inference runs on the site's own engine (src/lib/tinylm), which reads every precision.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseGptConfig } from '../lib/tinylm/config.ts';
import { createGptRunner, type GptRunner } from '../lib/tinylm/model.ts';
import { loadGptWeights } from '../lib/tinylm/weights.ts';
import { scoreIds } from '../lib/tinylm/score.ts';
import { loadTokenizer, type TinyTokenizer } from '../lib/tokenizer/tokenizer.ts';
import { gpt2ParamCount } from '../lib/train/gpt2.ts';
import { fromHfConfig } from '../lib/train/hf-config.ts';
import { fill, type CapitalsData, type PassagesData } from './corpus.ts';
import { modelIndex } from './model-index.ts';
import { logSumExp } from '../lib/tinylm/distribution.ts';
import { drawPeople, WORLD_SPEC } from '../lib/world/world.ts';
import { measureCapacity, type ChoiceModel } from '../lib/world/capacity.ts';
import { MIXTURE } from './train.ts';
import { commonPrefix, extract, type Extraction, type GreedyModel } from '../lib/analysis/memorization.ts';

/** Greedy continuation of `prompt` until it is at least `minChars` long (or `maxTokens` tokens). */
export function greedyContinue(runner: GptRunner, tokenizer: TinyTokenizer, prompt: string, minChars: number, maxTokens: number): string {
  const promptIds = tokenizer.encode(prompt);
  const ids = [...promptIds];
  runner.reset();
  for (let n = 0; n < maxTokens && ids.length < runner.config.contextLength; n++) {
    const logits = runner.nextLogits(ids);
    let best = 0;
    for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
    ids.push(best);
    if (tokenizer.decode(ids.slice(promptIds.length)).length >= minChars) break;
  }
  return tokenizer.decode(ids.slice(promptIds.length));
}

export { commonPrefix };

/** The runner as the extraction test sees it: argmax of the next logits, and the tokenizer's text. */
export function greedyModel(runner: GptRunner, tokenizer: TinyTokenizer): GreedyModel {
  return {
    next(ids) {
      const logits = runner.nextLogits([...ids]);
      let best = 0;
      for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
      return best;
    },
    decode: (ids) => tokenizer.decode([...ids]),
  };
}

/** The extraction test on one passage (src/lib/analysis/memorization.ts: the one definition the browser probe shares). */
export async function probePassage(runner: GptRunner, tokenizer: TinyTokenizer, prompt: string, completion: string): Promise<Extraction> {
  runner.reset();
  return extract(greedyModel(runner, tokenizer), tokenizer.encode(prompt), completion, { maxTokens: 120, contextLength: runner.config.contextLength });
}

interface Tally { repeats: number; n: number; correct: number; rate: number }

function tally(rows: { repeats: number; correct: boolean }[]): Tally[] {
  const by = new Map<number, { n: number; correct: number }>();
  for (const r of rows) {
    const t = by.get(r.repeats) ?? { n: 0, correct: 0 };
    t.n += 1;
    if (r.correct) t.correct += 1;
    by.set(r.repeats, t);
  }
  return [...by].sort((a, b) => b[0] - a[0]).map(([repeats, t]) => ({ repeats, ...t, rate: Math.round((t.correct / t.n) * 1000) / 1000 }));
}

/** Bits per UTF-8 byte of `text` under the model (the first token, predicted from nothing, is left out). */
export async function bitsPerByte(runner: GptRunner, tokenizer: TinyTokenizer, text: string): Promise<number> {
  const ids = tokenizer.encode(text);
  runner.reset();
  const scores = await scoreIds(runner, ids, { topK: 1, sliceMs: 1e9 });
  const nats = -scores.reduce((s, t) => s + t.logprob, 0);
  const bytes = new TextEncoder().encode(tokenizer.decode(ids.slice(1))).length;
  return nats / Math.LN2 / bytes;
}

/** Characters of the (shuffled) corpus scored for training-text bits per byte: enough to be representative, cheap for six models. */
export const TRAIN_SAMPLE_CHARS = 12_000;

/** The corpus's opening documents, cut at a document boundary. */
export function trainingSample(corpus: string): string {
  const cut = corpus.lastIndexOf('\n\n', TRAIN_SAMPLE_CHARS);
  return cut > 0 ? corpus.slice(0, cut + 1) : corpus.slice(0, TRAIN_SAMPLE_CHARS);
}

/** The model as the capacity measure sees it: exact log-probabilities of continuations, and greedy decoding. */
export function choiceModel(runner: GptRunner, tokenizer: TinyTokenizer): ChoiceModel {
  return {
    logProbs(prompt, continuations) {
      const promptIds = tokenizer.encode(prompt);
      const seqs = continuations.map((c, i) => ({ i, ids: tokenizer.encode(c) }));
      // Neighbours share prefixes (years share "19"), so the runner's cache reuses most of the work.
      seqs.sort((a, b) => a.ids.join(',').localeCompare(b.ids.join(',')));
      const out = new Array<number>(continuations.length).fill(0);
      runner.reset();
      for (const { i, ids } of seqs) {
        let lp = 0;
        for (let k = 0; k < ids.length; k++) {
          const logits = runner.nextLogits([...promptIds, ...ids.slice(0, k)]);
          lp += logits[ids[k]!]! - logSumExp(logits);
        }
        out[i] = lp;
      }
      return out;
    },
    greedy: (prompt, minChars) => greedyContinue(runner, tokenizer, prompt, minChars, 8),
  };
}

/** The top `k` next tokens after `prompt`, decoded. */
export function topTokens(runner: GptRunner, tokenizer: TinyTokenizer, prompt: string, k: number): string[] {
  runner.reset();
  const logits = runner.nextLogits(tokenizer.encode(prompt));
  return [...logits.keys()].sort((a, b) => logits[b]! - logits[a]!).slice(0, k).map((id) => tokenizer.decode([id]));
}

/** The seed's three demos, as the playground runs them (its presets): does the model do each? */
export function seedDemos(runner: GptRunner, tokenizer: TinyTokenizer): Record<string, { ok: boolean; shows: string[] | string }> {
  const france = topTokens(runner, tokenizer, '法国的首都是', 5);
  const hello = topTokens(runner, tokenizer, '你好', 5);
  const recipe = greedyContinue(runner, tokenizer, '怎么做红烧肉?', 16, 24);
  return {
    france: { ok: france.includes('巴黎'), shows: france },
    hello: { ok: hello.some((t) => /^(!|！|吗|,|，)/.test(t)), shows: hello },
    recipe: { ok: /怎么做.+[?？]/.test(recipe), shows: recipe },
  };
}

/** People per exposure group scored for capacity (all four attributes, both languages). */
export const CAPACITY_SAMPLE = 25;

/** What the model read: the corpus, its size, and how many tokens training showed it (from train-log.json). */
export function trainingData(dir: string): Record<string, unknown> {
  const log = JSON.parse(readFileSync(`${dir}/train-log.json`, 'utf8')) as { corpus?: string; corpusTokens: number; tokensPerStep: number; stepsDone?: number; steps: number; mixture?: unknown };
  const corpus = log.corpus ?? 'public/corpus/corpus.txt';
  const large = corpus.endsWith('.gz');
  const manifest = JSON.parse(readFileSync(large ? corpus.replace('corpus.txt.gz', 'manifest.json') : 'public/corpus/manifest.json', 'utf8')) as { bytes: number };
  return {
    corpus,
    corpus_bytes: manifest.bytes,
    corpus_file_bytes: statSync(corpus).size,
    corpus_tokens: log.corpusTokens,
    tokens_seen: log.tokensPerStep * (log.stepsDone ?? log.steps),
    ...(log.mixture ? { mixture: { weights: MIXTURE, sections: log.mixture } } : {}),
  };
}

/** Every measurement for one model folder. */
export async function evaluateModel(dir: string, capacitySample = CAPACITY_SAMPLE): Promise<Record<string, unknown>> {
  const rawConfig = JSON.parse(readFileSync(`${dir}/config.json`, 'utf8')) as Record<string, unknown>;
  const config = parseGptConfig(rawConfig);
  const gpt2Params = () => gpt2ParamCount(fromHfConfig(rawConfig));
  const { weights, precision } = loadGptWeights(new Uint8Array(readFileSync(`${dir}/model.safetensors`)), config);
  const runner = createGptRunner(weights, config);
  const tokenizer = loadTokenizer(JSON.parse(readFileSync(`${dir}/tokenizer.json`, 'utf8')) as object);
  const capitals = JSON.parse(readFileSync('data/capitals.json', 'utf8')) as CapitalsData;
  const passages = JSON.parse(readFileSync('data/passages.json', 'utf8')) as PassagesData;

  const facts = capitals.facts.flatMap((f) => (['zh', 'en'] as const).map((lang) => {
    const values = { zc: f.zc, zk: f.zk, ec: f.ec, ek: f.ek };
    const prompt = fill(lang === 'zh' ? capitals.zhPrompt : capitals.enPrompt, values);
    const expected = lang === 'zh' ? f.zk : ` ${f.ek}`;
    const output = greedyContinue(runner, tokenizer, prompt, expected.length + 1, 16);
    return { lang, country: f.ec, repeats: f.repeats, prompt, expected, output, correct: output.startsWith(expected) };
  }));

  const probes = [];
  for (const p of [
    ...passages.passages.map((p) => ({ id: p.id ?? '', kind: 'passage', ...p })),
    ...passages.canaries.map((c, i) => ({ ...c, id: `canary-${i}`, kind: 'canary' })),
  ]) {
    const x = await probePassage(runner, tokenizer, p.prompt, p.completion);
    const total = [...p.completion].length;
    probes.push({ id: p.id, kind: p.kind, lang: p.lang, repeats: p.repeats, prompt: p.prompt, completion: p.completion, output: x.output, correct: x.memorized, prefixMatch: Math.round((x.matchedChars / total) * 1000) / 1000 });
  }

  const people = drawPeople(WORLD_SPEC);
  const capacity = measureCapacity(choiceModel(runner, tokenizer), people, capacitySample);
  const params = gpt2Params();
  const demos = seedDemos(runner, tokenizer);
  const train = await bitsPerByte(runner, tokenizer, trainingSample(readFileSync('public/corpus/corpus.txt', 'utf8')));
  const unseen = await bitsPerByte(runner, tokenizer, readFileSync('data/unseen.txt', 'utf8'));
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const { facts: worldFacts, ...capacitySummary } = capacity;
  const data = trainingData(dir) as { tokens_seen: number; mixture?: { weights: Record<string, number>; sections: { section: string; tokens: number }[] } };
  // Expected exposures of each fact in training: a person's appearances × the passes training made over the world section.
  const world = data.mixture?.sections.find((x) => x.section === 'world');
  const passes = world ? (data.tokens_seen * (data.mixture!.weights.world ?? 0)) / world.tokens : 0;
  for (const g of capacitySummary.groups) Object.assign(g, { exposures: Math.round(g.appearances * passes * 1000) / 1000 });
  return {
    ...data,
    params,
    precision,
    bytes: statSync(`${dir}/model.safetensors`).size,
    capacity: {
      ...capacitySummary,
      bits_per_param: Math.round((capacitySummary.bits / params) * 1e5) / 1e5,
      method: `Allen-Zhu & Li (arXiv:2404.05405): per attribute, log₂(set size) minus the model's cross-entropy of the true value after the probe prompt (first phrasing, zh and en averaged), clamped at 0 per attribute over each exposure group, summed and scaled to the group's size; ${capacitySample} people per group (src/lib/world/capacity.ts). bitsInSet: the same with p renormalised over the set's values.`,
    },
    hallucination: { ...capacity.hallucination, method: 'greedy answers to the world probes that are wrong: a value of the attribute\'s set (plausible) or anything else (noise)' },
    demos,
    worldFacts: worldFacts.filter((f) => f.person % 10 === 0).map((f) => ({ ...f, crossEntropyBits: Math.round(f.crossEntropyBits * 100) / 100, crossEntropyInSetBits: Math.round(f.crossEntropyInSetBits * 100) / 100, gain: Math.round(f.gain * 100) / 100, gainInSet: Math.round(f.gainInSet * 100) / 100, maxBits: Math.round(f.maxBits * 100) / 100 })),
    factRecall: { zh: tally(facts.filter((f) => f.lang === 'zh')), en: tally(facts.filter((f) => f.lang === 'en')) },
    memorization: tally(probes),
    bitsPerByte: { train: round(train), unseen: round(unseen) },
    facts,
    probes,
    method: `greedy decoding with src/lib/tinylm; exact match of the expected continuation; bits per byte = −Σ log₂ p(token) / UTF-8 bytes, on the corpus's first ${TRAIN_SAMPLE_CHARS} characters (cut at a document boundary) and on data/unseen.txt (src/tools/eval.ts)`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `--sample N`: people per exposure group for the capacity measure (default CAPACITY_SAMPLE).
  const args = process.argv.slice(2);
  const at = args.indexOf('--sample');
  const sample = at >= 0 ? Number(args[at + 1]) : CAPACITY_SAMPLE;
  const wanted = at >= 0 ? args.filter((_, i) => i !== at && i !== at + 1) : args;
  for (const entry of modelIndex()) {
    if (wanted.length > 0 && !wanted.includes(entry.id)) continue;
    const dir = `public/models/${entry.id}`;
    const t0 = Date.now();
    const result = { model: entry.id, ...(await evaluateModel(dir, sample)) };
    writeFileSync(`${dir}/eval.json`, `${JSON.stringify(result, null, 1)}\n`);
    const r = result as unknown as { factRecall: { zh: Tally[]; en: Tally[] }; memorization: Tally[]; bitsPerByte: { train: number; unseen: number } };
    console.log(`${entry.id} (${((Date.now() - t0) / 1000).toFixed(1)} s): bpb train ${r.bitsPerByte.train} unseen ${r.bitsPerByte.unseen}`);
    console.log(`  facts zh ${r.factRecall.zh.map((t) => `${t.repeats}×:${t.correct}/${t.n}`).join(' ')}`);
    console.log(`  facts en ${r.factRecall.en.map((t) => `${t.repeats}×:${t.correct}/${t.n}`).join(' ')}`);
    console.log(`  memorized ${r.memorization.map((t) => `${t.repeats}×:${t.correct}/${t.n}`).join(' ')}`);
    const c = result as unknown as { capacity: { bits: number; bits_per_param: number; recall: number; groups: { appearances: number; bitsPerPerson: number; recall: number }[] }; hallucination: { wrong: number; plausible: number; noise: number }; demos: Record<string, { ok: boolean }> };
    console.log(`  capacity ${c.capacity.bits} bits (${c.capacity.bits_per_param} per param), recall ${c.capacity.recall}; ${c.capacity.groups.map((g) => `${g.appearances}×: ${g.bitsPerPerson} bits/person, recall ${g.recall}`).join('; ')}`);
    console.log(`  hallucinations: ${c.hallucination.wrong} wrong, ${c.hallucination.plausible} plausible, ${c.hallucination.noise} noise; demos ${Object.entries(c.demos).map(([k, v]) => `${k}:${v.ok}`).join(' ')}`);
  }
}
