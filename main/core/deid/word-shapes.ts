/**
 * Per-language signs that a word is an ordinary word and not a name, for model spans in social and chat text,
 * where casing says little ("vomit", "Fuming", "laziness", "lol"): derivational and inflectional endings that
 * names rarely carry, and the interjections and chat words people type. Supporting a new language means adding an
 * entry here; the filter uses the union of all entries. Callers still ask the name lists first, so a name with one
 * of these endings ("Kelly", "Fernando", "Soledad") is never taken for an ordinary word.
 */
export interface WordShapes {
  /** Endings of ordinary words; a word matches when at least MIN_STEM letters stand before the ending. */
  readonly endings: readonly string[];
  /** Interjections, chat abbreviations and exclamations, in lower case. */
  readonly chatWords: readonly string[];
  /** Words written with a capital that name no one: nationalities, languages, faiths ("Chinese", "Jewish"). */
  readonly groupWords: readonly string[];
  /**
   * Words people address each other by, or call their family, in place of a name ("hey guys", "me and mum").
   * Some are surnames too ("Darling"), so a capitalised one is not dropped for this alone.
   */
  readonly addressTerms: readonly string[];
  /** Auxiliaries, adverbs and other frequent words the function-word lists leave out ("just", "has", "else"). */
  readonly frequentWords: readonly string[];
  /**
   * Words of forms, mail headers and clinical notes that a model may take for a name standing alone ("Cc", "Tel",
   * "Attending", "Troponin"), in lower case; none is a name the name lists know.
   */
  readonly recordWords: readonly string[];
  /** Abbreviations of clinical notes, matched as written ("HTN", "PCI", "ED"); no state or province code among them. */
  readonly abbreviations: readonly string[];
  /** Forms of address of a letter's salutation that no one is named ("Dear Sir or Madam"), in lower case. */
  readonly salutations: readonly string[];
}

