/**
 * Fetches a JSON file and checks it against its schema (src/lib/data/schemas.ts): rejects with the
 * URL and HTTP status when the server refuses, and with the URL and the wrong field when the file
 * does not have the shape the code expects.
 */
import { parseWith, type Schema } from './data/schemas.ts';

export async function fetchJson<T>(url: string, schema: Schema<T>, fetchFn: typeof fetch = fetch): Promise<T> {
  const response = await fetchFn(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const value: unknown = await response.json();
  return parseWith(schema, value, url);
}
