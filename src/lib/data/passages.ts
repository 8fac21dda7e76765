/**
 * Texts to compress: passages the training corpus holds (read from public/corpus/manifest.json,
 * with how often each appears) and new passages of the same kind that it does not hold.
 */
import type { Lang } from '../../i18n/lang.ts';

/** A passage a widget can offer. */
export interface Passage {
  id: string;
  title: string;
  text: string;
  language: Lang;
  /** Times it appears in the training corpus; 0 for a new text. */
  repetitions: number;
  kind: string;
}

/** Public-domain poems that are not in the training corpus (a unit test checks the corpus). */
export const NEW_PASSAGES: Record<Lang, Passage> = {
  zh: {
    id: 'new-yong-e',
    title: '咏鹅',
    text: '咏鹅 骆宾王\n鹅,鹅,鹅,曲项向天歌。\n白毛浮绿水,红掌拨清波。',
    language: 'zh',
    repetitions: 0,
    kind: 'passage',
  },
  en: {
    id: 'new-road-not-taken',
    title: 'The Road Not Taken',
    text: 'The Road Not Taken, by Robert Frost\nTwo roads diverged in a yellow wood,\nAnd sorry I could not travel both\nAnd be one traveler, long I stood\nAnd looked down one as far as I could\nTo where it bent in the undergrowth;',
    language: 'en',
    repetitions: 0,
    kind: 'passage',
  },
};

interface ManifestSection {
  id: string;
  kind: string;
  language: string;
  repetitions: number;
  example: string;
}

/** The corpus sections of `kinds` as passages, most repeated first. */
export function corpusPassages(manifest: unknown, kinds: readonly string[]): Passage[] {
  const sections = (manifest as { sections?: ManifestSection[] })?.sections;
  if (!Array.isArray(sections)) throw new Error('corpus manifest has no sections');
  return sections
    .filter((s) => kinds.includes(s.kind) && (s.language === 'zh' || s.language === 'en') && typeof s.example === 'string')
    .map((s) => ({
      id: `${s.id}-${s.language}`,
      title: s.example.split('\n')[0]!.slice(0, 40),
      text: s.example,
      language: s.language as Lang,
      repetitions: s.repetitions,
      kind: s.kind,
    }))
    .sort((a, b) => b.repetitions - a.repetitions || a.id.localeCompare(b.id));
}