export const WORD_SHAPES: Readonly<Record<string, WordShapes>> = {
  en: {
    endings: [
      'ness', 'nesses', 'ment', 'ments', 'tion', 'tions', 'sion', 'sions', 'ity', 'ities', 'ous', 'ful', 'less', 'able',
      'ible', 'ism', 'isms', 'ist', 'ists', 'ing', 'ings', 'ed', 'ally', 'ously', 'fully', 'ingly', 'ively', 'edly', 'ies', 'ize', 'ized', 'ise', 'ised', 'iest', 'ship',
      'hood', 'ative', 'ive', 'ical', 'ance', 'ence', 'ers', 'ors',
    ],
    chatWords: [
      'lol', 'lool', 'lmao', 'lmfao', 'rofl', 'omg', 'omfg', 'wtf', 'smh', 'tbh', 'idk', 'imo', 'imho', 'fyi', 'btw',
      'brb', 'ily', 'nvm', 'ikr', 'irl', 'ftw', 'fml', 'yolo', 'haha', 'hahaha', 'hehe', 'hihi', 'ahah', 'ahaha', 'ugh',
      'ughh', 'argh', 'meh', 'hmm', 'hmmm', 'uh', 'um', 'umm', 'uhh', 'oh', 'ooh', 'oops', 'ouch', 'wow', 'woah', 'whoa',
      'yay', 'yeah', 'yea', 'yep', 'yup', 'nope', 'nah', 'nahh', 'ok', 'okay', 'kk', 'bruh', 'bro', 'dude', 'mate', 'fam',
      'peeps', 'dunno', 'gonna', 'wanna', 'gotta', 'kinda', 'sorta', 'lemme', 'gimme', 'cuz', 'bcuz', 'coz', 'pls',
      'plz', 'thx', 'ty', 'np', 'jeez', 'geez', 'gosh', 'damn', 'dang', 'shit', 'fuck', 'crap', 'hey', 'hiya', 'yo',
      'sup', 'congrats', 'congratulations', 'xoxo', 'xo', 'xx', 'xxx', 'aw', 'aww', 'awww', 'boo', 'yikes', 'meh', 'duh', 'hooray', 'bye', 'cheers',
      'ah', 'ahh', 'eh', 'oi', 'oy', 'hah', 'heh', 'huh', 'woo', 'woot', 'yass', 'yasss', 'gulp', 'muah', 'mwah', 'ha',
      'rt', 'mt', 'ff', 'dm', 'pm', 'tl', 'tldr', 'asap', 'omw', 'hbd', 'gm', 'gn', 'ttyl', 'jk', 'afaik',
    ],
    groupWords: [
      'american', 'african', 'asian', 'european', 'british', 'english', 'scottish', 'welsh', 'irish', 'french', 'german',
      'spanish', 'italian', 'portuguese', 'dutch', 'greek', 'russian', 'polish', 'turkish', 'arab', 'arabic', 'persian',
      'chinese', 'japanese', 'korean', 'vietnamese', 'thai', 'indian', 'pakistani', 'mexican', 'canadian', 'australian',
      'brazilian', 'latino', 'latina', 'hispanic', 'jewish', 'muslim', 'islamic', 'catholic', 'protestant', 'hindu',
      'buddhist', 'christians', 'muslims', 'jews', 'democrat', 'democrats', 'republican', 'republicans', 'liberal',
      'conservative', 'tory', 'tories', 'labour',
    ],
    addressTerms: [
      'everyone', 'everybody', 'all', 'guys', 'folks', 'yall', "y'all", 'team', 'world', 'friends', 'people', 'ladies',
      'gentlemen', 'sir', 'madam', 'baby', 'babe', 'bae', 'honey', 'darling', 'dear', 'sweetie', 'love', 'girl', 'girls',
      'boys', 'man', 'bro', 'sis', 'dude', 'mate', 'mum', 'mom', 'mummy', 'mommy', 'mama', 'dad', 'daddy', 'papa',
      'hubby', 'wifey', 'bestie', 'bff', 'fam', 'family', 'twitter', 'tweeps', 'followers', 'bby', 'babes', 'hun',
      'sunshine', 'babygirl', 'sweetheart', 'gorgeous', 'beautiful', 'handsome', 'pal', 'buddy', 'sister', 'brother',
      'mam', "ma'am", 'lady', 'king', 'queen', 'boss', 'chief', 'doc', 'champ', 'kiddo', 'son', 'kid', 'kids',
    ],
    frequentWords: [
      'just', 'also', 'really', 'still', 'even', 'only', 'very', 'too', 'now', 'then', 'here', 'there', 'when', 'where',
      'why', 'how', 'all', 'some', 'any', 'every', 'each', 'more', 'most', 'much', 'many', 'can', 'could', 'will',
      'would', 'shall', 'should', 'might', 'must', 'do', 'does', 'did', 'done', 'have', 'has', 'had', 'get', 'got',
      'go', 'goes', 'went', 'make', 'made', 'let', 'else', 'never', 'always', 'ever', 'again', 'already', 'soon',
      'today', 'tonight', 'tomorrow', 'yesterday', 'like', 'love', 'want', 'need', 'know', 'think', 'see', 'look',
      'come', 'came', 'take', 'took', 'give', 'gave', 'tell', 'told', 'say', 'said', 'reply', 'follow', 'please',
    ],
    recordWords: [
      'fw', 'fwd', 'cc', 'bcc', 'subject', 'tel', 'fax', 'mobile', 'mob', 'cell', 'phone', 'email', 'e-mail', 'dob', 'mrn',
      'attending', 'signed', 'fyi', 'hpi', 'pmh', 'ros', 'discharge', 'admission', 'admitted', 'diagnosis', 'dx', 'hx',
      'rx', 'sx', 'tx', 'assessment', 'impression', 'allergies', 'medications', 'meds', 'vitals', 'labs', 'summary',
      'progress', 'referral', 'dispo', 'regards', 'thanks', 'sincerely', 'attn', 'dept', 'ext', 'sent', 'troponin',
      'creatinine', 'hemoglobin', 'haemoglobin', 'glucose', 'sodium', 'potassium', 'lactate', 'platelets', 'bilirubin',
      'cardiology', 'orthopaedics', 'orthopedics', 'neurology', 'oncology', 'geriatrics',
      'radiology', 'pediatrics', 'paediatrics', 'psychiatry', 'urology', 'nephrology', 'dermatology',
      'gastroenterology', 'obstetrics', 'gynecology', 'gynaecology', 'anesthesiology', 'pulmonology', 'rheumatology',
      'endocrinology', 'hematology', 'haematology', 'delivery', 'invoice', 'pcp', 'hcp',
    ],
    abbreviations: [
      'HTN', 'DM', 'DM2', 'T2DM', 'CAD', 'CHF', 'COPD', 'PCI', 'CABG', 'NSTEMI', 'STEMI', 'EF', 'ED', 'ER', 'ICU', 'CCU',
      'PACU', 'RN', 'NP', 'PO', 'IV', 'IM', 'BID', 'TID', 'QID', 'PRN', 'BP', 'HR', 'RR', 'SpO2', 'RA', 'SOB', 'CP', 'GI',
      'GERD', 'UTI', 'CKD', 'AKI', 'DVT', 'CVA', 'TIA', 'AFib', 'MRI', 'EKG', 'ECG', 'CXR', 'CBC', 'BMP', 'INR', 'WBC',
      'Hgb', 'POD', 'NPO', 'DNR', 'ENT', 'OB', 'GYN', 'NSAID', 'ASA', 'PT', 'OT', 'SNF', 'LOS',
    ],
    salutations: ['sir', 'sirs', 'madam', "ma'am", 'gentlemen', 'ladies', 'colleagues', 'all', 'everyone', 'team'],
  },
  es: {
    endings: [
      'ción', 'ciones', 'sión', 'siones', 'mente', 'dad', 'dades', 'idad', 'ando', 'iendo', 'ado', 'ados', 'ada', 'adas',
      'ido', 'idos', 'ida', 'idas', 'ísimo', 'ísima', 'oso', 'osos', 'osa', 'osas', 'able', 'ible', 'ismo', 'ista',
      'istas', 'miento', 'mientos', 'ancia', 'encia', 'aron', 'ieron', 'amos', 'emos', 'imos', 'aba', 'aban', 'ía', 'ían',
      'ar', 'ir',
    ],
    chatWords: [
      'jaja', 'jajaja', 'jajajaja', 'jeje', 'jejeje', 'jiji', 'ole', 'olé', 'vale', 'oye', 'bueno', 'pues', 'felicidades',
      'felicitaciones', 'enhorabuena',
      'porque', 'pero', 'gracias', 'hola', 'adiós', 'adios', 'vamos', 'venga', 'anda', 'ay', 'uf', 'buah', 'xd', 'tqm',
      'tkm', 'xq', 'pq', 'tb', 'tmb', 'bss', 'besos', 'guay', 'ostras', 'joder', 'hostia',
      'qué', 'sí', 'claro', 'oki', 'porfa', 'porfavor', 'neta', 'wey', 'güey', 'chido', 'chévere',
    ],
    groupWords: [
      'español', 'española', 'españoles', 'mexicano', 'mexicana', 'argentino', 'argentina', 'colombiano', 'colombiana',
      'inglés', 'inglesa', 'francés', 'francesa', 'alemán', 'alemana', 'americano', 'americana', 'latino', 'latina',
      'católico', 'católica', 'cristiano', 'cristiana', 'musulmán', 'musulmana', 'judío', 'judía',
    ],
    addressTerms: [
      'todos', 'todas', 'chicos', 'chicas', 'amigos', 'amigas', 'amigo', 'amiga', 'gente', 'cariño', 'amor', 'guapa',
      'guapo', 'mamá', 'papá', 'mami', 'papi', 'abuela', 'abuelo', 'tía', 'tío', 'hermano', 'hermana', 'familia',
      'señor', 'señora', 'bebé', 'corazón', 'reina', 'rey', 'jefe', 'jefa',
    ],
    frequentWords: [
      'ya', 'también', 'tambien', 'solo', 'sólo', 'muy', 'ahora', 'luego', 'aquí', 'aqui', 'allí', 'ahí', 'todo', 'toda',
      'nada', 'algo', 'siempre', 'nunca', 'hoy', 'mañana', 'ayer', 'bien', 'mal', 'hay', 'ha', 'he', 'han', 'va',
      'voy', 'vamos', 'puede', 'quiero', 'tengo', 'tiene', 'hace', 'dice', 'sigue', 'mira',
    ],
    recordWords: [
      'asunto', 'enviado', 'fecha', 'teléfono', 'telefono', 'móvil', 'movil', 'nhc', 'ingreso', 'diagnóstico',
      'diagnostico', 'antecedentes', 'tratamiento', 'firmado', 'atentamente', 'saludos',
    ],
    abbreviations: ['HTA', 'DM', 'EPOC', 'IAM', 'ACV', 'TAC', 'RMN', 'ECG', 'UCI', 'TA', 'FC', 'FR', 'SatO2', 'VO', 'IV'],
    salutations: ['señor', 'señora', 'señores', 'señoras', 'señorita', 'colegas', 'todos'],
  },
};

