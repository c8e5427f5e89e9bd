// What `ledger:verify` and `ledger:migrate` share: the `--anchor FILE` argument and the chains' names.
import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * Reads `--anchor FILE` and, when given, makes it the server's anchor file before Strapi loads
 * (`PRIVACY_ANCHOR_FILE`): nothing while it loads reads or writes another. The file in effect, or undefined.
 */
export function anchorFileFromArgs() {
  const { values } = parseArgs({ options: { anchor: { type: 'string' } } });
  if (values.anchor) process.env.PRIVACY_ANCHOR_FILE = path.resolve(values.anchor);
  return values.anchor ? process.env.PRIVACY_ANCHOR_FILE : undefined;
}

const NAMES = { 'consent-ledger-head': 'Consent ledger', 'access-log-head': 'Access log' };

/** A chain's name for people. */
export const chainName = (chain) => NAMES[chain] ?? chain;
