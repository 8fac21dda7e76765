import { defineStrings } from '../i18n/lang.ts';

/** What a widget shows in place of itself when it failed (see IslandBoundary.tsx). */
export const islandErrorStrings = defineStrings({
  zh: {
    title: () => '这个部件出错了。',
    body: () => '页面的其余部分不受影响。重置会清除它的设置（包括网址里属于它的参数），再重新加载它。',
    detail: (message: string) => `错误信息：${message}`,
    reset: () => '重置这个部件',
  },
  en: {
    title: () => 'This widget ran into an error.',
    body: () => 'The rest of the page is unaffected. Reset clears its settings (and its keys in the page address) and starts it again.',
    detail: (message: string) => `Error: ${message}`,
    reset: () => 'Reset this widget',
  },
});
