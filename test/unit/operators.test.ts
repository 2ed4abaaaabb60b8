import assert from 'node:assert/strict';
import { test } from 'node:test';
import { en, es } from '@faker-js/faker';
import Database from 'better-sqlite3-multiple-ciphers';
import { caseDateOffset } from '../../main/core/deid/operators/date-shift.js';
import { parseDate, type PartialDate } from '../../main/core/deid/operators/dates.js';
import { hmacToken } from '../../main/core/deid/operators/hmac-token.js';
import { deriveOperatorKeys, workspaceSecret } from '../../main/core/deid/operators/keys.js';
import { PlaceholderAllocator } from '../../main/core/deid/operators/placeholder.js';
import {
  EXPORT_PROFILES,
  GENERAL_PII_PROFILE,
  HIPAA_SAFE_HARBOR_PROFILE,
  KEEPING_OPERATORS,
  PLACEHOLDER_PROFILE,
  profileProblems,
  type ExportProfile,
  type OperatorName,
} from '../../main/core/deid/operators/profiles.js';
import { renderCaseForExport } from '../../main/core/deid/operators/render-case.js';
import { SURROGATE_LABELS } from '../../main/core/deid/operators/surrogate.js';
import { passesIbanMod97, passesLuhn, passesSpanishIdLetter } from '../../main/core/deid/recognizers/checksums.js';
import { PII_LABELS, type PiiLabel } from '../../main/core/deid/types.js';
import type { Db } from '../../main/core/store/database.js';
import { migrate } from '../../main/core/store/migrate.js';

// ---- fixtures: cases stored the way ingest stores them ----

type Part = string | readonly [PiiLabel, string];

interface Fixture {
  language?: string;
  messages: readonly (readonly Part[])[];
  response?: readonly Part[];
}

function workspace(): Db {
  const db = new Database(':memory:');
  migrate(db);
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'log.jsonl', 'openai-chat', 'now')").run();
  return db;
}

/** Stores a case as ingest would: placeholder text in `cases`, one `vault_findings` row per replaced span. */
function addCase(db: Db, fixture: Fixture): number {
  const id = db.prepare('SELECT coalesce(max(id), 0) + 1 FROM vault_interactions').pluck().get() as number;
  const allocator = new PlaceholderAllocator();
  const findings: unknown[][] = [];
  const placeholders = new Map<string, string>();
  const fields = [...fixture.messages, ...(fixture.response ? [fixture.response] : [])];
  const redacted = fields.map((parts, field) => {
    let raw = '';
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        raw += part;
        out += part;
        continue;
      }
      const [label, value] = part;
      const placeholder = allocator.placeholderFor(label, value);
      findings.push([id, field, raw.length, raw.length + value.length, label, placeholder, 'test', 1, value]);
      placeholders.set(placeholder, label);
      raw += value;
      out += placeholder;
    }
    return out;
  });
  const messageCount = fixture.messages.length;
  const body = {
    messages: redacted.slice(0, messageCount).map((content) => ({ role: 'user', content })),
    response: fixture.response ? { role: 'assistant', content: redacted[messageCount] } : null,
    preview: '',
  };
  db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (?, ?, 1, ?, '{}')").run(id, `hash-${id}`, id);
  db.prepare(
    `INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at)
     VALUES (?, 1, ?, ?, ?, '{}', ?, ?, 'now')`,
  ).run(
    id,
    id,
    `hash-${id}`,
    JSON.stringify(body),
    JSON.stringify(fixture.language ? { language: fixture.language } : {}),
    JSON.stringify([...placeholders].map(([placeholder, label]) => ({ placeholder, label }))),
  );
  const insert = db.prepare('INSERT INTO vault_findings (case_id, field, start, end, label, placeholder, source, score, original) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const row of findings) insert.run(...row);
  return id;
}

const NOW = new Date('2025-06-01T00:00:00Z');

function render(db: Db, id: number, profile: string | ExportProfile): string[] {
  const rendered = renderCaseForExport(db, id, profile, NOW);
  return [...rendered.messages, ...(rendered.response ? [rendered.response] : [])].map((m) => m.content);
}

const PREFIX = 'Value: ';
const SUFFIX = ' (end)';

