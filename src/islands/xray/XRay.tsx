import { useEffect, useId, useMemo } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import { fetchJson } from '../../lib/fetch-json.ts';
import { modelIndexSchema } from '../../lib/data/schemas.ts';
import { builtInEngine, DEFAULT_MODEL_ID } from './xray.engine.ts';
import { createXRayModel } from './xray.model.ts';
import { strings } from './xray.strings.ts';
import { XRayPanel } from './XRayPanel.tsx';
import './xray.css';
import { withIslandBoundary } from '../../ui/IslandBoundary.tsx';

/** Props the static wrapper passes in. */
export interface XRayProps {
  lang: Lang;
  /** Built-in model id shown first; tiny-m by default. */
  model?: string;
  /** The text traced first. */
  initialPrompt?: string;
  /** URL of public/models/index.json, for the model menu (without it, one model only). */
  modelIndexUrl?: string;
}

/** The forward-pass X-ray of the built-in model: hydrates when visible, then loads and traces. */
function XRay({ lang, model, initialPrompt, modelIndexUrl }: XRayProps) {
  const t = strings[lang];
  const uid = `xr${useId().replace(/[^\w-]/g, '')}`;
  const m = useMemo(
    () =>
      createXRayModel(
        {
          engine: (id) => builtInEngine(id),
          modelIndex: modelIndexUrl ? () => fetchJson(modelIndexUrl, modelIndexSchema) : undefined,
        },
        { prompt: initialPrompt ?? t.defaultPrompt, modelId: model ?? DEFAULT_MODEL_ID },
      ),
    [],
  );
  useEffect(() => {
    void m.start();
    return () => m.dispose();
  }, []);
  return <XRayPanel m={m} t={t} uid={uid} />;
}

/** The island's entry: wrapped so that a failure shows a notice with a reset, not a blank. */
export default withIslandBoundary(XRay, { name: 'XRay' });
