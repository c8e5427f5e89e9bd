/** Dispatches a public event the way every Clinic CMS element does: bubbling out of the shadow root. */
export function emit<T>(host: HTMLElement, type: string, detail: T): void {
  host.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
}