/** A case with one value per message, so each message's rendering is exactly one replacement. */
function valuesCase(db: Db, values: readonly (readonly [PiiLabel, string])[], language = 'en'): number {
  return addCase(db, { language, messages: values.map((value) => [PREFIX, value, SUFFIX]) });
}

function renderValues(db: Db, values: readonly (readonly [PiiLabel, string])[], profile: string | ExportProfile, language = 'en'): string[] {
  return render(db, valuesCase(db, values, language), profile).map((text) => text.slice(PREFIX.length, text.length - SUFFIX.length));
}

/** Every label on one operator (where it applies; the rest as in General PII). */
function uniformProfile(operator: OperatorName): ExportProfile {
  const rules = Object.fromEntries(
    PII_LABELS.map((label) => {
      const fits = operator === 'surrogate' ? SURROGATE_LABELS.includes(label) : true;
      return [label, fits ? { operator, why: 'test' } : GENERAL_PII_PROFILE.rules[label]];
    }),
  ) as ExportProfile['rules'];
  return { id: `all-${operator}`, name: operator, summary: 'test', rules };
}

function daysBetween(a: PartialDate, b: PartialDate): number {
  return (Date.UTC(b.year ?? 0, (b.month ?? 1) - 1, b.day ?? 1) - Date.UTC(a.year ?? 0, (a.month ?? 1) - 1, a.day ?? 1)) / 86_400_000;
}

// ---- placeholder profile and the workspace secret ----

test('the placeholder profile returns the stored text and creates no secret', () => {
  const db = workspace();
  const id = addCase(db, { messages: [['Hi, I am ', ['PERSON', 'Ana Ruiz'], ', call ', ['PHONE', '555-0100']]], response: ['Hello ', ['PERSON', 'Ana']] });
  const rendered = renderCaseForExport(db, id, 'placeholder');
  assert.equal(rendered.messages[0]?.content, 'Hi, I am [PERSON_1], call [PHONE_1]');
  assert.deepEqual(rendered.response, { role: 'assistant', content: 'Hello [PERSON_2]' });
  assert.deepEqual(rendered.fallbacks, []);
  assert.equal(db.prepare('SELECT count(*) FROM workspace_meta').pluck().get(), 0);
});

test('the workspace secret is 32 bytes, created on first use and then reused', () => {
  const db = workspace();
  const secret = workspaceSecret(db);
  assert.equal(secret.length, 32);
  assert.deepEqual(workspaceSecret(db), secret);
  assert.notDeepEqual(workspaceSecret(workspace()), secret);
});

// ---- surrogate ----

test('a surrogate is the same for the same value within a case and across cases, cased like each occurrence', () => {
  const db = workspace();
  const [first, upper, other] = renderValues(db, [['PERSON', 'John Smith'], ['PERSON', 'JOHN  SMITH'], ['PERSON', 'Mary Jones']], 'general-pii');
  assert.ok(first && upper && other);
  assert.notEqual(first, 'John Smith');
  assert.equal(upper, first.toUpperCase());
  assert.notEqual(other, first);
  const [later, lower] = renderValues(db, [['PERSON', 'John Smith'], ['PERSON', 'john smith']], 'hipaa-safe-harbor');
  assert.equal(later, first);
  assert.equal(lower, first.toLowerCase());
  const [phoneA] = renderValues(db, [['PHONE', '(415) 555-0132']], 'general-pii');
  const [phoneB] = renderValues(db, [['PHONE', '415.555.0132']], 'general-pii');
  assert.equal(phoneB, phoneA?.replace(/^\((\d{3})\) (\d{3})-/, '$1.$2.'));
  // The vault keys values by HMAC; the real value is nowhere in it.
  const rows = db.prepare('SELECT label, value_hmac, surrogate FROM vault_surrogates').all() as { value_hmac: string }[];
  assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.value_hmac)));
  const stored = JSON.stringify(rows).toLowerCase();
  assert.ok(['john smith', 'mary jones', '4155550132'].every((real) => !stored.includes(real)));
});

