import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { propagateWithinCase } from '../../main/core/deid/propagation.js';
import { isCoreFirstName, isFirstName, isNameWithoutAccents } from '../../main/core/deid/recognizers/name-gazetteer.js';
import { socialCueFindings } from '../../main/core/deid/recognizers/social-cues.js';
import type { Finding } from '../../main/core/deid/types.js';
import { hasOrdinaryEnding, isChatWord } from '../../main/core/deid/word-shapes.js';
import { asRaw } from '../../main/core/text.js';
import { keptByNerFilter as kept, nerFindingAt as at } from '../helpers-deid.js';

function cued(text: string): string[] {
  const findings: Finding[] = [];
  socialCueFindings(text, findings);
  return findings.map((f) => text.slice(f.start, f.end));
}

describe('word shapes', () => {
  it('knows chat words and strings of repeats, not names that repeat letters', () => {
    for (const word of ['lol', 'lmao', 'hahaha', 'lalala', 'aaahhh', 'jajaja']) assert.equal(isChatWord(word), true, word);
    for (const word of ['anna', 'otto', 'hannah', 'coooool']) assert.equal(isChatWord(word), false, word);
  });
  it('knows endings of ordinary words, with a stem before them', () => {
    for (const word of ['laziness', 'swimming', 'harassment', 'rápidamente', 'dangerous']) assert.equal(hasOrdinaryEnding(word), true, word);
    for (const word of ['ness', 'kelly', 'sing', 'ted']) assert.equal(hasOrdinaryEnding(word), false, word);
  });
});

describe('NER filter in social text', () => {
  it('drops lower-case person spans whose form is ordinary, keeping stretched and possessive names', () => {
    const tweet = 'swimming pools are disgusting lol . megannnnnn is at toms house , laziness wins';
    assert.deepEqual(kept(tweet, [at(tweet, 'swimming'), at(tweet, 'lol'), at(tweet, 'megannnnnn'), at(tweet, 'toms'), at(tweet, 'laziness')]), [
      'megannnnnn',
      'toms',
    ]);
  });
  it('drops chat words and nationalities in any case, but not a first name that is also one', () => {
    const tweet = 'LMAO the Chinese place was closed , Christian said';
    assert.deepEqual(kept(tweet, [at(tweet, 'LMAO'), at(tweet, 'Chinese'), at(tweet, 'Christian')]), ['Christian']);
  });
  it('drops a capitalised ordinary word opening a sentence, not one inside a sentence or opening an address line', () => {
    const tweet = 'Fuming . Salmond scores victory over Darling in debate';
    assert.deepEqual(kept(tweet, [at(tweet, 'Fuming'), at(tweet, 'Darling')]), ['Darling']);
    const letter = '9004 Avenida Nogueira\nSobrado 92\nPolônia';
    assert.deepEqual(kept(letter, [at(letter, 'Sobrado')]), ['Sobrado']);
    const form = 'Localidad/ Provincia: Plasencia, Cáceres. Delegación Benito Juárez.';
    assert.deepEqual(kept(form, [at(form, 'Plasencia'), at(form, 'Delegación')]), ['Plasencia', 'Delegación']);
  });
  it('keeps capitalised plurals, usernames and hashtags, and other labels', () => {
    const tweet = 'Go Vikings ! thanks @ swimmingfan , come onnnn united # birminghamcity';
    assert.deepEqual(
      kept(tweet, [at(tweet, 'Vikings'), at(tweet, 'swimmingfan'), at(tweet, 'united', 'ORGANIZATION'), at(tweet, 'birminghamcity')]),
      ['Vikings', 'swimmingfan', 'united', 'birminghamcity'],
    );
  });
  it('drops lower-case runs holding a function word and no known name, not a name with its particles', () => {
    const tweet = 'hery we go again , maría de la cruz called';
    assert.deepEqual(kept(tweet, [at(tweet, 'hery we'), at(tweet, 'maría de la cruz')]), ['maría de la cruz']);
    const chat = 'qué pereza , hoy toca trabajar con pablo';
    assert.deepEqual(kept(chat, [at(chat, 'qué pereza'), at(chat, 'trabajar'), at(chat, 'pablo')]), ['pablo']);
  });
  it('drops a frequent word in lower case even where a name list has it, and keeps short endings for lower case', () => {
    assert.equal(isFirstName('else'), true);
    const chat = 'everyone else wants pizza';
    assert.deepEqual(kept(chat, [at(chat, 'else')]), []);
    const news = 'Mulcair attacks Conservatives over health';
    assert.deepEqual(kept(news, [at(news, 'Mulcair')]), ['Mulcair']);
  });
});

describe('social cues', () => {
  it('finds companions, greetings and speakers, in any case', () => {
    assert.deepEqual(cued('booked for tomorrow , me and Lou are still 7 at heart'), ['Lou']);
    assert.deepEqual(cued('ME &amp; LEXA WILL ROAD TRIP TO SA'), ['LEXA']);
    assert.deepEqual(cued('my eyes are dark .. john says its cuz im tired'), ['john']);
    assert.deepEqual(cued('ayer yo y ana fuimos al cine , gracias marta'), ['ana', 'marta']);
    assert.deepEqual(cued('Anna Smith and I met in 1970'), ['Anna Smith']);
    assert.deepEqual(cued('Sarah just asked me if she could come'), ['Sarah']);
  });
  it('does not take pronouns, family words, frequent words or shouted words after a greeting for names', () => {
    assert.deepEqual(cued('me and my mum , thanks guys'), []);
    assert.deepEqual(cued('Follow me & I follow you'), []);
    assert.deepEqual(cued('STOP KILLING ME AND JUST REPLY . THANK YOU BASEDGOD'), []);
    assert.deepEqual(cued('everyone else wants a cup of tea and I do too'), []);
    assert.deepEqual(cued('hey , I\'m fine . Good morning ! Have a nice day'), []);
  });
});

describe('name lists for chat', () => {
  it('reads names typed without accents, without making words of other languages names', () => {
    assert.equal(isNameWithoutAccents('suarez'), true);
    assert.equal(isFirstName('suarez'), false);
    assert.equal(isFirstName('sir'), false);
  });
  it('takes lower-case first names from English and Spanish lists only', () => {
    assert.equal(isCoreFirstName('john'), true);
    assert.equal(isCoreFirstName('marta'), true);
    assert.equal(isFirstName('tea'), true);
    assert.equal(isCoreFirstName('tea'), false);
  });
});

describe('propagation in chat', () => {
  it('finds a known name again in another case where the text does not capitalise', () => {
    const text = asRaw('lol Justin Walsh is here . justin rocks , walsh too');
    const { spans } = propagateWithinCase([text], [[at(text, 'Justin Walsh')]]);
    assert.deepEqual(spans[0]!.map((s) => text.slice(s.start, s.end)), ['Justin Walsh', 'justin', 'walsh']);
  });
  it('keeps the case where the text capitalises, and never takes ordinary words', () => {
    const text = asRaw('Dr. Oral saw Maria today. The oral exam went well. Then she left.');
    const { spans } = propagateWithinCase([text], [[at(text, 'Oral')]]);
    assert.deepEqual(spans[0]!.map((s) => text.slice(s.start, s.end)), ['Oral']);
    const chat = asRaw('lol Will Smith is here . i will go , smith too');
    const { spans: chatSpans } = propagateWithinCase([chat], [[at(chat, 'Will Smith')]]);
    assert.deepEqual(chatSpans[0]!.map((s) => chat.slice(s.start, s.end)), ['Will Smith', 'smith']);
  });
});
