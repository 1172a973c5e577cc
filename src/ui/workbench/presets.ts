/** Ready-made requests (who asks, and which account owns the resource) and the principals a scenario names. */

export interface Preset {
  id: string;
  label: string;
  principal: string;
  resourceAccount: string;
  explain: string;
}

export const PRESETS: Preset[] = [
  {
    id: 'same',
    label: 'Same account',
    principal: 'arn:aws:iam::111122223333:user/alice',
    resourceAccount: '111122223333',
    explain: 'Alice, an IAM user in account 111122223333, which also owns the resource',
  },
  {
    id: 'cross',
    label: 'Cross account',
    principal: 'arn:aws:iam::444455556666:user/bob',
    resourceAccount: '111122223333',
    explain: 'Bob, an IAM user in account 444455556666, asks for a resource owned by 111122223333',
  },
  {
    id: 'anonymous',
    label: 'Anonymous',
    principal: 'anonymous',
    resourceAccount: '111122223333',
    explain: 'A caller with no credentials at all',
  },
  {
    id: 'session',
    label: 'Role session',
    principal: 'arn:aws:sts::111122223333:assumed-role/ReportsReader/alice-session',
    resourceAccount: '111122223333',
    explain: 'A session of the role ReportsReader, created by sts:AssumeRole',
  },
];

const PRINCIPAL_ARN =
  /arn:aws(?:-cn|-us-gov)?:(?:iam::\d{12}:(?:user|role|root)[A-Za-z0-9+=,.@_/-]*|sts::\d{12}:(?:assumed-role|federated-user)\/[A-Za-z0-9+=,.@_/-]+)/g;

/** The principals a scenario names: the presets', then every IAM or STS principal ARN in the documents (at most 30). */
export function scenarioPrincipals(texts: string[]): string[] {
  const out = new Set<string>(PRESETS.map((p) => p.principal));
  for (const text of texts) {
    for (const m of text.slice(0, 200_000).matchAll(PRINCIPAL_ARN)) {
      if (!m[0].includes('*')) out.add(m[0]);
      if (out.size >= 30) return [...out];
    }
  }
  return [...out];
}
