/**
 * Per-language words for organisations named by the kind of institution written after the name ("Masson Medical
 * Center", "Laakstroom University", "The Vildbjerg Herald"). Supporting a new language means adding an entry here;
 * the organisation recognizer uses the union of all entries. Words match case-sensitively, as written in a name.
 */
export interface OrganizationVocabulary {
  /** Kinds of institution written after the name: "Hospital", "Practice", "Herald". */
  readonly institutionSuffixes: readonly string[];
  /**
   * Heads of public bodies whose names are ordinary words alone ("International Monetary Fund", "Food and Drug
   * Administration"): two such words or more before the head, inside a sentence, name one.
   */
  readonly agencyHeads: readonly string[];
  /**
   * Words that describe an institution rather than name it ("General Hospital", "Family Practice", "Medical
   * Center"): before an institution suffix, some other word must stand for the whole to be a name.
   */
  readonly descriptors: readonly string[];
  /** Suffixes a field may follow with "of" or "for": "Claesson Institute of Technology". */
  readonly takesField: readonly string[];
  /** Suffixes whose names keep their article, as newspapers do: "The Vildbjerg Herald". */
  readonly keepArticle: readonly string[];
  /** Public bodies named by their head word first: "Centers for Disease Control", "Ministry of Health". */
  readonly bodyPrefixes: readonly string[];
}

export const ORGANIZATION_VOCABULARIES: Readonly<Record<string, OrganizationVocabulary>> = {
  en: {
    institutionSuffixes: [
      'Hospital', 'Clinic', 'Center', 'Centre', 'Practice', 'University', 'College', 'School', 'Academy', 'Herald',
      'Times', 'Gazette', 'Tribune', 'Chronicle', 'Agency', 'Administration', 'Commission', 'Organization',
      'Organisation', 'Authority', 'Council', 'Fund', 'Bureau', 'Service',
    ],
    agencyHeads: [
      'Agency', 'Administration', 'Commission', 'Organization', 'Organisation', 'Authority', 'Council', 'Fund', 'Bureau',
      'Bank', 'Foundation', 'Institute', 'Service',
    ],
    descriptors: [
      'Medical', 'Family', 'General', 'Regional', 'Community', 'Health', 'Healthcare', 'Emergency', 'Urgent', 'Care',
      'Primary', 'Cancer', 'Heart', 'Eye', 'Dental', 'Surgical', 'Surgery', 'Rehabilitation', 'Research', 'Memorial',
      'District', 'County', 'City', 'Central', 'Public', 'State', 'National', 'Federal', 'Local', 'Main', 'New', 'Old',
      'Children\'s', 'Women\'s', 'University', 'Teaching', 'Private', 'Day', 'Walk-in', 'Mental', 'Psychiatric',
      'Veterans', 'Military', 'Customer', 'Service', 'Support', 'Call', 'Data', 'Business', 'Training', 'Visitor',
      'Visitors', 'Information', 'Shopping', 'Sports', 'Fitness', 'Leisure', 'Conference', 'Student', 'Students',
      'High', 'Middle', 'Elementary', 'Secondary', 'Grammar', 'Law', 'Medicine', 'Nursing', 'Art', 'Arts',
      'Music', 'Language', 'Driving', 'Summer', 'Sunday', 'Night', 'Online', 'Open', 'Technical',
      'Scientific', 'Financial', 'Security', 'Advisory', 'Executive', 'Governing', 'Town', 'Parish', 'Village',
      'The', 'A', 'Our', 'Your', 'This', 'That',
    ],
    takesField: ['Institute', 'University', 'College', 'School', 'Academy', 'Center', 'Centre'],
    keepArticle: ['Herald', 'Times', 'Gazette', 'Tribune', 'Chronicle'],
    bodyPrefixes: ['Centers', 'Ministry', 'Bureau', 'Agency'],
  },
  es: {
    institutionSuffixes: [],
    agencyHeads: [],
    descriptors: [],
    takesField: [],
    keepArticle: [],
    bodyPrefixes: ['Ministerio', 'Agencia', 'Consejería'],
  },
};
