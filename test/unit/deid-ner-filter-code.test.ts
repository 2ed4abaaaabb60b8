import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeRegions, isCodeLine } from '../../main/core/deid/code-regions.js';
import { isCasedText } from '../../main/core/deid/ner-filter.js';
import { isEverydayWord } from '../../main/core/deid/everyday-words.js';
import { keptByNerFilter as kept, nerFindingAt as at } from '../helpers-deid.js';

/** An assistant's answer as chat logs hold it: prose in sentences, a fenced script, inline code. */
const ANSWER = [
  "Replace `credentials_path` with the path to your Google API credentials file. Then run the script below.",
  '```python',
  'import os',
  'bucket_name = os.environ["BUCKET"]',
  'logger = Logger(bucket_name)',
  'for j in range(len1):',
  '    timsortAux(j)',
  'author = "Jane Doe"',
  '```',
  'It uploads every file to the bucket. Ask Maria Lopez in Leeds if it fails.',
].join('\n');

describe('code in a text', () => {
  it('finds fenced blocks, inline code and an unclosed fence', () => {
    const regions = codeRegions(ANSWER).map(([s, e]) => ANSWER.slice(s, e));
    assert.equal(regions.length, 2);
    assert.equal(regions[0], '`credentials_path`');
    assert.ok(regions[1]!.startsWith('```python') && regions[1]!.endsWith('```'));
    const cut = 'See this:\n```js\nconst user = "x";';
    assert.deepEqual(codeRegions(cut).map(([s, e]) => cut.slice(s, e)), ['```js\nconst user = "x";']);
    assert.deepEqual(codeRegions('No code, only prose.'), []);
  });

  it('reads the casing of the prose only: code lines opening in lower case do not make an answer uncased', () => {
    assert.equal(isCasedText(ANSWER), true);
    // Without the fences (as many chat logs hold answers), the lines are still read as code by their syntax.
    const unfenced = ANSWER.replace(/```(python)?\n/g, '');
    assert.deepEqual(
      codeRegions(unfenced).map(([s, e]) => unfenced.slice(s, e)),
      ['`credentials_path`', 'import os', 'bucket_name = os.environ["BUCKET"]', 'logger = Logger(bucket_name)', '    timsortAux(j)', 'author = "Jane Doe"'],
    );
    assert.equal(isCasedText(unfenced), true);
    assert.deepEqual(kept(unfenced, [at(unfenced, 'Logger', 'PERSON'), at(unfenced, 'timsortAux', 'PERSON'), at(unfenced, 'Maria Lopez')]), ['Maria Lopez']);
  });

  it('reads lines of code by their syntax, and leaves prose and posts alone', () => {
    const code = [
      'from oauth2client.service_account import ServiceAccountCredentials',
      "import x from 'y';",
      'def from_json(json_string):',
      'function drawCircle() {',
      'var canvas = document.getElementById("myCanvas");',
      '  let mut i := lo + 1',
      "cmd = 'aws s3 sync s3://source-bucket/ my-dir'",
      'n = 3;',
      'os.system(cmd)',
      '        context.arc(100, 100, 10, 0, 2 * Math.PI);',
      '<script>',
      '  });',
      '} else {',
      'while (i < n) {',
      'free(buf); n--;',
      '    for i in 0..(nums.len() - 1) {',
    ];
    for (const line of code) assert.equal(isCodeLine(line), true, line);
    // A class imported is a code token, as one called is.
    const script = `Run this script.\n${code[0]}\nIt signs in. Then Ana Ruiz reads the sheet.`;
    assert.deepEqual(kept(script, [at(script, 'ServiceAccountCredentials', 'ORGANIZATION'), at(script, 'Ana Ruiz')]), ['Ana Ruiz']);
    const prose = [
      'Today = Morton \'s Salt motto + Murphy \'s Law',
      'My bestie &amp; I met his dad too &amp; were not sure yet( ;',
      'Empire State Building = ESB .',
      'For example, import the data first (see below).',
      '- Pick up milk; call Maria;',
      '- Call Ana Lopez (HR);',
      'Here is the script: it reads a file and sends requests.',
      'let me know if it works',
      'class starts at 9 (room 4)',
      '',
    ];
    for (const line of prose) assert.equal(isCodeLine(line), false, line);
    assert.deepEqual(codeRegions('Call me at noon. Thanks, Ana (from the clinic)'), []);
  });

  it('does not read inline code opening a list item as a sentence opened in lower case', () => {
    const answer = [
      'To create a symbolic link on Linux, use the `ln` command. The syntax is as follows:',
      '- `-s`: This option creates a symbolic link.',
      '- `target`: This is the file the link points to.',
      '- `link_name`: This is the name of the symbolic link.',
    ].join('\n');
    assert.equal(isCasedText(answer), true);
    assert.deepEqual(kept(answer, [at(answer, 'symbolic', 'ORGANIZATION')]), []);
  });

  it('drops identifiers and code tokens a model read as names, and keeps the names in prose and in strings', () => {
    const found = [
      at(ANSWER, 'path', 'PERSON', ANSWER.indexOf('with the')),
      at(ANSWER, 'bucket', 'PERSON', ANSWER.indexOf('bucket_name')),
      at(ANSWER, 'environ', 'PERSON'),
      at(ANSWER, 'Logger', 'PERSON'),
      at(ANSWER, 'j', 'PERSON', ANSWER.indexOf('for j')),
      at(ANSWER, 'timsortAux', 'PERSON'),
      at(ANSWER, 'Jane Doe'),
      at(ANSWER, 'Maria Lopez'),
      at(ANSWER, 'Leeds', 'LOCATION'),
    ];
    assert.deepEqual(kept(ANSWER, found), ['Jane Doe', 'Maria Lopez', 'Leeds']);
  });

  it('leaves names in strings and comments of code to the rules for prose, in lower case too', () => {
    const code = ['```python', 'customers = [{"name": "maria garcia"}]', "owner = 'tom'  # ask petra first", 'run(customers)', '```'].join('\n');
    const found = [at(code, 'maria garcia'), at(code, 'tom', 'PERSON', code.indexOf("'tom'")), at(code, 'petra'), at(code, 'customers', 'PERSON', code.indexOf('run('))];
    assert.deepEqual(kept(code, found), ['maria garcia', 'tom', 'petra']);
  });

  it('keeps a name outside code even when it is capitalised like a class', () => {
    const text = 'Thanks. Logger said it works. We will ship it on Monday.';
    assert.deepEqual(kept(text, [at(text, 'Logger')]), ['Logger']);
  });

  it('keeps a span across blanks that runs into an identifier: a name before its address', () => {
    const mail = 'From: Borbély Eliza <eliza_b37@example.com>\nSent: today';
    assert.deepEqual(kept(mail, [at(mail, 'Eliza <eliza_b37')]), ['Eliza <eliza_b37']);
  });

  it('leaves usernames and hashtags alone, underscores and all', () => {
    const tweet = 'shoutout to @jane_doe and #team_rocket lol';
    assert.deepEqual(kept(tweet, [at(tweet, 'jane_doe'), at(tweet, 'team_rocket', 'ORGANIZATION')]), ['jane_doe', 'team_rocket']);
  });
});

describe('everyday words in lower case', () => {
  it('drops an everyday word a model read as a person or place, in uncased text too', () => {
    const prompt = 'Is this beginner friendly? could you adjust the reps so i can lower my time';
    assert.deepEqual(kept(prompt, [at(prompt, 'adjust'), at(prompt, 'lower', 'LOCATION')]), []);
  });

  it('keeps lower-case names, places and organisations written as everyday words', () => {
    const tweet = 'saw justin and mark at target then went to paris lol';
    assert.deepEqual(kept(tweet, [at(tweet, 'justin'), at(tweet, 'mark'), at(tweet, 'target', 'ORGANIZATION'), at(tweet, 'paris', 'LOCATION')]), [
      'justin',
      'mark',
      'target',
      'paris',
    ]);
    // Level 35 of the word list is not loaded: a surname people write in lower case stays a name.
    assert.equal(isEverydayWord('trump'), false);
    assert.equal(isEverydayWord('path'), true);
  });
});

describe('capitalised everyday words opening a line or a sentence', () => {
  const PLAN = [
    'Here is an outline for the presentation to the Leeds office. It has three parts, and each has its own goal.',
    '- Provide an overview of the key points.',
    '- Develop a plan for the first month.',
    '2. Establish clear goals for the team.',
    'Networking',
    'However, the budget is small. Therefore we start with one site.',
  ].join('\n');

  it('drops them in cased prose, a person only opening a list item with a word that is no noun', () => {
    const found = [
      at(PLAN, 'Provide', 'LOCATION'),
      at(PLAN, 'Establish', 'ORGANIZATION'),
      at(PLAN, 'Networking', 'ORGANIZATION'),
      at(PLAN, 'However', 'LOCATION'),
      at(PLAN, 'Develop', 'PERSON'),
    ];
    assert.deepEqual(kept(PLAN, found), []);
  });

  it('keeps a name opening a sentence, a longer name, a surname no list has, and the same words in a post', () => {
    const text = `${PLAN}\nHope called on Monday. Apple Music will sign. Castle said it works.`;
    const found = [at(text, 'Hope'), at(text, 'Apple', 'ORGANIZATION'), at(text, 'Castle'), at(text, 'Therefore')];
    assert.deepEqual(kept(text, found), ['Hope', 'Apple', 'Castle', 'Therefore']);
    // Inside a sentence the capital says more: left to the other rules.
    const inside = `${PLAN}\nWe met the Provide team.`;
    assert.deepEqual(kept(inside, [at(inside, 'Provide', 'ORGANIZATION', inside.lastIndexOf('Provide'))]), ['Provide']);
    const post = 'Provide me a ticket pls';
    assert.deepEqual(kept(post, [at(post, 'Provide', 'ORGANIZATION')]), ['Provide']);
  });
});

describe("a span's trailing function words", () => {
  it('are taken off, with the comma after a place', () => {
    // "Algorithms" alone is then a capitalised word the text also writes in lower case: no name.
    const text = 'Algorithms for sorting are many; these algorithms differ. We flew to San Diego, then home. Greenland and Iceland are cold.';
    const found = [at(text, 'Algorithms for', 'ORGANIZATION'), at(text, 'San Diego,', 'LOCATION'), at(text, 'Greenland and', 'LOCATION')];
    assert.deepEqual(kept(text, found), ['San Diego', 'Greenland']);
  });

  it('stay inside a name ("Bank of America") and a span of nothing else is left to the other rules', () => {
    const text = 'She works at Bank of America in Boston. It is big.';
    assert.deepEqual(kept(text, [at(text, 'Bank of America', 'ORGANIZATION'), at(text, 'of', 'ORGANIZATION')]), ['Bank of America']);
  });
});

describe('technical terms', () => {
  it('drops spans made of technical terms only, in any case', () => {
    const text = 'The API returns JSON and XML. Ask the SRE team, or read the Async docs.';
    const found = [at(text, 'API', 'ORGANIZATION'), at(text, 'JSON and XML', 'ORGANIZATION'), at(text, 'SRE', 'ORGANIZATION'), at(text, 'Async')];
    assert.deepEqual(kept(text, found), []);
  });

  it('include programming languages and operating systems no one is named after, not those that are names or words', () => {
    const text = 'PHP has a simple syntax. It runs on Linux and talks to Python. Ruby Lee and Dr. Rust wrote it in Swift.';
    const found = [at(text, 'PHP', 'ORGANIZATION'), at(text, 'Linux'), at(text, 'Python'), at(text, 'Ruby Lee'), at(text, 'Rust'), at(text, 'Swift', 'ORGANIZATION')];
    assert.deepEqual(kept(text, found), ['Ruby Lee', 'Rust', 'Swift']);
  });

  it('are left to the model in a post that does not capitalise, where a brand may be one', () => {
    const post = 'just bought my first NFT lol';
    assert.deepEqual(kept(post, [at(post, 'NFT', 'ORGANIZATION')]), ['NFT']);
  });

  it('keeps a firm or product named with a technical term, and a country whose code looks like one', () => {
    const text = 'We moved to the Google Sheets API last year. She flew to PNG in May. Thanks, Tom.';
    assert.deepEqual(kept(text, [at(text, 'Google Sheets API', 'ORGANIZATION'), at(text, 'PNG', 'LOCATION')]), ['Google Sheets API', 'PNG']);
  });
});
