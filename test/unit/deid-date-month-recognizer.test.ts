import { describe, it } from 'node:test';
import { dateRecognizer } from '../../main/core/deid/recognizers/date.js';
import { assertFlags } from '../recognizer-assertions.js';

describe('date recognizer: a month standing alone after a cue', () => {
  it('flags the month of an event after a time preposition', () => {
    assertFlags(dateRecognizer, 'Consulta en junio por tumoración. Se utilizó desde septiembre.', ['junio', 'septiembre']);
    assertFlags(dateRecognizer, 'una salida al campo (mes de abril)', ['abril']);
    assertFlags(dateRecognizer, 'She was admitted in June and seen since October.', ['June', 'October']);
  });
  it('leaves months without a cue, ambiguous month words and names alone', () => {
    assertFlags(dateRecognizer, 'June called. Abril es un nombre.', []);
    assertFlags(dateRecognizer, 'you may go in may; in mar abierto; we march in step', []);
  });
  it('still reads a full date as one', () => {
    assertFlags(dateRecognizer, 'Ingresó en junio de 2019.', ['junio de 2019']);
  });
});
