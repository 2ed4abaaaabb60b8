/// <reference types="fhir" />
import type { AuditRow } from './chain-hash.js';
import type { ExportEntry, ExportHeader, ExportRecord } from './export-records.js';

/**
 * The audit export as a FHIR R4 Bundle (type `collection`) of AuditEvent resources, one per entry in the
 * filter. @types/fhir (installed) describes FHIR 3.0, so the R4 changes to AuditEvent (agent.who, agent.type,
 * source.observer, entity.what) and Bundle.timestamp are declared here on top of it. Each AuditEvent
 * carries the exact stored fields in an extension so the chain can be recomputed; the verifier also checks
 * that the readable FHIR fields agree with them. Header, links and checkpoints travel in Bundle.meta.extension.
 */
export const EXT = 'https://quarry.invalid/fhir/StructureDefinition';
const ACTION_SYSTEM = 'https://quarry.invalid/fhir/CodeSystem/audit-action';
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';

export type R4AuditEventAgent = Omit<fhir.AuditEventAgent, 'reference' | 'userId'> & { type?: fhir.CodeableConcept; who?: fhir.Reference };
export type R4AuditEventSource = Omit<fhir.AuditEventSource, 'identifier'> & { observer: fhir.Reference };
export type R4AuditEventEntity = Omit<fhir.AuditEventEntity, 'identifier' | 'reference' | 'detail'> & {
  what?: fhir.Reference;
  detail?: { type: string; valueString: string }[];
};
export type R4AuditEvent = Omit<fhir.AuditEvent, 'agent' | 'source' | 'entity'> & {
  resourceType: 'AuditEvent';
  agent: R4AuditEventAgent[];
  source: R4AuditEventSource;
  entity?: R4AuditEventEntity[];
};
export type R4Bundle = Omit<fhir.Bundle, 'entry'> & {
  resourceType: 'Bundle';
  /** R4: when the bundle was assembled. */
  timestamp?: string;
  entry: { fullUrl: string; resource: R4AuditEvent }[];
};

/** DICOM audit event ids (the R4 AuditEvent type value set) by Quarry event type. */
function eventType(action: string): fhir.Coding {
  const area = action.split('.')[0];
  if (action === 'access.denied') return { system: DCM, code: '110113', display: 'Security Alert' };
  if (action === 'account.role_change') return { system: DCM, code: '110136', display: 'Security Roles Changed' };
  if (area === 'account') return { system: DCM, code: '110137', display: 'User Security Attributes Changed' };
  if (area === 'workspace') return { system: DCM, code: '110114', display: 'User Authentication' };
  if (area === 'audit') return { system: DCM, code: '110101', display: 'Audit Log Used' };
  if (area === 'ingest') return { system: DCM, code: '110107', display: 'Import' };
  if (area === 'export' || area === 'release') return { system: DCM, code: '110106', display: 'Export' };
  return { system: DCM, code: '110100', display: 'Application Activity' };
}

function crud(action: string): string {
  if (action.startsWith('ingest.') || action === 'account.add' || action === 'release.create') return 'C';
  if (action === 'case.view' || action.startsWith('export.') || action === 'audit.export') return 'R';
  if (action.startsWith('case.') || action.startsWith('settings.') || action === 'account.role_change') return 'U';
  if (action === 'account.remove' || action.startsWith('retention.')) return 'D';
  return 'E';
}

const OUTCOME: Record<string, string> = { success: '0', failure: '4', denied: '8' };

function entities(objectIds: string): R4AuditEventEntity[] {
  const parsed = JSON.parse(objectIds) as Record<string, unknown>;
  return Object.entries(parsed).flatMap(([kind, value]) =>
    (Array.isArray(value) ? value : [value]).map((one) => ({
      what: { identifier: { system: `${EXT}/object-${kind}`, value: String(one) } },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
    })),
  );
}

const ROW_FIELDS = ['seq', 'ts', 'actor', 'role', 'workstation', 'source', 'action', 'object_ids', 'outcome', 'format', 'prev_hash', 'hash'] as const;

