import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { z } from 'zod';
import { QuarryError } from '../errors.js';

/**
 * The workspace's data key is 32 random bytes that never touch the disk in the clear. On disk it is wrapped
 * (AES-256-GCM) with a key derived from the passphrase by scrypt; GCM's tag makes a wrong passphrase fail
 * loudly instead of producing a wrong key that would corrupt the database.
 */
export const WrappedKey = z.object({
  kdf: z.object({
    name: z.literal('scrypt'),
    salt: z.string(),
    N: z.number().int(),
    r: z.number().int(),
    p: z.number().int(),
  }),
  cipher: z.literal('aes-256-gcm'),
  iv: z.string(),
  tag: z.string(),
  ciphertext: z.string(),
});
export type WrappedKey = z.infer<typeof WrappedKey>;

const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

function deriveWrappingKey(passphrase: string, kdf: WrappedKey['kdf']): Buffer {
  return scryptSync(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * kdf.N * kdf.r,
  });
}

export function newDataKey(): Buffer {
  return randomBytes(32);
}

export function wrapDataKey(dataKey: Buffer, passphrase: string): WrappedKey {
  const kdf = { name: 'scrypt' as const, salt: randomBytes(16).toString('base64'), ...SCRYPT };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveWrappingKey(passphrase, kdf), iv);
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    kdf,
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

export function unwrapDataKey(wrapped: WrappedKey, passphrase: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', deriveWrappingKey(passphrase, wrapped.kdf), Buffer.from(wrapped.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()]);
  } catch {
    throw new QuarryError('wrong-passphrase', 'Wrong passphrase for this workspace. Nothing was changed; try again.');
  }
}
