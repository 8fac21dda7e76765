import { describe, expect, test } from 'vitest';
import { drawPeople } from '../../../../src/lib/world/world.ts';
import { MAX_BATCH, MIN_STEPS, SATURATION_APPEARANCES, SATURATION_CONTEXT, SATURATION_EXPOSURES, SATURATION_PEOPLE, SATURATION_SHAPES, saturationJobs, saturationSchedule, saturationWorld } from '../../../../src/lib/world/saturation.ts';

describe('saturationWorld', () => {
  test('worlds are nested: the first people of a larger world are the smaller world', () => {
    const small = drawPeople(saturationWorld(125));
    const large = drawPeople(saturationWorld(500)).slice(0, 125);
    expect(large).toEqual(small);
  });

  test('every person is told the same number of times, and sizes must be positive integers', () => {
    expect(drawPeople(saturationWorld(7)).every((p) => p.appearances === SATURATION_APPEARANCES)).toBe(true);
    expect(() => saturationWorld(0)).toThrow(/positive integer/);
    expect(() => saturationWorld(2.5)).toThrow(/positive integer/);
  });

  test('the largest world stays within the distinct English names the generator can draw', () => {
    expect(Math.max(...SATURATION_PEOPLE)).toBeLessThan(64 * 54);
  });
});

describe('saturationSchedule', () => {
  test('shows every person the set number of times, within a tenth of a percent', () => {
    for (const tokens of [86_601, 695_537, 2_088_828]) {
      const s = saturationSchedule(tokens);
      expect(s.tokensSeen).toBe(s.steps * s.batch * SATURATION_CONTEXT);
      expect(Math.abs((s.tokensSeen / tokens) * SATURATION_APPEARANCES - SATURATION_EXPOSURES) / SATURATION_EXPOSURES).toBeLessThan(1e-3);
      expect(s.exposures).toBeCloseTo(SATURATION_EXPOSURES, -1);
    }
  });

  test('small worlds get small batches and about as many steps as the rest; large ones the largest batch', () => {
    const small = saturationSchedule(86_601);
    const large = saturationSchedule(2_088_828);
    expect(small.batch).toBeLessThan(MAX_BATCH / 4);
    expect(small.steps).toBeGreaterThan(MIN_STEPS * 0.99);
    expect(large.batch).toBe(MAX_BATCH);
    expect(large.steps).toBeGreaterThan(3 * MIN_STEPS);
  });

  test('an empty corpus is an error, not an endless schedule', () => {
    expect(() => saturationSchedule(0)).toThrow(/tokens/);
    expect(() => saturationSchedule(Number.NaN)).toThrow(/tokens/);
  });
});

describe('saturationJobs', () => {
  test('one run per shape and world, each with its own id and the shape\'s learning rate', () => {
    const worlds = [{ people: 10, tokens: 'world-10.u16', corpusTokens: 7000 }, { people: 20, tokens: 'world-20.u16', corpusTokens: 14_000 }];
    const jobs = saturationJobs(worlds, 2048);
    expect(jobs).toHaveLength(SATURATION_SHAPES.length * 2);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(jobs.length);
    for (const j of jobs) {
      const shape = SATURATION_SHAPES.find((s) => s.id === j.shape)!;
      expect(j.lr).toBe(shape.lr);
      expect(j.nEmbd % j.nHead).toBe(0);
      expect(j.warmup).toBeLessThan(j.steps);
    }
  });
});
