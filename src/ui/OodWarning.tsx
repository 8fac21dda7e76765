/**
 * The out-of-distribution warning: shown when a text costs the built-in model far more bits per
 * byte than new text of the kind it was trained on (src/lib/sampling/out-of-distribution.ts says
 * where the threshold comes from). `OodWarning` draws a verdict; `PromptOod` scores a prompt's
 * token ids with the engine first (the playground, which has no scores of its own).
 */
import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../i18n/lang.ts';
import type { Engine } from '../lib/engine/types.ts';
import { oodVerdict, type OodReference, type OodVerdict } from '../lib/sampling/out-of-distribution.ts';
import { formatBits } from './token-display.ts';
import { oodStrings } from './ood-warning.strings.ts';
import './notice.css';

/** The warning for a verdict, or nothing when the text is not far outside. */
export function OodWarning({ verdict, reference, lang }: { verdict: OodVerdict | null; reference: OodReference; lang: Lang }) {
  if (!verdict?.far) return null;
  const t = oodStrings[lang];
  return (
    <p class="notice-warning" role="status" data-testid="ood-warning">
      <strong>{t.title}</strong>
      {lang === 'zh' ? '：' : ': '}
      {t.body(formatBits(verdict.bitsPerByte), reference.model, formatBits(reference.unseen), formatBits(reference.train), formatBits(verdict.threshold))}
    </p>
  );
}

/** Scores `ids` with the engine (the first token is given) and warns when they are far outside. */
export function PromptOod({ ids, getEngine, reference, lang }: { ids: readonly number[]; getEngine: () => Promise<Engine>; reference: OodReference; lang: Lang }) {
  const [verdict, setVerdict] = useState<OodVerdict | null>(null);
  const key = ids.join(',');
  useEffect(() => {
    setVerdict(null);
    if (ids.length < 2) return;
    const controller = new AbortController();
    const list = [...ids];
    void (async () => {
      try {
        const engine = await getEngine();
        const [scores, bytes] = await Promise.all([
          engine.score(list, { topK: 1, signal: controller.signal }),
          engine.tokenBytes ? engine.tokenBytes(list) : engine.tokenTexts(list).then((texts) => texts.map((s) => new TextEncoder().encode(s))),
        ]);
        if (controller.signal.aborted) return;
        setVerdict(oodVerdict(scores.map((s) => s.logprob), bytes.slice(1).map((b) => b.length), reference));
      } catch {
        // A failed or aborted check shows no warning; the playground reports its own errors.
      }
    })();
    return () => controller.abort();
  }, [key]);
  return <OodWarning verdict={verdict} reference={reference} lang={lang} />;
}
