import * as React from 'react';
import { Button, Field, Flex, Modal, SingleSelect, SingleSelectOption, Textarea } from '@strapi/design-system';
import { useT } from './useT';

/** Asks for the answer mailed to the person (and, for a correction, the outcome), then submits it. */
export function AnswerModal(props: {
  title: string;
  label: string;
  outcomes?: Array<{ value: string; label: string }>;
  open: boolean;
  onClose: () => void;
  onSubmit: (answer: { text: string; outcome?: string }) => Promise<void>;
}) {
  const { t } = useT();
  const [text, setText] = React.useState('');
  const [picked, setOutcome] = React.useState<string | undefined>();
  // The modal stays mounted between requests: the first outcome is the default until one is picked.
  const outcome = picked ?? props.outcomes?.[0]?.value;
  const [busy, setBusy] = React.useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await props.onSubmit({ text, outcome });
      setText('');
      setOutcome(undefined);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal.Root open={props.open} onOpenChange={(open: boolean) => (!open ? props.onClose() : undefined)}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{props.title}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {props.outcomes ? (
              <Field.Root name="outcome">
                <Field.Label>{t('answer.outcome', 'Outcome')}</Field.Label>
                <SingleSelect value={outcome} onChange={(v: string | number) => setOutcome(String(v))}>
                  {props.outcomes.map((o) => (
                    <SingleSelectOption key={o.value} value={o.value}>
                      {o.label}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            ) : null}
            <Field.Root name="answer" required hint={t('answer.hint', 'Mailed to the person as written')}>
              <Field.Label>{props.label}</Field.Label>
              <Textarea value={text} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setText(e.target.value)} />
              <Field.Hint />
            </Field.Root>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={props.onClose}>
            {t('action.cancel', 'Cancel')}
          </Button>
          <Button onClick={submit} loading={busy} disabled={text.trim().length === 0}>
            {t('action.send', 'Send and resolve')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
