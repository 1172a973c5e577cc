import { describe, expect, it } from 'vitest';
import { authorize } from './authorize';
import { defaultWorld } from './default-world';
import { checkAccount } from './checklist';
import type { S3Bucket, World } from './types';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const decide = (world: World, principal: string, action: string, resource: string) => {
  const r = authorize(world, { principal, action, resource }, { now: NOW });
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return r.value;
};
const photo = 'arn:aws:s3:::playground-photos/public/cat.jpg';

function restricted(world: World, on = true): World {
  const out = structuredClone(world);
  const bucket = out.resources!.find((r): r is S3Bucket => r.type === 's3-bucket')!;
  bucket.blockPublicAccess = { ...bucket.blockPublicAccess, restrictPublicBuckets: on };
  return out;
}

describe('S3 Block Public Access: RestrictPublicBuckets (S3 User Guide, "Blocking public access to your Amazon S3 storage")', () => {
  it('the default world’s bucket is public: anyone may read public/*', () => {
    expect(decide(defaultWorld(), 'anonymous', 's3:GetObject', photo).decision).toBe('Allow');
  });

  it('with RestrictPublicBuckets on, the public policy grants an anonymous caller nothing, and the answer says why', () => {
    const answer = decide(restricted(defaultWorld()), 'anonymous', 's3:GetObject', photo);
    expect(answer.decision).toBe('ImplicitDeny');
    expect(answer.errors.map((e) => e.code)).toContain('evaluate.world.restrict-public-buckets');
  });

  it('it also blocks another account, but not the bucket owner’s own users', () => {
    const world = restricted(defaultWorld());
    expect(decide(world, 'arn:aws:iam::444455556666:root', 's3:GetObject', photo).decision).toBe('ImplicitDeny');
    expect(
      decide(
        world,
        'arn:aws:iam::111122223333:user/alice',
        's3:PutObject',
        'arn:aws:s3:::playground-photos/home/alice/a.txt',
      ).decision,
    ).toBe('Allow');
  });

  it('off (the near miss), the bucket stays public', () => {
    expect(decide(restricted(defaultWorld(), false), 'anonymous', 's3:GetObject', photo).decision).toBe('Allow');
  });

  it('the checklist’s one-click fix makes the bucket private to the engine too', () => {
    const item = checkAccount(defaultWorld(), NOW).find((i) => i.rule === 'public-bucket')!;
    const fixed = item.fix!.apply(defaultWorld());
    expect(decide(fixed, 'anonymous', 's3:GetObject', photo).decision).toBe('ImplicitDeny');
  });
});