test('another workspace draws other surrogates and other HMAC tokens', () => {
  const values: [PiiLabel, string][] = [['PERSON', 'John Smith'], ['PERSON', 'Mary Jones'], ['PHONE', '(415) 555-0132'], ['EMAIL', 'john@acme.com']];
  const a = renderValues(workspace(), values, 'general-pii');
  const b = renderValues(workspace(), values, 'general-pii');
  assert.notDeepEqual(a, b);
  const card: [PiiLabel, string][] = [['CREDIT_CARD', '4111 1111 1111 1111']];
  assert.notDeepEqual(renderValues(workspace(), card, 'general-pii'), renderValues(workspace(), card, 'general-pii'));
});

test('Spanish cases get Spanish names with two surnames, English cases English names', () => {
  const db = workspace();
  const spanishFirst = new Set([...(es.person?.first_name?.female ?? []), ...(es.person?.first_name?.male ?? [])]);
  const englishFirst = new Set([...(en.person?.first_name?.female ?? []), ...(en.person?.first_name?.male ?? []), ...(en.person?.first_name?.generic ?? [])]);
  for (let i = 0; i < 10; i++) {
    const [spanish] = renderValues(db, [['PERSON', `María Pérez García${i}`]], 'general-pii', 'es');
    const [english] = renderValues(db, [['PERSON', `Jane Doe${i}`]], 'general-pii', 'en');
    assert.ok(spanish && english);
    assert.ok([...spanishFirst].some((first) => spanish.startsWith(`${first} `)), spanish);
    assert.ok([...englishFirst].some((first) => english.startsWith(`${first} `)), english);
  }
  const [spanishName] = renderValues(db, [['PERSON', 'Lucía Fernández López']], 'general-pii', 'es');
  const [givenName = ''] = [...spanishFirst].filter((first) => spanishName?.startsWith(`${first} `)).sort((a, b) => b.length - a.length);
  const surnames = spanishName?.slice(givenName.length + 1) ?? '';
  const spanishSurnames = new Set(es.person?.last_name?.generic ?? []);
  assert.ok([...spanishSurnames].some((s) => surnames.startsWith(`${s} `) && spanishSurnames.has(surnames.slice(s.length + 1))), spanishName);
});

test('phones keep their layout and country code', () => {
  const db = workspace();
  const [us, spain, compact] = renderValues(db, [['PHONE', '(415) 555-0132'], ['PHONE', '+34 612 345 678'], ['PHONE', '6125550199']], 'general-pii');
  assert.match(us ?? '', /^\([2-9]\d{2}\) [2-9]\d{2}-[2-9]\d{3}$/);
  assert.notEqual(us, '(415) 555-0132');
  assert.match(spain ?? '', /^\+34 [2-9]\d{2} [2-9]\d{2} [2-9]\d{2}$/);
  assert.match(compact ?? '', /^[2-9]\d{9}$/);
});

test('SSNs keep their layout and stay in an issuable range', () => {
  const db = workspace();
  const originals = Array.from({ length: 40 }, (_, i): [PiiLabel, string] => ['SSN', `${String(101 + i).padStart(3, '0')}-45-${String(1000 + i)}`]);
  for (const [i, fake] of renderValues(db, originals, 'hipaa-safe-harbor').entries()) {
    const match = /^(\d{3})-(\d{2})-(\d{4})$/.exec(fake);
    assert.ok(match, fake);
    const [, area = '', group = '', serial = ''] = match;
    assert.ok(area !== '000' && area !== '666' && Number(area) < 900, fake);
    assert.ok(group !== '00' && serial !== '0000', fake);
    assert.notEqual(fake, originals[i]?.[1]);
  }
});

test('credit cards keep length, separators and network digit, and stay Luhn-valid', () => {
  const db = workspace();
  const originals: [PiiLabel, string][] = [['CREDIT_CARD', '4111 1111 1111 1111'], ['CREDIT_CARD', '5500-0000-0000-0004'], ['CREDIT_CARD', '378282246310005']];
  for (let round = 0; round < 10; round++) {
    const [visa, master, amex] = renderValues(workspace(), originals, 'hipaa-safe-harbor');
    assert.match(visa ?? '', /^4\d{3} \d{4} \d{4} \d{4}$/);
    assert.match(master ?? '', /^5\d{3}-\d{4}-\d{4}-\d{4}$/);
    assert.match(amex ?? '', /^3\d{14}$/);
    for (const fake of [visa, master, amex]) assert.ok(passesLuhn((fake ?? '').replace(/\D/g, '')), fake);
  }
  assert.equal(db.prepare('SELECT count(*) FROM vault_surrogates').pluck().get(), 0);
});

