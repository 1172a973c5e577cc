import { describe, it, expect } from 'vitest';
import { parsePolicy } from '../engine/parse';
import { validateParsed } from '../engine/validate';
import { loadCatalog } from '../catalog';
import { analyze, groupFindings, problemCounts, type AnalysisServices } from './analysis';

describe('problems counted alike in the tab and the panel', () => {
  it('reports an unknown service once, with every line it occurs on', async () => {
    const catalog = await loadCatalog();
    const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[
"foo:A",
"foo:B",
"foo:C"
],"Resource":"*"},{"Effect":"Alow","Action":"s3:GetObject","Resource":"*"}]}`;
    const findings = validateParsed(text, parsePolicy(text), { type: 'identity', catalog });
    expect(findings.filter((f) => f.code === 'validate.unknown-service')).toHaveLength(3);
    const groups = groupFindings(findings);
    expect(groups.map((g) => [g.finding.code, g.ranges.map((r) => r.start.line)])).toEqual([
      ['validate.unknown-service', [2, 3, 4]],
      ['validate.invalid-effect', [5]],
    ]);
    // An unknown service is an ERROR, as Access Analyzer's "Invalid service" is: two grouped errors.
    expect(problemCounts(findings)).toEqual({ errors: 2, warnings: 0, total: 2 });
  });

  it('asks "did you mean" once, in the message, for an unknown action and an unknown service', async () => {
    const catalog = await loadCatalog();
    const text =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObjekt","s4:GetObject"],"Resource":"*"}]}';
    const findings = validateParsed(text, parsePolicy(text), { type: 'identity', catalog });
    expect(findings.map((f) => [f.message, f.help])).toEqual([
      [
        '`s3:GetObjekt` is not an action of Amazon S3; did you mean `s3:GetObject`?',
        'An unknown action never matches a request.',
      ],
      [
        '`s4` is not a known service prefix; did you mean `s3`?',
        `The statement never matches a request for an unknown service. Service prefixes are listed in the Service Authorization Reference (catalogue ${catalog.meta.updatedAt.slice(0, 10)}).`,
      ],
    ]);
  });

  it('holds a user’s inline policy to the 2,048 characters the user’s inline policies share, counting those before it', async () => {
    const catalog = await loadCatalog();
    const services: AnalysisServices = {
      parse: parsePolicy,
      validate: (text, type, size) =>
        validateParsed(text, parsePolicy(text), size ? { type, catalog, kind: size } : { type, catalog }),
    };
    const actions = Array.from({ length: 30 }, (_, i) => `s3:GetObject${String(i).padStart(3, '0')}xxxxxxxxxxxxxxxxx`);
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
    });
    const tooLarge = (earlier: string[]) =>
      analyze(text, 'identity', services, 'user-inline', earlier)
        .findings.filter((f) => f.code === 'validate.policy-too-large')
        .map((f) => f.message);
    // Alone, it fits (1,133 characters); after another like it, the two together do not.
    expect(tooLarge([])).toEqual([]);
    expect(tooLarge([text])).toEqual([
      'the user’s inline policies have 2,266 characters without whitespace, over the limit of 2,048 for a user’s inline policies together',
    ]);
  });
});
