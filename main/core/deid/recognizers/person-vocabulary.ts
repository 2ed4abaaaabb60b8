/**
 * Per-language words around person names: titles, introductions, form labels and letter closings. Supporting a
 * new language means adding an entry here; the person recognizer builds its patterns from the union of all
 * entries, so a Spanish form label in an English chat is still read. Titles and labels are matched with their case
 * as written; introductions and closings in any case.
 */
export interface PersonVocabulary {
  /** Written before a name: "Dr. Ruiz", "Sra. Pérez". */
  readonly titles: readonly string[];
  /** Titles that are a title only with their period ("D. Juan", "Fr. Brown"), as alone they are a letter or a word. */
  readonly titlesNeedingPeriod: readonly string[];
  /** Phrases after which a name follows, even one in lower case: "my name is", "me llamo". */
  readonly strongIntroductions: readonly string[];
  /** Phrases after which a known name follows: "I'm Tom", "hola Ana". */
  readonly weakIntroductions: readonly string[];
  /** Form labels before a colon and a name: "Patient:", "Nombre y apellidos:". */
  readonly formLabels: readonly string[];
  /** Letter and message closings after which a name on its own line signs: "Regards,\nAnna". */
  readonly closings: readonly string[];
  /** Chat: phrases a companion's name follows, in any case: "me and Lou", "ME & LEXA", "yo y ana". */
  readonly companionsBefore: readonly string[];
  /** Chat: phrases that follow a companion's name, in any case: "lou and I", "Ana y yo". */
  readonly companionsAfter: readonly string[];
  /** Chat: greetings, thanks and wishes a name follows, in any case: "thanks sam", "happy birthday to Bea". */
  readonly vocatives: readonly string[];
  /** Chat: verbs of saying and wanting after a name, in any case: "john says", "ana dice". */
  readonly speechVerbs: readonly string[];
  /**
   * News: verbs after a quotation's closing mark and the speaker's name, in lower case: '…lightly," Cappelletti
   * told reporters', '«…», Pérez afirmó'.
   */
  readonly quoteVerbs: readonly string[];
  /**
   * Chat: words a known first name follows as the owner of a home, in any case: "en casa de Ana". Each phrase opens
   * on a word the cue scan then visits, so phrases opening on a frequent word ("en", "at") cost every text time.
   */
  readonly homesOf: readonly string[];
  /**
   * Words that make a username an organisation's account, as a part of it ("@BBCSport", "@itvnews", "@CLG_Laois"):
   * in lower case; those of one to three letters count only as a separate part ("@swfc" is not split). Not words
   * a person's account carries as often ("official": "@ollyofficial").
   */
  readonly organizationAccountWords: readonly string[];
  /**
   * Relatives and partners named right after the word, in any case, before a capitalised name: "Wife Ada at bedside",
   * "daughter Elinor Walter", "su hija Marta".
   */
  readonly relatives: readonly string[];
}

