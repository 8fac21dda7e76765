/**
 * The Loom: every continuation the reader has tried, kept as a tree of tokens after the prompt,
 * so choosing another candidate branches the text instead of erasing it. Immutable: each change
 * returns a new Loom, which is what lets a signal notice it and undo simply move a pointer.
 */

/** How a token got into the tree. */
export type LoomOrigin = 'sample' | 'greedy' | 'pick';

/** One token of one branch. The root (id 0) stands for the prompt and has token −1. */
export interface LoomNode {
  id: number;
  parent: number;
  token: number;
  origin: LoomOrigin;
  children: readonly number[];
}

/** The whole tree; node ids are indices into `nodes`. */
export interface Loom {
  nodes: readonly LoomNode[];
}

/** Id of the root node (the prompt). */
export const ROOT = 0;

/** An empty tree: only the prompt. */
export function createLoom(): Loom {
  return { nodes: [{ id: ROOT, parent: -1, token: -1, origin: 'pick', children: [] }] };
}

/**
 * Adds `token` after node `parent`, or returns the existing child with that token, so picking
 * the same candidate twice walks the old branch instead of duplicating it.
 */
export function extend(loom: Loom, parent: number, token: number, origin: LoomOrigin): { loom: Loom; node: number } {
  const p = loom.nodes[parent];
  if (!p) throw new RangeError(`no node ${parent}`);
  const existing = p.children.find((c) => loom.nodes[c].token === token);
  if (existing !== undefined) return { loom, node: existing };
  const id = loom.nodes.length;
  const nodes = loom.nodes.slice();
  nodes[parent] = { ...p, children: [...p.children, id] };
  nodes.push({ id, parent, token, origin, children: [] });
  return { loom: { nodes }, node: id };
}

/** Adds a chain of tokens after `parent`; returns the last node (or `parent` for none). */
export function extendPath(loom: Loom, parent: number, tokens: readonly number[], origin: LoomOrigin): { loom: Loom; node: number } {
  let state = { loom, node: parent };
  for (const t of tokens) state = extend(state.loom, state.node, t, origin);
  return state;
}

/** Node ids from the root's first child down to `node` (empty for the root). */
export function nodePath(loom: Loom, node: number): number[] {
  const out: number[] = [];
  for (let n = node; n > ROOT; n = loom.nodes[n].parent) out.push(n);
  return out.reverse();
}

/** The generated token ids on the way from the prompt to `node`. */
export function tokensTo(loom: Loom, node: number): number[] {
  return nodePath(loom, node).map((n) => loom.nodes[n].token);
}

/** A run of nodes without a fork, shown as one piece of text in the tree view. */
export interface LoomSegment {
  /** Node ids of the run, in order. */
  nodes: number[];
  /** The branches that start where this run ends. */
  children: LoomSegment[];
}

/** The tree as runs between forks: what the view draws. The root's run starts right after the prompt. */
export function segments(loom: Loom, start = ROOT): LoomSegment {
  const nodes: number[] = [];
  let n = start;
  if (start !== ROOT) nodes.push(start);
  // Walk while there is exactly one way on; a fork or a leaf ends the run.
  while (loom.nodes[n].children.length === 1) {
    n = loom.nodes[n].children[0];
    nodes.push(n);
  }
  return { nodes, children: loom.nodes[n].children.map((c) => segments(loom, c)) };
}

/** How many leaves (distinct continuations) the tree holds. */
export function branchCount(loom: Loom): number {
  return loom.nodes.filter((n) => n.id !== ROOT && n.children.length === 0).length;
}
