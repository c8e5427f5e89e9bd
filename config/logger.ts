import { winston, formats } from '@strapi/logger';

/** Console logging at LOG_LEVEL (default `http`: one line per request, tokens and queries stripped). */
export default {
  updates: { enabled: false },
  transports: [
    new winston.transports.Console({
      level: process.env.LOG_LEVEL ?? 'http',
      format: winston.format.combine(
        formats.levelFilter(process.env.LOG_LEVEL ?? 'http'),
        formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' }),
      ),
    }),
  ],
};
