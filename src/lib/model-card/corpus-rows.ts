/** One section of public/corpus/manifest.json. */
export interface CorpusSection {
  id: string;
  kind: string;
  language: string;
  repetitions: number;
  source: string;
  licence: string;
  bytes: number;
}

/** Sections that share kind, language, repetitions, source and licence, counted together. */
export interface CorpusRow {
  kind: string;
  language: string;
  repetitions: number;
  source: string;
  licence: string;
  /** How many sections were merged into this row. */
  sections: number;
  /** Their bytes in corpus.txt, repetitions included. */
  bytes: number;
}

/**
 * Groups the manifest's sections (hundreds of single facts and dialogues) into one row per
 * kind/language/repetitions/source, keeping the manifest's order, so the table fits a phone.
 */
export function corpusRows(sections: CorpusSection[]): CorpusRow[] {
  const rows = new Map<string, CorpusRow>();
  for (const s of sections) {
    const key = JSON.stringify([s.kind, s.language, s.repetitions, s.source, s.licence]);
    const row = rows.get(key);
    if (row) {
      row.sections += 1;
      row.bytes += s.bytes;
    } else {
      rows.set(key, {
        kind: s.kind,
        language: s.language,
        repetitions: s.repetitions,
        source: s.source,
        licence: s.licence,
        sections: 1,
        bytes: s.bytes,
      });
    }
  }
  return [...rows.values()];
}
