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
  /**
   * Words right before a bare year that make it a time ("in 1977", "desde 2005", "Act of 2001"), weaker than
   * `contextWords`: up to two of `yearModifiers` may stand between ("in early 2001", "en el año 1993").
   */
  readonly yearCues: readonly string[];
  /** Words between a year cue and the year: "in early 2001", "desde el 2006", "a principios de 2005". */
  readonly yearModifiers: readonly string[];
  /** Words joining two years, so that the second shares the first one's cue: "en 1993 y 1994", "1999 and 2002". */
  readonly yearJoiners: readonly string[];
  /** Words right before a weekday that make it a day: "on Tuesday", "el martes". */
  readonly weekdayCuesBefore: readonly string[];
  /** Words right after a weekday that make it a day: "Tuesday morning", "martes por la tarde". */
  readonly weekdayCuesAfter: readonly string[];
  /**
   * Words right before a month name standing alone that make it the month of an event ("in June", "desde
   * septiembre", "el mes de abril"): HIPAA counts the month of a date as identifying even without day or year.
   */
  readonly monthCuesBefore: readonly string[];
  /**
   * Weekday names that are a day even without a cue when written capitalised ("Tuesday"); empty for languages
   * that write them in lower case, where a capital says nothing.
   */
  readonly capitalisedWeekdays: readonly string[];
  /** Words between a date and its time of day, which then belongs to the date: "4 March 2018 at 16:36", "a las 10:00". */
  readonly timeJoiners: readonly string[];
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
    yearCues: [
      'in', 'since', 'from', 'until', 'till', 'during', 'by', 'before', 'after', 'of', 'circa', 'around', 'between', 'year',
      'born', 'summer', 'winter', 'spring', 'autumn', 'fall', 'class', 'founded', 'established', 'est', 'et al.',
      // "a 1996 French film": a year standing as an adjective.
      'a', 'an',
    ],
    yearModifiers: ['the', 'early', 'mid', 'late', 'year', 'of', 'in', 'summer', 'winter', 'spring', 'autumn', 'fall', 'around', 'about'],
    yearJoiners: ['and', 'or', 'to', 'through', 'until', '-', '–'],
    weekdayCuesBefore: [
      'on', 'this', 'next', 'last', 'every', 'each', 'until', 'till', 'by', 'since', 'from', 'before', 'after', 'meet',
      'through', 'or', 'and', 'past', 'coming', 'see you',
    ],
    weekdayCuesAfter: ['morning', 'afternoon', 'evening', 'night', 'noon', 'at', 'the', ','],
    monthCuesBefore: ['in', 'since', 'until', 'till', 'during', 'through', 'early', 'mid', 'late', 'last', 'next', 'this', 'month of'],
    capitalisedWeekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
    timeJoiners: ['at', '@', 'from'],
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
    yearCues: ['en', 'desde', 'hasta', 'durante', 'entre', 'año', 'del', 'de', 'antes', 'después', 'tras', 'hacia', 'nacido', 'nacida', 'el'],
    yearModifiers: ['el', 'año', 'de', 'del', 'finales', 'principios', 'mediados', 'comienzos', 'verano', 'invierno', 'otoño', 'primavera', 'a'],
    yearJoiners: ['y', 'e', 'o', 'a', 'al', '-', '–'],
    weekdayCuesBefore: ['el', 'este', 'próximo', 'proximo', 'pasado', 'cada', 'los', 'del', 'hasta', 'desde', 'día', 'dia'],
    weekdayCuesAfter: ['por', 'pasado', 'próximo', 'proximo', 'siguiente', ','],
    monthCuesBefore: ['en', 'desde', 'hasta', 'durante', 'mes de', 'principios de', 'finales de', 'mediados de', 'comienzos de'],
    capitalisedWeekdays: [],
    timeJoiners: ['a las', 'a la', 'desde las', 'sobre las'],
  },
};
