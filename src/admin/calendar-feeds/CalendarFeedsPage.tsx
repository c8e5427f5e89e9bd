import { useCallback, useEffect, useState } from 'react';
import { Page, Layouts, useFetchClient } from '@strapi/strapi/admin';
import {
  Alert,
  Badge,
  Box,
  Button,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';

interface Feed {
  id: string;
  label: string;
  practitioner: { id: string; name: string } | null;
  createdAt: string;
  lastFetchedAt: string | null;
  fetchCount: number;
  revokedAt: string | null;
}
interface Practitioner {
  id: string;
  name: string;
}

const BASE = '/clinic-calendar-feeds';
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');
const messageOf = (e: unknown) =>
  (e as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message ?? 'The server did not answer';

/** Lists, creates (showing the URL once, with a copy button) and revokes practitioners' calendar feeds. */
export default function CalendarFeedsPage() {
  const { get, post } = useFetchClient();
  const [feeds, setFeeds] = useState<Feed[] | null>(null);
  const [practitioners, setPractitioners] = useState<Practitioner[]>([]);
  const [practitioner, setPractitioner] = useState('');
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<{ label: string; url: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const [list, people] = await Promise.all([get<{ data: Feed[] }>(BASE), get<{ data: Practitioner[] }>(`${BASE}/practitioners`)]);
      setFeeds(list.data.data);
      setPractitioners(people.data.data);
    } catch (e) {
      setFeeds([]);
      setError(messageOf(e));
    }
  }, [get]);

  useEffect(() => {
    void load();
  }, [load]);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const { data } = await post<{ data: Feed & { url: string } }>(BASE, { practitioner, label: label.trim() });
      setCreated({ label: data.data.label, url: data.data.url });
      setCopied(false);
      setLabel('');
      void load();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (feed: Feed) => {
    if (!window.confirm(`Revoke “${feed.label}”? Calendars subscribed to it stop updating.`)) return;
    try {
      await post(`${BASE}/${feed.id}/revoke`, {});
      void load();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.url);
      setCopied(true);
    } catch {
      // No clipboard access (an insecure origin, a denied permission): the URL stays selectable in the field.
      setError('Could not copy: select the URL in the field and copy it yourself');
    }
  };

  if (!feeds) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>Calendar feeds</Page.Title>
      <Layouts.Header
        title="Calendar feeds"
        subtitle="Private iCalendar URLs of a practitioner's reservations (service, reference and status only; never the patient). Subscribe to one in Google Calendar, Outlook or Apple Calendar."
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {error && (
            <Alert closeLabel="Close" title="Error" variant="danger" onClose={() => setError(null)}>
              {error}
            </Alert>
          )}
          {created && (
            <>
              {/* The design system's Alert renders its message in a <p>: the URL field goes beside it, not inside. */}
              <Alert closeLabel="Close" title={`Feed “${created.label}” created`} variant="success" onClose={() => setCreated(null)}>
                Copy this URL now: it is shown only once, and the server keeps no copy of it.
              </Alert>
              <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius>
                <Flex gap={2}>
                  <TextInput
                    aria-label="Feed URL"
                    name="feed-url"
                    value={created.url}
                    readOnly
                    onFocus={(e: React.FocusEvent<HTMLInputElement>) => e.target.select()}
                  />
                  <Button variant="secondary" onClick={copy}>
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                </Flex>
              </Box>
            </>
          )}
          {practitioners.length > 0 && (
            <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
              <Flex gap={4} alignItems="flex-end" wrap="wrap">
                <Field.Root name="practitioner">
                  <Field.Label>Practitioner</Field.Label>
                  <SingleSelect
                    placeholder="Choose a practitioner"
                    value={practitioner}
                    onChange={(v: string | number) => setPractitioner(String(v))}
                  >
                    {practitioners.map((p) => (
                      <SingleSelectOption key={p.id} value={p.id}>
                        {p.name}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
                <Field.Root name="label">
                  <Field.Label>Label</Field.Label>
                  <TextInput
                    name="label"
                    value={label}
                    maxLength={80}
                    placeholder="e.g. phone calendar"
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => setLabel(e.target.value)}
                  />
                </Field.Root>
                <Button onClick={create} disabled={!practitioner || !label.trim() || busy} loading={busy}>
                  Create feed
                </Button>
              </Flex>
            </Box>
          )}
          <Table colCount={6} rowCount={feeds.length + 1} aria-label="Calendar feeds">
            <Thead>
              <Tr>
                {['Label', 'Practitioner', 'Created', 'Last fetched', 'Revoked', ''].map((h) => (
                  <Th key={h}>
                    <Typography variant="sigma">{h}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {feeds.length === 0 ? (
                <Tr>
                  <Td colSpan={6}>
                    <Typography textColor="neutral600">No calendar feeds yet</Typography>
                  </Td>
                </Tr>
              ) : (
                feeds.map((f) => (
                  <Tr key={f.id}>
                    <Td>
                      <Typography>{f.label}</Typography>
                    </Td>
                    <Td>
                      <Typography>{f.practitioner?.name ?? '—'}</Typography>
                    </Td>
                    <Td>
                      <Typography>{when(f.createdAt)}</Typography>
                    </Td>
                    <Td>
                      <Typography>{f.lastFetchedAt ? `${when(f.lastFetchedAt)} (${f.fetchCount}×)` : 'never'}</Typography>
                    </Td>
                    <Td>{f.revokedAt ? <Badge>{when(f.revokedAt)}</Badge> : <Typography>—</Typography>}</Td>
                    <Td>
                      {!f.revokedAt && (
                        <Button variant="danger-light" size="S" onClick={() => revoke(f)}>
                          Revoke
                        </Button>
                      )}
                    </Td>
                  </Tr>
                ))
              )}
            </Tbody>
          </Table>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
