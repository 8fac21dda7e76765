/** Turns a classified failure and progress numbers into sentences, in the reader's language. */
import type { Failure } from '../../lib/webllm/errors.ts';
import type { GpuFacts } from '../../lib/webllm/preflight.ts';
import { formatBytes } from '../../lib/format/number.ts';
import type { PanelStrings } from './webllm.strings.ts';

/** Title and body of a failure notice; `link` is set when the browser-support page helps. */
export interface FailureText {
  title: string;
  body: string;
  link?: boolean;
}

/** What the failure means for this reader; storage numbers come from the preflight when known. */
export function describeFailure(
  failure: Failure,
  t: PanelStrings,
  context: { needBytes?: number; freeBytes?: number; gpu?: GpuFacts | null } = {},
): FailureText {
  const url = failure.url ?? '';
  switch (failure.code) {
    case 'no-webgpu': {
      const gpu = context.gpu;
      const why =
        gpu && !gpu.available && gpu.reason === 'insecure-context'
          ? t.failInsecure
          : gpu && !gpu.available && gpu.reason === 'no-adapter'
            ? t.failNoAdapter
            : t.failNoWebgpuBody;
      return { title: t.failNoWebgpu, body: `${why} ${t.keepBuiltIn}`, link: true };
    }
    case 'no-shader-f16':
      return { title: t.failNoF16, body: t.failNoF16Body };
    case 'not-found':
      return { title: t.failNotFound, body: t.failNotFoundBody(url) };
    case 'http':
      return { title: t.failHttp(failure.status ?? 0), body: t.failHttpBody(url) };
    case 'network':
      return { title: t.failNetwork, body: t.failNetworkBody(url) };
    case 'cancelled':
      return { title: t.failCancelled, body: t.failCancelledBody };
    case 'quota':
      return {
        title: t.failQuota,
        body: t.failQuotaBody(
          context.needBytes === undefined ? t.unknown : formatBytes(context.needBytes),
          context.freeBytes === undefined ? t.unknown : formatBytes(context.freeBytes),
        ),
      };
    case 'device-lost':
      return { title: t.failDeviceLost, body: t.failDeviceLostBody };
    case 'device-lost-loaded':
      return { title: t.failDeviceLostLoaded, body: t.failDeviceLostLoadedBody };
    case 'no-adapter':
      return { title: t.failNoAdapterTitle, body: `${t.failNoAdapter} ${t.keepBuiltIn}`, link: true };
    case 'gpu-limits':
      return { title: t.failGpuLimits, body: `${t.failGpuLimitsBody} ${t.keepBuiltIn}`, link: true };
    case 'context-window':
      return { title: t.failContextWindow, body: t.failContextWindowBody };
    case 'storage-blocked':
      return { title: t.failStorageBlocked, body: t.failStorageBlockedBody };
    case 'unreachable':
      return { title: t.failUnreachable, body: t.failUnreachableBody(url) };
    case 'worker-died':
      return { title: t.failWorkerDied, body: t.failWorkerDiedBody };
    case 'unknown':
      return { title: t.failUnknown, body: t.failUnknownBody };
  }
}

/** "about 3 min" from seconds, rounded to what a reader cares about. */
export function formatDuration(seconds: number, t: PanelStrings): string {
  if (seconds < 90) return t.seconds(Math.max(1, Math.round(seconds / 5) * 5));
  if (seconds < 90 * 60) return t.minutes(Math.round(seconds / 60));
  return t.hours(Math.round(seconds / 360) / 10);
}
