import { useCallback, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

export interface ApiState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** GETs `/privacy-guard<path>` and unwraps `{ data }`; reloads when the path (with its query) changes. */
export function useApi<T>(path: string | null): ApiState<T> {
  const { get } = useFetchClient();
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    get<{ data: T }>(`/privacy-guard${path}`)
      .then((res) => live && setState({ data: res.data.data, error: null, loading: false }))
      .catch((e: { message?: string }) => live && setState({ data: null, error: e?.message ?? 'Request failed', loading: false }));
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** A message from a fetch client error (Strapi's error envelope), for a notification. */
export const errorMessage = (e: unknown): string =>
  (e as { response?: { data?: { error?: { message?: string } } } })?.response?.data?.error?.message ??
  (e as Error)?.message ??
  'Request failed';

/** Radix selects take no empty value: "any" stands for no filter. */
export const ANY = 'any';

/** A query string from the filters that are set. */
export const query = (filters: Record<string, string>) => {
  const s = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
  return s ? `?${s}` : '';
};
