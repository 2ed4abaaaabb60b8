import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { REPO, tempDir } from '../helpers.js';

const CRUISER = join(REPO, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

function cruise(root: string) {
  return spawnSync(process.execPath, [CRUISER, 'main', 'preload', 'renderer', '--config', join(REPO, '.dependency-cruiser.cjs'), '--output-type', 'err'], {
    cwd: root,
    encoding: 'utf8',
  });
}

function tree(t: Parameters<typeof tempDir>[0], files: Record<string, string>): string {
  const root = tempDir(t);
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true } }));
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), contents);
  }
  return root;
}

const clean = {
  'main/core/text.ts': 'export const x = 1;\n',
  'preload/api.ts': "import { z } from 'zod';\nexport const s = z.string();\n",
  'renderer/app.ts': "import type { s } from '../preload/api.ts';\nexport type S = typeof s;\n",
};

test('the boundary check passes a tree that keeps the rules', (t) => {
  const result = cruise(tree(t, clean));
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test('the boundary check fails on each forbidden import', (t) => {
  const violations: [string, string, string][] = [
    ['renderer/leak.ts', "import { x } from '../main/core/text.ts';\nexport const y = x;\n", 'renderer-only-talks-to-the-contract'],
    ['renderer/fs.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'renderer-no-node-builtins'],
    ['preload/reach.ts', "import { x } from '../main/core/text.ts';\nexport const y = x;\n", 'preload-imports-only-its-contract'],
    ['preload/os.ts', "import { homedir } from 'node:os';\nexport const h = homedir;\n", 'preload-no-node-builtins'],
    ['main/core/window.ts', "import { BrowserWindow } from 'electron';\nexport const w = BrowserWindow;\n", 'core-never-imports-electron'],
    ['main/core/up.ts', "import { s } from '../shell/start.ts';\nexport const u = s;\n", 'core-never-imports-shell-or-api'],
  ];
  for (const [path, source, rule] of violations) {
    const extra: Record<string, string> = path === 'main/core/up.ts' ? { 'main/shell/start.ts': 'export const s = 1;\n' } : {};
    const result = cruise(tree(t, { ...clean, ...extra, [path]: source }));
    assert.notEqual(result.status, 0, `${path} should break ${rule}`);
    assert.match(result.stdout + result.stderr, new RegExp(rule), path);
  }
});
