// Runs the built command line (bin/iamplay.mjs → dist-cli/iamplay.mjs, built by `npm run build:cli`,
// which `npm ci` runs through `prepare`).
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the built iamplay bin', () => {
  it('lints a directory and exits 1 on an ERROR', () => {
    const r = spawnSync(process.execPath, ['bin/iamplay.mjs', 'lint', 'tests/lint'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'tests/lint/broken.json:5:17 ERROR validate.invalid-effect `allow` is not an effect\n' +
        'tests/lint/typo.json:7:18 WARNING validate.unknown-action `s3:GetObjekt` is not an action of Amazon S3; did you mean `s3:GetObject`?\n',
    );
    expect(r.status).toBe(1);
  });

  it('exits 0 on a clean file and 2 on a usage error', () => {
    expect(
      spawnSync(process.execPath, ['bin/iamplay.mjs', 'lint', '--type', 'identity', 'tests/lint/clean.json'], {
        cwd: root,
      }).status,
    ).toBe(0);
    expect(
      spawnSync(process.execPath, ['bin/iamplay.mjs', 'lint', '--format', 'yaml', 'tests/lint/clean.json'], {
        cwd: root,
      }).status,
    ).toBe(2);
  });
});
