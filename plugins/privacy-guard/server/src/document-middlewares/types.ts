/** The part of a Document Service middleware context this plugin reads (Strapi's own type is a union over every uid). */
export interface DocumentContext {
  uid: string;
  action: string;
  params: { data?: Record<string, unknown> } & Record<string, unknown>;
}

export type DocumentMiddleware = (context: DocumentContext, next: () => Promise<unknown>) => Promise<unknown>;
