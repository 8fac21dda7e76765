import { useMemo } from 'preact/hooks';
import type { Lang } from '../../i18n/lang.ts';
import { formatBytes, formatCount } from '../../lib/format/number.ts';
import { createModelSizeModel, LOG_MAX, LOG_MIN } from './model-size.model.ts';
import { strings } from './model-size.strings.ts';
import './model-size.css';
import { withIslandBoundary } from '../../ui/IslandBoundary.tsx';

/** Props the static wrapper passes in. */
export interface ModelSizeProps {
  lang: Lang;
  initialParams?: number;
}

/** Slider: parameters × bytes per parameter for FP32, FP16, INT8 and 4-bit. */
function ModelSize({ lang, initialParams }: ModelSizeProps) {
  const model = useMemo(() => createModelSizeModel(initialParams), []);
  const t = strings[lang];
  const sizes = model.sizes.value;
  const largest = Math.max(...sizes.map((s) => s.bytes));
  const sliderId = `model-size-${lang}`;

  return (
    <div class="model-size" data-testid="model-size">
      <label for={sliderId}>
        {t.slider}: <output data-testid="model-size-params">{formatCount(model.parameters.value, lang)}</output>
      </label>
      <input
        id={sliderId}
        type="range"
        min={LOG_MIN}
        max={LOG_MAX}
        step={0.01}
        value={model.log10Params.value}
        aria-valuetext={formatCount(model.parameters.value, lang)}
        onInput={(e) => model.setLog10(Number(e.currentTarget.value))}
      />
      <table>
        <thead>
          <tr>
            <th scope="col">{t.precision}</th>
            <th scope="col">{t.bits}</th>
            <th scope="col">{t.size}</th>
          </tr>
        </thead>
        <tbody>
          {sizes.map((s) => (
            <tr key={s.precision} data-precision={s.precision}>
              <th scope="row">{s.label}</th>
              <td>{s.bits}</td>
              <td>
                <span class="model-size-bar" style={{ width: `${(s.bytes / largest) * 100}%` }} aria-hidden="true" />
                <output>{formatBytes(s.bytes)}</output>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="model-size-note">{t.note}</p>
    </div>
  );
}

/** The island's entry: wrapped so that a failure shows a notice with a reset, not a blank. */
export default withIslandBoundary(ModelSize, { name: 'ModelSize' });
