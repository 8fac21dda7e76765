/**
 * Keeps a widget's state in the page URL's query string, so a reader's settings survive a reload
 * and travel in a link. The URL is read after hydration (the server render has no URL); once the
 * reader has touched the widget, every change to its search string replaces the URL (no new
 * history entry per keystroke).
 */
import { useEffect } from 'preact/hooks';

/** What a widget model offers for URL sync (see src/lib/url-state/url-state.ts for the format). */
export interface UrlStateModel {
  loadSearch(search: string): void;
  /** True once the reader changed something: before that the URL is left as it came. */
  touched: { readonly value: boolean };
  /** The query string with this widget's keys written into `current`, other keys kept. */
  writeSearch(current: string): string;
}

/** Replaces the page's query string, keeping its path and hash and the history state. */
export function replaceSearch(search: string): void {
  history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
}

/** Reads the URL into `model` once after hydration, then writes its state back on every change. */
export function useUrlState(model: UrlStateModel): void {
  useEffect(() => model.loadSearch(location.search), []);
  const search = model.touched.value ? model.writeSearch(typeof location === 'undefined' ? '' : location.search) : null;
  useEffect(() => {
    if (search !== null && search !== location.search) replaceSearch(search);
  }, [search]);
}
