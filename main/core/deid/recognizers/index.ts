import type { Recognizer } from '../types.js';
import { addressRecognizer } from './address.js';
import { ageRecognizer } from './age.js';
import { bareStreetRecognizer } from './bare-street.js';
import { creditCardRecognizer } from './credit-card.js';
import { dateRecognizer } from './date.js';
import { datelineRecognizer } from './dateline.js';
import { emailRecognizer } from './email.js';
import { ibanRecognizer } from './iban.js';
import { identifierRecognizer } from './identifier.js';
import { ipAddressRecognizer } from './ip-address.js';
import { locationRecognizer } from './location-gazetteer.js';
import { manufacturerRecognizer } from './manufacturer.js';
import { organizationRecognizer } from './organization-cues.js';
import { partnerListRecognizer } from './partner-list.js';
import { otherScriptNameRecognizer } from './other-script-names.js';
import { patientDetailsRecognizer } from './patient-details.js';
import { personCueRecognizer } from './person-cues.js';
import { phoneRecognizer } from './phone.js';
import { postalBlockRecognizer } from './postal-block.js';
import { signOffRecognizer } from './sign-off.js';
import { ssnRecognizer } from './ssn.js';
import { urlRecognizer } from './url.js';

/** Every pattern recognizer, in no significant order: overlaps are resolved later by `combineFindings`. */
export function patternRecognizers(): Recognizer[] {
  return [
    emailRecognizer,
    urlRecognizer,
    ipAddressRecognizer,
    creditCardRecognizer,
    ibanRecognizer,
    ssnRecognizer,
    phoneRecognizer,
    dateRecognizer,
    ageRecognizer,
    identifierRecognizer,
    addressRecognizer,
    bareStreetRecognizer,
    postalBlockRecognizer,
    locationRecognizer,
    organizationRecognizer,
    partnerListRecognizer,
    personCueRecognizer,
    signOffRecognizer,
    patientDetailsRecognizer,
    manufacturerRecognizer,
    datelineRecognizer,
    otherScriptNameRecognizer,
  ];
}
