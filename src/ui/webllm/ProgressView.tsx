import { formatBytes } from '../../lib/format/number.ts';
import type { ParsedProgress } from '../../lib/webllm/progress.ts';
import { formatDuration } from './failure-message.ts';
import type { PanelStrings } from './webllm.strings.ts';

/** Props of the progress bar. */
export interface ProgressViewProps {
  progress: ParsedProgress;
  t: PanelStrings;
  onCancel: () => void;
  /** Names the model when several load side by side. */
  label?: string;
}

/** A progress bar with percent, bytes and time left, and a cancel button. */
export function ProgressView({ progress, t, onCancel, label }: ProgressViewProps) {
  const percent = Math.floor(progress.fraction * 100);
  const phase =
    progress.phase === 'download' ? t.phaseDownload : progress.phase === 'from-cache' ? t.phaseFromCache : t.phasePrepare;
  const bytes =
    progress.loadedBytes === undefined
      ? ''
      : progress.totalBytes !== undefined
        ? t.progressBytes(formatBytes(progress.loadedBytes), formatBytes(progress.totalBytes))
        : t.progressBytesOnly(formatBytes(progress.loadedBytes));
  const left = progress.secondsLeft === undefined ? '' : t.timeLeft(formatDuration(progress.secondsLeft, t));
  const summary = [`${percent}%`, bytes, left].filter(Boolean).join(' · ');
  return (
    <div class="webllm-progress" data-testid="webllm-progress">
      <div class="webllm-progress-head">
        <span>{label ? `${label}: ${phase}` : phase}</span>
        <button type="button" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
      <progress max={100} value={percent} aria-label={label ? `${t.progressLabel}: ${label}` : t.progressLabel} aria-valuetext={summary} />
      <p class="webllm-progress-text" data-testid="webllm-progress-text">
        {summary}
      </p>
    </div>
  );
}