test('IBANs, record numbers and Spanish DNIs keep layout and valid check characters', () => {
  const db = workspace();
  const [iban, mrn, dni, nie] = renderValues(
    db,
    [['IBAN', 'ES91 2100 0418 4502 0005 1332'], ['ID', 'MRN-00123456'], ['ID', '12345678Z'], ['ID', 'X1234567L']],
    'hipaa-safe-harbor',
    'es',
  );
  assert.match(iban ?? '', /^ES\d{2} \d{4} \d{4} \d{4} \d{4} \d{4}$/);
  assert.ok(passesIbanMod97((iban ?? '').replace(/ /g, '')), iban);
  assert.notEqual(iban, 'ES91 2100 0418 4502 0005 1332');
  assert.match(mrn ?? '', /^MRN-\d{8}$/);
  assert.notEqual(mrn, 'MRN-00123456');
  assert.match(dni ?? '', /^\d{8}[A-Z]$/);
  assert.ok(passesSpanishIdLetter(dni ?? ''), dni);
  assert.match(nie ?? '', /^X\d{7}[A-Z]$/);
  assert.ok(passesSpanishIdLetter(nie ?? ''), nie);
});

test('emails, URLs and IP addresses keep a plausible shape', () => {
  const db = workspace();
  const [email, url, ip, ip6] = renderValues(
    db,
    [['EMAIL', 'john.smith@acme-health.com'], ['URL', 'https://portal.acme-health.com/patients/8812?ref=mail'], ['IP_ADDRESS', '192.168.10.24'], ['IP_ADDRESS', 'fe80::1ff:fe23:4567:890a']],
    'general-pii',
  );
  assert.match(email ?? '', /^[a-z0-9._%+-]+@example\.(com|net|org)$/);
  assert.match(url ?? '', /^https:\/\/[a-z0-9.-]+\.[a-z]+\/[a-z0-9-]+\/[a-z0-9-]+\?id=[a-z0-9]{8}$/i);
  assert.ok(!url?.includes('acme'));
  assert.match(ip ?? '', /^\d{1,3}(\.\d{1,3}){3}$/);
  assert.match(ip6 ?? '', /^[0-9a-f:]+$/);
});

test('an age surrogate stays in the same decade', () => {
  const [age, words] = renderValues(workspace(), [['AGE', '45'], ['AGE', 'tres']], 'general-pii');
  assert.match(age ?? '', /^4\d$/);
  assert.notEqual(age, '45');
  assert.match(words ?? '', /^\[AGE_\d\]$/);
});

// ---- date-shift ----

test('date-shift moves every date of a case by one offset and keeps each format', () => {
  const db = workspace();
  const originals = ['2025-03-14', '03/20/2025', 'March 31, 2025', '14 de abril de 2025'];
  const shifted = renderValues(db, originals.map((d): [PiiLabel, string] => ['DATE', d]), 'general-pii');
  assert.match(shifted[0] ?? '', /^\d{4}-\d{2}-\d{2}$/);
  assert.match(shifted[1] ?? '', /^\d{2}\/\d{2}\/\d{4}$/);
  assert.match(shifted[2] ?? '', /^(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}$/);
  assert.match(shifted[3] ?? '', /^\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre) de \d{4}$/);
  const before = originals.map((d) => parseDate(d, 'en')?.date);
  const after = shifted.map((d) => parseDate(d, 'en')?.date);
  const offset = daysBetween(before[0]!, after[0]!);
  assert.ok(offset !== 0 && Math.abs(offset) <= 365, `offset ${offset}`);
  for (let i = 1; i < originals.length; i++) {
    assert.equal(daysBetween(after[0]!, after[i]!), daysBetween(before[0]!, before[i]!), `interval to ${originals[i]}`);
  }
  const again = renderValues(db, originals.map((d): [PiiLabel, string] => ['DATE', d]), 'general-pii');
  assert.equal(daysBetween(before[0]!, parseDate(again[0] ?? '', 'en')!.date), caseDateOffset(deriveOperatorKeys(workspaceSecret(db)).dateShift, 2));
});

