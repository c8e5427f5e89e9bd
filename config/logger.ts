import { winston, formats } from '@strapi/logger';
import { withholdStatements } from '../src/utils/log-redaction';

/** Failed SQL statements, with their bound values, never reach the log (see withholdStatements). */
const noStatements = winston.format((info) => {
  for (const key of ['message', 'stack'] as const) {
    const value = (info as Record<string, unknown>)[key];
    if (typeof value === 'string') (info as Record<string, unknown>)[key] = withholdStatements(value);
  }
  return info;
});

/** Console logging at LOG_LEVEL (default `http`: one line per request, tokens and queries stripped). */
export default {
  updates: { enabled: false },
  transports: [
    new winston.transports.Console({
      level: process.env.LOG_LEVEL ?? 'http',
      format: winston.format.combine(
        noStatements(),
        formats.levelFilter(process.env.LOG_LEVEL ?? 'http'),
        formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' }),
      ),
    }),
  ],
};
