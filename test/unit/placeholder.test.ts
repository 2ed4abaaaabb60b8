import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlaceholderAllocator } from '../../main/core/deid/operators/placeholder.js';

test('the same value gets the same placeholder; new values count up per type', () => {
  const allocator = new PlaceholderAllocator();
  assert.equal(allocator.placeholderFor('PERSON', 'John Smith'), '[PERSON_1]');
  assert.equal(allocator.placeholderFor('PERSON', 'Ana Ruiz'), '[PERSON_2]');
  assert.equal(allocator.placeholderFor('EMAIL', 'a@b.example'), '[EMAIL_1]');
  assert.equal(allocator.placeholderFor('PERSON', 'john  SMITH'), '[PERSON_1]');
  assert.equal(allocator.placeholderFor('PHONE', '(415) 555-0132'), '[PHONE_1]');
  assert.equal(allocator.placeholderFor('PHONE', '415.555.0132'), '[PHONE_1]');
  assert.equal(allocator.placeholderFor('PHONE', '415 555 0199'), '[PHONE_2]');
});

test('numbering is per case: a fresh allocator starts again at 1', () => {
  const first = new PlaceholderAllocator();
  first.placeholderFor('PERSON', 'A');
  first.placeholderFor('PERSON', 'B');
  assert.equal(new PlaceholderAllocator().placeholderFor('PERSON', 'B'), '[PERSON_1]');
});

test('a name part shares the full name placeholder, unless two names share that part', () => {
  const allocator = new PlaceholderAllocator();
  allocator.alias('PERSON', 'Margaret', 'Margaret Ellison');
  allocator.alias('PERSON', 'Ellison', 'Margaret Ellison');
  allocator.alias('PERSON', 'Smith', 'John Smith');
  allocator.alias('PERSON', 'Smith', 'Jane Smith');
  assert.equal(allocator.placeholderFor('PERSON', 'Margaret'), '[PERSON_1]');
  assert.equal(allocator.placeholderFor('PERSON', 'Margaret Ellison'), '[PERSON_1]');
  assert.equal(allocator.placeholderFor('PERSON', 'ellison'), '[PERSON_1]');
  assert.equal(allocator.placeholderFor('PERSON', 'John Smith'), '[PERSON_2]');
  assert.equal(allocator.placeholderFor('PERSON', 'Smith'), '[PERSON_3]');
});
