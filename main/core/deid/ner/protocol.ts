/** Messages between the NER detector (main thread) and its worker threads. */
import type { Finding } from '../types.js';
import type { NerDecoding } from './decoding.js';

export interface NerWorkerData {
  /** Folder holding `<modelId>/`, already verified against its manifest. */
  readonly modelsDir: string;
  readonly modelId: string;
  /** ONNX Runtime threads for this worker; the pool shares the machine's cores. */
  readonly threads: number;
  /**
   * Which graph transformers.js loads: 'q8' is onnx/model_quantized.onnx (dynamic int8), 'fp32' is
   * onnx/model.onnx. The detector picks it from the verified manifest (modelDtype).
   */
  readonly dtype: 'fp32' | 'q8';
  /** The O-logit shift and the languages it applies to (the manifest's decoding, or an override). */
  readonly decoding: NerDecoding;
}

export interface DetectRequest {
  readonly type: 'detect';
  readonly requestId: number;
  readonly texts: readonly string[];
}

export type NerWorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'findings'; readonly requestId: number; readonly findings: Finding[][] }
  | { readonly type: 'error'; readonly requestId: number; readonly message: string };
