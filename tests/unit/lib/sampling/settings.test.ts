import { describe, expect, test } from 'vitest';
import { clampSettings, DEFAULT_SETTINGS } from '../../../../src/lib/sampling/settings.ts';

describe('clampSettings', () => {
  test('clamps out-of-range values and ignores garbage', () => {
    expect(clampSettings({ temperature: 9, topK: 3.6, topP: 0, minP: 'x' })).toEqual({
      temperature: 2,
      topK: 4,
      topP: 0.05,
      minP: 0,
    });
    expect(clampSettings({})).toEqual(DEFAULT_SETTINGS);
  });
});
