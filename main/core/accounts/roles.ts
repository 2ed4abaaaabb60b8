/**
 * The roles a workspace account can hold. Admins manage accounts and settings, reviewers work the queue,
 * auditors read the dashboard, releases and the audit log and change nothing.
 */
export const ROLES = ['admin', 'reviewer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
