import * as React from 'react';
import { Badge } from '@strapi/design-system';
import { DataTable } from '../components/DataTable';
import { Loadable, PageShell, Panel } from '../components/PageShell';
import { useApi } from '../components/useApi';
import { useT } from '../components/useT';

interface Provision {
  id: number;
  recipient: string;
  purpose: string;
  dataItems: string[] | null;
  period: string;
  legalBasis: string | null;
  startsAt: string | null;
  consentItemKey: string | null;
  active: boolean;
  notices: { sent: number; first: string | null; last: string | null };
}

export function ThirdParties() {
  const { t, date } = useT();
  const state = useApi<Provision[]>('/third-parties');
  return (
    <PageShell
      title={t('page.third-parties', 'Third parties')}
      subtitle={t('thirdParties.subtitle', 'The provision register, with the advance notices sent to the people concerned')}
    >
      <Panel title={t('thirdParties.register', 'Provision register')}>
        <Loadable state={state}>
          {(rows) => (
            <DataTable
              label={t('thirdParties.register', 'Provision register')}
              headers={[
                t('col.recipient', 'Recipient'),
                t('col.purpose', 'Purpose'),
                t('col.items', 'Items'),
                t('col.period', 'Kept'),
                t('col.starts', 'Starts'),
                t('col.notices', 'Notices sent'),
                t('col.status', 'Status'),
              ]}
              rows={rows.map((p) => ({
                key: String(p.id),
                cells: [
                  p.recipient,
                  p.purpose,
                  (p.dataItems ?? []).join(', '),
                  p.period,
                  date(p.startsAt),
                  p.notices.sent === 0
                    ? t('thirdParties.noNotice', 'none yet')
                    : t('thirdParties.notices', '{n} ({first} – {last})', {
                        n: p.notices.sent,
                        first: date(p.notices.first),
                        last: date(p.notices.last),
                      }),
                  <Badge active={p.active}>{p.active ? t('status.active', 'active') : t('status.inactive', 'inactive')}</Badge>,
                ],
              }))}
              empty={t('thirdParties.none', 'No personal data is provided to third parties')}
            />
          )}
        </Loadable>
      </Panel>
    </PageShell>
  );
}