/** Letters that must stand before an ending: "bed", "sing", "Ted" are too short to say anything. */
export const MIN_STEM = 3;

const CHAT_WORDS = new Set(Object.values(WORD_SHAPES).flatMap((shapes) => shapes.chatWords));
const GROUP_WORDS = new Set(Object.values(WORD_SHAPES).flatMap((shapes) => shapes.groupWords));

const ADDRESS_TERMS = new Set(Object.values(WORD_SHAPES).flatMap((shapes) => shapes.addressTerms));

const FREQUENT_WORDS = new Set(Object.values(WORD_SHAPES).flatMap((shapes) => shapes.frequentWords));

const RECORD_WORDS = new Set(Object.values(WORD_SHAPES).flatMap((shapes) => shapes.recordWords));
const ABBREVIATIONS = new Set(Object.values(WORD_SHAPES).flatMap((shapes) => shapes.abbreviations));
const SALUTATIONS = new Set(Object.values(WORD_SHAPES).flatMap((shapes) => shapes.salutations));

/** Whether a lower-case word is a salutation's form of address that names no one ("sir", "madam"). */
export function isSalutation(lower: string): boolean {
  return SALUTATIONS.has(lower);
}

/** Whether a word, in any case, is a word of forms, headers or clinical notes ("Cc", "Tel", "Attending"), never a name. */
export function isRecordWord(word: string): boolean {
  return RECORD_WORDS.has(word.toLowerCase());
}

