import fs from 'node:fs';

export interface ParsedPolicy {
  title: string;
  introduction: string;
  sections: Array<{ heading: string; body: string }>;
  effectiveDate: string | null;
}

const HEADING = /^\[(.+)\]\s*$/;
const EFFECTIVE = /^Effective Date:\s*(\d{4}-\d{2}-\d{2})\s*$/;

/** Paragraphs separated by one blank line; runs of blank lines in the source collapse. */
const tidy = (lines: string[]) =>
  lines
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/**
 * Splits the clinic's policy text into one section per bracketed heading. The text before
 * the first heading is the introduction; its first line is the page's own title.
 */
export function parsePolicy(text: string): ParsedPolicy {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const intro: string[] = [];
  const sections: Array<{ heading: string; lines: string[] }> = [];
  let effectiveDate: string | null = null;
  for (const line of lines) {
    const effective = EFFECTIVE.exec(line.trim());
    if (effective) {
      effectiveDate = effective[1];
      continue;
    }
    const heading = HEADING.exec(line.trim());
    if (heading) sections.push({ heading: heading[1].trim(), lines: [] });
    else (sections.at(-1)?.lines ?? intro).push(line);
  }
  const introText = tidy(intro);
  const [firstLine, ...rest] = introText.split('\n');
  return {
    title: 'Privacy Policy',
    introduction: tidy([firstLine === 'Online Reservation' ? '' : firstLine, ...rest]),
    sections: sections.map(({ heading, lines: body }) => ({ heading, body: tidy(body) || '—' })),
    effectiveDate,
  };
}

export const readPolicy = (file: string) => parsePolicy(fs.readFileSync(file, 'utf8'));
