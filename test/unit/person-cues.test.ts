import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { asRaw } from '../../main/core/text.js';
import { combineFindings } from '../../main/core/deid/spans.js';
import { nameWords, personCueRecognizer } from '../../main/core/deid/recognizers/person-cues.js';

function flagged(text: string): string[] {
  return combineFindings(personCueRecognizer.detect(asRaw(text))).map((f) => text.slice(f.start, f.end));
}

describe('personCueRecognizer', () => {
  it('flags the name after a title, not the title', () => {
    assert.deepEqual(flagged('Please correct it to Dr. Cettina Fanucci?'), ['Cettina Fanucci']);
    assert.deepEqual(flagged('Mr. Nekrasov is a 22 year old man'), ['Nekrasov']);
    assert.deepEqual(flagged('Valorado por la Dra. María de la Cruz López.'), ['María de la Cruz López']);
  });

  it('flags introductions, lower-case names only after a strong cue', () => {
    assert.deepEqual(flagged('Hi, my name is john smith and I need help'), ['john smith']);
    assert.deepEqual(flagged("Hello, I'm Tom."), ['Tom']);
    assert.deepEqual(flagged('Buenos días, me llamo Lucía Fernández.'), ['Lucía Fernández']);
  });

  it('flags form label lines and signatures', () => {
    assert.deepEqual(flagged('Nombre:  Pedro.\nApellidos: De Miguel Rivera.\nMédico: Estefanía Romero Selas  NºCol: 28'), [
      'Pedro',
      'De Miguel Rivera',
      'Estefanía Romero Selas',
    ]);
    assert.deepEqual(flagged('See you soon.\n\nBest regards,\nAnna Berg\n'), ['Anna Berg']);
  });

  it('finds speakers and signatures at any line start, the first included, and titles only as whole words', () => {
    assert.deepEqual(flagged('Regards,\nAnna Berg'), ['Anna Berg']);
    assert.deepEqual(flagged('> Nicole: Remember me?'), ['Nicole']);
    assert.deepEqual(flagged('Intro\nNicole: hi\n  John: yes'), ['Nicole', 'John']);
    assert.deepEqual(flagged('XDr. Smith'), []);
  });

  it('scans name-shaped words as the name pattern reads them, inside words and across joiners', () => {
    const text = "iPhone McDonald's O'Neil U.S.A. Jean-Luc łódź ABCAnna Mary-jane T. eBay";
    const words = nameWords(text);
    assert.deepEqual(
      words.starts.map((_, k) => words.word(k)),
      ['Phone', "McDonald's", 'Neil', 'U.', 'S.', 'A.', 'Jean-Luc', 'łódź', 'Anna', 'Mary-jane', 'T.', 'Bay'],
    );
  });

  it('flags first name and surname pairs from the gazetteer', () => {
    assert.deepEqual(flagged('The film was directed by Robert Eggers in 2015.'), ['Robert Eggers']);
    assert.deepEqual(flagged('Follow up with Jan Jílek in a couple of months.'), ['Jan Jílek']);
    assert.deepEqual(flagged('Ask Katrine T. Jørgensen about it.'), ['Katrine T. Jørgensen']);
  });

  it('reads the census surnames after a first name that is no ordinary word, and only there', () => {
    // Neither "Mathews" nor "Burwell" is in faker's lists; the census has both, so the run is one name.
    assert.deepEqual(flagged('Obama nominates Sylvia Mathews Burwell as next secretary .'), ['Sylvia Mathews Burwell']);
    // "Camp" and "Field" are census surnames too, and ordinary words: after "Summer" or "Joy" they are no surname.
    assert.deepEqual(flagged('The kids loved Summer Camp this year.'), []);
    assert.deepEqual(flagged('We played football on Joy Field yesterday.'), []);
    // A census surname alone is no name.
    assert.deepEqual(flagged('Meet me at Burwell tomorrow.'), []);
  });

  it('reads a first name that is also a word as one inside a sentence, before a name no list knows', () => {
    assert.deepEqual(flagged('BREAKING : Milos Raonic falls to Roger Federer in straight sets.'), ['Roger Federer']);
    assert.deepEqual(flagged('Report : Chelsea midfielder Frank Lampard is in the squad.'), ['Frank Lampard']);
    // Not before an everyday, a place or an address word, with a particle, opening a sentence or inside a handle.
    for (const text of [
      'Then Will Power won the race.',
      'We went to Jordan River Park.',
      'VHC, RPR, Rosa de Bengala, Ac. Leishmania',
      'Roger Federer won again.',
    ]) {
      assert.deepEqual(flagged(text), [], text);
    }
    // The handle is flagged as a handle, not run on into the next word.
    assert.deepEqual(flagged('@WeLoveMay Heyy , how are u today ?'), ['@WeLoveMay']);
    // The street's namesake is a name of the lists; "Rocío Avda" is no name.
    assert.deepEqual(flagged('Hospital Universitario Virgen del Rocío Avda. Manuel Siurot, s/n'), ['Manuel Siurot']);
  });

  it('needs a second signal for names that are ordinary words or open a sentence', () => {
    for (const text of [
      'Will Python be faster than Rust?',
      'May Day parades are held in spring.',
      'Mark Twain Avenue', // a street, not a person
      'Your Brain Can Sometimes Do Funny Things',
      'Top Gun Maverick is on Paramount+.',
      'You need twelve ender pearls. Then find the Ender Pearls chest.',
      'The Roman Empire fell in 476.',
      'Chapter 3: Julia Programming for beginners',
      "I'm Happy to help.",
      'Thanks, but portraying a squid seems odd.',
    ]) {
      assert.deepEqual(flagged(text), [], text);
    }
    assert.deepEqual(flagged('A film with Will Smith in it.'), ['Will Smith']);
  });
});
