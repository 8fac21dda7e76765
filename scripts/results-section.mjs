// Replaces one named section of a results file (bench-results.md), so the page audit, the
// engine benchmark and the peer benchmark each rewrite their own part and keep the others.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Writes `markdown` between `<!-- name:start -->` and `<!-- name:end -->` in `file`, appending the
 * section when it is not there yet. The file is replaced atomically (temporary file + rename).
 * @param {string} file
 * @param {string} name
 * @param {string} markdown
 */
export function writeResultsSection(file, name, markdown) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const a = old.indexOf(start);
  const b = old.indexOf(end);
  const next =
    a >= 0 && b > a ? `${old.slice(0, a)}${block}${old.slice(b + end.length)}` : `${old.trimEnd()}${old ? '\n\n' : ''}${block}\n`;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, next);
  renameSync(tmp, file);
}
