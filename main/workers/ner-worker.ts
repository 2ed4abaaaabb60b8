/**
 * Worker thread that runs Quarry's NER model with transformers.js, from the local model folder only: no
 * download is ever attempted, so raw text and model loading never touch the network.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import {
  AutoModelForTokenClassification,
  AutoTokenizer,
  env,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type Tensor,
} from '@huggingface/transformers';
import { alignTokens, decodeEntities, type EntitySpan } from '../core/deid/ner/align.js';
import { mergeWindowSpans, NER_WINDOW_PLAN, planWindows, type TextWindow } from '../core/deid/ner/chunk.js';
import { oLogitShiftFor, shiftOutsideLogits, type NerDecoding } from '../core/deid/ner/decoding.js';
import type { DetectRequest, NerWorkerData, NerWorkerMessage } from '../core/deid/ner/protocol.js';
import { mapEntityType, readLabelMap, type LabelMap } from '../core/deid/ner/label-map.js';
import type { Finding } from '../core/deid/types.js';

/**
 * Windows per forward pass for the fp32 graph: padding cost grows with the longest window, so windows are
 * sorted first. The int8 graph quantizes its activations with one scale per pass (DynamicQuantizeLinear), so
 * it runs one window per pass: a window's findings must not depend on which other windows share its batch.
 * A 64-piece window alone took 0.98 CPU ms against 0.78 per window in batches of 16 (no padding, though), and
 * still about half the fp32 graph's cost.
 */
const WINDOWS_PER_PASS = { fp32: 16, q8: 1 } as const;

interface LoadedModel {
  readonly tokenizer: PreTrainedTokenizer;
  readonly model: PreTrainedModel;
  readonly source: string;
  readonly idToToken: readonly string[];
  readonly id2label: Readonly<Record<string, string>>;
  readonly maxTokens: number;
  readonly lowercase: boolean;
  readonly continuationPrefix: string;
  readonly unknownToken: string;
  readonly specialTokens: ReadonlySet<string>;
  readonly labelMap: LabelMap;
  readonly windowsPerPass: number;
  /** The O tag's index in the logits, and the decoding that lowers its logit (ner/decoding.ts). */
  readonly outsideIndex: number;
  readonly decoding: NerDecoding;
}

interface TokenizerFile {
  normalizer?: { lowercase?: boolean };
  model?: { unk_token?: string; continuing_subword_prefix?: string };
}

async function load({ modelsDir, modelId, threads, dtype, decoding }: NerWorkerData): Promise<LoadedModel> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = modelsDir;
  const options = { local_files_only: true } as const;
  const tokenizer = await AutoTokenizer.from_pretrained(modelId, options);
  const model = await AutoModelForTokenClassification.from_pretrained(modelId, {
    ...options,
    dtype,
    device: 'cpu',
    session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 },
  });
  const tokenizerFile = JSON.parse(readFileSync(join(modelsDir, modelId, 'tokenizer.json'), 'utf8')) as TokenizerFile;
  const idToToken: string[] = [];
  for (const [token, id] of tokenizer.get_vocab()) idToToken[id] = token;
  const config = model.config as unknown as { id2label: Record<string, string>; max_position_embeddings: number };
  return {
    tokenizer,
    model,
    source: `ner:${modelId}`,
    idToToken,
    id2label: config.id2label,
    maxTokens: config.max_position_embeddings,
    lowercase: tokenizerFile.normalizer?.lowercase ?? true,
    continuationPrefix: tokenizerFile.model?.continuing_subword_prefix ?? '##',
    unknownToken: tokenizerFile.model?.unk_token ?? '[UNK]',
    specialTokens: new Set(tokenizer.all_special_tokens),
    labelMap: readLabelMap(join(modelsDir, modelId)),
    windowsPerPass: WINDOWS_PER_PASS[dtype],
    outsideIndex: Number(Object.keys(config.id2label).find((id) => config.id2label[id] === 'O') ?? -1),
    decoding,
  };
}

/** The model's input for a pass, as the tokenizer builds it. */
type Encoded = Record<string, Tensor>;

/**
 * The tokens of `text`. With `encodings`, the text is encoded as a pass of one window feeds it to the model, and
 * kept there when it fits the model's positions (untruncated, unpadded, so as `spansForWindows` would encode it):
 * the pass then runs on it without tokenizing the window a second time.
 */
function tokenCount(m: LoadedModel, text: string, encodings?: Map<string, Encoded>): number {
  if (!encodings) return m.tokenizer.encode(text).length;
  const encoded = m.tokenizer([text], { padding: true }) as Encoded;
  const count = (encoded.input_ids as Tensor).dims[1] as number;
  if (count <= m.maxTokens) encodings.set(text, encoded);
  return count;
}

/** Plans windows and splits any that still exceed the model's positions (dense text: digits, CJK, emoji). */
function windowsFor(m: LoadedModel, text: string, encodings?: Map<string, Encoded>): TextWindow[] {
  const out: TextWindow[] = [];
  const fit = (offset: number, slice: string, maxChars: number): void => {
    for (const w of planWindows(slice, { maxChars, overlapChars: Math.floor(maxChars / 5) })) {
      const piece = slice.slice(w.start, w.end);
      if (maxChars > 16 && tokenCount(m, piece, encodings) > m.maxTokens) fit(offset + w.start, piece, Math.floor(maxChars / 2));
      else out.push({ start: offset + w.start, end: offset + w.end });
    }
  };
  for (const w of planWindows(text, NER_WINDOW_PLAN)) {
    fit(w.start, text.slice(w.start, w.end), NER_WINDOW_PLAN.maxChars);
  }
  return out;
}

