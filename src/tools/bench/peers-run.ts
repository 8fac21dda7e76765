/**
 * `npm run bench-peers`: our engine against llama.cpp (wllama, single thread) and ONNX Runtime
 * Web (WASM, one thread) on the same weights in the same Chromium run: per model and runtime the
 * load time, first prediction, prefill and decode tokens/s, each runtime's download size, and our
 * matmul kernel against the single-thread WASM SIMD peak (peak.ts). Prints markdown;
 * `--out FILE` also rewrites FILE's "peers" section; `--models a,b` picks models; `--repeats N`.
 * The GGUF and ONNX files are exported afresh into a temporary folder first.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { modelsDir, readModelIndex } from '../../cli/_tinylm.ts';
import { exportModel } from '../export-models.ts';
import { runPeersPage, runtimeDownloadBytes } from './peers.ts';
import type { RuntimeSpeed } from './peers-page.ts';
import { writeResultsSection } from '../../../scripts/results-section.mjs';

const RUNTIMES = ['ours', 'wllama', 'ort'] as const;
const LABEL = { ours: 'ours', wllama: 'llama.cpp (wllama 2.4)', ort: 'ONNX Runtime Web' } as const;

const f0 = (x: number) => Math.round(x).toLocaleString('en-US');
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

async function main(args: string[]): Promise<void> {
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const index = await readModelIndex();
  const ids = opt('--models')?.split(',') ?? index.map((m) => m.id);
  for (const id of ids) if (!index.some((m) => m.id === id)) throw new Error(`unknown model "${id}"`);
  const repeats = Number(opt('--repeats') ?? 5);
  const out = opt('--out');

  const root = mkdtempSync(join(tmpdir(), 'bench-peers-'));
  try {
    for (const id of ids) {
      mkdirSync(join(root, id));
      for (const f of ['config.json', 'tokenizer.json', 'model.safetensors']) copyFileSync(join(modelsDir(), id, f), join(root, id, f));
      exportModel(id, join(root, id));
    }
    process.stderr.write(`measuring ${ids.join(', ')} in Chromium with three runtimes…\n`);
    const r = await runPeersPage('bench', ids, root, repeats);
    const sizes = await runtimeDownloadBytes();

    const lines = [
      `\`npm run bench-peers\` (src/tools/bench/peers-run.ts), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Same weights (the GGUF and ONNX exports of each model, f32), same Chromium page, one thread each: our engine on the page's thread, wllama 2.4 single-thread build, onnxruntime-web ${'1.31'} WASM with numThreads 1. ${r.tokens} tokens; median of ${repeats}.`,
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; load average at the end ${loadavg().map(f1).join(' / ')} (other jobs share these cores).`,
      '',
      `Single-thread WASM SIMD peak (peak.ts: 12 f32x4 mul+add chains in registers): **${f2(r.peakGflops)} GFLOP/s**. Our engine's matmul kernel in the same page: ${f2(r.engine.matmul)} GFLOP/s on 64×512·512×2048 (${f2(r.peakGflops / r.engine.matmul)}× below the peak), ${f2(r.engine.matvec)} GFLOP/s on 1×512·512×2048 (${f2(r.peakGflops / r.engine.matvec)}×).`,
      '',
      '| runtime | download (gzip, without the model) |',
      '|---|---:|',
      ...RUNTIMES.map((k) => `| ${LABEL[k]} | ${f1(sizes[k] / 1024)} KB |`),
      '',
      '| model | runtime | load ms | first prediction ms | prefill tok/s | decode tok/s |',
      '|---|---|---:|---:|---:|---:|',
    ];
    for (const id of ids) {
      const m = r.models[id]!;
      for (const k of RUNTIMES) {
        const s: RuntimeSpeed = m[k];
        lines.push(`| ${id} | ${LABEL[k]} | ${f0(s.loadMs)} | ${f0(s.firstPredictionMs)} | ${f0(s.prefillTokensPerSecond)} | ${f0(s.decodeTokensPerSecond)} |`);
      }
    }
    lines.push(
      '',
      'Ratios ours ÷ peer (times: below 1 means ours is faster; rates and sizes: tokens/s above 1 means ours is faster, download below 1 means ours is smaller):',
      '',
      '| model | vs | load | first prediction | prefill | decode | download |',
      '|---|---|---:|---:|---:|---:|---:|',
    );
    for (const id of ids) {
      const m = r.models[id]!;
      for (const k of ['wllama', 'ort'] as const) {
        const o = m.ours;
        const p = m[k];
        lines.push(
          `| ${id} | ${LABEL[k]} | ${f2(o.loadMs / p.loadMs)} | ${f2(o.firstPredictionMs / p.firstPredictionMs)} | ${f2(o.prefillTokensPerSecond / p.prefillTokensPerSecond)} | ${f2(o.decodeTokensPerSecond / p.decodeTokensPerSecond)} | ${f2(sizes.ours / sizes[k])} |`,
        );
      }
    }
    const md = lines.join('\n');
    process.stdout.write(`${md}\n`);
    if (out) writeResultsSection(out, 'peers', `## Our engine against llama.cpp and ONNX Runtime (npm run bench-peers)\n\n${md}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
