import { describe, expect, it } from 'vitest';
import { awsHost } from './aws-host';
import { loadManagedPolicies } from '../catalog';
import { managedPolicyLookup } from '../world/managed';
import { defaultWorld } from '../world/default-world';
import { request, text } from '../aws/http';
import { signRequest } from '../aws/auth/sign';

const alice = { accessKeyId: 'AKIAR7KLMW2QTHX4ALCE', secretAccessKey: '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' };
const s3 = (method: string, key: string) =>
  request({ method, path: `/playground-photos/${key}`, headers: { host: 'localhost' } });
const get = (key: string) => s3('GET', key);
const scope = () => ({ service: 's3', region: 'us-east-1', now: Date.now(), host: 'localhost' });

describe('the simulated services in the worker', () => {
  it('says it is not started before it is', async () => {
    const host = awsHost(async () => () => undefined);
    expect(await host.call(get('public/welcome.txt'))).toEqual({
      ok: false,
      errors: ['the simulated services are not started'],
    });
  });

  it('answers S3 over the Account world as a signed user, with the decision and its trace as plain data', async () => {
    // The worker's API hands its own loader (the library fetched from the page's origin); here, from disk.
    const engineApi = awsHost(async () => managedPolicyLookup(await loadManagedPolicies()));
    const started = await engineApi.start(defaultWorld());
    expect(started.ok && started.value.accountId).toBe('111122223333');

    const own = await engineApi.call(signRequest(get('home/alice/notes.txt'), alice, scope()));
    expect(own.ok && own.value.response.status).toBe(200);
    expect(own.ok && text(own.value.response.body)).toBe('Only alice (and the resizer) may read this.\n');
    expect(own.ok && own.value.decision?.decision).toBe('Allow');

    // DeveloperAccess reads the bucket; nothing lets alice delete.
    const other = await engineApi.call(signRequest(s3('DELETE', 'home/bob/todo.txt'), alice, scope()));
    if (!other.ok) throw new Error(other.errors.join('\n'));
    expect(other.value.response.status).toBe(403);
    expect(other.value.operation).toBe('DeleteObject');
    expect(other.value.caller).toBe('arn:aws:iam::111122223333:user/alice');
    expect(other.value.decision).toMatchObject({ allowed: false, action: 's3:DeleteObject', decision: 'ImplicitDeny' });
    expect(other.value.decision!.trace!.length).toBeGreaterThan(0);
    expect(text(other.value.response.body)).toContain('<Code>AccessDenied</Code>');
    // What crosses to the page survives the structured clone unchanged.
    expect(structuredClone(other)).toEqual(other);
    // The object is still there: the world the services hold did not change.
    const world = engineApi.world();
    const bucket = world.ok
      ? world.value.resources?.find((r) => r.arn === 'arn:aws:s3:::playground-photos')
      : undefined;
    expect(bucket && 'objects' in bucket && bucket.objects?.some((o) => o.key === 'home/bob/todo.txt')).toBe(true);
  });
});
