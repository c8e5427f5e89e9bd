/**
 * What a consent decision binds. A decision made with proof of control of the address (a
 * privacy session, a confirmed member, a link mailed to the address, staff) binds the whole
 * subject; one made on an unverified channel (a booking, a consultation, a member account not
 * yet confirmed) binds only the record it came with: anyone can type someone else's address.
 */
export type RecordKind = 'reservation' | 'consultation' | 'member';
export type Scope = 'subject' | `${RecordKind}:${string}`;

export const SUBJECT_SCOPE = 'subject' satisfies Scope;

const SCOPE = /^(?:subject|(?:reservation|consultation|member):[A-Za-z0-9_-]{1,64})$/;

export const isScope = (value: unknown): value is Scope => typeof value === 'string' && SCOPE.test(value);

/** The scope of one record: `reservation:<documentId>`, `consultation:<documentId>`, `member:<user documentId>`. */
export function recordScope(kind: RecordKind, documentId: string): Scope {
  const scope = `${kind}:${documentId}`;
  if (!isScope(scope)) throw new Error(`privacy-guard: "${kind}" record has no usable documentId for a consent scope`);
  return scope as Scope;
}

/** A stored row's scope: rows written before scopes existed were read subject-wide, and still are. */
export const storedScope = (value: unknown): Scope => (value === null || value === undefined ? SUBJECT_SCOPE : (value as Scope));

/** The user documentId of a member scope, else null. */
export const memberOf = (scope: string | null): string | null => (scope?.startsWith('member:') ? scope.slice('member:'.length) : null);

/** One ledger row as the scope rule needs it, oldest first by `seq`. */
export interface ScopedDecision {
  seq: number;
  subjectId: string;
  scope: Scope;
  granted: boolean;
  /** Whether it binds the whole subject: scope `subject`, or a member scope whose account is confirmed. */
  subjectWide: boolean;
}

interface Latest {
  seq: number;
  granted: boolean;
}

/** One item's decisions of many subjects, folded: the latest subject-wide one and the latest one of each record. */
export function fold(rows: ScopedDecision[]) {
  const wide = new Map<string, Latest>();
  const own = new Map<string, Latest & { subjectId: string }>();
  for (const row of rows) {
    if (row.subjectWide) {
      if ((wide.get(row.subjectId)?.seq ?? -1) < row.seq) wide.set(row.subjectId, { seq: row.seq, granted: row.granted });
    } else if ((own.get(row.scope)?.seq ?? -1) < row.seq) {
      own.set(row.scope, { seq: row.seq, granted: row.granted, subjectId: row.subjectId });
    }
  }
  /** The decision that applies to a record (or, for `subject`, to the subject as a whole): the later of the two. */
  const applies = (subjectId: string, scope: Scope): boolean => {
    const w = wide.get(subjectId);
    const o = scope === SUBJECT_SCOPE ? undefined : own.get(scope);
    if (o && o.subjectId === subjectId && (!w || o.seq > w.seq)) return o.granted;
    return w?.granted ?? false;
  };
  /** Every subject and record whose applicable decision is a grant. */
  const granted = (): Array<{ subjectId: string; scope: Scope }> => [
    ...[...wide].filter(([, w]) => w.granted).map(([subjectId]) => ({ subjectId, scope: SUBJECT_SCOPE as Scope })),
    ...[...own]
      .filter(([scope, o]) => applies(o.subjectId, scope as Scope))
      .map(([scope, o]) => ({ subjectId: o.subjectId, scope: scope as Scope })),
  ];
  return { applies, granted };
}
