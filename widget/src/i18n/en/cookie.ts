export const cookie = {
  _heading: 'Cookies on this site',
  _text: 'We use cookies that the site needs to work. With your permission we also use others, listed by purpose below. You can change your choice at any time.',
  _policyLink: 'Privacy policy',
  _acceptAll: 'Accept all',
  _refuseAll: 'Refuse all',
  _choose: 'Choose',
  _save: 'Save my choice',
  _alwaysOn: 'always on',
  _saved: 'Your cookie choice is saved.',
};
