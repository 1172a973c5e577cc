/**
 * "Open in workbench" for a request a simulated service asked the engine (a flow's S3 GetObject
 * with role-session credentials, say): the scenario holds the documents the world's gathering
 * finds for that exact request — the session's own policies among them — and the request's
 * context as the service set it (`aws:SourceIp`, `aws:CurrentTime`, `cognito-identity.amazonaws.com:sub`,
 * session tags as `aws:PrincipalTag/*`, …). Deciding it in the workbench gives the service's decision.
 */
import type { ContextValue } from '../engine/model';
import type { World } from '../world/types';
import type { AuthorizeOptions, WorldRequest } from '../world/authorize';
import { scenarioFromWorld } from './from-world';
import type { WorldScenario } from './from-world';
import type { RequestInput } from './types';

const valueText = (v: ContextValue): string => (Array.isArray(v) ? v.join(', ') : String(v));

export function scenarioFromRequest(
  world: World,
  request: WorldRequest,
  options: Pick<AuthorizeOptions, 'managedPolicy'> = {},
): WorldScenario {
  const base = scenarioFromWorld(world, { principal: request.principal, resource: request.resource }, options);
  // The session's policies are documents of their own; the gathering over the world found the rest.
  const sessionDocs = (request.session?.policies ?? []).map((p, i) => ({
    id: `s${i + 1}`,
    name: `Session policy${request.session!.policies!.length > 1 ? ` ${i + 1}` : ''}`,
    kind: 'session' as const,
    text: typeof p === 'string' ? p : JSON.stringify(p, null, 2),
  }));
  const managedSession = (request.session?.policyArns ?? []).flatMap((arn, i) => {
    const m = world.managedPolicies?.find((p) => p.arn === arn) ?? options.managedPolicy?.(arn);
    const v = m?.versions.find((x) => x.versionId === m.defaultVersion) ?? m?.versions[0];
    if (!v) return [];
    return [
      {
        id: `sm${i + 1}`,
        name: `Session policy: ${arn.slice(arn.lastIndexOf('/') + 1)}`,
        kind: 'session' as const,
        text: typeof v.document === 'string' ? v.document : JSON.stringify(v.document, null, 2),
      },
    ];
  });
  const context = new Map<string, string>();
  for (const c of base.request.context) context.set(c.key, c.value);
  // Session tags replace the role's tags in `aws:PrincipalTag/*`.
  if (request.session?.tags) {
    for (const k of [...context.keys()]) if (k.startsWith('aws:PrincipalTag/')) context.delete(k);
    for (const [k, v] of Object.entries(request.session.tags)) context.set(`aws:PrincipalTag/${k}`, v);
  }
  for (const [k, v] of Object.entries(request.context ?? {})) context.set(k, valueText(v));
  const input: RequestInput = {
    principal: request.principal,
    actions: [request.action],
    resource: request.resource,
    resourceAccount: request.resourceAccount ?? base.request.resourceAccount,
    context: [...context].map(([key, value]) => ({ key, value })),
  };
  return {
    name: `${request.action} as ${request.principal.slice(request.principal.lastIndexOf(':') + 1)}`,
    docs: [...base.docs.filter((d) => d.kind !== 'session'), ...sessionDocs, ...managedSession],
    request: input,
  };
}
