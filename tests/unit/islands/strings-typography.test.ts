import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { hasChinese, stringLiterals, typographyProblems } from '../content/typography.ts';

const SRC = join(import.meta.dirname, '..', '..', '..', 'src');

/** Every `*.strings.ts` under src/islands, src/ui and src/components, plus the model card's strings in src/lib. */
const STRING_FILES = [
  ...['islands', 'ui', 'components'].flatMap((dir) =>
    readdirSync(join(SRC, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.strings.ts'))
      .map((f) => join(dir, f)),
  ),
  join('lib', 'model-card', 'strings.ts'),
].sort();

/** The Chinese texts of one bundle: each string, and each literal inside a string-building function. */
function zhTexts(zh: unknown): [string, string][] {
  if (typeof zh === 'string') return [['zh', zh]];
  return Object.entries(zh as Record<string, unknown>).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string'
      ? [[key, value]]
      : typeof value === 'function'
        ? stringLiterals(value.toString()).filter(hasChinese).map((s): [string, string] => [key, s])
        : [],
  );
}

describe('Chinese typography in the widgets', () => {
  test('finds the string files', () => {
    expect(STRING_FILES.length).toBeGreaterThanOrEqual(15);
  });

  test.each(STRING_FILES)('src/%s follows the chapters’ rules', async (file) => {
    const mod = (await import(join(SRC, file))) as Record<string, unknown>;
    const bundles = Object.values(mod).filter(
      (v): v is { zh: unknown } => typeof v === 'object' && v !== null && 'zh' in v && 'en' in v,
    );
    expect(bundles.length, file).toBeGreaterThan(0);
    const bad = bundles.flatMap((b) => zhTexts(b.zh)).flatMap(([key, text]) => typographyProblems(text).map((p) => `${key}: ${p}`));
    expect(bad).toEqual([]);
  });

  const COMPONENTS = readdirSync(join(SRC, 'components'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.astro'))
    .sort();

  test.each(COMPONENTS)('src/components/%s writes its Chinese by the same rules', (file) => {
    const text = readFileSync(join(SRC, 'components', file), 'utf8');
    const front = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '';
    const bad = stringLiterals(front).filter(hasChinese).flatMap(typographyProblems);
    expect(bad).toEqual([]);
  });

  test('the rules catch what the chapters forbid', () => {
    expect(typographyProblems('下一个词元预测:亲手试一试')).toHaveLength(1);
    expect(typographyProblems('示例(来自原文)')).toHaveLength(2);
    expect(typographyProblems('共 3 个 token')).toHaveLength(1);
    expect(typographyProblems('选择「巴黎」')).toHaveLength(2);
    expect(typographyProblems('这个小部件')).toHaveLength(1);
    expect(typographyProblems('看 tokenizer.json 与 next-token 预测：“巴黎”')).toEqual([]);
    expect(stringLiterals('(n) => `共 ${n > 1 ? "多" : \'一\'} 个`')).toEqual(['多', '一', '共 … 个']);
  });
});
