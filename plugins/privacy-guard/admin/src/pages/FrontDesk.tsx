import * as React from 'react';
import { Badge, Button, Field, Flex, Modal, TextInput, Typography } from '@strapi/design-system';
import { Eye } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { DataTable } from '../components/DataTable';
import { Loadable, PageShell, Panel } from '../components/PageShell';
import { errorMessage, useApi } from '../components/useApi';
import { useT } from '../components/useT';
import { PERMISSIONS } from '../permissions';

interface Row {
  documentId: string;
  reference: string;
  state: string;
  startsAt: string;
  endsAt: string;
  practitioner: string | null;
  service: string | null;
  patientName: string | null;
  isMinor: boolean;
  restricted: boolean;
}
interface Day {
  date: string;
  timeZone: string;
  reservations: Row[];
  closures: Array<{ startDate: string; endDate: string | null; kind: string; reason: string | null; practitioner: string | null }>;
}
type Opened = Record<string, string | boolean | null>;

const time = (clinicIso: string) => clinicIso.slice(11, 16);

/** One reservation in full: opening it is the logged read. */
function OpenedReservation(props: { reservation: Opened | null; onClose: () => void }) {
  const { t } = useT();
  const r = props.reservation;
  const fields: Array<[string, string]> = [
    ['patientName', t('desk.name', 'Name')],
    ['patientPhone', t('desk.phone', 'Phone')],
    ['patientEmail', t('desk.email', 'Email')],
    ['patientBirthDate', t('desk.birthDate', 'Birth date')],
    ['guardian', t('desk.guardian', 'Guardian')],
    ['note', t('desk.note', 'Note')],
  ];
  return (
    <Modal.Root open={r !== null} onOpenChange={(open: boolean) => (!open ? props.onClose() : undefined)}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{r ? `${r.reference} · ${r.service ?? ''}` : ''}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {r ? (
            <DataTable
              label={t('desk.details', 'Reservation')}
              headers={['', '']}
              rows={fields.map(([key, label]) => ({ key, cells: [label, (r[key] as string | null) ?? '—'] }))}
              empty=""
            />
          ) : null}
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={props.onClose}>
            {t('action.close', 'Close')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}

function DayView() {
  const { t } = useT();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [date, setDate] = React.useState('');
  const day = useApi<Day>(`/front-desk/day${date ? `?date=${date}` : ''}`);
  const [opened, setOpened] = React.useState<Opened | null>(null);

  const open = async (id: string) => {
    try {
      setOpened((await get<{ data: Opened }>(`/privacy-guard/front-desk/reservations/${id}`)).data.data);
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };
  const mark = async (row: Row, state: 'completed' | 'no_show') => {
    try {
      await post(`/privacy-guard/front-desk/reservations/${row.documentId}/state`, { state });
      toggleNotification({
        type: 'success',
        message: t('desk.marked', '{reference} marked {state}', { reference: row.reference, state: state.replace('_', '-') }),
      });
      day.reload();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    }
  };

  const byPractitioner = new Map<string, Row[]>();
  for (const r of day.data?.reservations ?? []) {
    const key = r.practitioner ?? t('desk.anyone', 'No practitioner');
    byPractitioner.set(key, [...(byPractitioner.get(key) ?? []), r]);
  }

  return (
    <PageShell
      title={t('page.front-desk', 'Front desk')}
      subtitle={
        day.data ? t('desk.subtitle', 'Reservations of {date} ({zone})', { date: day.data.date, zone: day.data.timeZone }) : undefined
      }
      action={
        <Field.Root name="date">
          <Field.Label>{t('desk.date', 'Day')}</Field.Label>
          <TextInput
            type="date"
            value={date || day.data?.date || ''}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => setDate(e.target.value)}
          />
        </Field.Root>
      }
    >
      <Loadable state={day}>
        {(d) => (
          <>
            <Panel title={t('desk.closures', 'Closures')}>
              {d.closures.length === 0 ? (
                <Typography textColor="neutral600">{t('desk.noClosure', 'No closure on this day')}</Typography>
              ) : (
                <Flex direction="column" alignItems="flex-start" gap={2}>
                  {d.closures.map((c, i) => (
                    <Typography key={i}>
                      <Badge>{c.kind}</Badge> {c.practitioner ?? t('desk.wholeClinic', 'whole clinic')} — {c.reason ?? ''} ({c.startDate}
                      {c.endDate && c.endDate !== c.startDate ? ` – ${c.endDate}` : ''})
                    </Typography>
                  ))}
                </Flex>
              )}
            </Panel>
            {byPractitioner.size === 0 ? (
              <Panel title={t('desk.reservations', 'Reservations')}>
                <Typography textColor="neutral600">{t('desk.none', 'No reservations on this day')}</Typography>
              </Panel>
            ) : (
              [...byPractitioner].map(([practitioner, rows]) => (
                <Panel key={practitioner} title={practitioner}>
                  <DataTable
                    label={practitioner}
                    headers={[t('col.time', 'Time'), t('desk.name', 'Name'), t('col.service', 'Treatment'), t('col.status', 'Status'), '']}
                    rows={rows.map((r) => ({
                      key: r.documentId,
                      cells: [
                        `${time(r.startsAt)}–${time(r.endsAt)}`,
                        <Flex gap={2}>
                          <Typography>{r.patientName ?? '—'}</Typography>
                          {r.isMinor ? <Badge>{t('desk.minor', 'minor')}</Badge> : null}
                          {r.restricted ? <Badge>{t('desk.restricted', 'restricted')}</Badge> : null}
                        </Flex>,
                        r.service ?? '—',
                        <Badge active={r.state === 'confirmed'}>{r.state.replace('_', '-')}</Badge>,
                        <Flex gap={2}>
                          <Button size="S" variant="tertiary" startIcon={<Eye />} onClick={() => open(r.documentId)}>
                            {t('desk.open', 'Open')}
                          </Button>
                          {r.state === 'confirmed' ? (
                            <>
                              <Button size="S" variant="success-light" onClick={() => mark(r, 'completed')}>
                                {t('desk.completed', 'Completed')}
                              </Button>
                              <Button size="S" variant="danger-light" onClick={() => mark(r, 'no_show')}>
                                {t('desk.noShow', 'No-show')}
                              </Button>
                            </>
                          ) : null}
                        </Flex>,
                      ],
                    }))}
                    empty=""
                  />
                </Panel>
              ))
            )}
          </>
        )}
      </Loadable>
      <OpenedReservation reservation={opened} onClose={() => setOpened(null)} />
    </PageShell>
  );
}

/** The front desk's day: the menu link and the route both need the front-desk action. */
const FrontDesk = () => (
  <Layouts.Root>
    <Page.Protect permissions={PERMISSIONS.frontDesk}>
      <DayView />
    </Page.Protect>
  </Layouts.Root>
);

export default FrontDesk;
