/**
 * Searching a file's raw bytes for a string, chunk by chunk, so a multi-gigabyte file is never
 * held in memory: each chunk overlaps the previous one by the needle's length minus one, so a
 * match across a chunk boundary is found exactly once.
 */
import type { ReadRange } from './header.ts';

/** Every offset at which `needle` occurs in `haystack` (overlapping matches included). */
export function findAll(haystack: Uint8Array, needle: Uint8Array): number[] {
  const hits: number[] = [];
  const n = needle.length;
  if (n === 0) return hits;
  const first = needle[0]!;
  outer: for (let i = haystack.indexOf(first); i !== -1 && i + n <= haystack.length; i = haystack.indexOf(first, i + 1)) {
    for (let j = 1; j < n; j++) if (haystack[i + j] !== needle[j]) continue outer;
    hits.push(i);
  }
  return hits;
}

/** Options of a chunked search. */
export interface SearchOptions {
  /** Bytes read at a time (default 8 MiB). */
  chunkBytes?: number;
  /** Stop after this many hits (default 1000). */
  maxHits?: number;
  onProgress?: (searchedBytes: number, totalBytes: number) => void;
  signal?: AbortSignal;
}

/** What a search found, and how much of the file it looked at. */
export interface SearchResult {
  hits: number[];
  searchedBytes: number;
  /** True when it stopped at maxHits before the end. */
  truncated: boolean;
}

/** Searches bytes [0, size) read through `read` for `needle`. */
export async function searchRanges(read: ReadRange, size: number, needle: Uint8Array, options: SearchOptions = {}): Promise<SearchResult> {
  const chunk = Math.max(needle.length, options.chunkBytes ?? 8 * 1024 * 1024);
  const maxHits = options.maxHits ?? 1000;
  const hits: number[] = [];
  if (needle.length === 0) return { hits, searchedBytes: 0, truncated: false };
  const overlap = needle.length - 1;
  for (let start = 0; start < size; start += chunk) {
    options.signal?.throwIfAborted();
    const end = Math.min(size, start + chunk + overlap);
    const bytes = await read(start, end);
    for (const h of findAll(bytes, needle)) {
      // A match starting in the overlap belongs to the next chunk.
      if (h < chunk || start + chunk >= size) {
        hits.push(start + h);
        if (hits.length >= maxHits) return { hits, searchedBytes: start + h + needle.length, truncated: true };
      }
    }
    options.onProgress?.(Math.min(size, start + chunk), size);
  }
  return { hits, searchedBytes: size, truncated: false };
}
