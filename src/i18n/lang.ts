/** The site's two languages, equal in standing. Chinese is the seed's language. */
export const LANGS = ['zh', 'en'] as const;

/** A language the site is written in. */
export type Lang = (typeof LANGS)[number];

/** Maps a Starlight locale or BCP-47 tag ("zh", "zh-CN", "en-GB") to a site language. */
export function toLang(tag: string | undefined): Lang {
  return tag?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** A bundle of UI strings that must exist, with the same keys, in both languages. */
export type Strings<T> = Record<Lang, T>;

/**
 * Declares an island's strings. The English object fixes the keys; TypeScript then refuses a
 * Chinese bundle with a missing or extra key, so no string can exist in one language only.
 */
export function defineStrings<T extends Record<string, string | ((...args: never[]) => string)>>(
  strings: { en: T; zh: T },
): Strings<T> {
  return strings;
}
