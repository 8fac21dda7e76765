/** The id of the real-model panel's section (src/components/RealModel.astro), which other widgets link to. */
export const REAL_MODEL_ANCHOR = 'real-model';
