export const cookie = {
  heading: 'Cookies on this site',
  text: 'We use cookies that the site needs to work. With your permission we also use others, listed by purpose below. You can change your choice at any time.',
  policyLink: 'Privacy policy',
  acceptAll: 'Accept all',
  refuseAll: 'Refuse all',
  choose: 'Choose',
  save: 'Save my choice',
  alwaysOn: 'always on',
  saved: 'Your cookie choice is saved.',
};
