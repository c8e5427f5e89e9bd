import { useCallback, useEffect, useState } from 'react';
import { Page, Layouts, useFetchClient } from '@strapi/strapi/admin';
import { Alert, Box, Button, Field, Flex, ProgressBar, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';

interface Notice {
  id: string;
  subject: string;
  subjectKo: string;
  state: 'draft' | 'sending' | 'sent';
  total: number | null;
}

interface Progress {
  id: string;
  state: Notice['state'];
  total: number;
  sent: number;
  pending: number;
  failed: number;
  skipped: number;
}

const POLL_MS = 2000;

/** Preview count, send button and progress of one notice of new services. */
export default function NoticesPage() {
  const { get, post } = useFetchClient();
  const [notices, setNotices] = useState<Notice[] | null>(null);
  const [selected, setSelected] = useState<string>('');
  const [audience, setAudience] = useState<number | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const fail = (e: unknown) =>
    setError(
      (e as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message ?? 'The server did not answer',
    );

  const load = useCallback(async () => {
    try {
      const { data } = await get<{ data: Notice[] }>('/clinic-notices');
      setNotices(data.data);
    } catch (e) {
      fail(e);
    }
  }, [get]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!selected) return;
    setError(null);
    setAudience(null);
    setProgress(null);
    void get<{ data: { audience: number } }>(`/clinic-notices/${selected}/preview`).then(
      ({ data }) => setAudience(data.data.audience),
      fail,
    );
    void get<{ data: Progress }>(`/clinic-notices/${selected}/progress`).then(({ data }) => setProgress(data.data), fail);
  }, [selected, get]);

  useEffect(() => {
    if (!selected || progress?.state !== 'sending') return;
    const timer = setInterval(() => {
      void get<{ data: Progress }>(`/clinic-notices/${selected}/progress`).then(({ data }) => setProgress(data.data), fail);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [selected, progress?.state, get]);

  const send = async () => {
    if (!window.confirm(`Send this notice to ${audience ?? 0} member(s) now? It can be sent only once.`)) return;
    setSending(true);
    try {
      const { data } = await post<{ data: Progress }>(`/clinic-notices/${selected}/send`, {});
      setProgress(data.data);
      void load();
    } catch (e) {
      fail(e);
    } finally {
      setSending(false);
    }
  };

  if (!notices && !error) return <Page.Loading />;
  const current = notices?.find((n) => n.id === selected);
  const done = progress ? progress.sent + progress.failed + progress.skipped : 0;

  return (
    <Page.Main>
      <Page.Title>Service notices</Page.Title>
      <Layouts.Header
        title="Notices of new services"
        subtitle="Compose a notice in the Content Manager (Notice of new services); preview its audience and send it here. The audience is read from the consent ledger when you send."
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {error && (
            <Alert closeLabel="Close" title="Error" variant="danger" onClose={() => setError(null)}>
              {error}
            </Alert>
          )}
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Field.Root name="notice">
                <Field.Label>Notice</Field.Label>
                <SingleSelect
                  placeholder="Choose a notice"
                  value={selected}
                  onChange={(value: string | number) => setSelected(String(value))}
                >
                  {(notices ?? []).map((n) => (
                    <SingleSelectOption key={n.id} value={n.id}>
                      {`${n.subject} / ${n.subjectKo} (${n.state})`}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
              {current && (
                <>
                  <Typography variant="omega" tag="p">
                    {audience === null ? 'Counting the audience…' : `Members who would receive it now: ${audience}`}
                  </Typography>
                  <Flex gap={2}>
                    <Button onClick={send} disabled={current.state !== 'draft' || sending || audience === null} loading={sending}>
                      Send now
                    </Button>
                  </Flex>
                </>
              )}
              {progress && progress.state !== 'draft' && (
                <Flex direction="column" alignItems="stretch" gap={2} aria-live="polite">
                  <Typography variant="delta" tag="h2">
                    {progress.state === 'sent' ? 'Sent' : 'Sending'}: {done} of {progress.total}
                  </Typography>
                  <ProgressBar value={progress.total ? Math.round((done / progress.total) * 100) : 100} />
                  <Typography variant="pi" tag="p">
                    {`Delivered ${progress.sent}, waiting ${progress.pending}, failed ${progress.failed}, skipped (unsubscribed or restricted since) ${progress.skipped}`}
                  </Typography>
                </Flex>
              )}
            </Flex>
          </Box>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
