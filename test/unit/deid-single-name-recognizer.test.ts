import { describe, it } from 'node:test';
import { personCueRecognizer } from '../../main/core/deid/recognizers/person-cues.js';
import { assertFlags } from '../recognizer-assertions.js';

describe('person recognizer: a known first name alone', () => {
  it('flags a first name inside a sentence', () => {
    assertFlags(personCueRecognizer, 'No intent to hurt Cindy . Hope she is okay .', ['Cindy']);
    assertFlags(personCueRecognizer, 'I saw you through Bridget but I like you', ['Bridget']);
    assertFlags(personCueRecognizer, 'la paciente acude con su hermana Lucía a consulta', ['Lucía']);
  });
  it('leaves sentence openers, ordinary words, places, articles and lower-case uses alone', () => {
    assertFlags(personCueRecognizer, 'Cindy called. Wendy too.', []);
    assertFlags(personCueRecognizer, 'we will see what Will says', []);
    assertFlags(personCueRecognizer, 'We flew to Florence and then to Sydney last year.', []);
    assertFlags(personCueRecognizer, 'a gift for the Victoria of our town', []);
    assertFlags(personCueRecognizer, 'the grace period ends, then Grace applies', []);
    assertFlags(personCueRecognizer, 'running on Ubuntu with Julia installed', []);
  });
});