export function toAuditEvent(row: AuditRow): R4AuditEvent {
  return {
    resourceType: 'AuditEvent',
    id: `quarry-audit-${row.seq}`,
    extension: [{ url: `${EXT}/quarry-audit-entry`, valueString: JSON.stringify(Object.fromEntries(ROW_FIELDS.map((f) => [f, row[f]]))) }],
    type: eventType(row.action),
    subtype: [{ system: ACTION_SYSTEM, code: row.action }],
    action: crud(row.action),
    recorded: row.ts,
    outcome: OUTCOME[row.outcome] ?? '4',
    outcomeDesc: row.outcome,
    agent: [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/extra-security-role-type', code: 'humanuser', display: 'human user' }] },
        role: row.role ? [{ coding: [{ system: `${EXT}/role`, code: row.role }], text: row.role }] : [],
        who: { identifier: { system: `${EXT}/account`, value: row.actor }, display: row.actor },
        requestor: true,
      },
    ],
    source: {
      site: 'Quarry',
      observer: { identifier: { system: `${EXT}/workstation`, value: row.workstation }, display: row.workstation },
      type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '1', display: 'User Device' }],
    },
    entity: entities(row.object_ids),
  };
}

export function toBundle(records: Iterable<ExportRecord>): R4Bundle {
  const meta: fhir.Extension[] = [];
  const entry: R4Bundle['entry'] = [];
  let timestamp = '';
  for (const record of records) {
    if (record.type === 'header') timestamp = record.exportedAt;
    if (record.type === 'entry' && record.inFilter) {
      entry.push({ fullUrl: `urn:quarry:audit:${record.seq}`, resource: toAuditEvent(record) });
    } else {
      meta.push({ url: `${EXT}/quarry-audit-${record.type}`, valueString: JSON.stringify(record) });
    }
  }
  return { resourceType: 'Bundle', type: 'collection', timestamp, meta: { extension: meta }, entry };
}

/** Back from a Bundle to the records, refusing an AuditEvent whose readable fields disagree with its chain data. */
export function fromBundle(bundle: R4Bundle): { records: ExportRecord[]; problems: string[] } {
  const problems: string[] = [];
  const records: ExportRecord[] = [];
  for (const ext of bundle.meta?.extension ?? []) records.push(JSON.parse(ext.valueString ?? 'null') as ExportRecord);
  for (const { resource } of bundle.entry ?? []) {
    const raw = resource.extension?.find((e) => e.url === `${EXT}/quarry-audit-entry`)?.valueString;
    if (!raw) {
      problems.push(`AuditEvent ${resource.id ?? '(no id)'} carries no chain data`);
      continue;
    }
    const row = JSON.parse(raw) as AuditRow;
    const expected = toAuditEvent(row);
    for (const [field, a, b] of [
      ['recorded', resource.recorded, expected.recorded],
      ['subtype', resource.subtype?.[0]?.code, row.action],
      ['outcome', resource.outcome, expected.outcome],
      ['agent.who', resource.agent?.[0]?.who?.display, row.actor],
      ['source.observer', resource.source?.observer?.display, row.workstation],
    ] as const) {
      if (a !== b) problems.push(`AuditEvent for entry #${row.seq}: ${field} was changed`);
    }
    if (JSON.stringify(resource.entity ?? []) !== JSON.stringify(expected.entity)) problems.push(`AuditEvent for entry #${row.seq}: entity was changed`);
    records.push({ type: 'entry', inFilter: true, ...row } satisfies ExportEntry);
  }
  const order = (r: ExportRecord) => (r.type === 'header' ? -1 : r.seq * 2 + (r.type === 'checkpoint' ? 1 : 0));
  // The anchor checkpoint comes before the first entry after it, which sorting by seq*2+1 keeps.
  records.sort((a, b) => order(a) - order(b));
  return { records, problems };
}

export type { ExportHeader };
