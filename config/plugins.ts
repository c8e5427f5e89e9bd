import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  'privacy-guard': {
    enabled: true,
    resolve: './plugins/privacy-guard',
    config: {
      retentionGraceDays: env.int('RETENTION_GRACE_DAYS', 3),
      boardOnErasure: env('BOARD_ON_ERASURE', 'keep-answered-threads'),
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
      jwt: { expiresIn: '7d' },
      register: {
        allowedFields: ['birthDate', 'consents', 'name', 'phone', 'gender', 'locale'],
      },
      ratelimit: { interval: 60000, max: env.int('RATE_LIMIT_PER_MINUTE', 30) },
    },
  },
  email: {
    config: env('SMTP_HOST')
      ? {
          provider: 'nodemailer',
          providerOptions: {
            host: env('SMTP_HOST'),
            port: env.int('SMTP_PORT', 587),
            secure: env.bool('SMTP_SECURE', false),
            auth: env('SMTP_USER') ? { user: env('SMTP_USER'), pass: env('SMTP_PASS') } : undefined,
            ignoreTLS: env.bool('SMTP_IGNORE_TLS', false),
            // Mail holds personal data: in production the connection must be upgraded to TLS (STARTTLS)
            // and the server's certificate must verify, unless the operator says otherwise.
            requireTLS: env.bool('SMTP_REQUIRE_TLS', env('NODE_ENV') === 'production'),
            tls: { rejectUnauthorized: env.bool('SMTP_TLS_REJECT_UNAUTHORIZED', true) },
          },
          settings: {
            defaultFrom: env('MAIL_FROM', 'Dodream Plastic Surgery <no-reply@dodream.example>'),
            defaultReplyTo: env('MAIL_FROM', 'no-reply@dodream.example'),
          },
        }
      : {
          provider: 'nodemailer',
          providerOptions: {
            streamTransport: true,
            buffer: true,
            newline: 'unix',
          },
          settings: {
            defaultFrom: env('MAIL_FROM', 'Dodream Plastic Surgery <no-reply@dodream.example>'),
            defaultReplyTo: env('MAIL_FROM', 'no-reply@dodream.example'),
          },
        },
  },
});
