import type { Operation } from '../../plugins/privacy-guard/server/src';
import { operations as booking } from '../api/booking/contract';
import { operations as board } from '../api/board/contract';
import { operations as clinic } from '../api/clinic/contract';
import { operations as consentItems } from '../api/consent-item/contract';
import { operations as consultations } from '../api/consultation/contract';
import { operations as members } from '../api/member-profile/contract';
import { operations as policy } from '../api/policy-version/contract';
import { operations as notices } from '../api/service-notice/contract';
import { operations as auth } from '../extensions/users-permissions/contract';
import { operations as calendar } from '../api/calendar-feed/contract';
import { operations as directories } from '../fhir/contract';

/** The app's own public operations; the privacy-guard plugin contributes `/api/privacy/...`. */
export const appOperations: Operation[] = [...clinic, ...policy, ...consentItems, ...booking, ...consultations, ...members, ...auth, ...board, ...notices, ...calendar, ...directories];
