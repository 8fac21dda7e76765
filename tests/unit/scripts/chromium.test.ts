import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, HEADLESS_UNUSED_FEATURES, PLAYWRIGHT_CHROMIUM_ARGS, PLAYWRIGHT_DISABLED_FEATURES } from '../../../scripts/chromium.mjs';

/** The feature names Playwright's own `--disable-features` switch carries, read from its source. */
function playwrightDisabledFeatures(): string[] {
  const root = dirname(createRequire(import.meta.url).resolve('playwright-core/package.json'));
  const source = readFileSync(join(root, 'lib', 'coreBundle.js'), 'utf8');
  const list = /\bdisabledFeatures = \[([\s\S]*?)\]/.exec(source)?.[1];
  if (list === undefined) throw new Error('playwright-core no longer lists disabledFeatures where this test looks: re-read chromiumSwitches.ts');
  const code = list.replace(/\/\/.*$/gm, '');
  return [...code.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

describe('the Chromium switches the tests launch with', () => {
  it("repeat every feature Playwright disables, since Chromium keeps only the last --disable-features", () => {
    const theirs = playwrightDisabledFeatures();
    expect(theirs.length).toBeGreaterThan(5);
    expect(PLAYWRIGHT_DISABLED_FEATURES.toSorted()).toEqual(theirs.toSorted());
  });

  it('carry one --disable-features switch: Playwright’s list and the unused headless UI', () => {
    const switches = PLAYWRIGHT_CHROMIUM_ARGS.filter((a) => a.startsWith('--disable-features='));
    expect(switches).toHaveLength(1);
    const features = switches[0]!.slice('--disable-features='.length).split(',');
    expect(features).toEqual(expect.arrayContaining([...PLAYWRIGHT_DISABLED_FEATURES, ...HEADLESS_UNUSED_FEATURES]));
    expect(PLAYWRIGHT_CHROMIUM_ARGS.slice(0, CHROMIUM_ARGS.length)).toEqual(CHROMIUM_ARGS);
  });
});
