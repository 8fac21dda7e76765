/**
 * How the X-ray writes tokens and numbers: whitespace made visible (a token " Paris" starts with
 * a space the reader must see), percentages with enough digits for small probabilities.
 */

/** A token's label with spaces, newlines and tabs drawn as visible marks; an empty token as ∅. */
export function visibleToken(label: string): string {
  if (label === '') return '∅';
  return label.replace(/ /g, '␣').replace(/\n/g, '↵').replace(/\r/g, '␍').replace(/\t/g, '⇥');
}

/** A probability as a percentage: 3 significant digits, "<0.1%" below a thousandth. */
export function percent(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p <= 0) return '0%';
  if (p < 0.001) return '<0.1%';
  return `${Number((p * 100).toPrecision(p >= 0.1 ? 3 : 2))}%`;
}

/** Milliseconds for a reader: whole numbers from 10 up, one decimal below. */
export function millis(ms: number): string {
  return ms >= 10 ? String(Math.round(ms)) : ms.toFixed(1);
}

/** Largest absolute value of `a[off … off+n)`, at least a tiny epsilon so it can divide. */
export function maxAbs(a: ArrayLike<number>, off: number, n: number): number {
  let m = 1e-9;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(a[off + i]!));
  return m;
}
