declare module 'koa-send' {
  import type { Context } from 'koa';
  import type { ServerResponse } from 'node:http';
  interface SendOptions {
    root?: string;
    maxage?: number;
    immutable?: boolean;
    gzip?: boolean;
    setHeaders?: (res: ServerResponse, path: string, stats: unknown) => void;
  }
  export default function send(ctx: Context, path: string, options?: SendOptions): Promise<string>;
}