test('date offsets are per case, within ±365 days and never 0', () => {
  const key = deriveOperatorKeys(workspaceSecret(workspace())).dateShift;
  const offsets = Array.from({ length: 200 }, (_, i) => caseDateOffset(key, i + 1));
  assert.ok(offsets.every((o) => o !== 0 && Math.abs(o) <= 365));
  assert.ok(new Set(offsets).size > 100);
  assert.ok(offsets.some((o) => o < 0) && offsets.some((o) => o > 0));
  assert.equal(caseDateOffset(key, 7), offsets[6]);
});

test('weekdays, ordinals and month-name style follow the shifted date', () => {
  const db = workspace();
  const [written, spanish] = renderValues(db, [['DATE', 'Friday, March 14th, 2025'], ['DATE', 'viernes 14 de marzo de 2025']], 'general-pii', 'es');
  assert.match(written ?? '', /^(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday), [A-Z][a-z]+ \d{1,2}(st|nd|rd|th), \d{4}$/);
  const date = parseDate(written ?? '', 'en')!.date;
  const weekday = new Date(Date.UTC(date.year!, date.month! - 1, date.day!)).getUTCDay();
  assert.equal(written?.split(',')[0], ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][weekday]);
  assert.match(spanish ?? '', /^(domingo|lunes|martes|miércoles|jueves|viernes|sábado) \d{1,2} de [a-z]+ de \d{4}$/);
});

test('a date that cannot be parsed keeps its placeholder and is counted', () => {
  const db = workspace();
  const id = addCase(db, { messages: [['Seen ', ['DATE', 'last Tuesday'], ' and ', ['DATE', '2025-02-30'], ' and ', ['DATE', '2025-01-02']]] });
  const rendered = renderCaseForExport(db, id, 'general-pii', NOW);
  assert.match(rendered.messages[0]?.content ?? '', /^Seen \[DATE_1\] and \[DATE_2\] and \d{4}-\d{2}-\d{2}$/);
  assert.deepEqual(rendered.fallbacks, [
    { placeholder: '[DATE_1]', reason: 'unparsed-date' },
    { placeholder: '[DATE_2]', reason: 'unparsed-date' },
  ]);
});

// ---- hmac, redact, HIPAA's keeping operators ----

test('hmac tokens are stable across cases and layouts, and derived from the workspace secret', () => {
  const db = workspace();
  const [a] = renderValues(db, [['CREDIT_CARD', '4111 1111 1111 1111']], 'general-pii');
  const [b] = renderValues(db, [['CREDIT_CARD', '4111-1111-1111-1111']], 'general-pii');
  assert.match(a ?? '', /^CREDIT_CARD_[0-9a-f]{12}$/);
  assert.equal(a, b);
  assert.equal(a, hmacToken(deriveOperatorKeys(workspaceSecret(db)).token, 'CREDIT_CARD', '4111111111111111'));
  const [person] = renderValues(db, [['PERSON', 'John Smith']], uniformProfile('hmac'));
  const [same] = renderValues(db, [['PERSON', 'JOHN SMITH']], uniformProfile('hmac'));
  assert.match(person ?? '', /^PERSON_[0-9a-f]{12}$/);
  assert.equal(person, same);
});

test('redact writes [REDACTED]', () => {
  const [ssn] = renderValues(workspace(), [['SSN', '219-09-9999']], 'general-pii');
  assert.equal(ssn, '[REDACTED]');
});

test('HIPAA keeps only the year of a date and ages up to 89', () => {
  const db = workspace();
  const id = addCase(db, {
    language: 'en',
    messages: [['Seen ', ['DATE', 'March 14, 2025'], ', born ', ['DATE', '1921'], ', on ', ['DATE', '14/03'], ', aged ', ['AGE', '95'], ' and ', ['AGE', '45']]],
  });
  const rendered = renderCaseForExport(db, id, 'hipaa-safe-harbor', NOW);
  assert.equal(rendered.messages[0]?.content, 'Seen 2025, born [DATE_2], on [DATE_3], aged 90 or older and 45');
  assert.deepEqual(
    rendered.fallbacks.map((f) => f.reason),
    ['year-implies-age-over-89', 'date-without-year'],
  );
  const [spanishAge] = renderValues(db, [['AGE', '92']], 'hipaa-safe-harbor', 'es');
  assert.equal(spanishAge, '90 o más');
});

