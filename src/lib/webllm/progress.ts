/**
 * Turns WebLLM's init-progress reports into numbers a progress bar can show. WebLLM reports a
 * fraction and a sentence ("Fetching param cache[3/22]: 120MB fetched. 15% completed, 20 secs
 * elapsed. …"); bytes live only in the sentence, so they are parsed out of it here.
 */
import type { LoadProgress } from '../engine/types.ts';

/** A WebLLM `InitProgressReport`, as plain data. */
export interface InitReport {
  progress: number;
  timeElapsed: number;
  text: string;
}

/** What the loader is doing: downloading, copying from the cache to the GPU, or compiling. */
export type LoadPhase = 'download' | 'from-cache' | 'prepare';

/** A progress report with the phase, bytes and an estimate of the time left. */
export interface ParsedProgress extends LoadProgress {
  phase: LoadPhase;
  /** Seconds left at the rate so far; undefined until there is a rate to go by. */
  secondsLeft?: number;
}

const MIB = 1024 * 1024;
const BYTES = /(\d+(?:\.\d+)?)\s*MB (fetched|loaded)/;

/**
 * Parses one report. `elapsedSeconds` is the page's own clock since the reader clicked (WebLLM's
 * `timeElapsed` is whole seconds and restarts per phase), used for the time-left estimate.
 */
export function parseProgress(report: InitReport, elapsedSeconds: number): ParsedProgress {
  const fraction = Number.isFinite(report.progress) ? Math.min(1, Math.max(0, report.progress)) : 0;
  const match = BYTES.exec(report.text);
  const phase: LoadPhase = match
    ? match[2] === 'fetched'
      ? 'download'
      : 'from-cache'
    : /^Fetching param cache|Start to fetch/.test(report.text)
      ? 'download'
      : 'prepare';
  const out: ParsedProgress = { fraction, phase, text: report.text };
  if (match) {
    out.loadedBytes = Math.round(Number(match[1]) * MIB);
    if (fraction > 0) out.totalBytes = Math.round(out.loadedBytes / fraction);
  }
  if (phase === 'download' && fraction > 0 && fraction < 1 && elapsedSeconds > 0) {
    out.secondsLeft = Math.max(0, Math.round((elapsedSeconds * (1 - fraction)) / fraction));
  }
  return out;
}

/**
 * One progress figure from two sources: our own byte count of every file downloaded (fine-grained,
 * includes the model library) and WebLLM's reports (which also cover reading from the cache and
 * compiling). While downloading, bytes rule; the total is WebLLM's once it knows it, else the
 * estimate the preflight showed.
 */
export function combineProgress(
  webllm: ParsedProgress | null,
  downloadedBytes: number,
  expectedBytes: number | undefined,
  elapsedSeconds: number,
): ParsedProgress {
  if (webllm && webllm.phase !== 'download') return webllm;
  const totalBytes = webllm?.totalBytes ?? expectedBytes;
  const out: ParsedProgress = { phase: 'download', fraction: 0, loadedBytes: downloadedBytes };
  if (webllm?.text) out.text = webllm.text;
  if (totalBytes !== undefined && totalBytes > 0) {
    out.totalBytes = Math.max(totalBytes, downloadedBytes);
    out.fraction = Math.min(1, downloadedBytes / out.totalBytes);
    if (downloadedBytes > 0 && elapsedSeconds > 0 && out.fraction < 1) {
      out.secondsLeft = Math.round((elapsedSeconds * (out.totalBytes - downloadedBytes)) / downloadedBytes);
    }
  }
  return out;
}
