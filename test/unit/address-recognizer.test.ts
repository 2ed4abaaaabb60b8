import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { asRaw } from '../../main/core/text.js';
import { combineFindings } from '../../main/core/deid/spans.js';
import { addressRecognizer } from '../../main/core/deid/recognizers/address.js';

/** The spans flagged in `text`, overlaps merged as the de-identifier merges them. */
function flagged(text: string): string[] {
  return combineFindings(addressRecognizer.detect(asRaw(text))).map((f) => text.slice(f.start, f.end));
}

describe('addressRecognizer', () => {
  it('flags English streets with their flat, city, state and ZIP as one span', () => {
    assert.deepEqual(flagged('Ship it to 615 Benedum Drive, Apt. 4, Springfield, IL 62704-1234 please'), [
      '615 Benedum Drive, Apt. 4, Springfield, IL 62704-1234',
    ]);
    assert.deepEqual(flagged('I live at 221B Baker Street, London NW1 6XE.'), ['221B Baker Street, London NW1 6XE']);
    assert.deepEqual(flagged('1317 Kimberly Way\n Apt. 962\n Grand Rapids\n United States 21959\nMobile: 737'), [
      '1317 Kimberly Way\n Apt. 962\n Grand Rapids\n United States 21959',
    ]);
    assert.deepEqual(flagged('Office at 350 W 42nd St today'), ['350 W 42nd St']);
  });

  it('flags Spanish streets with number, floor and door', () => {
    assert.deepEqual(flagged('Domicilio: Calle Carmen Romero, 23, 1D.\nLocalidad: Madrid.'), ['Calle Carmen Romero, 23, 1D']);
    assert.deepEqual(flagged('Vive en C/ Doctor Martín Lagos, s/n desde 2010'), ['C/ Doctor Martín Lagos, s/n']);
    assert.deepEqual(flagged('Av. de los Pajaros,18 y calle monforte de lemos 141, 7B'), [
      'Av. de los Pajaros,18',
      'calle monforte de lemos 141, 7B',
    ]);
    assert.deepEqual(flagged('Servicio de Urología. Doctor Esquerdo, 46. 28007 Madrid. España'), [
      'Doctor Esquerdo, 46. 28007 Madrid',
    ]);
  });

  it('flags streets of other languages by type words and suffixes', () => {
    assert.deepEqual(flagged('Send it to Pohlstrasse 9, 10785 Berlin'), ['Pohlstrasse 9, 10785 Berlin']);
    assert.deepEqual(flagged('Our office: Via Roma 131'), ['Via Roma 131']);
    assert.deepEqual(flagged('Rákóczi út 13.'), ['Rákóczi út 13']);
  });

  it('flags postcodes announced by a context word and UK postcodes alone', () => {
    assert.deepEqual(flagged('My zip code is 90210.'), ['90210']);
    assert.deepEqual(flagged('CP: 28035.'), ['28035']);
    assert.deepEqual(flagged('código postal 08001'), ['08001']);
    assert.deepEqual(flagged('It is near SW1A 1AA'), ['SW1A 1AA']);
  });

  it('flags military post and flat numbers alone', () => {
    assert.deepEqual(flagged('PSC 3294, Box 9168\nAPO AA 61487'), ['PSC 3294, Box 9168\nAPO AA 61487']);
    assert.deepEqual(flagged('the room is Apt. 595'), ['Apt. 595']);
  });

  it('flags a numbered phrase after an address cue', () => {
    assert.deepEqual(flagged('He lives at Pagari 18, Tallinn.'), ['Pagari 18, Tallinn']);
  });

  it('finds streets at either end of the text and without a number after the few unambiguous types', () => {
    assert.deepEqual(flagged('615 Benedum Drive'), ['615 Benedum Drive']);
    assert.deepEqual(flagged('Hauptstraße 5'), ['Hauptstraße 5']);
    assert.deepEqual(flagged('vive en la Calle Mayor'), ['Calle Mayor']);
    assert.deepEqual(flagged('Domicilio: calle mayor 5'), ['calle mayor 5']);
  });

  it('takes state codes and postcode areas in upper case only, and cues as whole words only', () => {
    assert.deepEqual(flagged('Springfield, in 62704'), []);
    assert.deepEqual(flagged('DE 12345'), []);
    // "ADDRESS" inside "ADDRESSES" is no cue: the phrase after it would start mid-word, at "ES".
    assert.deepEqual(flagged('MY ADDRESSES, HERE THEY ARE: 370 3911 FOURTH AVENUE'), []);
  });

  it('leaves quantities, versions, products and medical measurements alone', () => {
    for (const text of [
      'Walk 5 miles down the road and turn left.',
      'The email address is in the footer; the IP address is 10.0.0.1.',
      'ulcerada de 3 centímetros en la calle de la amargura',
      'Camino de 5 km por la montaña',
      'Python 3 moved to version 3.11 in 2022.',
      'Philips V8 2GB graphics card',
      'Watch it live on CNN at 5pm ET.',
      'Top 10 Key Points about the Way we work',
      'I bought 2 Pc Halo Wedding Engagement Ring.',
      'Bach wrote Cello Suite No. 1 in G major.',
    ]) {
      assert.deepEqual(flagged(text), [], text);
    }
  });
});
