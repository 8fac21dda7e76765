import { describe, expect, test } from 'vitest';
import { divergenceFindings, recallFindings, referencesByRegime, regimeOf, type ModelFacts } from '../../../../src/islands/lossy-lab/findings.ts';

const m = (id: string, params: number, dtype: string, bytes: number, correct: number | null, divergence: number | null = null): ModelFacts => ({
  id,
  params,
  dtype,
  bytes,
  recall: correct === null ? null : { correct, total: 68 },
  divergence,
});

// The committed evaluation (public/models/*/eval.json): facts recalled of the 68 the corpus holds.
const committed = [
  m('tiny-m-q4', 339328, 'q4-g32', 209296, 19),
  m('rich-m-q4', 339328, 'q4-g32', 209296, 1),
  m('tiny-m-int8', 339328, 'int8-g32', 377248, 22),
  m('tiny-s', 95104, 'F32', 382704, 5),
  m('rich-s', 95104, 'F32', 382704, 0),
  m('tiny-m-f16', 339328, 'F16', 682976, 22),
  m('tiny-m', 339328, 'F32', 1361608, 22),
  m('rich-m', 339328, 'F32', 1361608, 1),
  m('tiny-l', 1071872, 'F32', 4291920, 51),
  m('rich-l', 1071872, 'F32', 4291920, 0),
];

describe('regimeOf', () => {
  test('reads the regime from the id', () => {
    expect(regimeOf('tiny-m-q4')).toBe('tiny');
    expect(regimeOf('rich-l')).toBe('rich');
  });
});

describe('recallFindings', () => {
  test('tiny-*: each larger model recalls more facts, beyond the noise; rich-*: sizes cannot be told apart', () => {
    const f = recallFindings(committed);
    const grows = f.find((x) => x.kind === 'grows');
    expect(grows).toMatchObject({ regime: 'tiny', steps: [{ id: 'tiny-s', k: 5 }, { id: 'tiny-m', k: 22 }, { id: 'tiny-l', k: 51 }] });
    expect(f.find((x) => x.kind === 'flat')).toMatchObject({ regime: 'rich', steps: [{ id: 'rich-s' }, { id: 'rich-m' }, { id: 'rich-l' }] });
  });

  test('a 4-bit copy that recalls 19 facts where its original recalls 22 is within the noise, as are the 8- and 16-bit copies', () => {
    const tiny = recallFindings(committed).filter((x) => x.kind === 'precision' && x.base.id === 'tiny-m');
    expect(tiny).toMatchObject([{ models: [{ id: 'tiny-m-q4', k: 19 }, { id: 'tiny-m-int8' }, { id: 'tiny-m-f16' }], base: { id: 'tiny-m', k: 22 }, verdict: 'unclear' }]);
  });

  test('a copy that lost facts beyond the noise is a finding of its own', () => {
    const f = recallFindings([m('x-m', 2, 'F32', 8, 40), m('x-m-q4', 2, 'q4-g32', 1, 10), m('x-m-f16', 2, 'F16', 4, 39)]);
    expect(f).toMatchObject([
      { kind: 'precision', models: [{ id: 'x-m-q4' }], verdict: 'lower' },
      { kind: 'precision', models: [{ id: 'x-m-f16' }], verdict: 'unclear' },
    ]);
  });

  test('a step that is within the noise makes the regime "mixed", and names the pair', () => {
    const f = recallFindings([m('x-s', 1, 'F32', 1, 5), m('x-m', 2, 'F32', 2, 30), m('x-l', 3, 'F32', 3, 33)]);
    expect(f).toMatchObject([{ kind: 'mixed', unclear: [[{ id: 'x-m' }, { id: 'x-l' }]] }]);
  });
});

describe('divergence', () => {
  test('each regime is compared with its own largest model, not with the other regime', () => {
    const refs = referencesByRegime(committed);
    expect(refs.get('tiny')?.id).toBe('tiny-l');
    expect(refs.get('rich')?.id).toBe('rich-l');
  });

  test('says whether divergence shrinks as models grow, once every model of the regime is measured', () => {
    const measured = committed.map((x) => ({
      ...x,
      divergence: { 'tiny-s': 0.6, 'tiny-m': 0.25, 'tiny-l': 0, 'rich-s': 0.71, 'rich-m': 0.89, 'rich-l': 0 }[x.id] ?? x.divergence,
    }));
    expect(divergenceFindings(measured)).toEqual([
      { regime: 'tiny', reference: 'tiny-l', steps: [{ id: 'tiny-s', divergence: 0.6 }, { id: 'tiny-m', divergence: 0.25 }], shrinks: true },
      { regime: 'rich', reference: 'rich-l', steps: [{ id: 'rich-s', divergence: 0.71 }, { id: 'rich-m', divergence: 0.89 }], shrinks: false },
    ]);
    expect(divergenceFindings(committed)).toEqual([]);
  });
});
