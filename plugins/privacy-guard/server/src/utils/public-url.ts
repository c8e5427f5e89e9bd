/** The server's public address (`PUBLIC_URL`, else this port on localhost), without a trailing slash: the base of every link in mail. */
export const publicUrl = (): string => (process.env.PUBLIC_URL || `http://localhost:${process.env.PORT ?? 1337}`).replace(/\/$/, '');
