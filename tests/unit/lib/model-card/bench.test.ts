import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { benchRows } from '../../../../src/lib/model-card/bench.ts';

const md = `# x

| | Node | Chromium |
|---|---:|---:|
| kernels | wasm | wasm |

| model | params | Chromium decode tok/s | Node decode tok/s |
|---|---:|---:|---:|
| tiny-s | 95,104 | 37,353 | 37,067 |
| tiny-m | 339,328 | 7,341 | 8,742 |

after`;

describe('benchRows', () => {
  test('finds the decode columns by header name', () => {
    expect(benchRows(md)).toEqual([
      { model: 'tiny-s', nodeDecode: '37,067', chromiumDecode: '37,353' },
      { model: 'tiny-m', nodeDecode: '8,742', chromiumDecode: '7,341' },
    ]);
  });
  test('no model table or no decode column: nothing rather than a guess', () => {
    expect(benchRows('# nothing')).toEqual([]);
    expect(benchRows('| model | params |\n|---|---|\n| a | 1 |')).toEqual([]);
  });
  test('the committed report lists every model of index.json', () => {
    const file = join(process.cwd(), 'bench-results.md');
    const index = JSON.parse(readFileSync(join(process.cwd(), 'public/models/index.json'), 'utf8'));
    const rows = benchRows(readFileSync(file, 'utf8'));
    expect(rows.map((r) => r.model).sort()).toEqual(index.map((m: { id: string }) => m.id).sort());
  });
});
