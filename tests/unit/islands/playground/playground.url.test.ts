import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readPlaygroundState, writePlaygroundState } from '../../../../src/islands/playground/playground.url.ts';
import { DEFAULT_SETTINGS } from '../../../../src/lib/sampling/settings.ts';

describe('playground URL state', () => {
  test('round-trips prompt, settings, seed and path through a query string', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.record({
          temperature: fc.integer({ min: 0, max: 40 }).map((x) => x * 0.05),
          topK: fc.integer({ min: 0, max: 100 }),
          topP: fc.integer({ min: 5, max: 100 }).map((x) => x / 100),
          minP: fc.integer({ min: 0, max: 50 }).map((x) => x / 100),
        }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(fc.integer({ min: 0, max: 60000 }), { maxLength: 30 }),
        (prompt, settings, seed, path) => {
          const query = writePlaygroundState(new URLSearchParams('lang=x'), { prompt, settings, seed, path }).toString();
          const back = readPlaygroundState(new URLSearchParams(query))!;
          expect(back.prompt).toBe(prompt);
          expect(back.seed).toBe(seed);
          expect(back.path).toEqual(path);
          for (const k of ['temperature', 'topK', 'topP', 'minP'] as const) expect(back.settings[k]).toBeCloseTo(settings[k], 4);
          expect(new URLSearchParams(query).get('lang')).toBe('x');
        },
      ),
    );
  });

  test('Chinese and newlines survive', () => {
    const q = writePlaygroundState(new URLSearchParams(), { prompt: '问:怎么做红烧肉?\n答:', settings: DEFAULT_SETTINGS, seed: 1, path: [] });
    expect(readPlaygroundState(new URLSearchParams(q.toString()))?.prompt).toBe('问:怎么做红烧肉?\n答:');
  });

  test('a link without playground state reads as null; garbage falls back to defaults', () => {
    expect(readPlaygroundState(new URLSearchParams('a=1'))).toBeNull();
    const s = readPlaygroundState(new URLSearchParams('pg.prompt=x&pg.t=abc&pg.seed=-4&pg.path=1.x.3'))!;
    expect(s.settings).toEqual(DEFAULT_SETTINGS);
    expect(s.seed).toBe(0);
    expect(s.path).toEqual([1, 3]);
  });

  test('the real model a run used travels with it; the built-in model writes nothing; odd keys are dropped', () => {
    const base = { prompt: 'Hi', settings: DEFAULT_SETTINGS, seed: 3, path: [50256, 11] };
    const real = writePlaygroundState(new URLSearchParams(), { ...base, engine: 'phi-1_5' });
    expect(real.get('pg.engine')).toBe('phi-1_5');
    expect(readPlaygroundState(real)).toEqual({ ...base, engine: 'phi-1_5' });
    // Back to the built-in model: the key leaves the link.
    const builtIn = writePlaygroundState(real, base);
    expect(builtIn.has('pg.engine')).toBe(false);
    expect(readPlaygroundState(builtIn)?.engine).toBeUndefined();
    expect(readPlaygroundState(new URLSearchParams('pg.prompt=x&pg.engine=%3Cscript%3E'))?.engine).toBeUndefined();
  });
});
