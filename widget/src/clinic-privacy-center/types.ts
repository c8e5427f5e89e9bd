/** The shapes of the privacy routes the center reads (docs/my-data.md, CONTRACT.md). */
type Row = Record<string, unknown>;

export interface Purpose extends Row {
  purpose: string;
  purposeCategory?: string[];
  consentType?: string;
  piiCategory?: string[] | string;
  primaryPurpose?: boolean;
  termination?: string;
  thirdPartyDisclosure?: boolean;
  thirdPartyName?: string | null;
  consented?: boolean;
  consentedAt?: string;
  policyVersionConsented?: number;
  scope?: string;
}

/** A Kantara Consent Receipt v1.1, as `consentReceipts[]` carries it. */
export interface ConsentReceipt extends Row {
  version: string;
  jurisdiction: string;
  consentTimestamp: number | null;
  collectionMethod: string;
  consentReceiptID: string;
  language: string;
  piiPrincipalId: string;
  piiControllers: Row[];
  policyUrl: string;
  policyVersion?: number;
  services: { service: string; purposes: Purpose[] }[];
  sensitive: boolean;
  spiCat: string[];
}

export interface MyData {
  format: string;
  generatedAt: string;
  subject: { subjectId: string; identifiedBy: 'privacy-session' | 'member' | 'manage-token' };
  controller: { name: string; officer?: Row };
  profile: (Row & { restricted?: boolean }) | null;
  reservations: (Row & { reference: string; start: string; restricted?: boolean; patient?: Row; guardian?: Row | null })[];
  consultations: (Row & { reference: string; restricted?: boolean })[];
  complaints: (Row & { reference: string })[];
  corrections: (Row & { reference: string; status: string })[];
  consentReceipts: ConsentReceipt[];
  ledger: Row[];
  provisions: Row[];
  board: { posts: Row[]; comments: Row[] };
}

/** One consent as `GET /api/privacy/consents` lists it. */
export interface ConsentState {
  key: string;
  channel: string;
  title: string;
  purpose?: string;
  required: boolean;
  granted: boolean;
  scope?: string;
  occurredAt?: string | null;
}

export interface WithdrawalPreview {
  member: boolean;
  reservations: { reference: string; start: string; service: string | null; status: string }[];
  consultations: { reference: string; createdAt: string }[];
  complaints: { reference: string }[];
  corrections: number;
  boardPosts: number;
  boardComments: number;
}

export interface DestructionReceipt {
  reference: string;
  destroyedAt: string;
  categories: { category: string; count: number }[];
}

export type { ConsentItem } from '../clinic-booking/types.js';

export interface SignedInDetail {
  identifiedBy: 'privacy-session' | 'member';
}

export interface SignedOutDetail {
  reason: 'signed-out' | 'expired' | 'withdrawn';
}

export interface WithdrawnDetail {
  reference: string;
  destroyedAt: string;
}
