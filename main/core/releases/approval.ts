import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import { getRelease, type ReleaseSummary } from './release-store.js';

/**
 * Four eyes: a release is created pending and approved by a different user (the bridge and the CLI let only
 * admins call this). It is decided once: approved or rejected, after which the database refuses any change.
 * The creator may reject (withdraw) their own release, never approve it.
 */

function samePerson(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function pendingRelease(db: Db, releaseId: number): ReleaseSummary {
  const release = getRelease(db, releaseId);
  if (release.state !== 'pending') {
    throw new QuarryError(
      'release-decided',
      `${release.evalSet} v${release.version} was already ${release.state} by ${release.decidedBy ?? 'someone'}; a release is decided once.`,
    );
  }
  return release;
}

/**
 * The approver as the workspace authenticated them. Four eyes means two people who each signed in with their own
 * passphrase; a single-user workspace has one shared passphrase and a typed name, so it cannot approve.
 */
export function approverName(account: { name: string } | null): string {
  if (!account) {
    throw new QuarryError(
      'release-four-eyes-accounts',
      'Approving a release needs two people with their own accounts (four eyes); this workspace has a single shared passphrase. An admin can add accounts under Accounts.',
    );
  }
  return account.name;
}

export function approveRelease(db: Db, releaseId: number, approver: string): ReleaseSummary {
  return db.transaction(() => {
    const release = pendingRelease(db, releaseId);
    if (samePerson(release.createdBy, approver)) {
      throw new QuarryError(
        'release-four-eyes',
        `${release.evalSet} v${release.version} was created by ${release.createdBy}; a different admin must approve it (four eyes).`,
      );
    }
    db.prepare("UPDATE releases SET state = 'approved', approved_by = ?, approved_at = ? WHERE id = ?").run(approver, new Date().toISOString(), releaseId);
    return getRelease(db, releaseId);
  })();
}

export function rejectRelease(db: Db, releaseId: number, rejecter: string): ReleaseSummary {
  return db.transaction(() => {
    pendingRelease(db, releaseId);
    db.prepare("UPDATE releases SET state = 'rejected', rejected_by = ?, rejected_at = ? WHERE id = ?").run(rejecter, new Date().toISOString(), releaseId);
    return getRelease(db, releaseId);
  })();
}
