import type { Context, Next } from 'koa';
import { fail } from '../../plugins/privacy-guard/server/src';

/**
 * Strapi's body parser throws plain errors on malformed JSON or multipart bodies, which would
 * come out as 500. This pair of middlewares turns a failure *while reading the body* into
 * `400 VALIDATION` (or `413` for a body over the limit); errors raised later pass untouched.
 * `global::body-errors` sits before `strapi::body`, `global::body-read` right after it.
 */
export default () => {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (error) {
      if (ctx.state.bodyRead) throw error;
      const status = (error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode;
      if (status === 413) throw fail(413, 'VALIDATION', 'The request body is too large', { errors: [{ path: '(body)', message: 'too large' }], fields: ['(body)'] });
      throw fail(400, 'VALIDATION', 'The request body could not be read', {
        errors: [{ path: '(body)', message: 'malformed or unsupported body' }],
        fields: ['(body)'],
      });
    }
  };
};
