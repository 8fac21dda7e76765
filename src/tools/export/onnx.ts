/**
 * Writes a built-in model as an ONNX graph (opset 17) with a key/value cache, for ONNX Runtime
 * (onnxruntime-web, onnxruntime-node, Python onnxruntime) — the runtime transformers.js uses.
 *
 * Interface (names as in Hugging Face Optimum's GPT-2 exports, minus attention_mask and
 * position_ids, which this graph derives itself):
 * - inputs: `input_ids` int64 [1, T]; for each layer L, `past_key_values.L.key` and
 *   `past_key_values.L.value` float [1, n_head, P, head_dim] (P = 0 for the first call);
 * - outputs: `logits` float [1, T, vocab]; `present.L.key` / `present.L.value`
 *   [1, n_head, P + T, head_dim], to pass back as the next call's past.
 * Positions are P … P+T−1 and each token attends to the P past tokens and the new ones up to
 * itself (a causal mask built with Trilu). Weights are stored as f32 initializers: the numbers
 * our engine computes with after dequantizing, so both runtimes multiply the same values.
 *
 * Built with onnx-proto (the ONNX protobuf schema compiled by protobufjs): Node only.
 */
import onnxProto from 'onnx-proto';
import type { GptConfig } from '../../lib/tinylm/config.ts';
import type { GptWeights } from '../../lib/tinylm/weights.ts';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

type Attr = number | number[] | string;

/** Builds the graph node by node; names are unique per call. */
class Graph {
  nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private n = 0;

  op(type: string, inputs: string[], attrs: Record<string, Attr> = {}, outputs = 1, names?: string[]): string[] {
    const id = `${type}_${this.n++}`;
    const out = names ?? Array.from({ length: outputs }, (_, i) => `${id}_out${i}`);
    const attribute = Object.entries(attrs).map(([name, v]) =>
      typeof v === 'string'
        ? { name, type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(v) }
        : Array.isArray(v)
          ? { name, type: onnx.AttributeProto.AttributeType.INTS, ints: v }
          : Number.isInteger(v) && !name.startsWith('eps') && name !== 'alpha'
            ? { name, type: onnx.AttributeProto.AttributeType.INT, i: v }
            : { name, type: onnx.AttributeProto.AttributeType.FLOAT, f: v },
    );
    this.nodes.push(onnx.NodeProto.create({ name: id, opType: type, input: inputs, output: out, attribute }));
    return out;
  }
  one(type: string, inputs: string[], attrs: Record<string, Attr> = {}, name?: string): string {
    return this.op(type, inputs, attrs, 1, name ? [name] : undefined)[0]!;
  }
  floats(name: string, dims: number[], data: Float32Array): string {
    const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType: FLOAT, rawData: raw }));
    return name;
  }
  scalar(name: string, value: number): string {
    return this.floats(name, [], Float32Array.of(value));
  }
  ints(name: string, values: number[], dims = [values.length]): string {
    const raw = new Uint8Array(new BigInt64Array(values.map(BigInt)).buffer);
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType: INT64, rawData: raw }));
    return name;
  }
}

const valueInfo = (name: string, elemType: number, dims: (number | string)[]) =>
  onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });

