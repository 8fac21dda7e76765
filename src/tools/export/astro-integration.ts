/**
 * An Astro integration that writes every built-in model's GGUF and ONNX exports into the build
 * (dist/models/<id>/model.gguf, model.onnx) when it finishes, so the model card's download links
 * work on any host without committing derived binaries.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { modelsDir, readModelIndex } from '../../cli/_tinylm.ts';
import { exportModel } from '../export-models.ts';

export function modelExports(): AstroIntegration {
  return {
    name: 'model-exports',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(new URL('models/', dir));
        for (const m of await readModelIndex()) {
          const sizes = exportModel(m.id, join(modelsDir(), m.id), join(out, m.id));
          logger.info(`${m.id}: model.gguf ${sizes.gguf} B, model.onnx ${sizes.onnx} B`);
        }
      },
    },
  };
}
