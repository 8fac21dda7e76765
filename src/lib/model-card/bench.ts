/** Decode speeds of one model, as bench-results.md reports them. */
export interface BenchRow {
  model: string;
  nodeDecode: string;
  chromiumDecode: string;
}

/** Splits a Markdown table line into trimmed cells ("| a | b |" → ["a", "b"]). */
function cells(line: string): string[] {
  return line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
}

/**
 * Reads the per-model table of bench-results.md (the one whose header starts with "model") and
 * keeps the decode columns, found by header name so a reordered benchmark report still parses.
 * Returns [] when the table or a column is missing: the page then omits speed rather than guess.
 */
export function benchRows(markdown: string): BenchRow[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^\|\s*model\s*\|/i.test(l));
  if (start < 0) return [];
  const header = cells(lines[start]!);
  const node = header.findIndex((h) => /^node decode tok\/s$/i.test(h));
  const chromium = header.findIndex((h) => /^chromium decode tok\/s$/i.test(h));
  if (node < 0 || chromium < 0) return [];
  const rows: BenchRow[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.trim().startsWith('|')) break;
    const c = cells(line);
    rows.push({ model: c[0]!, nodeDecode: c[node] ?? '', chromiumDecode: c[chromium] ?? '' });
  }
  return rows;
}
