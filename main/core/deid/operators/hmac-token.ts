import type { PiiLabel } from '../types.js';
import { hmacHex, normalizeForLabel } from './keys.js';

const TOKEN_HEX = 12;

/**
 * `LABEL_<12 hex>`: the same value gives the same token in every case of the workspace, so exports can still be
 * joined on it, while another workspace (another secret) gives unrelated tokens. 48 bits keep collisions out of
 * reach for the values one workspace holds.
 */
export function hmacToken(tokenKey: Buffer, label: PiiLabel, original: string): string {
  return `${label}_${hmacHex(tokenKey, normalizeForLabel(label, original)).slice(0, TOKEN_HEX)}`;
}
