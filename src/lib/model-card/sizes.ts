/** An entry of public/models/index.json. */
export interface ModelEntry {
  id: string;
  params: number;
  dtype: string;
  bytes: number;
  default?: boolean;
}

/** The parts of a train-log.json the sizes table shows. */
export interface TrainSummary {
  model: string;
  stepsDone?: number;
  steps?: number;
  finalLoss?: number;
}

/** One line of the sizes table. */
export interface SizeRow extends ModelEntry {
  steps: number | undefined;
  finalLoss: number | undefined;
  /** The model whose training this row's log describes when it is not the row itself (a quantized copy). */
  trainedAs: string | undefined;
  /** Precision in words the table shows: F32, F16, INT8, 4-bit. */
  precision: string;
}

/** Names the stored precision the way the chapters talk about it. */
export function precisionLabel(dtype: string): string {
  if (dtype.startsWith('int8')) return 'INT8';
  if (dtype.startsWith('q4')) return '4-bit';
  return dtype;
}

/**
 * Joins index.json with each model's training log. A quantized variant has no training of its
 * own: it reports the log of the model it was made from, and says so.
 */
export function sizeRows(index: ModelEntry[], logs: Record<string, TrainSummary | undefined>): SizeRow[] {
  return index.map((m) => {
    const log = logs[m.id];
    return {
      ...m,
      steps: log?.stepsDone ?? log?.steps,
      finalLoss: log?.finalLoss,
      trainedAs: log && log.model !== m.id ? log.model : undefined,
      precision: precisionLabel(m.dtype),
    };
  });
}
