/**
 * Per-language words the span boundary rules (boundaries.ts) read. Supporting a new language means adding an
 * entry here; the rules use the union of all entries.
 */
export interface BoundaryVocabulary {
  /** Words that head an institution's name besides the organisation recognizer's prefixes: "Servicio", "Department". */
  readonly institutionHeads: readonly string[];
  /** Lower-case words that join the parts of one name: "Complexo Hospitalario [de] Ourense", "University [of] Leeds". */
  readonly nameParticles: readonly string[];
  /** Abbreviations that end in a period inside a name: "Hospital Dr. Carlos Arvelo", "Cdad. Real". */
  readonly nameAbbreviations: readonly string[];
  /** Words joining two months of a range: "febrero [y] abril de 2002", "March [to] May 2000". */
  readonly monthRangeJoiners: readonly string[];
  /** Words written before a bare year as part of the date: "[año] 2009", "[year] 2009". */
  readonly yearWords: readonly string[];
  /** Words after a street that end its flat or floor: "1º [izda]". */
  readonly doorSides: readonly string[];
  /** Words that open a floor or door after a street number: "Bajo A", "Entlo. 2". */
  readonly floorWords: readonly string[];
  /** Words before a street that place something at it and belong to the address: "[the corner of] Oak St and Elm St". */
  readonly addressLeads: readonly string[];
  /** Words joining the two streets of a corner after an address lead: "the corner of Oak St [and] Elm St". */
  readonly cornerJoiners: readonly string[];
  /** Prepositions before a street and its house number: "arrived [at] 636 1812 Rue De La Gare". */
  readonly placePrepositions: readonly string[];
  /** Prepositions after which a name and a number are a street and house number: "left it [at] Podravska 62". */
  readonly streetPrepositions: readonly string[];
  /** The word for "street" written after a street's name, before a corner's joiner: "Oak 5 [St.] and Elm". */
  readonly streetWords: readonly string[];
  /**
   * Words for a flat, block or stairway, with its number between a street and its town, besides the address
   * vocabularies' unit words: "Calea Mare, [Bloc 76], Arad", "ul. Buczek 418, [m. 297], 88-029 Kórnik".
   */
  readonly unitWordsBetween: readonly string[];
  /** Generation and degree suffixes written after a name: "Heloísa Santos [Jr.]", "Georgiana Will [DDS]". */
  readonly nameSuffixes?: readonly string[];
}

export const BOUNDARY_VOCABULARIES: Readonly<Record<string, BoundaryVocabulary>> = {
  en: {
    institutionHeads: ['Faculty', 'Department', 'Centre', 'Center', 'School', 'Agency', 'Ministry'],
    nameParticles: ['of', 'van', 'von', 'der', 'den', 'zu', 'du', 'des', 'di', 'da'],
    nameAbbreviations: ['Dr', 'St', 'Mt', 'Ft', 'Prof', 'Gen', 'Col'],
    monthRangeJoiners: ['and', 'to', 'through', 'until', '-', '–'],
    yearWords: ['year'],
    doorSides: [],
    floorWords: [],
    addressLeads: ['the corner of', 'corner of'],
    cornerJoiners: ['and', '&'],
    placePrepositions: ['at', 'to', 'on', 'in', 'is'],
    // Not "on" or "to": "runs on Windows 11", "upgrade to Windows 11".
    streetPrepositions: ['at'],
    streetWords: ['St', 'Street'],
    unitWordsBetween: ['Block', 'Building', 'Bldg'],
    nameSuffixes: ['Jr', 'Sr', 'PhD', 'Phd', 'MD', 'DDS', 'DVM', 'Esq', 'II', 'III', 'IV'],
  },
  es: {
    institutionHeads: ['Servicio', 'Servei', 'Facultad', 'Facultat', 'Unidad', 'Unitat', 'Departamento', 'Ciudad', 'Escuela', 'Institut', 'Fundació', 'Agencia', 'Consejería', 'Ministerio'],
    nameParticles: ['de', 'del', 'de la', 'de los', 'de las', 'do', 'dos', 'das'],
    nameAbbreviations: ['Dra', 'Sr', 'Sra', 'Sta', 'Sto', 'Av', 'Avda', 'Cdad', 'Ctra', 'Gral', 'Pdte'],
    monthRangeJoiners: ['y', 'a', 'al', 'hasta'],
    yearWords: ['año'],
    doorSides: ['izq', 'izqda', 'izda', 'dcha', 'dch', 'der', 'dra', 'drcha', 'centro', 'ctro'],
    floorWords: ['Bajo', 'Bajos', 'Entlo', 'Entresuelo', 'Ático', 'Atico', 'Pral', 'Principal'],
    addressLeads: ['la esquina de', 'esquina de'],
    cornerJoiners: ['y', 'con'],
    placePrepositions: ['en', 'a'],
    streetPrepositions: [],
    streetWords: [],
    unitWordsBetween: ['Bloque', 'Edificio', 'Portal'],
  },
  ro: {
    institutionHeads: [],
    nameParticles: [],
    nameAbbreviations: [],
    monthRangeJoiners: [],
    yearWords: [],
    doorSides: [],
    floorWords: [],
    // "Bloc 76, Sc. 2, Ap. 675": the block and the stairway before the flat.
    unitWordsBetween: ['Bloc', 'Scara', 'Sc'],
    addressLeads: [],
    cornerJoiners: [],
    placePrepositions: [],
    streetPrepositions: [],
    streetWords: [],
  },
  pl: {
    institutionHeads: [],
    nameParticles: [],
    nameAbbreviations: [],
    monthRangeJoiners: [],
    yearWords: [],
    doorSides: [],
    floorWords: [],
    // "m. 297" (mieszkanie, the flat), "lok. 4" (lokal, the premises).
    unitWordsBetween: ['m', 'lok'],
    addressLeads: [],
    cornerJoiners: [],
    placePrepositions: [],
    streetPrepositions: [],
    streetWords: [],
  },
};

