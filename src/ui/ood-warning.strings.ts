import { defineStrings } from '../i18n/lang.ts';

/** Strings of the out-of-distribution warning (src/ui/OodWarning.tsx), shared by the playground and the surprisal view. */
export const oodStrings = defineStrings({
  en: {
    title: 'Far outside what this model read',
    /** bits per byte here, the model, its cost on new text of its kind, on its own corpus, the threshold. */
    body: (here: string, model: string, unseen: string, train: string, threshold: string) =>
      `This text costs ${model} ${here} bits per byte. On new text like the text it was trained on it needs ${unseen}, on its own corpus ${train} (measured, eval.json); above ${threshold}, twice the first, we call a text far outside what it read. Expect guesses that only look like its corpus.`,
  },
  zh: {
    title: '远远超出了这个模型读过的东西',
    body: (here: string, model: string, unseen: string, train: string, threshold: string) =>
      `${model} 读这段文字，每字节要花 ${here} 比特。它在和训练语料同类、但没读过的新文本上每字节约 ${unseen} 比特，在自己的语料上约 ${train} 比特（实测，见 eval.json）；超过 ${threshold}，即前者的两倍，我们就说这段文字远远超出了它读过的范围。它接下来写的，多半只是看起来像它语料的猜测。`,
  },
});
