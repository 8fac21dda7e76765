import { describe, expect, test } from 'vitest';
import { branchCount, createLoom, extend, extendPath, nodePath, ROOT, segments, tokensTo } from '../../../../src/lib/loom/loom.ts';

describe('loom', () => {
  test('branching keeps the earlier branch reachable', () => {
    let { loom, node: a } = extendPath(createLoom(), ROOT, [1, 2, 3], 'sample');
    const fork = nodePath(loom, a)[0];
    const b = extend(loom, fork, 9, 'pick');
    loom = b.loom;
    expect(tokensTo(loom, a)).toEqual([1, 2, 3]);
    expect(tokensTo(loom, b.node)).toEqual([1, 9]);
    expect(branchCount(loom)).toBe(2);
  });

  test('choosing the same token again reuses the node', () => {
    const first = extend(createLoom(), ROOT, 5, 'sample');
    const again = extend(first.loom, ROOT, 5, 'pick');
    expect(again.node).toBe(first.node);
    expect(again.loom).toBe(first.loom);
  });

  test('does not mutate the tree it was given', () => {
    const l0 = createLoom();
    extend(l0, ROOT, 1, 'sample');
    expect(l0.nodes).toHaveLength(1);
    expect(l0.nodes[0].children).toEqual([]);
  });

  test('segments collapse runs without a fork', () => {
    let { loom, node } = extendPath(createLoom(), ROOT, [1, 2, 3], 'sample');
    const second = nodePath(loom, node)[1];
    loom = extendPath(loom, second, [7, 8], 'pick').loom;
    const tree = segments(loom);
    // The root's run is the text right after the prompt, up to the first fork.
    expect(tree.nodes.map((n) => loom.nodes[n].token)).toEqual([1, 2]);
    expect(tree.children.map((c) => c.nodes.map((n) => loom.nodes[n].token))).toEqual([[3], [7, 8]]);
  });
});
