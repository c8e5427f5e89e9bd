export const policy = {
  _loading: 'Loading the privacy policy…',
  _effective: (date: string) => `Effective from ${date}`,
  _version: (n: string | number) => `Version ${n}`,
  _older: 'You are reading an earlier version of this policy.',
  _showCurrent: 'Show the current version',
  _officer: 'Privacy officer',
  _upcoming: (n: number, date: string) => `Version ${n} takes effect on ${date}.`,
  _history: 'Earlier versions',
  _current: 'current',
  _failed: 'The privacy policy could not be loaded. Check your connection and try again.',
  _retry: 'Try again',
};
