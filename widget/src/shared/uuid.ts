/** A random UUID v4; `crypto.randomUUID` exists only on secure pages, and partner sites may be plain http. */
export const uuid = (): string =>
  isSecureContext
    ? crypto.randomUUID()
    : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) => (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (+c / 4)))).toString(16));
