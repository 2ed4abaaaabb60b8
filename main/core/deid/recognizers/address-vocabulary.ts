import {
  FAKER_NUMBERED_STREET_TYPES,
  FAKER_STREET_SUFFIXES,
  FAKER_STREET_TYPES_AFTER,
  FAKER_STREET_TYPES_BEFORE,
  FAKER_UNIT_WORDS,
  FAKER_UNIT_WORDS_AFTER,
} from './address-vocabulary-faker.js';

/**
 * Per-language words for postal addresses. Supporting a new language means adding an entry here; the address
 * recognizer builds its patterns from the union of all entries, so an address written in one language inside
 * text in another (a Spanish street in an English e-mail) is still covered. Matching ignores a trailing period.
 */
export interface AddressVocabulary {
  /** Street types written after the name, as separate words: "Baker Street", "Rákóczi út". Case-sensitive. */
  readonly streetTypesAfter: readonly string[];
  /**
   * Street types glued to the end of the name: "Pohlstrasse", "Nybyvägen". Matched at the end of a
   * capitalised word, so they must be long enough not to end ordinary words.
   */
  readonly streetSuffixes: readonly string[];
  /** Street types written before the name: "Calle Mayor", "Via Roma", "ul. Miła". */
  readonly streetTypesBefore: readonly string[];
  /** The subset of `streetTypesBefore` unambiguous enough to accept a lower-case street name: "calle oria 66". */
  readonly lowerCaseStreetTypes: readonly string[];
  /** Words that open a flat, floor or box number: "Apt. 4", "Suite 210", "piso 2", "puerta 3". */
  readonly unitWords: readonly string[];
  /** Words that announce a postal code standing alone: "zip 90210", "CP: 28035". */
  readonly postcodeWords: readonly string[];
  /** Phrases after which a number-bearing phrase is an address even without a known street type. */
  readonly addressCues: readonly string[];
  /**
   * Street types after the name that are ordinary words too ("Lake", "Mall", "Point"): trusted only where a house
   * number comes first ("1554 Mohr Lake"), never in "Name Type 5" ("Jurassic Park 3").
   */
  readonly numberedStreetTypes?: readonly string[];
  /** Words after a floor or flat number: "5 OG", "4 étage", "3 hoog". */
  readonly unitWordsAfter?: readonly string[];
  /**
   * Short flat words that are other words too ("m." is metres as well): taken after a street only with their period
   * and a number, "ul. Miła 6, m. 969".
   */
  readonly abbreviatedUnitWords?: readonly string[];
  /**
   * Street types written after the name that are no ordinary words of the sentence: right after a preposition of
   * place they mark a street without a number, "on Köypınar Sokak", "lives on Abbey Road" (not "Drive", "Court").
   */
  readonly namedStreetTypes?: readonly string[];
  /** Words for a block of flats, which may stand in for the house number after a street: "Aleea Teilor, Bloc 5". */
  readonly buildingWords?: readonly string[];
  /** Prepositions before a street written inline with its numbers: "[at] 641 Dašická 688". */
  readonly placePrepositions?: readonly string[];
  /**
   * Prepositions before a street named with no type word, a house number and a clause's end: "instead [of]
   * Kapelska 922,", "[at] Dubová 52, 993 47 Partizánske". Not "on" or "to" ("runs on Windows 11", "upgrade to Windows 11").
   */
  readonly bareStreetPrepositions?: readonly string[];
  /** Nouns that take a number and are no street: "at [Gate 5].", "of [Chapter 2].", "en [Sala 3]." (lower case). */
  readonly numberedNouns?: readonly string[];
  /**
   * The language's word for "street" itself, written after the name: a street whose own type is foreign or missing
   * still takes it ("Hoge Wei 32 St.", "Marina Fort Street"). Matched in any case.
   */
  readonly streetWords?: readonly string[];
}

