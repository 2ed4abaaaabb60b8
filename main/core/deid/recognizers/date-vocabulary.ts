/**
 * Per-language words for written dates. Supporting a new language means adding an entry here; the date
 * recognizer builds its patterns from the union of all entries, so mixed-language text is covered too.
 */
export interface DateVocabulary {
  /** Month names and abbreviations, index 0 = January. Matching ignores case and a trailing period. */
  readonly months: readonly (readonly string[])[];
  readonly weekdays: readonly string[];
  /** Words between day and month: "3rd of March", "3 de marzo". */
  readonly dayMonthJoiners: readonly string[];
  /** Words between month and year: "marzo de 2021", "junio del 2019". */
  readonly monthYearJoiners: readonly string[];
  /** Ordinal endings written after the day number: "3rd", "1º". */
  readonly ordinalSuffixes: readonly string[];
  /**
   * Month words that are also ordinary words ("may", Spanish "mar" = sea). Written in lower case they count as
   * a month only when the date also has a year.
   */
  readonly ambiguousMonths: readonly string[];
  /** Words that announce a date, letting through forms that are too weak alone (a bare year, day/month). */
  readonly contextWords: readonly string[];
}

export const DATE_VOCABULARIES: Readonly<Record<string, DateVocabulary>> = {
  en: {
    months: [
      ['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'], ['may'], ['june', 'jun'],
      ['july', 'jul'], ['august', 'aug'], ['september', 'sept', 'sep'], ['october', 'oct'], ['november', 'nov'],
      ['december', 'dec'],
    ],
    weekdays: [
      'monday', 'mon', 'tuesday', 'tues', 'tue', 'wednesday', 'wed', 'thursday', 'thurs', 'thur', 'thu', 'friday',
      'fri', 'saturday', 'sat', 'sunday', 'sun',
    ],
    dayMonthJoiners: ['of'],
    monthYearJoiners: [],
    ordinalSuffixes: ['st', 'nd', 'rd', 'th'],
    ambiguousMonths: ['may', 'mar', 'jan'],
    contextWords: ['year', 'date', 'dated', 'dob', 'd.o.b', 'born', 'birth', 'birthday', 'admitted', 'discharged', 'deceased', 'died'],
  },
  es: {
    months: [
      ['enero', 'ene'], ['febrero', 'feb'], ['marzo', 'mar'], ['abril', 'abr'], ['mayo', 'may'], ['junio', 'jun'],
      ['julio', 'jul'], ['agosto', 'ago'], ['septiembre', 'setiembre', 'sept', 'sep', 'set'], ['octubre', 'oct'],
      ['noviembre', 'nov'], ['diciembre', 'dic'],
    ],
    weekdays: ['lunes', 'martes', 'miércoles', 'miercoles', 'jueves', 'viernes', 'sábado', 'sabado', 'domingo'],
    dayMonthJoiners: ['de'],
    monthYearJoiners: ['de', 'del', 'del año', 'de año'],
    ordinalSuffixes: ['º', '°', 'ª'],
    ambiguousMonths: ['mar', 'ago', 'set', 'sep'],
    contextWords: [
      'año', 'fecha', 'nacimiento', 'nacido', 'nacida', 'nació', 'ingreso', 'ingresó', 'alta', 'fallecido', 'falleció',
      'fechado', 'f. nac', 'fnac',
    ],
  },
};
