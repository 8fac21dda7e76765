import type { Lang } from '../i18n/lang.ts';
import type { ParsedQuantity } from '../lib/format/parse-quantity.ts';
import { quantityStrings } from './quantity.strings.ts';
import './quantity-field.css';

/** Props of a calculator's number field. */
export interface QuantityFieldProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  parsed: ParsedQuantity;
  /** Bounds as the reader should read them in a message ("1", "1,000T"). */
  minText: string;
  maxText: string;
  lang: Lang;
  onInput: (value: string) => void;
}

/**
 * A text field for a number with units ("15T", "80 亿"): text, not type=number, because number
 * inputs refuse units and report "" for what they cannot parse, hiding the reader's mistake.
 */
export function QuantityField(p: QuantityFieldProps) {
  const errorId = `${p.id}-error`;
  const hintId = `${p.id}-hint`;
  const problem = p.parsed.ok ? null : p.parsed.problem;
  const message = problem
    ? quantityStrings[p.lang][problem](problem === 'too-small' ? p.minText : p.maxText)
    : '';
  const describedBy = [p.hint ? hintId : '', problem ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="calc-field">
      <label for={p.id}>{p.label}</label>
      <input
        id={p.id}
        type="text"
        inputMode="decimal"
        autocomplete="off"
        spellcheck={false}
        value={p.value}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={describedBy}
        onInput={(e) => p.onInput(e.currentTarget.value)}
      />
      {p.hint && (
        <small id={hintId} class="calc-hint">
          {p.hint}
        </small>
      )}
      {problem && (
        <small id={errorId} class="calc-error" role="alert">
          {message}
        </small>
      )}
    </div>
  );
}
