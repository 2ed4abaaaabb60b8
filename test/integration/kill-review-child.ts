/**
 * Child process for kill-review.test.ts, killed mid-loop by the test. Through the service the app uses, it either
 * decides pending cases (`review`) or exports the golden set over and over (`export`), writing one line to stdout
 * (synchronously) after each call has returned: `decided <id> <decision>` or `exported <path> <count>`.
 */
import { writeSync } from 'node:fs';
import { QuarryService } from '../../main/api/quarry-service.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';

const [mode, workspaceDir, modelsDir] = process.argv.slice(2) as ['review' | 'export', string, string];
const service = new QuarryService({ workspaceDir, modelsDir, createDeidentifier: () => createDeidentifier({ modelsDir, patternsOnly: true }) });
service.unlock(process.env.QUARRY_PASSPHRASE!, 'Kill Reviewer', 'reviewer:Kill Reviewer');
writeSync(1, 'ready\n');
if (mode === 'review') {
  for (let round = 0; ; round += 1) {
    const pending = await service.handlers['cases:list']({ status: 'pending' });
    if (pending.length === 0) break;
    for (const c of pending) {
      const decision = (c.id + round) % 3 === 0 ? 'rejected' : 'accepted';
      await service.handlers['cases:decide']({ id: c.id, decision, expected: `Expected behaviour for case ${c.id}, ${'written at length. '.repeat(20)}` });
      writeSync(1, `decided ${c.id} ${decision}\n`);
    }
  }
} else {
  for (;;) {
    const { path, count } = await service.handlers['export:golden']({ profile: 'general-pii' });
    writeSync(1, `exported ${path} ${count}\n`);
  }
}
writeSync(1, 'done\n');
await service.close();
