/**
 * Everyday sizes to put the seed's numbers next to, for a log-scale picture. Two are published
 * (The Pile's Table 1, Gao et al. 2020, arXiv:2101.00027); the book and the library are round
 * approximations and the widgets must label them so.
 */

/** A reference size in bytes, whether it is an approximation, and where it was published. */
export interface EverydaySize {
  id: 'book' | 'wikipedia' | 'pile' | 'library';
  bytes: number;
  approx: boolean;
  url?: string;
}

const GiB = 2 ** 30;

/** Reference sizes, smallest first. */
export const EVERYDAY_SIZES: readonly EverydaySize[] = [
  // A long novel is a few hundred thousand words: about a megabyte of plain text.
  { id: 'book', bytes: 1e6, approx: true },
  { id: 'wikipedia', bytes: 6.38 * GiB, approx: false, url: 'https://arxiv.org/abs/2101.00027' },
  { id: 'pile', bytes: 825.18 * GiB, approx: false, url: 'https://arxiv.org/abs/2101.00027' },
  // A million such books.
  { id: 'library', bytes: 1e12, approx: true },
];
