import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { QuarryError } from '../../errors.js';

/** A labelled record in the canonical span form: JavaScript string offsets, end exclusive. */
export interface GoldSpan {
  start: number;
  end: number;
  label: string;
}

export interface LabelledRecord {
  id: string;
  text: string;
  spans: GoldSpan[];
}

export type LabelledFormat = 'jsonl' | 'brat' | 'conll';

/** Tag names other corpora use, mapped to Quarry's label set. */
const LABEL_ALIASES: Record<string, string> = {
  PER: 'PERSON',
  PERSON: 'PERSON',
  NAME: 'PERSON',
  LOC: 'LOCATION',
  LOCATION: 'LOCATION',
  GPE: 'LOCATION',
  ORG: 'ORGANIZATION',
  ORGANIZATION: 'ORGANIZATION',
  CORPORATION: 'ORGANIZATION',
  GROUP: 'ORGANIZATION',
  ADDRESS: 'ADDRESS',
  DATE: 'DATE',
  AGE: 'AGE',
  PHONE: 'PHONE',
  EMAIL: 'EMAIL',
  URL: 'URL',
  IP_ADDRESS: 'IP_ADDRESS',
  IP: 'IP_ADDRESS',
  ID: 'ID',
  SSN: 'ID',
  CREDIT_CARD: 'CREDIT_CARD',
  IBAN: 'IBAN',
};

export function canonicalLabel(label: string): string {
  return LABEL_ALIASES[label.toUpperCase()] ?? 'OTHER';
}

function fail(where: string, message: string): never {
  throw new QuarryError('labelled-data-invalid', `${where}: ${message}`);
}

function readJsonl(file: string): LabelledRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (!line.trim()) return [];
      const where = `${file}, line ${i + 1}`;
      let json: { id?: unknown; text?: unknown; spans?: unknown };
      try {
        json = JSON.parse(line);
      } catch {
        fail(where, 'not valid JSON');
      }
      if (typeof json.text !== 'string') fail(where, 'field text: expected a string');
      if (!Array.isArray(json.spans)) fail(where, 'field spans: expected an array');
      const text = json.text;
      const spans = (json.spans as { start?: unknown; end?: unknown; label?: unknown }[]).map((span, j) => {
        const { start, end, label } = span;
        if (typeof start !== 'number' || typeof end !== 'number' || start < 0 || end > text.length || start >= end) {
          fail(where, `field spans.${j}: start/end must be offsets inside the text`);
        }
        if (typeof label !== 'string') fail(where, `field spans.${j}.label: expected a string`);
        return { start, end, label: canonicalLabel(label) };
      });
      return [{ id: typeof json.id === 'string' ? json.id : `${basename(file)}:${i + 1}`, text, spans }];
    });
}

/** A folder of brat `.txt` files each with its `.ann` standoff file (text-bound annotations only). */
function readBrat(dir: string): LabelledRecord[] {
  if (!statSync(dir).isDirectory()) fail(dir, 'brat data is a folder of .txt and .ann files');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const annFile = join(dir, name.replace(/\.txt$/, '.ann'));
      const spans: GoldSpan[] = [];
      readFileSync(annFile, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (!line.startsWith('T')) return;
          const match = /^T\S+\t(\S+) (\d+) (\d+)(?:;\d+ \d+)*\t/.exec(line);
          if (!match) fail(`${annFile}, line ${i + 1}`, 'expected "Tn<TAB>LABEL START END<TAB>text"');
          spans.push({ label: canonicalLabel(match[1]!), start: Number(match[2]), end: Number(match[3]) });
        });
      return { id: name.replace(/\.txt$/, ''), text, spans };
    });
}

/** CoNLL: one `token … tag` per line (tag last, BIO), blank lines between sentences; tokens joined by spaces. */
function readConll(file: string): LabelledRecord[] {
  const records: LabelledRecord[] = [];
  let tokens: { token: string; tag: string }[] = [];
  const flush = () => {
    if (tokens.length === 0) return;
    let text = '';
    const spans: GoldSpan[] = [];
    for (const { token, tag } of tokens) {
      if (text) text += ' ';
      const start = text.length;
      text += token;
      const [prefix, type] = tag === 'O' ? ['O', ''] : [tag.slice(0, 1), tag.slice(2)];
      const last = spans.at(-1);
      if (prefix === 'I' && last && last.label === canonicalLabel(type) && last.end === start - 1) last.end = text.length;
      else if (prefix === 'B' || prefix === 'I') spans.push({ start, end: text.length, label: canonicalLabel(type) });
    }
    records.push({ id: `${basename(file)}:${records.length + 1}`, text, spans });
    tokens = [];
  };
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim() || line.startsWith('-DOCSTART-')) return flush();
      const parts = line.trim().split(/\s+/);
      const tag = parts.at(-1)!;
      if (parts.length < 2 || !/^(O|[BI]-.+)$/.test(tag)) fail(`${file}, line ${i + 1}`, 'expected "token … BIO-tag"');
      tokens.push({ token: parts[0]!, tag });
    });
  flush();
  return records;
}

export function readLabelledData(path: string, format: LabelledFormat = 'jsonl'): LabelledRecord[] {
  try {
    statSync(path);
  } catch {
    fail(path, 'no such file or folder');
  }
  if (format === 'brat') return readBrat(path);
  if (format === 'conll') return readConll(path);
  return readJsonl(path);
}
