/**
 * The error boundary every island's entry component is wrapped in: a widget that throws while
 * rendering or in an effect shows a bilingual notice in its own place instead of blanking that
 * part of the page, and a reset button that removes the widget's keys from the page URL (so a
 * hostile or stale link cannot throw again) and mounts the widget afresh, with fresh state.
 */
import { Component, type ComponentChildren, type ComponentType } from 'preact';
import type { Lang } from '../i18n/lang.ts';
import { removeUrlKeys } from '../lib/url-state/url-state.ts';
import { islandErrorStrings } from './island-error.strings.ts';
import { replaceSearch } from './useUrlState.ts';
import './island-boundary.css';

/** How a boundary is told about its island. */
export interface IslandBoundaryOptions {
  /** The island's name, for the console message. */
  name: string;
  /** Query-string prefixes the island owns ("mem" for `mem.*`), cleared by the reset. */
  urlPrefixes?: readonly string[];
}

interface BoundaryProps extends IslandBoundaryOptions {
  lang: Lang;
  children: (generation: number) => ComponentChildren;
}

interface BoundaryState {
  error: unknown;
  /** Bumped by each reset; the island is keyed on it, so a reset mounts a new instance. */
  generation: number;
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Catches what the island throws; see the module comment. */
export class IslandBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, generation: 0 };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error: error ?? new Error('unknown error') };
  }

  override componentDidCatch(error: unknown): void {
    console.error(`[${this.props.name}] the widget failed and was replaced by its error notice:`, error);
  }

  /** Clears the island's URL keys, then mounts it again with fresh state. */
  reset = (): void => {
    const prefixes = this.props.urlPrefixes ?? [];
    if (prefixes.length > 0 && typeof location !== 'undefined') {
      const search = removeUrlKeys(location.search, prefixes);
      if (search !== location.search) replaceSearch(search);
    }
    this.setState((s) => ({ error: null, generation: s.generation + 1 }));
  };

  override render({ lang, children }: BoundaryProps, { error, generation }: BoundaryState) {
    if (error === null) return children(generation);
    const t = islandErrorStrings[lang];
    return (
      <div class="island-error" role="alert" data-testid="island-error">
        <p class="island-error-title">{t.title()}</p>
        <p>{t.body()}</p>
        <p class="island-error-detail">{t.detail(messageOf(error))}</p>
        <button type="button" onClick={this.reset}>
          {t.reset()}
        </button>
      </div>
    );
  }
}

/** Wraps an island's entry component in an IslandBoundary; its props must carry `lang`. */
export function withIslandBoundary<P extends { lang: Lang }>(Island: ComponentType<P>, options: IslandBoundaryOptions) {
  function Guarded(props: P) {
    return (
      <IslandBoundary lang={props.lang} name={options.name} urlPrefixes={options.urlPrefixes}>
        {(generation) => <Island key={generation} {...props} />}
      </IslandBoundary>
    );
  }
  Guarded.displayName = `IslandBoundary(${options.name})`;
  return Guarded;
}
