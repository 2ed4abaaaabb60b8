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
    placePrepositions: ['at', 'to', 'on', 'in'],
    // Not "on" or "to": "runs on Windows 11", "upgrade to Windows 11".
    streetPrepositions: ['at'],
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
  },
};

/** One field over every language, longest first for regex alternations, regex-escaped. */
export function boundaryWords(pick: (vocabulary: BoundaryVocabulary) => readonly string[]): string {
  return [...new Set(Object.values(BOUNDARY_VOCABULARIES).flatMap(pick))]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\t]+'))
    .join('|');
}

/** One field over every language, as a set. */
export function boundaryWordSet(pick: (vocabulary: BoundaryVocabulary) => readonly string[]): ReadonlySet<string> {
  return new Set(Object.values(BOUNDARY_VOCABULARIES).flatMap(pick));
}
