import { defineStrings } from '../../i18n/lang.ts';

/** What the search dialog says when its code cannot be fetched (offline, a blocked request). */
export const searchStrings = defineStrings({
  en: {
    loadFailed: 'Search could not be loaded. Check the connection and press the search button again.',
  },
  zh: {
    loadFailed: '搜索没能加载。请检查网络连接，然后再按一次搜索按钮。',
  },
});
