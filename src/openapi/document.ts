import type { Operation } from '../../plugins/privacy-guard/server/src';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/** Every refusal's envelope (Strapi's): `{ data: null, error: { status, name, message, details: { code, ... } } }`. */
function errorEnvelope(status: number, codes: string[], uncoded = false): JsonSchema {
  return {
    type: 'object',
    required: ['data', 'error'],
    properties: {
      data: { type: 'null' },
      error: {
        type: 'object',
        required: ['status', 'name', 'message', 'details'],
        properties: {
          status: { const: status },
          name: { type: 'string' },
          message: { type: 'string' },
          details: uncoded
            ? {
                type: 'object',
                description: 'users-permissions’ own refusal: no stable code',
                ...(codes.length ? { properties: { code: { enum: [...new Set(codes)].sort() } } } : {}),
                additionalProperties: true,
              }
            : {
                type: 'object',
                required: ['code'],
                properties: { code: { enum: [...new Set(codes)].sort() } },
                additionalProperties: true,
              },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad input: nothing was changed',
  401: 'No valid credential',
  403: 'Not allowed',
  404: 'Nothing behind this path or credential',
  406: 'Not acceptable',
  409: 'Conflict with the current state',
  410: 'Gone',
  422: 'Understood but refused by a rule',
  423: 'Locked',
  429: 'Too many requests: wait `Retry-After` seconds',
  503: 'The database is busy: try again shortly',
};

/**
 * Turns zod schemas into the JSON Schema (2020-12, OpenAPI 3.1's dialect) of one direction: what
 * a client may send (`input`) or what the server answers (`output`). Named schemas (zod
 * `.meta({ id })`) become shared components; the rest stays inline.
 */
class Converter {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
    delete json.$schema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;
    for (const [id, def] of Object.entries(defs)) {
      const name = io === 'input' ? `${id}Input` : id;
      const shaped = this.relink(def, io);
      const known = this.components[name];
      if (known && JSON.stringify(known) !== JSON.stringify(shaped)) throw new Error(`Two different schemas are named ${name}`);
      this.components[name] = shaped;
    }
    return this.relink(json, io);
  }

  /** `#/$defs/X` → `#/components/schemas/X` (input schemas get their own names: they accept more). */
  private relink(json: JsonSchema, io: 'input' | 'output'): JsonSchema {
    return JSON.parse(
      JSON.stringify(json).replace(/"#\/\$defs\/([^"]+)"/g, (_, id: string) => `"#/components/schemas/${io === 'input' ? `${id}Input` : id}"`),
    ) as JsonSchema;
  }
}

function parameters(converter: Converter, where: 'path' | 'query', schema?: z.ZodObject): JsonSchema[] {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const json = converter.convert(field as z.ZodType, 'input');
    const { description, ...rest } = json;
    return {
      name,
      in: where,
      required: where === 'path' || !(field as z.ZodType).isOptional(),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const HEADERS: Record<string, JsonSchema> = {
  'Idempotency-Key': {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes a retried request safe: the same key with the same body answers the first answer again (for 24 hours); with another body `409 IDEMPOTENCY_CONFLICT`.',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
  },
};

export interface DocumentInfo {
  version: string;
}

/** The OpenAPI 3.1 document of the public contract, from the operations each module declares. */
export function buildDocument(operations: Operation[], info: DocumentInfo): JsonSchema {
  const converter = new Converter();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const seen = new Set<string>();
  for (const op of [...operations].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method))) {
    if (seen.has(op.operationId)) throw new Error(`operationId ${op.operationId} is used twice`);
    seen.add(op.operationId);
    const responses: Record<string, JsonSchema> = {};
    for (const [status, response] of Object.entries(op.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema || response.alternatives
          ? {
              content: {
                ...(response.schema ? { [response.contentType ?? 'application/json']: { schema: converter.convert(response.schema, 'output') } } : {}),
                ...Object.fromEntries(
                  Object.entries(response.alternatives ?? {}).map(([type, schema]) => [
                    type,
                    schema ? { schema: converter.convert(schema, 'output') } : { schema: { type: 'string' } },
                  ]),
                ),
              },
            }
          : {}),
      };
    }
    const errors: Partial<Record<number, string[]>> = { ...op.errors };
    if (op.rateLimited) errors[429] = [...(errors[429] ?? []), 'RATE_LIMITED'];
    errors[503] = [...(errors[503] ?? []), 'SERVICE_BUSY'];
    for (const [status, codes] of Object.entries(errors)) {
      const code = Number(status);
      responses[status] = {
        description: [STATUS_TEXT[code] ?? 'Refused', ...(codes?.length ? [codes.join(', ')] : [])].join(': '),
        ...(code === 429 ? { headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } } } : {}),
        content: { 'application/json': { schema: errorEnvelope(code, codes ?? [], op.uncoded?.includes(code)) } },
      };
    }
    const operation: JsonSchema = {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      parameters: [
        ...parameters(converter, 'path', op.params),
        ...parameters(converter, 'query', op.query),
        ...(op.headers ?? []).map((name) => HEADERS[name]),
      ],
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { [op.bodyType ?? 'application/json']: { schema: converter.convert(op.body, 'input') } },
            },
          }
        : {}),
      responses,
      security: op.credentials ? op.credentials.map((name) => ({ [name]: [] })) : [],
    };
    if (!(operation.parameters as unknown[]).length) delete operation.parameters;
    (paths[op.path] ??= {})[op.method] = operation;
  }
  const tags = [...new Set(operations.map((op) => op.tag))].sort().map((name) => ({ name, description: TAGS[name] ?? name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Clinic CMS public API',
      version: info.version,
      summary: 'The public contract of a Clinic CMS server: booking, the privacy policy, consent and the patient’s rights.',
      description:
        'Widgets and partner sites depend on these paths, bodies and codes; they change only by adding. Every refusal uses the envelope `{ data: null, error: { status, name, message, details } }` with a stable `details.code`. Every public GET takes `?locale=ko|en`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'the clinic’s own server' }],
    tags,
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(converter.components).sort(([a], [b]) => a.localeCompare(b))),
      headers: {
        'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } },
      },
      securitySchemes: {
        privacySession: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Privacy-Session',
          description: 'A privacy session (30 minutes) opened with the link or code `POST /api/privacy/verify` mails: everything held on that address.',
        },
        memberJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A verified member’s token from `POST /api/auth/local`.' },
        manageToken: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Manage-Token',
          description: 'The token of one reservation’s manage link: that reservation only.',
        },
      },
    },
  };
}

const TAGS: Record<string, string> = {
  clinic: 'The clinic, its policy and its consent items',
  booking: 'Treatments, free slots, reservations and manage links',
  privacy: 'Proof of control, the patient’s rights, consent and complaints',
  members: 'Member accounts',
  consultations: 'Online consultations',
  board: 'The clinic’s public board',
  notices: 'Service notices and unsubscribing',
  calendar: 'Private calendar feeds for staff',
  directories: 'SMART Scheduling Links: free slots for directories',
};
