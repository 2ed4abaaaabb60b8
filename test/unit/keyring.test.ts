import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newDataKey, unwrapDataKey, wrapDataKey } from '../../main/core/store/keyring.js';
import { QuarryError } from '../../main/core/errors.js';

test('a wrapped data key unwraps with the same passphrase only', () => {
  const key = newDataKey();
  const wrapped = wrapDataKey(key, 'correct horse battery');
  assert.deepEqual(unwrapDataKey(wrapped, 'correct horse battery'), key);
  assert.throws(
    () => unwrapDataKey(wrapped, 'correct horse batterY'),
    (error: unknown) => error instanceof QuarryError && error.code === 'wrong-passphrase' && /Wrong passphrase/.test(error.message),
  );
});

test('the wrapped form never contains the key and salts differ per wrap', () => {
  const key = newDataKey();
  const a = wrapDataKey(key, 'passphrase one');
  const b = wrapDataKey(key, 'passphrase one');
  assert.notEqual(a.kdf.salt, b.kdf.salt);
  assert.notEqual(a.ciphertext, b.ciphertext);
  assert.ok(!JSON.stringify(a).includes(key.toString('base64')));
  assert.ok(!JSON.stringify(a).includes(key.toString('hex')));
});
