export type Categories = Record<string, boolean>;

export interface StoredChoice {
  consentId: string;
  /** The version of the policy the choice was made under; another version asks again. */
  policyVersion: number;
  categories: Categories;
  /** Whether the clinic has recorded it; a choice made offline is logged on the next visit. */
  logged: boolean;
}

const storageKey = 'clinic-cookie-consent';

export function readChoice(): StoredChoice | undefined {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as StoredChoice | null;
    return stored?.consentId && stored.categories ? stored : undefined;
  } catch {
    return undefined;
  }
}

export function saveChoice(choice: StoredChoice): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(choice));
  } catch {
    // Storage refused (private mode): the choice holds for this page view only.
  }
}

/**
 * Turns each `<script type="text/plain" data-consent-category="a b">` whose categories are all granted
 * into a real script, once; refused ones stay inert text.
 */
export function activateScripts(categories: Categories): void {
  const placeholders = document.querySelectorAll<HTMLScriptElement>('script[type="text/plain"][data-consent-category]:not([data-consent-activated])');
  for (const placeholder of placeholders) {
    if (!placeholder.dataset.consentCategory!.split(/\s+/).every((key) => categories[key])) continue;
    const script = document.createElement('script');
    for (const { name, value } of placeholder.attributes) if (name !== 'type') script.setAttribute(name, value);
    if (placeholder.dataset.type) script.type = placeholder.dataset.type;
    script.textContent = placeholder.textContent;
    placeholder.dataset.consentActivated = '';
    placeholder.after(script);
  }
}
