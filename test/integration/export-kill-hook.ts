/**
 * Loaded with `--import` into the CLI by releases-export-kill.test.ts: reports every file-system step the CLI
 * takes under QUARRY_KILL_WATCH (mkdir, fsync of a file or folder, rename, rm) on stdout as
 * `@step <n> <op> <paths relative to the watched folder>`, and at step QUARRY_KILL_PAUSE_AT prints `@paused <n>`
 * and blocks, so the test can SIGKILL it exactly there. The steps are taken by the real code unchanged: the hook
 * wraps node:fs and re-syncs the ES module bindings before the CLI is loaded.
 */
import fs, { writeSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { relative } from 'node:path';

const watch = process.env.QUARRY_KILL_WATCH;
const pauseAt = Number(process.env.QUARRY_KILL_PAUSE_AT ?? 0);
let steps = 0;
const tracked = new Map<number, string>();

const inside = (path: unknown) => typeof path === 'string' && watch !== undefined && (path === watch || path.startsWith(`${watch}/`));
const shown = (path: string) => relative(watch!, path) || '.';

function step(op: string, ...paths: string[]): void {
  steps += 1;
  writeSync(1, `@step ${steps} ${op} ${paths.map(shown).join(' ')}\n`);
  if (steps === pauseAt) {
    writeSync(1, `@paused ${steps}\n`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  }
}

if (watch) {
  const { mkdirSync, openSync, closeSync, fsyncSync, renameSync, rmSync, rmdirSync } = fs;
  Object.assign(fs, {
    mkdirSync: (path: string, options?: fs.MakeDirectoryOptions) => {
      const made = mkdirSync(path, options);
      if (inside(path)) step('mkdir', path);
      return made;
    },
    openSync: (path: string, flags?: fs.OpenMode, mode?: fs.Mode) => {
      const fd = openSync(path, flags ?? 'r', mode);
      if (inside(path)) tracked.set(fd, path);
      return fd;
    },
    closeSync: (fd: number) => {
      tracked.delete(fd);
      closeSync(fd);
    },
    fsyncSync: (fd: number) => {
      fsyncSync(fd);
      const path = tracked.get(fd);
      if (path !== undefined) step('fsync', path);
    },
    renameSync: (from: string, to: string) => {
      renameSync(from, to);
      if (inside(from) || inside(to)) step('rename', from, to);
    },
    rmSync: (path: string, options?: fs.RmOptions) => {
      rmSync(path, options);
      if (inside(path)) step('rm', path);
    },
    rmdirSync: (path: string) => {
      rmdirSync(path);
      if (inside(path)) step('rmdir', path);
    },
  });
  syncBuiltinESMExports();
}
