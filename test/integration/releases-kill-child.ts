/**
 * Child process for releases-kill.test.ts, killed mid-loop by the test. Through the service the app uses, it
 * creates a release of the `triage` set and rejects it, over and over, writing one line to stdout
 * (synchronously) after each call has returned: `created <id> <cases>` or `rejected <id>`.
 */
import { writeSync } from 'node:fs';
import { QuarryService } from '../../main/api/quarry-service.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';

const [workspaceDir, modelsDir] = process.argv.slice(2) as [string, string];
const service = new QuarryService({ workspaceDir, modelsDir, createDeidentifier: () => createDeidentifier({ modelsDir, patternsOnly: true }) });
service.unlock(process.env.QUARRY_PASSPHRASE!, 'Kill Releaser', 'reviewer:Kill Releaser');
writeSync(1, 'ready\n');
for (;;) {
  const release = await service.handlers['releases:create']({ set: 'triage' });
  writeSync(1, `created ${release.id} ${release.counts.total}\n`);
  await service.handlers['releases:reject']({ id: release.id });
  writeSync(1, `rejected ${release.id}\n`);
}
