/**
 * The lab's bookshelf: texts taken from the built-in model's corpus manifest
 * (public/corpus/manifest.json), so the lab studies the same books the built-in model read.
 */
import type { Lang } from '../../i18n/lang.ts';

/** The texts the reader can pick; 'own' is whatever they type or paste. */
export type SourceId = 'seed' | 'poems' | 'capitals' | 'own';
/** The picks that come from the manifest, in the order the lab offers them. */
export const SHELF: readonly Exclude<SourceId, 'own'>[] = ['seed', 'poems', 'capitals'];

interface ManifestSection {
  id: string;
  kind: string;
  language: string;
  example: string;
}

/** Each shelf text, read from a parsed manifest; a pick the manifest lacks is an empty string. */
export function shelfTexts(manifest: unknown, lang: Lang): Record<Exclude<SourceId, 'own'>, string> {
  const sections = ((manifest as { sections?: unknown })?.sections ?? []) as ManifestSection[];
  const valid = Array.isArray(sections) ? sections.filter((s) => typeof s?.example === 'string' && typeof s.id === 'string') : [];
  const unique = (items: string[]) => [...new Set(items)];
  const ofKind = (kind: string) => valid.filter((s) => s.kind === kind && s.language === lang);
  const seen = new Set<string>();
  const poems = ofKind('passage').filter((s) => !seen.has(s.id) && seen.add(s.id));
  return {
    // The seed is the whole explanation this site is about (the manifest keeps it in full).
    seed: valid.find((s) => s.id === 'seed')?.example ?? '',
    poems: poems.map((s) => s.example).join('\n\n'),
    capitals: unique(ofKind('fact').map((s) => s.example)).join('\n'),
  };
}