/** The ONNX model bytes of a GPT-2 with these weights. */
export function writeOnnx(options: { name: string; config: GptConfig; weights: GptWeights }): Uint8Array {
  const { config: c, weights: w } = options;
  const d = c.dModel;
  const H = c.nHead;
  const hd = d / H;
  const g = new Graph();

  const wte = g.floats('wte', [c.vocabSize, d], w.wte);
  const wpe = g.floats('wpe', [c.contextLength, d], w.wpe);
  const one = g.scalar('one', 1);
  const half = g.scalar('half', 0.5);
  const geluA = g.scalar('gelu_a', 0.044715);
  const geluB = g.scalar('gelu_b', Math.sqrt(2 / Math.PI));
  const big = g.scalar('mask_scale', 1e9);
  const attnScale = g.scalar('attn_scale', 1 / Math.sqrt(hd));
  const axes0 = g.ints('axes0', [0]);
  const one64 = g.ints('one64', [1], []);
  const headsShape = g.ints('heads_shape', [1, -1, H, hd]);
  const modelShape = g.ints('model_shape', [1, -1, d]);
  const split3 = g.ints('split3', [d, d, d]);

  // Lengths: T new tokens, P past ones (read from the first layer's cache).
  const T = g.one('Squeeze', [g.one('Shape', ['input_ids'], { start: 1, end: 2 }), axes0]);
  const P = g.one('Squeeze', [g.one('Shape', ['past_key_values.0.key'], { start: 2, end: 3 }), axes0]);
  const PT = g.one('Add', [P, T]);
  const positions = g.one('Range', [P, PT, one64]);
  let x = g.one('Add', [g.one('Gather', [wte, 'input_ids']), g.one('Gather', [wpe, positions])]);

  // Causal mask over [T, P+T]: 0 where a token may look, −1e9 where it may not.
  const maskShape = g.one('Concat', [g.one('Unsqueeze', [T, axes0]), g.one('Unsqueeze', [PT, axes0])], { axis: 0 });
  const ones = g.one('Add', [g.one('ConstantOfShape', [maskShape]), one]);
  const allowed = g.one('Trilu', [ones, P], { upper: 0 });
  const bias = g.one('Mul', [g.one('Sub', [allowed, one]), big]);

  const heads = (t: string) => g.one('Transpose', [g.one('Reshape', [t, headsShape])], { perm: [0, 2, 1, 3] });
  const linear = (input: string, wName: string, wData: Float32Array, rows: number, cols: number, bName: string, bData: Float32Array) =>
    g.one('Add', [g.one('MatMul', [input, g.floats(wName, [rows, cols], wData)]), g.floats(bName, [cols], bData)]);
  const norm = (input: string, p: string, weight: Float32Array, b: Float32Array) =>
    g.one('LayerNormalization', [input, g.floats(`${p}.weight`, [d], weight), g.floats(`${p}.bias`, [d], b)], {
      axis: -1,
      epsilon: c.layerNormEpsilon,
    });

  w.layers.forEach((l, i) => {
    const p = `h.${i}`;
    const qkv = linear(norm(x, `${p}.ln_1`, l.ln1Weight, l.ln1Bias), `${p}.attn.c_attn.weight`, l.attnWeight, d, 3 * d, `${p}.attn.c_attn.bias`, l.attnBias);
    const [q, k, v] = g.op('Split', [qkv, split3], { axis: 2 }, 3) as [string, string, string];
    const keys = g.one('Concat', [`past_key_values.${i}.key`, heads(k)], { axis: 2 }, `present.${i}.key`);
    const values = g.one('Concat', [`past_key_values.${i}.value`, heads(v)], { axis: 2 }, `present.${i}.value`);
    const scores = g.one('Add', [g.one('Mul', [g.one('MatMul', [heads(q), g.one('Transpose', [keys], { perm: [0, 1, 3, 2] })]), attnScale]), bias]);
    const attended = g.one('MatMul', [g.one('Softmax', [scores], { axis: -1 }), values]);
    const merged = g.one('Reshape', [g.one('Transpose', [attended], { perm: [0, 2, 1, 3] }), modelShape]);
    x = g.one('Add', [x, linear(merged, `${p}.attn.c_proj.weight`, l.attnProjWeight, d, d, `${p}.attn.c_proj.bias`, l.attnProjBias)]);

    const f = linear(norm(x, `${p}.ln_2`, l.ln2Weight, l.ln2Bias), `${p}.mlp.c_fc.weight`, l.fcWeight, d, 4 * d, `${p}.mlp.c_fc.bias`, l.fcBias);
    // gelu_new = 0.5·f·(1 + tanh(√(2/π)·(f + 0.044715·f³)))
    const cube = g.one('Mul', [g.one('Mul', [f, f]), f]);
    const inner = g.one('Mul', [g.one('Add', [f, g.one('Mul', [cube, geluA])]), geluB]);
    const gelu = g.one('Mul', [g.one('Mul', [f, g.one('Add', [g.one('Tanh', [inner]), one])]), half]);
    x = g.one('Add', [x, linear(gelu, `${p}.mlp.c_proj.weight`, l.fcProjWeight, 4 * d, d, `${p}.mlp.c_proj.bias`, l.fcProjBias)]);
  });
  const final = norm(x, 'ln_f', w.lnFWeight, w.lnFBias);
  g.one('MatMul', [final, g.one('Transpose', [wte], { perm: [1, 0] })], {}, 'logits');

  const cache = (prefix: string, len: string) =>
    w.layers.flatMap((_, i) => ['key', 'value'].map((kind) => valueInfo(`${prefix}.${i}.${kind}`, FLOAT, [1, H, len, hd])));
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'how-a-base-model-works',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: options.name,
      node: g.nodes,
      initializer: g.initializers,
      input: [valueInfo('input_ids', INT64, [1, 'sequence']), ...cache('past_key_values', 'past_sequence')],
      output: [valueInfo('logits', FLOAT, [1, 'sequence', c.vocabSize]), ...cache('present', 'total_sequence')],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