// ---- profiles ----

test('every profile covers every entity type with an operator that applies to it', () => {
  assert.deepEqual(EXPORT_PROFILES.map((p) => p.id), ['placeholder', 'hipaa-safe-harbor', 'general-pii']);
  for (const profile of EXPORT_PROFILES) {
    assert.deepEqual(Object.keys(profile.rules).sort(), [...PII_LABELS].sort(), profile.id);
    assert.deepEqual(profileProblems(profile), [], profile.id);
    for (const label of PII_LABELS) assert.ok(profile.rules[label].why.length > 10, `${profile.id} ${label} says why`);
  }
  assert.ok(PII_LABELS.every((l) => !KEEPING_OPERATORS.has(GENERAL_PII_PROFILE.rules[l].operator)), 'General PII keeps nothing');
  assert.ok(PII_LABELS.every((l) => HIPAA_SAFE_HARBOR_PROFILE.rules[l].operator !== 'hmac'), 'Safe Harbor forbids codes derived from identifiers');
  assert.ok(PII_LABELS.every((l) => PLACEHOLDER_PROFILE.rules[l].operator === 'placeholder'));
});

test('a profile with an operator that does not apply is refused before anything is rendered', () => {
  const db = workspace();
  const id = addCase(db, { messages: [[['DATE', '2025-03-14']]] });
  const broken: ExportProfile = { ...GENERAL_PII_PROFILE, id: 'broken', rules: { ...GENERAL_PII_PROFILE.rules, DATE: { operator: 'surrogate', why: '' } } };
  assert.throws(() => renderCaseForExport(db, id, broken), { code: 'invalid-export-profile' });
  assert.throws(() => renderCaseForExport(db, id, 'gdpr'), { code: 'unknown-export-profile', message: /Choose one of: placeholder, hipaa-safe-harbor, general-pii/ });
  assert.throws(() => renderCaseForExport(db, 99, 'general-pii'), { code: 'case-not-found' });
});

test('a case whose text and vault disagree is refused, not half-rendered', () => {
  const db = workspace();
  const id = addCase(db, { messages: [['I am ', ['PERSON', 'Ana Ruiz'], '.']] });
  db.prepare('UPDATE cases SET redacted_json = ? WHERE id = ?').run(JSON.stringify({ messages: [{ role: 'user', content: 'I am  [PERSON_1].' }], response: null }), id);
  assert.throws(() => renderCaseForExport(db, id, 'general-pii'), { code: 'export-vault-mismatch' });
});

test('placeholders whose real values were purged stay placeholders and are counted', () => {
  const db = workspace();
  const id = addCase(db, { messages: [['I am ', ['PERSON', 'Ana Ruiz'], ', ', ['PERSON', 'Ana Ruiz'], ' on ', ['DATE', '2025-03-14']]] });
  db.prepare('DELETE FROM vault_findings WHERE case_id = ?').run(id);
  const rendered = renderCaseForExport(db, id, 'general-pii');
  assert.equal(rendered.messages[0]?.content, 'I am [PERSON_1], [PERSON_1] on [DATE_1]');
  assert.deepEqual(rendered.fallbacks.map((f) => `${f.placeholder} ${f.reason}`), ['[PERSON_1] original-missing', '[PERSON_1] original-missing', '[DATE_1] original-missing']);
});

// ---- property: nothing real survives ----

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function generator(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
}

