/**
 * knex writes a failed statement into the error's message with its bound values (sealed personal
 * values, lookup hashes, references): `<statement> - <driver's words>`. Whatever logs such an error
 * (a request, a scheduled job), the statement is withheld and only the driver's words stay.
 */
const STATEMENT = /(^|: )(?:insert\s+into|update|select|delete\s+from|with|begin|pragma|create|alter|drop)\b[\s\S]* - /gim;

export const withholdStatements = (text: string): string => text.replace(STATEMENT, '$1[statement withheld] - ');
