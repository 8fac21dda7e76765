import type { Lang } from '../../i18n/lang.ts';

const ZH_UNITS: [number, string][] = [
  [1e12, '万亿'],
  [1e8, '亿'],
  [1e4, '万'],
];
const EN_UNITS: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** Rounds to at most `digits` significant decimals and drops trailing zeros ("15", "1.5", "8.03"). */
function trim(value: number, digits: number): string {
  return String(Number(value.toPrecision(digits)));
}

/** A count in the reader's language: 15 万亿 / 80 亿 in Chinese, 15T / 8B in English. */
export function formatCount(n: number, lang: Lang, digits = 3): string {
  if (!Number.isFinite(n)) return '—';
  const units = lang === 'zh' ? ZH_UNITS : EN_UNITS;
  const sep = lang === 'zh' ? ' ' : '';
  for (const [size, unit] of units) {
    if (Math.abs(n) >= size) return `${trim(n / size, digits)}${sep}${unit}`;
  }
  return trim(n, digits);
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** Bytes in decimal units (1 GB = 10⁹ bytes, the base the seed's 16 GB uses). */
export function formatBytes(n: number, digits = 3): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  let i = 0;
  let v = n;
  while (v >= 1000 && i < BYTE_UNITS.length - 1) {
    v /= 1000;
    i++;
  }
  return `${trim(v, digits)} ${BYTE_UNITS[i]}`;
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** Bytes in binary units (1 KiB = 1024 bytes), the base memory sizes and KV caches use. */
export function formatBytesBinary(n: number, digits = 3): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  let i = 0;
  let v = n;
  while (v >= 1024 && i < BINARY_UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${trim(v, digits)} ${BINARY_UNITS[i]}`;
}

/** An exact whole number with digit groups: 124,439,808. */
export function formatInteger(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return Math.round(n).toLocaleString('en-US');
}

/** A plain number to `digits` significant digits, grouped when large ("2,810", "0.0085"). */
export function formatDecimal(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return '—';
  const v = Number(n.toPrecision(digits));
  return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : String(v);
}