function randomValues(random: (n: number) => number): Record<PiiLabel, () => string> {
  const syllables = ['zor', 'vak', 'qui', 'lan', 'bre', 'mox', 'tul', 'fen', 'dra', 'xis', 'pel', 'gry'];
  const word = (): string => Array.from({ length: 3 }, () => syllables[random(syllables.length)]).join('');
  const name = (): string => word().replace(/^./, (c) => c.toUpperCase());
  const digits = (n: number): string => Array.from({ length: n }, () => random(10)).join('');
  const card = (): string => {
    const body = `4${digits(14)}`;
    const check = [...'0123456789'].find((d) => passesLuhn(body + d)) ?? '0';
    return (body + check).replace(/(\d{4})(?=\d)/g, '$1 ');
  };
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const meses = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
  // Dates of one case are years apart, so a shifted date can never land on another original of the case.
  let dateCount = 0;
  const date = (): string => {
    const year = 1990 + 3 * (dateCount++ % 10);
    const month = 1 + random(12);
    const day = 1 + random(28);
    const pad = (n: number): string => String(n).padStart(2, '0');
    return [`${year}-${pad(month)}-${pad(day)}`, `${pad(month)}/${pad(day)}/${year}`, `${months[month - 1]} ${day}, ${year}`, `${day} de ${meses[month - 1]} de ${year}`][random(4)]!;
  };
  return {
    PERSON: () => `${name()} ${name()}`,
    LOCATION: name,
    ORGANIZATION: () => `${name()} Holdings`,
    ADDRESS: () => `${1 + random(999)} ${name()} Street`,
    DATE: date,
    AGE: () => String(1 + random(110)),
    PHONE: () => `(${2 + random(8)}${digits(2)}) ${2 + random(8)}${digits(2)}-${digits(4)}`,
    EMAIL: () => `${word()}.${word()}@${word()}.test`,
    URL: () => `https://${word()}.test/${word()}`,
    IP_ADDRESS: () => `10.${random(256)}.${random(256)}.${random(256)}`,
    ID: () => `MRN-${digits(8)}`,
    SSN: () => `${String(1 + random(665)).padStart(3, '0')}-${String(1 + random(98)).padStart(2, '0')}-${String(1 + random(9998)).padStart(4, '0')}`,
    CREDIT_CARD: card,
    IBAN: () => `ES${digits(2)} ${digits(4)} ${digits(4)} ${digits(4)} ${digits(4)} ${digits(4)}`,
  };
}

/** "6 de mayo de 1999" inside "26 de mayo de 1999" is another date, not the real one surviving. */
function containsWord(text: string, value: string): boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
}

test('property: no real value survives rendering under any operator that does not keep it', () => {
  const random = generator(20250601);
  const make = randomValues(random);
  // A small pool per label, so values repeat across cases and reuse of stored surrogates is exercised too.
  const pools = Object.fromEntries(PII_LABELS.map((label) => [label, Array.from({ length: 12 }, make[label])])) as Record<PiiLabel, string[]>;
  const profiles = [HIPAA_SAFE_HARBOR_PROFILE, GENERAL_PII_PROFILE, uniformProfile('surrogate'), uniformProfile('hmac'), uniformProfile('redact'), PLACEHOLDER_PROFILE];
  const db = workspace();
  let checked = 0;
  for (let round = 0; round < 25; round++) {
    const fields: [PiiLabel, string][] = [
      ...PII_LABELS.filter((l) => l !== 'DATE').map((label): [PiiLabel, string] => [label, pools[label][random(12)]!]),
      ['DATE', make.DATE()],
      ['DATE', make.DATE()],
    ];
    const language = random(2) === 0 ? 'es' : 'en';
    for (const profile of profiles) {
      const id = valuesCase(db, fields, language);
      const rendered = render(db, id, profile);
      const whole = rendered.join('\n').toLowerCase();
      rendered.forEach((text, i) => {
        const [label, original] = fields[i]!;
        if (KEEPING_OPERATORS.has(profile.rules[label].operator)) return;
        const replacement = text.slice(PREFIX.length, text.length - SUFFIX.length);
        assert.notEqual(replacement, original, `${profile.id} ${label}`);
        // Short values (ages) are inside any token by chance; from four characters on, containment is a leak.
        if (original.length < 4) return;
        assert.ok(!containsWord(replacement.toLowerCase(), original.toLowerCase()), `${profile.id} ${label}: ${replacement}`);
        assert.ok(!containsWord(whole, original.toLowerCase()), `${profile.id} ${label} leaked into the case`);
        checked += 1;
      });
    }
  }
  assert.ok(checked > 1200, `checked ${checked}`);
});