export const ADDRESS_VOCABULARIES: Readonly<Record<string, AddressVocabulary>> = {
  en: {
    streetTypesAfter: [
      'Street', 'St', 'Avenue', 'Ave', 'Av', 'Road', 'Rd', 'Boulevard', 'Blvd', 'Lane', 'Ln', 'Drive', 'Dr', 'Court', 'Ct',
      'Way', 'Place', 'Pl', 'Terrace', 'Ter', 'Crescent', 'Cres', 'Close', 'Square', 'Sq', 'Parkway', 'Pkwy', 'Highway',
      'Hwy', 'Circle', 'Cir', 'Trail', 'Trl', 'Alley', 'Mews', 'Grove', 'Gardens', 'Pike', 'Turnpike', 'Expressway',
      'Freeway', 'Plaza', 'Loop', 'Row', 'Walk', 'Str',
    ],
    streetSuffixes: [],
    streetTypesBefore: [],
    lowerCaseStreetTypes: [],
    unitWords: ['Apt', 'Apartment', 'Suite', 'Ste', 'Unit', 'Flat', 'Floor', 'Fl', 'Room', 'Rm', 'Bldg', 'Building', 'Box', 'PO Box', 'P.O. Box'],
    postcodeWords: ['zip', 'zip code', 'zipcode', 'postcode', 'post code', 'postal code'],
    addressCues: [
      'address', 'address is', 'address:', 'lives at', 'live at', 'living at', 'located at', 'moved to', 'ship to',
      'send it to', 'sent to', 'deliver to', 'delivered to', 'mail to', 'residing at', 'resides at', 'lives on', 'meet me at', 'address to', 'the corner of',
    ],
    placePrepositions: ['at', 'on', 'to', 'in', 'is'],
    bareStreetPrepositions: ['at', 'of', 'from'],
    numberedNouns: [
      'gate', 'room', 'platform', 'terminal', 'level', 'page', 'chapter', 'table', 'seat', 'section', 'door', 'exit',
      'stage', 'hall', 'pier', 'bay', 'track', 'game', 'round', 'episode', 'part', 'step', 'phase', 'version', 'grade',
      'class', 'floor', 'unit', 'suite', 'apartment', 'building', 'block', 'lot', 'row', 'aisle', 'box', 'ward', 'bed',
      'route', 'highway', 'interstate', 'channel', 'season', 'week', 'day', 'year', 'volume', 'issue', 'figure', 'item',
      'question', 'number', 'batch', 'lab', 'studio', 'court', 'field', 'pitch', 'zone', 'area', 'sector', 'district',
      'region', 'station', 'line', 'bus', 'flight', 'train', 'windows', 'iphone', 'galaxy', 'pixel', 'xbox', 'android',
      'ios', 'python', 'java', 'release', 'update', 'patch', 'model', 'type', 'size', 'covid', 'mile', 'lesson', 'module',
      'test', 'exam', 'task', 'ticket', 'order', 'invoice', 'case', 'cell', 'wing', 'pod', 'desk', 'counter', 'window',
      'stand', 'booth', 'hangar', 'dock', 'berth', 'camp', 'base', 'sprint', 'night',
    ],
    streetWords: ['Street', 'St'],
    buildingWords: ['Block', 'Building', 'Bldg'],
    namedStreetTypes: ['Street', 'Avenue', 'Road', 'Boulevard', 'Lane'],
  },
  es: {
    streetTypesAfter: [],
    streetSuffixes: [],
    streetTypesBefore: [
      'Calle', 'C/', 'Cl', 'Avenida', 'Avda', 'Avd', 'Av', 'Av/', 'Plaza', 'Pza', 'Pl', 'Paseo', 'Pº', 'Camino', 'Carretera',
      'Ctra', 'Travesía', 'Travesia', 'Trav', 'Ronda', 'Glorieta', 'Urbanización', 'Urb', 'Callejón', 'Pasaje',
      'Rambla', 'Costanilla', 'Cuesta', 'Bulevar', 'Polígono', 'Pz', 'Pso', 'Prolongación', 'Vialidad', 'Calzada',
      // Colombian numbered streets: "Carrera 3 # 49-00", "Cra. 15a #26", "Diagonal 40 No. 12-5".
      'Carrera', 'Cra', 'Diagonal', 'Transversal',
    ],
    lowerCaseStreetTypes: ['calle', 'c/', 'avda', 'avenida', 'carretera', 'ctra', 'travesía', 'plaza', 'paseo'],
    unitWords: ['piso', 'puerta', 'pta', 'planta', 'bajo', 'escalera', 'esc', 'bloque', 'portal', 'interior', 'int', 'colonia', 'col', 'nº', 'n.º', 'núm', 'num'],
    postcodeWords: ['cp', 'c.p', 'código postal', 'codigo postal', 'cód. postal', 'cod. postal'],
    addressCues: [
      'domicilio', 'domicilio:', 'dirección', 'direccion', 'dirección:', 'vive en la', 'reside en la', 'con domicilio en',
      'domiciliado en', 'domiciliada en',
    ],
    placePrepositions: ['en'],
    bareStreetPrepositions: ['en'],
    numberedNouns: [
      'sala', 'planta', 'puerta', 'cama', 'habitación', 'habitacion', 'consulta', 'quirófano', 'quirofano', 'página',
      'pagina', 'capítulo', 'capitulo', 'línea', 'linea', 'andén', 'anden', 'terminal', 'nivel', 'grado', 'curso', 'aula',
      'box', 'módulo', 'modulo', 'ventanilla', 'mesa', 'fila', 'asiento', 'zona', 'sector', 'pabellón', 'pabellon',
      'semana', 'día', 'dia', 'año', 'fase', 'versión', 'version', 'tema', 'lección', 'leccion', 'control', 'ciclo', 'dosis',
    ],
    buildingWords: ['Bloque', 'Portal', 'Edificio', 'Edif'],
  },
  // Languages below are here for addresses quoted in English or Spanish text: customers abroad, shipping forms.
  ca: {
    streetTypesAfter: [],
    streetSuffixes: [],
    streetTypesBefore: ['Carrer', 'Plaça', 'Passeig', 'Avinguda', 'Rambla', 'Travessera'],
    lowerCaseStreetTypes: ['carrer'],
    unitWords: [],
    postcodeWords: [],
    addressCues: ['adreça'],
  },
  pt: {
    streetTypesAfter: [],
    streetSuffixes: [],
    streetTypesBefore: ['Rua', 'Rúa', 'Avenida', 'Travessa', 'Praça', 'Largo', 'Estrada', 'Alameda'],
    lowerCaseStreetTypes: ['rua'],
    unitWords: [],
    postcodeWords: ['cep'],
    addressCues: ['endereço', 'morada'],
  },
  fr: {
    streetTypesAfter: [],
    streetSuffixes: [],
    streetTypesBefore: ['Rue', 'Avenue', 'Boulevard', 'Bd', 'Chemin', 'Allée', 'Impasse', 'Place', 'Quai', 'Route', 'Cours'],
    lowerCaseStreetTypes: ['rue'],
    unitWords: [],
    postcodeWords: ['code postal'],
    addressCues: ['adresse'],
  },
  it: {
    streetTypesAfter: [],
    streetSuffixes: [],
    streetTypesBefore: ['Via', 'Viale', 'Piazza', 'Piazzale', 'Piazzetta', 'Corso', 'Vicolo', 'Largo', 'Contrada'],
    lowerCaseStreetTypes: [],
    unitWords: ['interno', 'scala'],
    postcodeWords: ['cap'],
    addressCues: ['indirizzo'],
  },
  de: {
    streetTypesAfter: ['Strasse', 'Straße', 'Str', 'Weg', 'Gasse', 'Platz', 'Allee', 'Damm', 'Ufer'],
    streetSuffixes: ['strasse', 'straße', 'str', 'gasse', 'weg', 'platz', 'allee', 'damm', 'ufer'],
    streetTypesBefore: [],
    lowerCaseStreetTypes: [],
    unitWords: [],
    postcodeWords: ['plz', 'postleitzahl'],
    namedStreetTypes: ['Strasse', 'Straße', 'Gasse', 'Allee'],
    addressCues: ['anschrift', 'adresse'],
  },
  nl: {
    streetTypesAfter: ['Straat', 'Laan', 'Weg', 'Plein', 'Gracht', 'Kade'],
    streetSuffixes: ['straat', 'laan', 'plein', 'gracht', 'kade', 'hove', 'singel'],
    streetTypesBefore: [],
    lowerCaseStreetTypes: [],
    unitWords: [],
    postcodeWords: ['postcode'],
    namedStreetTypes: ['Straat', 'Laan', 'Gracht'],
    addressCues: ['adres'],
  },
  nordic: {
    // Capitalised as well after a two-word name: "Alices Väg 699", "Claess Gata 73"; not "Gate", an airport's word too.
    streetTypesAfter: ['gate', 'gata', 'gatan', 'vej', 'vei', 'veien', 'vägen', 'väg', 'katu', 'tie', 'kuja', 'gade', 'allé', 'Gata', 'Gatan', 'Väg', 'Vägen', 'Vej', 'Vei', 'Veien', 'Gade'],
    streetSuffixes: ['gate', 'gata', 'gatan', 'vej', 'vei', 'veien', 'vägen', 'väg', 'katu', 'tie', 'kuja', 'gade', 'stræde', 'stien', 'brekka', 'braut', 'vegur', 'stræti', 'straeti'],
    streetTypesBefore: [],
    lowerCaseStreetTypes: [],
    unitWords: [],
    postcodeWords: ['postnummer', 'postinumero'],
    namedStreetTypes: ['gata', 'gatan', 'vägen', 'vej', 'gade', 'veien', 'katu', 'Gata', 'Gatan', 'Vägen', 'Vej', 'Gade', 'Veien'],
    addressCues: [],
  },
  central: {
    streetTypesAfter: ['út', 'utca', 'u', 'tér', 'körút', 'ulica', 'náměstí', 'trida', 'třída', 'cesta'],
    streetSuffixes: ['utca', 'gasse'],
    streetTypesBefore: ['ul', 'ulica', 'aleja', 'pl', 'plac', 'osiedle', 'Trg', 'Ulica'],
    // Slovene and Croatian street names keep their own words in lower case: "Trg mladinskih delovnih brigad 211".
    lowerCaseStreetTypes: ['ul', 'ulica', 'trg'],
    // "lok. 5" (Polish), "byt 3" (Czech, Slovak)
    unitWords: ['lok', 'lokal', 'mieszkanie', 'byt'],
    postcodeWords: ['kod pocztowy', 'irányítószám', 'psč'],
    namedStreetTypes: ['utca', 'út', 'körút', 'ulica', 'náměstí', 'námestie', 'nábrežie'],
    addressCues: ['adres', 'cím'],
    // "m. 12": mieszkanie (Polish flat)
    abbreviatedUnitWords: ['m'],
  },
  ro: {
    streetTypesAfter: [],
    streetSuffixes: [],
    streetTypesBefore: ['Strada', 'Str', 'Bulevardul', 'Bd', 'Bdul', 'Aleea', 'Calea', 'Intrarea', 'Piața', 'Piata', 'Șoseaua', 'Soseaua', 'Splaiul'],
    lowerCaseStreetTypes: [],
    // "bl. 5, sc. A, et. 2, ap. 12"
    unitWords: ['Bloc', 'Bl', 'Scara', 'Sc', 'Etaj', 'Et', 'Ap', 'Apartament'],
    postcodeWords: ['cod poștal', 'cod postal'],
    addressCues: ['adresa'],
    buildingWords: ['Bloc', 'Bl'],
  },
  el: {
    streetTypesAfter: [],
    streetSuffixes: [],
    streetTypesBefore: ['Οδός', 'Οδ', 'Λεωφόρος', 'Λεωφ', 'Λ.', 'Πλατεία', 'Πλ', 'Πάροδος', 'Παρ'],
    lowerCaseStreetTypes: [],
    unitWords: ['Γραφείο', 'Γρ', 'Διαμέρισμα', 'Διαμ'],
    postcodeWords: ['ΤΚ', 'Τ.Κ'],
    addressCues: ['διεύθυνση'],
    // "3ος" (3rd floor)
    unitWordsAfter: ['ος'],
  },
  tr: {
    streetTypesAfter: ['Sokak', 'Sokağı', 'Sk', 'Caddesi', 'Cad', 'Cd', 'Bulvarı', 'Blv', 'Bulvar', 'Yolu', 'Meydanı', 'Çıkmazı', 'Mahallesi', 'Mah'],
    streetSuffixes: [],
    streetTypesBefore: [],
    lowerCaseStreetTypes: [],
    unitWords: ['Daire', 'Kat', 'No'],
    namedStreetTypes: ['Sokak', 'Sokağı', 'Caddesi', 'Bulvarı'],
    postcodeWords: ['posta kodu'],
    addressCues: ['adres', 'adresi'],
  },
  // The street types and flat words of faker's locale data (60 locales; generated, see address-vocabulary-faker.ts):
  // the forms of the languages above that they miss, and those of the others.
  faker: {
    streetTypesAfter: FAKER_STREET_TYPES_AFTER,
    streetSuffixes: FAKER_STREET_SUFFIXES,
    streetTypesBefore: FAKER_STREET_TYPES_BEFORE,
    lowerCaseStreetTypes: [],
    unitWords: FAKER_UNIT_WORDS,
    postcodeWords: [],
    addressCues: [],
    numberedStreetTypes: FAKER_NUMBERED_STREET_TYPES,
    unitWordsAfter: FAKER_UNIT_WORDS_AFTER,
  },
};

