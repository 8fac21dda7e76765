/**
 * The engine switch: which model the playground drives (the built-in one, or the real base model
 * another widget loaded on this page), why it last changed, and the run a shared link made with a
 * real model. It only decides; the playground carries a switch out by replacing its session
 * (playground.model.ts).
 */
import { signal } from '@preact/signals';
import type { Engine } from '../../lib/engine/types.ts';
import type { PlaygroundUrlState } from './playground.url.ts';

/** A real base model another widget on the page has loaded (the Real model panel). */
export interface RealModelChoice {
  /** Model key (models.ts), e.g. "phi-1_5"; it goes into a shared link. */
  key: string;
  /** Name shown to the reader. */
  name: string;
  engine: Engine;
  /** False once the model was freed or its worker died: the playground must not reload it itself. */
  isLoaded: () => boolean;
}

/** Which engine the playground drives. */
export type EngineChoice = { kind: 'builtin' } | { kind: 'real'; key: string; name: string };

/** Why the engine changed; the view says it in the reader's language. */
export interface EngineNote {
  /**
   * chosen: the reader switched; unloaded: the real model went away, so back to the built-in one;
   * replaced: another real model was loaded in its place; shared-real-missing: a shared link was
   * made with a real model that is not loaded; shared-replayed: that model is loaded now and the
   * link's path was replayed with it.
   */
  reason: 'chosen' | 'unloaded' | 'replaced' | 'shared-real-missing' | 'shared-replayed';
  to: EngineChoice;
  /** Branches were dropped: token ids mean different tokens in another model. */
  treeReset: boolean;
  /** The real model a shared link was made with. */
  sharedModel?: string;
}

/** A switch to carry out: to which engine, why, and the real model when it is one. */
export interface SwitchPlan {
  choice: EngineChoice;
  reason: EngineNote['reason'];
  real: RealModelChoice | null;
}

/** Where the session being replaced stood. */
export interface SwitchFrom {
  /** The text so far (prompt and continuation), the new model's prompt. */
  text: string;
  /** The old session had branches (they are dropped). */
  treeReset: boolean;
}

/** Creates the switch; `initial` is a shared link's state, if any. */
export function createEngineSwitch(initial?: PlaygroundUrlState | null) {
  const choice = signal<EngineChoice>({ kind: 'builtin' });
  const note = signal<EngineNote | null>(null);
  /** A shared link's run made with a real model, kept until the reader switches to that model. */
  let sharedReal: { engine: string; prompt: string; path: number[] } | null = null;
  /** The real engine in use, to notice when the panel replaces it. */
  let realEngine: Engine | null = null;
  /** The state the built-in model starts from. */
  let start = initial ?? null;
  if (initial?.engine) {
    // The built-in model cannot replay another model's token ids: keep the text and settings, and
    // the path for when the reader loads that model.
    sharedReal = { engine: initial.engine, prompt: initial.prompt, path: initial.path };
    note.value = { reason: 'shared-real-missing', to: { kind: 'builtin' }, treeReset: initial.path.length > 0, sharedModel: initial.engine };
    start = { prompt: initial.prompt, settings: initial.settings, seed: initial.seed, path: [] };
  }

  /**
   * What the reader's choice does, given the real model on the page and whether the current
   * session is idle or loaded: null when there is nothing to do.
   */
  function planChoice(kind: EngineChoice['kind'], real: RealModelChoice | null, sessionStatus: string): SwitchPlan | null {
    const now = choice.peek();
    if (kind === 'builtin') {
      if (now.kind === 'builtin' && sessionStatus !== 'idle') return null;
      return { choice: { kind: 'builtin' }, reason: 'chosen', real: null };
    }
    if (!real) return null;
    if (!real.isLoaded()) return { choice: { kind: 'builtin' }, reason: 'unloaded', real: null };
    if (now.kind === 'real' && now.key === real.key && realEngine === real.engine && sessionStatus === 'ready') return null;
    return { choice: { kind: 'real', key: real.key, name: real.name }, reason: 'chosen', real };
  }

  /** What the playground does when the page's real model changes: follow it if it was in use. */
  function planFollow(real: RealModelChoice | null): SwitchPlan | null {
    if (choice.peek().kind !== 'real') return null;
    if (!real) return { choice: { kind: 'builtin' }, reason: 'unloaded', real: null };
    if (real.engine !== realEngine) return { choice: { kind: 'real', key: real.key, name: real.name }, reason: 'replaced', real };
    return null;
  }

  /**
   * Records a switch and says which path the new session replays: a shared link's, when its model
   * is the one chosen and the text is still the link's; else none (token ids differ between models).
   */
  function commit(plan: SwitchPlan, from: SwitchFrom): number[] {
    let replay: number[] = [];
    let sharedModel: string | undefined;
    if (plan.choice.kind === 'real' && sharedReal?.engine === plan.choice.key) {
      if (from.text === sharedReal.prompt && !from.treeReset) replay = sharedReal.path;
      sharedModel = sharedReal.engine;
      sharedReal = null;
    }
    realEngine = plan.real?.engine ?? null;
    choice.value = plan.choice;
    note.value = {
      reason: replay.length > 0 ? 'shared-replayed' : plan.reason,
      to: plan.choice,
      treeReset: from.treeReset,
      ...(sharedModel ? { sharedModel } : {}),
    };
    return replay;
  }

  return {
    /** The engine in use. */
    choice,
    /** Why it last changed (null: it never did). */
    note,
    /** The shared link's state the first session starts from (a real model's path dropped). */
    start,
    /** The real model key a link should carry (undefined: the built-in model). */
    linkKey: () => {
      const c = choice.value;
      return c.kind === 'real' ? c.key : undefined;
    },
    planChoice,
    planFollow,
    commit,
  };
}

/** The engine switch's state object. */
export type EngineSwitch = ReturnType<typeof createEngineSwitch>;
