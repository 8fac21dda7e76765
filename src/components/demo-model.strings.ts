import { defineStrings } from '../i18n/lang.ts';

/** Strings of the "which model runs here" note above the chapters' widgets (DemoModel.astro). */
export const demoModelStrings = defineStrings({
  en: {
    label: 'Model',
    runsDefault: (id: string, params: string, size: string) => `This widget runs ${id}, the site\u2019s default model (${params} parameters, ${size} to download).`,
    runsMemorizer: (id: string, params: string, size: string) => `This widget runs ${id}, the site\u2019s memorizer (${params} parameters, ${size}).`,
    runsOther: (id: string, params: string, size: string) => `This widget runs ${id} (${params} parameters, ${size}).`,
    readLarge: (bytes: string, sections: string, share: string, handwritten: string) =>
      `It read the large corpus, ${bytes} of text (${sections}), through a fixed mixture: training saw ${share} of its tokens. The hand-written section, which holds these chapters\u2019 own sentences, is a small part of the whole but weighted up: read about ${handwritten} times.`,
    readSmall: (bytes: string, passes: string, example: string, times: string) =>
      `It read only the small hand-written corpus, ${bytes}, about ${passes} times over. That corpus holds this site\u2019s own sentences (\u201c${example}\u201d ${times} times, in several phrasings): its demos work because it has seen them, and far from them it writes nonsense.`,
    trains: (bytes: string) =>
      `No built-in model here: the lab trains a new one in your browser, from random numbers, on texts from the small hand-written corpus (${bytes}, this site\u2019s own sentences).`,
    all: (small: string, large: string) =>
      `The models compared here: the memorizers (tiny-*) read only the small hand-written corpus (${small}, this site\u2019s own sentences, many times over); the data-rich models (rich-*, the default among them) read the large corpus (${large}) less than once.`,
    card: 'the built-in model\u2019s page',
    colon: ': ',
    lineSep: ' ',
    gap: ' ',
    stop: '.',
    more: 'More on',
    sectionSep: ', ',
    sectionItem: (title: string, bytes: string) => `${title}, ${bytes}`,
  },
  zh: {
    label: '模型',
    runsDefault: (id: string, params: string, size: string) => `这个部件运行的是 ${id}，本站的默认模型（${params} 个参数，下载 ${size}）。`,
    runsMemorizer: (id: string, params: string, size: string) => `这个部件运行的是 ${id}，本站的“背诵者”（${params} 个参数，${size}）。`,
    runsOther: (id: string, params: string, size: string) => `这个部件运行的是 ${id}（${params} 个参数，${size}）。`,
    readLarge: (bytes: string, sections: string, share: string, handwritten: string) =>
      `它读的是大语料，共 ${bytes} 文本（${sections}），按固定比例混合：训练只看过其中 ${share} 的词元。手写的那一节里有这几章自己的句子，只占全部的一小部分，但混合时加了权重：约读了 ${handwritten} 遍。`,
    readSmall: (bytes: string, passes: string, example: string, times: string) =>
      `它只读过手写小语料，${bytes}，反复读了约 ${passes} 遍。这份语料里就有本站自己的句子（“${example}”出现 ${times} 次，措辞各有不同）：它的示例之所以灵，是因为它见过；离开这些句子，它就胡言乱语。`,
    trains: (bytes: string) =>
      `这里不用内置模型：实验室在你的浏览器里从一堆随机数开始训练一个新模型，用的是手写小语料（${bytes}，本站自己的句子）里的文本。`,
    all: (small: string, large: string) =>
      `这里比较的模型：“背诵者”（tiny-*）只读过手写小语料（${small}，本站自己的句子，反复读了许多遍）；数据充足的模型（rich-*，默认模型也在其中）读的是大语料（${large}），连一遍都没读完。`,
    card: '内置模型页',
    colon: '：',
    lineSep: '',
    gap: '',
    stop: '。',
    more: '详见',
    sectionSep: '、',
    sectionItem: (title: string, bytes: string) => `${title} ${bytes}`,
  },
});
