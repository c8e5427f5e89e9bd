import fs from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

/**
 * The folder mail is written to while no SMTP server is set (`MAIL_DIR`). The files hold names,
 * addresses and manage links in clear: only the server's own user may read them (folder 0700,
 * files 0600), whatever the process's umask.
 */
export const mailDir = (strapi: Core.Strapi) => {
  const dir = process.env.MAIL_DIR || path.join('.tmp', 'mail');
  return path.isAbsolute(dir) ? dir : path.join(strapi.dirs.app.root, dir);
};

const fileOf = (strapi: Core.Strapi, documentId: string) => path.join(mailDir(strapi), `${documentId}.eml`);

/** Closes the folder (also one made before this rule, by an older version or by hand). */
export async function closeMailDir(strapi: Core.Strapi) {
  await fs.mkdir(mailDir(strapi), { recursive: true, mode: 0o700 });
  await fs.chmod(mailDir(strapi), 0o700);
}

export async function writeMailFile(strapi: Core.Strapi, documentId: string, message: Buffer | string) {
  await closeMailDir(strapi);
  const file = fileOf(strapi, documentId);
  await fs.writeFile(file, message, { mode: 0o600 });
  // writeFile's mode applies only to a new file: a re-send after a crash overwrites an older one.
  await fs.chmod(file, 0o600);
}

export const removeMailFile = (strapi: Core.Strapi, documentId: string) => fs.rm(fileOf(strapi, documentId), { force: true });