export const PERSON_VOCABULARIES: Readonly<Record<string, PersonVocabulary>> = {
  en: {
    titles: [
      'Dr', 'Drs', 'Mr', 'Mrs', 'Ms', 'Mx', 'Miss', 'Prof', 'Sir', 'Dame', 'Lady', 'Lord', 'Rev', 'Fr', 'Capt', 'Sgt', 'Lt',
      'Col', 'Gen', 'Hon', 'President', 'Senator', 'Governor', 'Mayor', 'Judge', 'Officer', 'Detective', 'Agent', 'Professor',
      'Doctor', 'Nurse', 'Coach', 'Captain', 'Uncle', 'Aunt',
    ],
    titlesNeedingPeriod: ['Fr'],
    strongIntroductions: ['my name is', "my name's", 'my full name is', 'call me', 'calls me', 'name on the account is', 'signed by'],
    weakIntroductions: ['I am', "I'm", 'I’m', 'this is', 'said', 'says', 'dear', 'hi', 'hello', 'thanks'],
    formLabels: [
      'Name', 'Full name', 'First name', 'Last name', 'Surname', 'Patient', 'Patient name', 'Physician', 'Doctor', 'Nurse',
      'Attending', 'Referred by', 'Contact', 'Signed',
    ],
    closings: [
      'Regards', 'Best regards', 'Kind regards', 'Warm regards', 'Best wishes', 'Best', 'Thanks', 'Thank you', 'Many thanks',
      'Cheers', 'Sincerely', 'Yours sincerely', 'Yours truly', 'Yours', 'Love',
    ],
    companionsBefore: ['me and', 'me &', 'me &amp;', 'me with', 'myself and'],
    companionsAfter: ['and I', 'and me', '& I', '& me', '&amp; I', '&amp; me'],
    vocatives: [
      'hi', 'hey', 'hello', 'hiya', 'thanks', 'thank you', 'thx', 'love you', 'miss you', 'happy birthday', 'happy bday',
      'happy birthday to', 'happy bday to', 'congrats', 'congratulations', 'congrats to', 'congratulations to',
      'good morning', 'good night', 'goodnight', 'night night', 'welcome', 'welcome back', 'shoutout to', 'shout out to',
      'rip', 'r.i.p.',
    ],
    speechVerbs: ['says', 'said', 'told me', 'tells me', 'asked me', 'texted me', 'called me', 'wants', 'thinks', 'is coming', 'just called'],
    quoteVerbs: [
      'said', 'says', 'told', 'tells', 'added', 'adds', 'explained', 'wrote', 'writes', 'noted', 'asked', 'replied',
      'continued', 'insisted', 'admitted', 'warned', 'recalled', 'stated', 'declared', 'concluded',
    ],
    homesOf: [],
    relatives: [
      'wife', 'husband', 'partner', 'fiancé', 'fiancée', 'daughter', 'son', 'mother', 'father', 'sister', 'brother',
      'grandson', 'granddaughter', 'grandmother', 'grandfather', 'niece', 'nephew', 'cousin', 'stepson', 'stepdaughter',
      'mom', 'mum', 'dad', 'boyfriend', 'girlfriend', 'caregiver', 'carer', 'guardian',
    ],
    organizationAccountWords: [
      'news', 'tv', 'radio', 'fm', 'music', 'records', 'sport', 'sports', 'police', 'band', 'tours', 'racing', 'weather',
      'cinema', 'theatre', 'theater', 'magazine', 'media', 'press', 'club', 'fc', 'hq', 'inc', 'ltd', 'app', 'shop',
      'store', 'jobs', 'events', 'network', 'channel', 'games', 'studio', 'studios', 'foundation', 'trust', 'council', 'gov',
      'university', 'college', 'school', 'hospital', 'nhs', 'labs', 'daily', 'times', 'journal', 'breaking',
      'online', 'festival', 'fest', 'cafe', 'restaurant', 'hotel', 'pub', 'brewery', 'team', 'league', 'party',
    ],
  },
  es: {
    titles: ['Dr', 'Dra', 'Profa', 'Sr', 'Sra', 'Srta', 'Sres', 'Dña', 'Dª', 'D', 'Don', 'Doña', 'Sor', 'Doctora', 'Tío', 'Tía', 'Señor', 'Señora', 'Señorita'],
    titlesNeedingPeriod: ['D'],
    strongIntroductions: ['mi nombre es', 'me llamo', 'llámame', 'llamame', 'firmado por'],
    weakIntroductions: ['soy', 'hola', 'querido', 'querida', 'estimado', 'estimada', 'gracias'],
    formLabels: [
      'Nombre', 'Apellidos', 'Apellido', 'Nombre y apellidos', 'Paciente', 'Médico', 'Medico', 'Médica', 'Doctora', 'Enfermera',
      'Enfermero', 'Remitido por', 'Atendido por', 'Firmado', 'Responsable', 'Titular', 'Tutor', 'Madre', 'Padre',
    ],
    closings: ['Saludos', 'Un saludo', 'Saludos cordiales', 'Atentamente', 'Cordialmente', 'Un abrazo', 'Gracias'],
    companionsBefore: ['yo y', 'yo con', 'conmigo y'],
    companionsAfter: ['y yo', 'y a mí', 'y a mi'],
    vocatives: [
      'hola', 'gracias', 'muchas gracias', 'te quiero', 'te amo', 'te extraño', 'feliz cumpleaños', 'feliz cumple',
      'felicidades', 'felicidades a', 'buenos días', 'buenas noches', 'adiós', 'chao', 'bienvenido', 'bienvenida', 'qepd',
    ],
    speechVerbs: ['dice', 'dijo', 'me dijo', 'me dice', 'quiere', 'piensa', 'me llamó', 'me escribió'],
    quoteVerbs: ['dijo', 'dice', 'afirmó', 'explicó', 'añadió', 'agregó', 'señaló', 'declaró', 'aseguró', 'indicó', 'comentó', 'escribió', 'advirtió'],
    homesOf: ['casa de'],
    relatives: [
      'esposa', 'esposo', 'marido', 'pareja', 'hija', 'hijo', 'madre', 'padre', 'hermana', 'hermano', 'nieta', 'nieto',
      'abuela', 'abuelo', 'sobrina', 'sobrino', 'prima', 'primo', 'cuidadora', 'cuidador', 'novia', 'novio',
    ],
    organizationAccountWords: [
      'noticias', 'radio', 'deportes', 'tienda', 'club', 'policia', 'policía', 'ayuntamiento', 'diario', 'revista',
      'universidad', 'hospital', 'colegio', 'equipo', 'partido', 'canal', 'prensa', 'tv',
    ],
  },
};

/** The union of one field over every language, longest first so that a regex alternation prefers the whole phrase. */
export function personWords(pick: (vocabulary: PersonVocabulary) => readonly string[]): string[] {
  return [...new Set(Object.values(PERSON_VOCABULARIES).flatMap(pick))].sort((a, b) => b.length - a.length);
}
