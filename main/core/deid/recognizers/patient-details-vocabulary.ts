/**
 * Per-language words for the patient details that clinical de-identification schemes count as identifying beside
 * names and numbers (MEDDOCAN's "other patient details"): marital status, family position, origin, ethnic group and
 * an infant's age class. Supporting a new language means adding an entry here; the recognizer uses the union of
 * all entries. Words are written in lower case and matched in any case.
 */
export interface PatientDetailsVocabulary {
  /** Words or phrases that are such a detail wherever they stand: "viuda", "sin hijos", "lactante". */
  readonly details: readonly string[];
  /** Words after which a people's name is the patient's origin: "de origen [boliviano]", "nacionalidad [búlgara]". */
  readonly originCues: readonly string[];
  /** Words that make a detail together with the next word: "[raza caucásica]", "[etnia gitana]". */
  readonly groupWords: readonly string[];
  /** Names of peoples, in lower case, every gender form written out. */
  readonly demonyms: readonly string[];
  /** Articles before a sibling position: "[la] menor de cuatro hermanos". */
  readonly siblingArticles: readonly string[];
  /** Positions among siblings: "la [menor] de cuatro hermanos", "la [sexta] de nueve hermanos". */
  readonly siblingPositions: readonly string[];
  /** Joins a position to the siblings: "la menor [de] cuatro hermanos". */
  readonly siblingJoiner: string;
  /** The siblings: "la menor de cuatro [hermanos]". */
  readonly siblingWords: readonly string[];
}

/** Masculine and feminine forms of Spanish demonyms ending in -o/-a, -és/-esa, -án/-ana; the rest are invariant. */
function spanishForms(words: readonly string[]): string[] {
  return words.flatMap((word) => {
    if (word.endsWith('o')) return [word, `${word.slice(0, -1)}a`];
    if (word.endsWith('és')) return [word, `${word.slice(0, -2)}esa`];
    if (word.endsWith('án')) return [word, `${word.slice(0, -2)}ana`];
    return [word];
  });
}

export const PATIENT_DETAILS_VOCABULARIES: Readonly<Record<string, PatientDetailsVocabulary>> = {
  // English clinical schemes (i2b2, n2c2) do not label these details, so English has no entry of words yet.
  en: {
    details: [],
    originCues: [],
    groupWords: [],
    demonyms: [],
    siblingArticles: [],
    siblingPositions: [],
    siblingJoiner: 'of',
    siblingWords: [],
  },
  es: {
    details: [
      'casado', 'casada', 'soltero', 'soltera', 'viudo', 'viuda', 'divorciado', 'divorciada', 'sin hijos', 'hijo único',
      'hija única', 'hijo mediano', 'hija mediana', 'primer hijo', 'primera hija', 'segundo hijo', 'segunda hija',
      'tercer hijo', 'tercera hija', 'hijo adoptado', 'hija adoptada', 'niño adoptado', 'niña adoptada', 'lactante',
      'adolescente', 'caucásico', 'caucásica', 'homosexual', 'bisexual',
    ],
    originCues: ['origen', 'ascendencia', 'nacionalidad', 'procedencia'],
    groupWords: ['raza', 'etnia'],
    demonyms: spanishForms([
      'africano', 'afgano', 'alemán', 'argelino', 'argentino', 'asiático', 'boliviano', 'brasileño', 'británico', 'búlgaro',
      'camerunés', 'chileno', 'chino', 'colombiano', 'congoleño', 'coreano', 'cubano', 'dominicano', 'ecuatoriano',
      'egipcio', 'español', 'europeo', 'filipino', 'francés', 'gitano', 'griego', 'guatemalteco', 'guineano', 'holandés',
      'hondureño', 'indio', 'inglés', 'irlandés', 'italiano', 'japonés', 'latinoamericano', 'libio', 'marroquí',
      'magrebí', 'mauritano', 'mexicano', 'nigeriano', 'paraguayo', 'peruano', 'polaco', 'portugués', 'rumano', 'ruso',
      'senegalés', 'sirio', 'subsahariano', 'sudamericano', 'tunecino', 'turco', 'ucraniano', 'uruguayo', 'venezolano',
      'árabe', 'belga', 'canadiense', 'estadounidense', 'etíope', 'hindú', 'iraní', 'iraquí', 'maliense', 'nicaragüense',
      'pakistaní', 'saharaui', 'somalí', 'vietnamita', 'bangladesí', 'nepalí', 'caucásico',
    ]),
    siblingArticles: ['el', 'la'],
    siblingPositions: [
      'menor', 'mayor', 'pequeño', 'pequeña', 'mediano', 'mediana', 'primero', 'primera', 'segundo', 'segunda', 'tercero',
      'tercera', 'cuarto', 'cuarta', 'quinto', 'quinta', 'sexto', 'sexta', 'séptimo', 'séptima', 'octavo', 'octava',
    ],
    siblingJoiner: 'de',
    siblingWords: ['hermanos', 'hermanas', 'hijos', 'hijas'],
  },
};
