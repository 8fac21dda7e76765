import type { Lang } from '../../i18n/lang.ts';

/** A text to score, and whether the built-in model read it in training. */
export interface SurprisalSample {
  id: string;
  /** In the training corpus (and how often), or held out. */
  seen: boolean;
  label: Record<Lang, string>;
  text: string;
}

/**
 * Two texts the corpus repeats 32 times and two it never contains (data/passages.json and
 * data/unseen.txt; a unit test checks both), so the reader sees "seen is cheap, new is expensive".
 */
export const SAMPLES: readonly SurprisalSample[] = [
  {
    id: 'jingyesi',
    seen: true,
    label: { zh: '《静夜思》（训练时读过 32 遍）', en: '静夜思, a Tang poem (read 32 times in training)' },
    text: '床前明月光,疑是地上霜。\n举头望明月,低头思故乡。',
  },
  {
    id: 'unseen-zh',
    seen: false,
    label: { zh: '一段没见过的中文', en: 'Chinese the model never saw' },
    text: '今天下午下了一场大雨,街上的人都躲进了商店。\n小明把新买的书放在桌子上,然后出门去找朋友踢球。',
  },
  {
    id: 'sonnet18',
    seen: true,
    label: { zh: '莎士比亚第 18 首十四行诗（训练时读过 32 遍）', en: "Shakespeare's Sonnet 18 (read 32 times in training)" },
    text: "Shall I compare thee to a summer's day?\nThou art more lovely and more temperate:\nRough winds do shake the darling buds of May,\nAnd summer's lease hath all too short a date;",
  },
  {
    id: 'unseen-en',
    seen: false,
    label: { zh: '一段没见过的英文', en: 'English the model never saw' },
    text: 'It rained all afternoon, and the people in the street hurried into the shops.\nThe children left their boots by the door and ran upstairs to play.',
  },
];