/**
 * UK postcode areas: the letters before the first digit. A bare "AB1 2CD" shape matches too much by chance
 * ("V8 2GB"), but not when its area has to be a real one.
 */
export const UK_POSTCODE_AREAS: readonly string[] = [
  'AB', 'AL', 'B', 'BA', 'BB', 'BD', 'BH', 'BL', 'BN', 'BR', 'BS', 'BT', 'CA', 'CB', 'CF', 'CH', 'CM', 'CO', 'CR', 'CT',
  'CV', 'CW', 'DA', 'DD', 'DE', 'DG', 'DH', 'DL', 'DN', 'DT', 'DY', 'E', 'EC', 'EH', 'EN', 'EX', 'FK', 'FY', 'G', 'GL',
  'GU', 'GY', 'HA', 'HD', 'HG', 'HP', 'HR', 'HS', 'HU', 'HX', 'IG', 'IM', 'IP', 'IV', 'JE', 'KA', 'KT', 'KW', 'KY', 'L',
  'LA', 'LD', 'LE', 'LL', 'LN', 'LS', 'LU', 'M', 'ME', 'MK', 'ML', 'N', 'NE', 'NG', 'NN', 'NP', 'NR', 'NW', 'OL', 'OX',
  'PA', 'PE', 'PH', 'PL', 'PO', 'PR', 'RG', 'RH', 'RM', 'S', 'SA', 'SE', 'SG', 'SK', 'SL', 'SM', 'SN', 'SO', 'SP', 'SR',
  'SS', 'ST', 'SW', 'SY', 'TA', 'TD', 'TF', 'TN', 'TQ', 'TR', 'TS', 'TW', 'UB', 'W', 'WA', 'WC', 'WD', 'WF', 'WN', 'WR',
  'WS', 'WV', 'YO', 'ZE',
];

/** US state and territory codes, for "Springfield, IL 62704". */
export const US_STATE_CODES: readonly string[] = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME',
  'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI',
  'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'PR', 'GU', 'VI', 'AS', 'MP',
];

/** Canadian province and territory codes and Australian state codes, for "Summerside, PE" and "Alyssaport, NT". */
export const CA_AU_REGION_CODES: readonly string[] = [
  'AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT', 'NSW', 'VIC', 'QLD', 'TAS', 'ACT',
];
