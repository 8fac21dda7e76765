import type { ComponentChildren } from 'preact';
import type { Failure } from '../../lib/webllm/errors.ts';
import type { GpuFacts } from '../../lib/webllm/preflight.ts';
import { describeFailure } from './failure-message.ts';
import { WEBGPU_SUPPORT_URL, type PanelStrings } from './webllm.strings.ts';

/** Props of a failure notice. */
export interface FailureNoticeProps {
  failure: Failure;
  t: PanelStrings;
  context?: { needBytes?: number; freeBytes?: number; gpu?: GpuFacts | null };
  /** Buttons that fix it (resume, restart, smaller model…). */
  children?: ComponentChildren;
}

/** What went wrong, what to do, and the raw error for a bug report. A cancel is news, not an alarm. */
export function FailureNotice({ failure, t, context, children }: FailureNoticeProps) {
  const text = describeFailure(failure, t, context);
  const calm = failure.code === 'cancelled';
  return (
    <div
      class={`webllm-failure${calm ? ' is-calm' : ''}`}
      role={calm ? 'status' : 'alert'}
      data-testid="webllm-failure"
      data-code={failure.code}
    >
      <p class="webllm-failure-title">
        <strong>{text.title}</strong>
      </p>
      <p>{text.body}</p>
      {text.link && (
        <p>
          <a href={WEBGPU_SUPPORT_URL} rel="noopener" target="_blank">
            {t.supportLink}
          </a>
        </p>
      )}
      {children && <div class="webllm-actions">{children}</div>}
      {!calm && (
        <details>
          <summary>{t.details}</summary>
          <code>{failure.detail}</code>
        </details>
      )}
    </div>
  );
}
