/** The packaging config flips the Electron fuses that matter; we do not package here, so the config is the proof. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO } from '../helpers.js';

const config = JSON.parse(readFileSync(join(REPO, 'electron-builder.json'), 'utf8')) as {
  asar: boolean;
  files: string[];
  electronFuses: Record<string, boolean>;
};

test('the fuses: no RunAsNode, no NODE_OPTIONS, no inspect arguments, asar integrity on and the app only from asar', () => {
  const fuses = config.electronFuses;
  assert.equal(fuses.runAsNode, false, 'ELECTRON_RUN_AS_NODE would turn the app into a plain Node interpreter');
  assert.equal(fuses.enableNodeOptionsEnvironmentVariable, false, 'NODE_OPTIONS could inject code');
  assert.equal(fuses.enableNodeCliInspectArguments, false, '--inspect would open a debugger port');
  assert.equal(fuses.enableEmbeddedAsarIntegrityValidation, true);
  assert.equal(fuses.onlyLoadAppFromAsar, true, 'integrity checks mean nothing if an unpacked app folder is loaded instead');
  assert.equal(fuses.grantFileProtocolExtraPrivileges, false, 'the app is served on app://, file:// needs no privileges');
  assert.equal(fuses.enableCookieEncryption, true);
});

test('the app is packed into an asar with the built output and models only, no source maps', () => {
  assert.equal(config.asar, true);
  assert.ok(config.files.includes('out/**'));
  assert.ok(config.files.includes('!**/*.map'));
  assert.equal(config.files.some((f) => /^(main|renderer|preload|test)\b/.test(f)), false, 'sources and tests stay out of the package');
});
