import { defineStrings } from '../../i18n/lang.ts';

/** UI strings of the model-size slider. */
export const strings = defineStrings({
  zh: {
    title: '模型文件有多大？',
    slider: '参数量',
    precision: '精度',
    bits: '每个参数的位数',
    size: '文件大小',
    note: '文件大小 ≈ 参数量 × 每个参数的字节数。1 GB = 10⁹ 字节。4-bit 按每 32 个权重共享一个 FP16 缩放因子计，合 4.5 位。',
  },
  en: {
    title: 'How big is a model file?',
    slider: 'Parameters',
    precision: 'Precision',
    bits: 'Bits per parameter',
    size: 'File size',
    note: 'File size ≈ parameters × bytes per parameter. 1 GB = 10⁹ bytes. 4-bit counts one FP16 scale per 32 weights: 4.5 bits each.',
  },
});
