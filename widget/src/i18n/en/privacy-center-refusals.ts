/** What `<clinic-privacy-center>` says when the clinic refuses or cannot be reached; loaded only then. */
export const privacyCenterRefusals = {
  _codes: {
    INVALID_CODE: 'This link or code does not work: it was already used, it is older than 30 minutes, or it was mistyped. Ask for a new link.',
    CODE_BURNED: 'Too many wrong codes: this code no longer works, even typed correctly. Ask for a new link.',
    SESSION_EXPIRED: 'Your session has ended (after 30 minutes, or you signed out elsewhere). Ask for a new link to continue.',
    UNAUTHENTICATED: 'Please log in again.',
    VERIFICATION_REQUIRED: 'Please confirm first that the address is yours.',
    UNDER_14: 'Membership is not open to children under 14. A parent or guardian can still book a visit for you.',
    EMAIL_UNVERIFIED: 'Your address is not confirmed yet. Follow the link we emailed when you signed up, or have it sent again.',
    CONSENT_REQUIRED: 'Please agree to the items marked required.',
    NOT_ALLOWED: 'A required consent cannot be withdrawn on its own. To withdraw it, erase everything.',
    POLICY_OUTDATED: 'The privacy policy has changed. Please read and agree to the current items.',
    RESTRICTED: 'A correction you asked for is pending: this can change once staff have checked it.',
    RRN_REFUSED: 'Please do not enter a resident registration number.',
    VALIDATION: 'Please check what you entered.',
    LOGIN_FAILED: 'The email or the password is not right.',
    WRONG_PASSWORD: 'Your current password is not right.',
    RATE_LIMITED: 'Too many attempts. Please wait a few minutes and try again.',
    NETWORK: 'We could not reach the clinic. Check your connection and try again.',
    FAILED: 'Something went wrong on our side. Please try again.',
  } as Record<string, string>,
};
