import puppeteer, { type Browser } from 'puppeteer-core';

export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** CHROME_PATH when set, else the Chromium that @sparticuz/chromium ships inside its npm package. */
export async function chromePath(): Promise<string> {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  const chromium = (await import('@sparticuz/chromium')) as unknown as {
    executablePath?: () => Promise<string>;
    default?: { executablePath: () => Promise<string> };
  };
  const executablePath = chromium.executablePath ?? chromium.default?.executablePath;
  if (!executablePath) throw new Error('@sparticuz/chromium has no executablePath()');
  return executablePath();
}

export async function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: await chromePath(),
    headless: 'shell',
    args: CHROME_FLAGS,
  });
}
