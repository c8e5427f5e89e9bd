export const policy = {
  loading: 'Loading the privacy policy…',
  effective: (date: string) => `Effective from ${date}`,
  version: (n: string | number) => `Version ${n}`,
  older: 'You are reading an earlier version of this policy.',
  showCurrent: 'Show the current version',
  officer: 'Privacy officer',
  history: 'Earlier versions',
  current: 'current',
  failed: 'The privacy policy could not be loaded. Check your connection and try again.',
  retry: 'Try again',
};
