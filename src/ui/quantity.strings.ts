import { defineStrings } from '../i18n/lang.ts';
import type { QuantityProblem } from '../lib/format/parse-quantity.ts';

/** Messages for a refused number, shared by every calculator field. */
export const quantityStrings = defineStrings({
  zh: {
    empty: () => '请输入一个数。',
    'not-number': () => '这不是一个数：请用阿拉伯数字，可以带 K、M、B、T 或 万、亿 这样的单位。',
    zero: () => '必须大于零。',
    negative: () => '不能是负数。',
    'too-small': (min: string) => `不能小于 ${min}。`,
    'too-large': (max: string) => `太大了：不能超过 ${max}。`,
    'not-integer': () => '必须是整数。',
  },
  en: {
    empty: () => 'Enter a number.',
    'not-number': () => 'Not a number: use digits, optionally with a unit such as K, M, B, T (or 万, 亿).',
    zero: () => 'Must be more than zero.',
    negative: () => 'Cannot be negative.',
    'too-small': (min: string) => `Must be at least ${min}.`,
    'too-large': (max: string) => `Too large: at most ${max}.`,
    'not-integer': () => 'Must be a whole number.',
  },
} satisfies Record<'zh' | 'en', Record<QuantityProblem, (bound: string) => string>>);