/**
 * A regex alternation of `words`: each once, longest first (so a word wins over its own prefix), regex-escaped; with
 * `blanks`, a space in a word matches any run of blanks and tabs, else only itself.
 */
export function wordAlternation(words: readonly string[], blanks = true): string {
  return [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map((word) => {
      const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return blanks ? escaped.replace(/ /g, '[ \\t]+') : escaped;
    })
    .join('|');
}

/** One field over every language, as a regex alternation (wordAlternation). */
export function boundaryWords(pick: (vocabulary: BoundaryVocabulary) => readonly string[]): string {
  return wordAlternation(Object.values(BOUNDARY_VOCABULARIES).flatMap(pick));
}

/** One field over every language, as a set. */
export function boundaryWordSet(pick: (vocabulary: BoundaryVocabulary) => readonly string[]): ReadonlySet<string> {
  return new Set(Object.values(BOUNDARY_VOCABULARIES).flatMap(pick));
}

/**
 * Per-language company forms and the words that join partners' names in a firm's name. A finding followed by a
 * form is a company and takes it in ("Skokan [a.s.]", "Németh és Varga [Zrt.]", "Christensen Baby [A/S]"); an
 * organisation takes in a partner joined by one of the joiners ("Cottier [et Roulin]"). Forms match as written, and
 * those with a period in lower case too ("kft.", "s.r.l."): "AS", "DA", "SA" in lower case are ordinary words.
 * Joiners that are prepositions elsewhere (Czech "a", Dutch "en": Spanish "to", "in") are left out. Supporting a
 * new language means adding an entry here.
 */
export const COMPANY_VOCABULARIES: Readonly<Record<string, { readonly forms: readonly string[]; readonly joiners: readonly string[] }>> = {
  en: { forms: ['Inc.', 'Ltd.', 'LLC', 'LLP', 'PLC', 'Corp.', 'Co.', 'Pty Ltd', 'Pvt Ltd', 'and Sons'], joiners: ['and', '&'] },
  es: { forms: ['S.A.', 'S.L.', 'S.A. de C.V.', 'S. de R.L.', 'S.C.', 'Hnos.', 'Hermanos', 'e Hijos', 'y Asociados'], joiners: ['y', 'e'] },
  de: { forms: ['GmbH', 'AG', 'KG', 'GmbH & Co. KG', 'OHG', 'e.V.', 'KGaA', 'UG', 'und Söhne', 'und Partner'], joiners: ['und'] },
  fr: { forms: ['SA', 'SARL', 'SAS', 'SASU', 'SCA', 'SCS', 'SCOP', 'SNC', 'EURL', 'GIE'], joiners: ['et'] },
  it: { forms: ['S.p.A.', 'SpA', 's.r.l.', 'Srl', 's.n.c.', 's.a.s.', 'e figli'], joiners: ['e'] },
  pt: { forms: ['Ltda.', 'LTDA', 'Lda.', 'LDA', 'S.A.', 'S/A', 'EIRELI', 'e Associados'], joiners: ['e'] },
  nl: { forms: ['B.V.', 'N.V.', 'BV', 'NV', 'VOF', 'V.O.F.', 'CV', 'BVBA', 'en Zonen', 'Combinatie'], joiners: [] },
  pl: { forms: ['Sp. z o.o.', 'Sp. k.', 'Sp. j.', 'Sp. p.', 'S.K.A.', 'SKA', 'S.A.'], joiners: ['i'] },
  cs: { forms: ['s.r.o.', 'a.s.', 'v.o.s.', 'k.s.', 'spol. s r.o.'], joiners: [] },
  hu: { forms: ['Kft.', 'Zrt.', 'Nyrt.', 'Bt.', 'Kkt.', 'Kv.', 'és Tsa.', 'és Társa'], joiners: ['és'] },
  da: { forms: ['A/S', 'ApS', 'I/S', 'K/S'], joiners: ['og'] },
  nb: { forms: ['ASA', 'ANS', 'DA', 'AS', 'og Sønner'], joiners: ['og'] },
  sv: { forms: ['AB', 'HB', 'KB', 'Aktiebolag', 'Kommanditbolag', 'Handelsbolag'], joiners: ['och'] },
  fi: { forms: ['Oy', 'Oyj', 'Ky', 'Ay'], joiners: ['ja'] },
  ro: { forms: ['S.R.L.', 'SRL', 'S.C.'], joiners: ['și'] },
  hr: { forms: ['d.o.o.', 'd.d.', 'j.d.o.o.'], joiners: ['i'] },
  lv: { forms: ['SIA', 'AS', 'un partneri'], joiners: ['un'] },
  tr: { forms: ['A.Ş.', 'Ltd. Şti.'], joiners: ['ve'] },
  el: { forms: ['Α.Ε.', 'Ε.Π.Ε.', 'Ο.Ε.', 'Ε.Ε.', 'και Υιοί'], joiners: ['και'] },
};

/** One field of the company vocabularies over every language, longest first, regex-escaped. */
export function companyWords(pick: (vocabulary: (typeof COMPANY_VOCABULARIES)[string]) => readonly string[]): string {
  return wordAlternation(Object.values(COMPANY_VOCABULARIES).flatMap(pick));
}