function softmaxRowMax(data: Float32Array, offset: number, width: number): { index: number; probability: number } {
  let best = 0;
  for (let k = 1; k < width; k++) if ((data[offset + k] ?? 0) > (data[offset + best] ?? 0)) best = k;
  const top = data[offset + best] ?? 0;
  let sum = 0;
  for (let k = 0; k < width; k++) sum += Math.exp((data[offset + k] ?? 0) - top);
  return { index: best, probability: 1 / sum };
}

async function spansForWindows(
  m: LoadedModel,
  windowTexts: readonly string[],
  shifts: readonly number[],
  encoded: Encoded = m.tokenizer(windowTexts as string[], { padding: true, truncation: true, max_length: m.maxTokens }) as Encoded,
): Promise<EntitySpan[][]> {
  const { logits } = (await m.model(encoded)) as { logits: Tensor };
  const [batch, seq, width] = logits.dims as [number, number, number];
  const scores = logits.data as Float32Array;
  for (let b = 0; b < batch; b++) shiftOutsideLogits(scores, b, seq, width, m.outsideIndex, shifts[b] ?? 0);
  const ids = (encoded.input_ids as Tensor).tolist() as bigint[][];
  const results: EntitySpan[][] = [];
  for (let b = 0; b < batch; b++) {
    const tokens = (ids[b] ?? []).map((id) => m.idToToken[Number(id)] ?? m.unknownToken);
    const tags = tokens.map((_, t) => {
      const best = softmaxRowMax(scores, (b * seq + t) * width, width);
      return { tag: m.id2label[String(best.index)] ?? 'O', score: best.probability };
    });
    const ranges = alignTokens(windowTexts[b] ?? '', tokens, {
      lowercase: m.lowercase,
      specialTokens: m.specialTokens,
      unknownToken: m.unknownToken,
      continuationPrefix: m.continuationPrefix,
    });
    results.push(decodeEntities(tokens, ranges, tags, m.continuationPrefix));
  }
  return results;
}

async function detect(m: LoadedModel, texts: readonly string[]): Promise<Finding[][]> {
  const jobs: { text: number; window: TextWindow; body: string }[] = [];
  // Each text's shift, from its language: its windows are decoded alike.
  const shifts = texts.map((text) => oLogitShiftFor(text, m.decoding));
  // A pass of one window reads the encoding its length check made.
  const encodings = m.windowsPerPass === 1 ? new Map<string, Encoded>() : undefined;
  texts.forEach((text, i) => {
    for (const window of windowsFor(m, text, encodings)) {
      const body = text.slice(window.start, window.end);
      if (body.trim()) jobs.push({ text: i, window, body });
    }
  });
  const order = jobs.map((_, i) => i).sort((a, b) => (jobs[a]?.body.length ?? 0) - (jobs[b]?.body.length ?? 0));
  const spans: EntitySpan[][] = new Array<EntitySpan[]>(jobs.length);
  for (let i = 0; i < order.length; i += m.windowsPerPass) {
    const pass = order.slice(i, i + m.windowsPerPass);
    const bodies = pass.map((j) => jobs[j]?.body ?? '');
    const passShifts = pass.map((j) => shifts[jobs[j]?.text ?? 0] ?? 0);
    const found = await spansForWindows(m, bodies, passShifts, bodies.length === 1 ? encodings?.get(bodies[0]!) : undefined);
    pass.forEach((j, k) => (spans[j] = found[k] ?? []));
  }
  const perText = texts.map(() => [] as { window: TextWindow; spans: EntitySpan[] }[]);
  jobs.forEach((job, j) => perText[job.text]?.push({ window: job.window, spans: spans[j] ?? [] }));
  return perText.map((windows, i) =>
    mergeWindowSpans((texts[i] ?? '').length, windows).flatMap((s): Finding[] => {
      const label = mapEntityType(m.labelMap, s.label);
      return label ? [{ start: s.start, end: s.end, label, score: s.score, source: m.source }] : [];
    }),
  );
}

function post(message: NerWorkerMessage): void {
  parentPort?.postMessage(message);
}

async function main(): Promise<void> {
  if (!parentPort) throw new Error('ner-worker must run as a worker thread');
  let model: LoadedModel;
  try {
    model = await load(workerData as NerWorkerData);
  } catch (error) {
    post({ type: 'failed', message: (error as Error).message });
    return;
  }
  // Requests are served one at a time: a forward pass already uses this worker's threads.
  let queue = Promise.resolve();
  parentPort.on('message', (request: DetectRequest) => {
    queue = queue.then(async () => {
      try {
        post({ type: 'findings', requestId: request.requestId, findings: await detect(model, request.texts) });
      } catch (error) {
        post({ type: 'error', requestId: request.requestId, message: (error as Error).message });
      }
    });
  });
  post({ type: 'ready' });
}

void main();
