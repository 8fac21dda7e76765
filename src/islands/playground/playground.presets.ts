import type { Lang } from '../../i18n/lang.ts';

/** A prompt from the seed text, with what the reader should look for when the model continues it. */
export interface Preset {
  id: string;
  prompt: string;
  notice: Record<Lang, string>;
}

/** The seed's examples, in the order the chapter tells them. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'nihao',
    prompt: '你好',
    notice: {
      zh: '看候选里有没有“!”“吗?”或“,很高兴见到你”——模型只是在续写最常跟在“你好”后面的字，并没有在“回应”你。',
      en: 'Look for !, 吗? or ,很高兴见到你 among the candidates: the model only continues what most often follows 你好 in its text; it is not answering you.',
    },
  },
  {
    id: 'capital-zh',
    prompt: '法国的首都是',
    notice: {
      zh: '巴黎会排第一吗？看它的概率：这里只有补全，没有查询。默认模型读过大语料，只学到“这里该填一个首都”，巴黎和北京、伦敦挤在一起；手写小语料里这句话出现了三十多次，只读过它的 tiny-m（在第 1 章“模型内部”里）几乎总是答巴黎。',
      en: 'Does 巴黎 (Paris) come first, and how sure is the model? This is completion, not lookup. The default model read a large corpus and learned only that a capital goes here: Paris crowds in with Beijing and London. The small hand-written corpus holds this sentence more than thirty times, and tiny-m, which read only that (chapter 1, “Inside the model”), almost always says Paris.',
    },
  },
  {
    id: 'hongshaorou',
    prompt: '怎么做红烧肉?',
    notice: {
      zh: '多走几步：基座模型常常接着列下一个问题（怎么做回锅肉？怎么做水煮鱼？），而不是给菜谱。',
      en: 'Take a few steps: a base model often goes on listing questions (怎么做回锅肉? 怎么做水煮鱼?) instead of giving a recipe.',
    },
  },
  {
    id: 'hongshaorou-qa',
    prompt: '问:怎么做红烧肉?\n答:',
    notice: {
      zh: '同一个问题，换成“问/答”的格式：现在最像的续写是一个答案。格式本身就是提示。',
      en: 'The same question framed as 问 (question) / 答 (answer): now the likeliest continuation is an answer. The framing is the instruction.',
    },
  },
  {
    id: 'hello',
    prompt: 'Hello',
    notice: {
      zh: '英文也一样：看“,”“!”和“␣world”谁的概率更高（␣ 表示空格），再把温度调到 0，看贪心解码会选哪个。',
      en: 'Which is likelier: “,”, “!” or “␣world” (␣ marks a space)? Then set the temperature to 0 and see which one greedy decoding picks.',
    },
  },
  {
    id: 'capital-en',
    prompt: 'The capital of France is',
    notice: {
      zh: '注意“␣Paris”前面的空格（␣）属于同一个词元。调高温度，看别的城市什么时候冒出来。',
      en: 'Note that the space before “␣Paris” (drawn as ␣) belongs to the token. Raise the temperature and watch when other cities show up.',
    },
  },
];
