import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';

/** The plugin's messages (translations/en.json, ko.json), English as the default. */
export function useT() {
  const { formatMessage, formatDate, formatNumber } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: `${PLUGIN_ID}.${id}`, defaultMessage }, values);
  const date = (value: string | null | undefined, withTime = false) =>
    value ? formatDate(value, withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }) : '—';
  return { t, date, number: formatNumber };
}
