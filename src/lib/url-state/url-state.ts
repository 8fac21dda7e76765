/**
 * Keeps a widget's settings in the page's query string, so a reader can share or bookmark what
 * they see. Each widget owns a prefix ("mag", "mem", "bpt") and writes `prefix.key=value`;
 * widgets on the same page leave each other's keys alone.
 */

/** Values a widget stores: strings and finite numbers; null or undefined removes the key. */
export type UrlValue = string | number | null | undefined;

/** The widget's keys (without the prefix) and their raw string values. */
export function readUrlState(search: string, prefix: string): Record<string, string> {
  const params = new URLSearchParams(search);
  const out: Record<string, string> = {};
  const start = `${prefix}.`;
  for (const [key, value] of params) {
    if (key.startsWith(start) && key.length > start.length) out[key.slice(start.length)] = value;
  }
  return out;
}

/**
 * Returns `search` with the widget's keys set to `values` (others untouched), as "?a=1&b=2" or
 * "" when nothing is left. Non-finite numbers are dropped rather than written as "NaN".
 */
export function writeUrlState(search: string, prefix: string, values: Record<string, UrlValue>): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(values)) {
    const name = `${prefix}.${key}`;
    if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
      params.delete(name);
    } else {
      params.set(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Returns `search` without any key of the widgets that own `prefixes` ("?a=1" or ""). */
export function removeUrlKeys(search: string, prefixes: readonly string[]): string {
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) {
    if (prefixes.some((p) => key.startsWith(`${p}.`))) params.delete(key);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
