/** What the booking form says when the clinic refuses a booking; loaded only then. */
export const refusals = {
  _slotTaken: 'Sorry, someone has just booked that time. Please choose another one; everything else you entered is kept.',
  _consentRequired: 'Please agree to the items marked below.',
  _guardianRequired: 'A parent or legal guardian is needed for a patient under 14.',
  _policyOutdated: 'The privacy policy has changed. Please read and agree to the current items.',
  _codeWrong: (triesLeft: number) =>
    triesLeft === 1 ? 'This code is not right. One try is left.' : `This code is not right. ${triesLeft} tries are left.`,
  _codeBurned: 'Too many wrong codes: this code no longer works. Ask for a new code to be mailed to the guardian.',
  _resendLimit: 'A new code cannot be sent again. Please call the clinic.',
};
