// Copies one WebLLM model (weights, tokenizer, config and its compiled model library) into a
// folder ready to upload to any static host, for PUBLIC_WEBLLM_MODEL_BASE / PUBLIC_WEBLLM_LIB_BASE
// (docs/webllm.md). Run with Node 24 (it imports the site's TypeScript config):
//
//   npx node scripts/copy-webllm-model.mjs <model-id> <out-dir> [--from URL|DIR] [--lib-from URL|DIR]
//
// <model-id> is WebLLM's id (phi-1_5-q4f32_1-MLC) or our key plus a build (phi-1_5:q4f16_1).
// --from / --lib-from read from another mirror or a local folder (e.g. a `git clone` of the
// Hugging Face repository) instead of WebLLM's default hosts. Files already copied with the right
// size are skipped, so an interrupted copy resumes. The layout written is
//   <out-dir>/models/<repo>/resolve/main/<files>   and   <out-dir>/libs/<library>.wasm
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DEFAULT_LIB_BASE, DEFAULT_MODEL_BASE, MODELS } from '../src/lib/webllm/models.ts';
import { CHAT_CONFIG, modelFiles, TENSOR_CACHE } from '../src/lib/webllm/model-files.ts';

function fail(message) {
  console.error(`error: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const positional = [];
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--from' || argv[i] === '--lib-from') {
      if (!argv[i + 1]) fail(`${argv[i]} needs a value`);
      options[argv[i].slice(2)] = argv[++i];
    } else if (argv[i].startsWith('--')) fail(`unknown option ${argv[i]}`);
    else positional.push(argv[i]);
  }
  if (positional.length !== 2) {
    fail('usage: copy-webllm-model.mjs <model-id> <out-dir> [--from URL|DIR] [--lib-from URL|DIR]');
  }
  return { id: positional[0], out: resolve(positional[1]), from: options.from, libFrom: options['lib-from'] };
}

/** Finds the variant for a WebLLM id or "key:quantization". */
function findVariant(id) {
  for (const model of MODELS) {
    for (const variant of Object.values(model.variants)) {
      if (variant.modelId === id || `${model.key}:${variant.quantization}` === id) return { model, variant };
    }
  }
  const known = MODELS.flatMap((m) => Object.values(m.variants).map((v) => v.modelId)).join(', ');
  return fail(`unknown model "${id}"; known: ${known}`);
}

const isUrl = (s) => /^https?:\/\//.test(s);

/** Where one file comes from: a URL or a local path. */
function source(base, relative) {
  return isUrl(base) ? new URL(relative, base.endsWith('/') ? base : `${base}/`).href : join(base, relative);
}

async function readJson(from) {
  if (!isUrl(from)) return JSON.parse(await readFile(from, 'utf8'));
  const res = await fetch(from);
  if (!res.ok) fail(`HTTP ${res.status} for ${from}`);
  return res.json();
}

/** Copies one file unless a copy of the right size is there; writes to .part, then renames. */
async function copyOne(from, to, bytes) {
  if (existsSync(to) && (bytes === undefined || statSync(to).size === bytes)) return 'kept';
  await mkdir(dirname(to), { recursive: true });
  const part = `${to}.part`;
  if (isUrl(from)) {
    const res = await fetch(from);
    if (!res.ok || !res.body) fail(`HTTP ${res.status} for ${from}`);
    await pipeline(Readable.fromWeb(res.body), createWriteStream(part));
  } else {
    if (!existsSync(from)) fail(`missing file ${from}`);
    await copyFile(from, part);
  }
  const size = statSync(part).size;
  if (bytes !== undefined && size !== bytes) fail(`${from}: got ${size} bytes, the manifest says ${bytes}`);
  await rename(part, to);
  return 'copied';
}

const args = parseArgs(process.argv.slice(2));
const { model, variant } = findVariant(args.id);
const modelFrom = args.from ?? source(DEFAULT_MODEL_BASE, `${variant.repo}/resolve/main/`);
const libFrom = args.libFrom ?? DEFAULT_LIB_BASE;
const modelOut = join(args.out, 'models', variant.repo, 'resolve', 'main');
const libOut = join(args.out, 'libs');

const chatConfig = await readJson(source(modelFrom, CHAT_CONFIG));
const tensorCache = await readJson(source(modelFrom, TENSOR_CACHE));
const files = modelFiles(chatConfig, tensorCache);
let total = 0;
for (const [i, file] of files.entries()) {
  const status = await copyOne(source(modelFrom, file.path), join(modelOut, file.path), file.bytes);
  total += statSync(join(modelOut, file.path)).size;
  console.error(`[${i + 1}/${files.length + 1}] ${status} ${file.path}`);
}
await copyOne(source(libFrom, variant.wasm), join(libOut, variant.wasm));
total += statSync(join(libOut, variant.wasm)).size;
console.error(`[${files.length + 1}/${files.length + 1}] ${variant.wasm}`);
console.log(
  JSON.stringify({
    model: model.key,
    modelId: variant.modelId,
    files: files.length + 1,
    bytes: total,
    upload: args.out,
    PUBLIC_WEBLLM_MODEL_BASE: '<where you upload>/models/',
    PUBLIC_WEBLLM_LIB_BASE: '<where you upload>/libs/',
  }),
);
