import { describe, it, expect } from 'vitest';
import { langApi } from './lang';
import { engineServices } from './services';
import { analyze } from './analysis';
import { parsePolicy } from '../engine/parse';

const api = langApi();
const policy = (action: string) => `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "${action}", "Resource": "*" }
  ]
}
`;

describe('the language service through the worker', () => {
  it('completes an action with offsets into the text', async () => {
    const text = policy('s3:GetOb');
    const offset = text.indexOf('s3:GetOb') + 's3:GetOb'.length;
    const answer = await api.complete(text, offset, 'identity');
    expect(answer.ok).toBe(true);
    const item = answer.ok ? answer.value.find((c) => c.label === 's3:GetObject') : undefined;
    expect(item?.kind).toBe('action');
    expect(item?.detail).toBe('Read');
    expect(item?.range).toEqual({ start: text.indexOf('s3:GetOb'), end: offset });
  });

  it('offers the "did you mean" fix for a misspelled action, as an edit by offsets', async () => {
    const text = policy('s3:GetObjekt');
    const at = text.indexOf('GetObjekt');
    const answer = await api.codeActions(text, at, at, 'identity');
    expect(answer.ok).toBe(true);
    const fixes = answer.ok ? answer.value : [];
    const fix = fixes.find((f) => f.edits.some((e) => e.newText.includes('s3:GetObject')));
    expect(fix?.preferred).toBe(true);
    const applied = fix!.edits.reduceRight(
      (t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end),
      text,
    );
    expect(applied).toBe(policy('s3:GetObject'));
  });

  it('answers hover on an action', async () => {
    const text = policy('s3:GetObject');
    const answer = await api.hover(text, text.indexOf('GetObject'), 'identity');
    expect(answer.ok && answer.value?.contents).toContain('GetObject');
  });

  it('clamps an offset outside the text instead of failing', async () => {
    const answer = await api.hover('{}', 99, 'identity');
    expect(answer).toEqual({ ok: true, value: null });
  });
});

describe('document analysis with validation and summary', () => {
  it('finds the misspelled action and summarises the statement', async () => {
    const services = await engineServices();
    const a = analyze(policy('s3:GetObjekt'), 'identity', { parse: parsePolicy, ...services.analysis });
    expect(a.missing).toEqual([]);
    expect(a.findings.some((f) => f.message.includes('s3:GetObjekt'))).toBe(true);
    const ok = analyze(policy('s3:GetObject'), 'identity', { parse: parsePolicy, ...services.analysis });
    expect(ok.summary?.length).toBe(1);
    expect(ok.summary?.[0].text.startsWith('Allows 1 read action in Amazon S3')).toBe(true);
  });
});