/** Whether a word, as written, is an abbreviation of clinical notes ("HTN", "PCI"). */
export function isClinicalAbbreviation(word: string): boolean {
  return ABBREVIATIONS.has(word);
}

/** Whether a lower-case word is an auxiliary, an adverb or another frequent word that is never a name. */
export function isFrequentWord(lower: string): boolean {
  return FREQUENT_WORDS.has(lower);
}

/** Whether a lower-case word is one people address each other or their family by ("guys", "mum", "cariño"). */
export function isAddressTerm(lower: string): boolean {
  return ADDRESS_TERMS.has(lower);
}

/** Whether a lower-case word names a nationality, a language or a faith. */
export function isGroupWord(lower: string): boolean {
  return GROUP_WORDS.has(lower);
}
const ENDINGS = [...new Set(Object.values(WORD_SHAPES).flatMap((shapes) => shapes.endings))];
/** One to three letters said three times or more: "hahaha", "lalala", "zzz". */
const REPEATED = /^(\p{L}{1,3})\1{2,}$/u;

/**
 * Whether a lower-case word is an interjection or chat word ("lol", "jaja"), a string of repeats ("lalala"), or a
 * long run of at most two letters ("aaahhh", "uuuuu"). A stretched word ("coooool") is not one by its stretch alone.
 */
export function isChatWord(lower: string): boolean {
  return CHAT_WORDS.has(lower) || REPEATED.test(lower) || (lower.length >= 5 && new Set(lower).size <= 2);
}

/**
 * Whether a lower-case word ends like an ordinary word ("laziness", "swimming", "rápidamente"), by an ending of at
 * least `minEnding` letters: short endings ("-ar", "-ed") end surnames too ("Mulcair"), so a caller that has only a
 * capital to go by asks for longer ones.
 */
export function hasOrdinaryEnding(lower: string, minEnding = 1): boolean {
  for (const ending of ENDINGS) {
    if (ending.length >= minEnding && lower.length >= ending.length + MIN_STEM && lower.endsWith(ending)) return true;
  }
  return false;
}
