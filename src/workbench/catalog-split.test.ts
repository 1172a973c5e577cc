/**
 * The catalogue's descriptions load apart from its lookups: deciding, validating, summarising and
 * quick fixes never need them; hover and completion load them on first use. (One file, so the
 * catalogue's load state is this file's alone.)
 */
import { describe, it, expect, vi } from 'vitest';
import { loadCatalog } from '../catalog';
import { langApi } from './lang';
import { engineServices } from './services';

// The first test parses the catalogue: seconds on a loaded machine. No test here is about speed.
vi.setConfig({ testTimeout: 60_000 });

const text = `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }]
}
`;

describe('the catalogue’s descriptions', () => {
  it('are not loaded to decide, validate, summarise or fix a policy', async () => {
    const services = await engineServices();
    expect(services.analysis.validate?.(text, 'identity')).toEqual([]);
    expect(services.analysis.summarize?.(text, 'identity')?.map((s) => s.text)).toEqual([
      'Allows 1 read action in Amazon S3 on all resources',
    ]);
    const at = text.indexOf('GetObject');
    expect((await langApi().codeActions(text, at, at, 'identity')).ok).toBe(true);
    const catalog = await loadCatalog();
    expect(catalog.described).toBe(false);
    expect(catalog.action('s3:GetObject')?.description).toBe('');
  });

  it('are loaded by the first hover, which shows them', async () => {
    const at = text.indexOf('GetObject');
    const answer = await langApi().hover(text, at, 'identity');
    expect(answer.ok && answer.value?.contents).toContain('Grants permission to retrieve objects from Amazon S3');
    expect((await loadCatalog()).described).toBe(true);
  });
});
