import isPrivacyOfficer from './is-privacy-officer';

export default {
  'is-privacy-officer': isPrivacyOfficer,
};
