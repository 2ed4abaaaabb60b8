/**
 * What the kill tests share: a workspace ingested by the CLI, and a child process that reports its progress on
 * stdout, one line at a time, and is SIGKILLed once the lines so far say it is at the point to kill.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './helpers.js';

/** Ingests `records` (one JSON object a line) into a new workspace `<root>/ws` with the CLI, patterns only. */
export function ingestedWorkspace(root: string, records: readonly object[], env: NodeJS.ProcessEnv): string {
  const dir = join(root, 'ws');
  const log = join(root, 'cases.jsonl');
  writeFileSync(log, records.map((r) => JSON.stringify(r)).join('\n'));
  const ingest = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'main', 'cli.ts'), 'ingest', log, '--workspace', dir, '--patterns-only'], {
    cwd: REPO,
    env,
    encoding: 'utf8',
  });
  assert.equal(ingest.status, 0, ingest.stderr);
  return dir;
}

export interface Killed {
  /** Every stdout line the child wrote before it died, but `ready`. */
  reports: string[];
  stderr: string;
}

/**
 * Runs `node <nodeArgs>` (tsx loaded) in the repository, collects its stdout lines, and SIGKILLs it as soon as
 * `killWhen(lines so far)` says so. Fails the test unless the child died of that SIGKILL.
 */
export async function runAndKill(nodeArgs: readonly string[], env: NodeJS.ProcessEnv, killWhen: (reports: readonly string[]) => boolean): Promise<Killed> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs], { cwd: REPO, env });
  const reports: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      reports.push(...lines.filter((l) => l !== 'ready'));
      if (child.exitCode === null && child.signalCode === null && killWhen(reports)) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve());
    child.on('error', reject);
  });
  assert.equal(child.signalCode, 'SIGKILL', `the child was killed where intended (exit ${child.exitCode}; stderr: ${stderr.slice(0, 500)})`);
  return { reports, stderr };
}
