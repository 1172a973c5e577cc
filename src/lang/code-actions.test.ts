import { describe, it, expect } from 'vitest';
import { applyEdits } from 'jsonc-parser';
import { loadCatalog } from '../catalog';
import type { CodeAction } from './types';
import { codeActions } from './code-actions';

const catalog = await loadCatalog();
const everywhere = (_text: string) => ({ start: { line: 1, column: 1 }, end: { line: 999, column: 1 } });
const apply = (text: string, a: CodeAction) =>
  applyEdits(
    text,
    a.edits.map((e) => ({
      offset: e.range.start.offset,
      length: e.range.end.offset - e.range.start.offset,
      content: e.newText,
    })),
  );

describe('codeActions', () => {
  it('offers the did-you-mean action', () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]}';
    const actions = codeActions(text, { start: { line: 1, column: 75 }, end: { line: 1, column: 75 } }, { catalog });
    expect(actions).toEqual([
      {
        title: 'Change to `s3:GetObject`',
        kind: 'quickfix',
        code: 'validate.unknown-action',
        edits: [
          {
            range: { start: { line: 1, column: 71, offset: 70 }, end: { line: 1, column: 85, offset: 84 } },
            newText: '"s3:GetObject"',
          },
        ],
      },
    ]);
  });

  it('offers a service prefix and an operator', () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s4:GetObject", "Resource": "*", "Condition": {"StringEqual": {"aws:PrincipalTag/team": "a"}}}]}';
    const titles = codeActions(text, everywhere(text), { catalog }).map((a) => a.title);
    expect(titles).toContain('Change to `s3:GetObject`');
    expect(titles).toContain('Change to `StringEquals`');
  });

  it("adds Version, keeping the document's indentation", () => {
    const text = '{\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]\n}';
    const [fix] = codeActions(text, everywhere(text), { catalog }).filter((a) => a.code === 'validate.missing-version');
    expect(fix.title).toBe('Add `"Version": "2012-10-17"`');
    expect(apply(text, fix)).toBe(
      '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]\n}',
    );
  });

  it('splits a statement with both Action and NotAction', () => {
    const text = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Sid": "Mixed",',
      '      "Effect": "Deny",',
      '      "Action": "s3:DeleteBucket",',
      '      "NotAction": "s3:GetObject",',
      '      "Resource": "*"',
      '    }',
      '  ]',
      '}',
    ].join('\n');
    const [fix] = codeActions(text, everywhere(text), { catalog }).filter(
      (a) => a.code === 'validate.conflicting-elements',
    );
    expect(fix.title).toBe('Split into a statement with `Action` and one with `NotAction`');
    expect(apply(text, fix)).toBe(
      [
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [',
        '    {',
        '      "Sid": "Mixed",',
        '      "Effect": "Deny",',
        '      "Action": "s3:DeleteBucket",',
        '      "Resource": "*"',
        '    },',
        '    {',
        '      "Sid": "MixedNotAction",',
        '      "Effect": "Deny",',
        '      "NotAction": "s3:GetObject",',
        '      "Resource": "*"',
        '    }',
        '  ]',
        '}',
      ].join('\n'),
    );
  });

  it('fixes Effect case, NullIfExists, MFA Bool, and removes a redundant action', () => {
    const text = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'deny',
            Action: '*',
            Resource: '*',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
          },
          {
            Effect: 'Deny',
            Action: ['s3:*', 's3:GetObject'],
            Resource: '*',
            Condition: { NullIfExists: { 'aws:TokenIssueTime': 'true' } },
          },
        ],
      },
      null,
      2,
    );
    const fixes = codeActions(text, everywhere(text), { catalog });
    expect(fixes.map((f) => [f.code, f.title])).toEqual([
      ['validate.invalid-effect', 'Change to `Deny`'],
      ['validate.redundant-action', 'Remove `s3:GetObject`'],
      ['validate.null-ifexists', 'Change to `Null`'],
    ]);
    const removed = apply(text, fixes[1]);
    expect(removed).toContain('"Action": [\n        "s3:*"\n      ]');
    const denyText = text.replace('"deny"', '"Deny"');
    const mfa = codeActions(denyText, everywhere(denyText), { catalog }).find(
      (f) => f.code === 'validate.mfa-bool-false',
    )!;
    expect(apply(denyText, mfa)).toContain('"BoolIfExists": {');
  });
  it('renames a misspelled element', () => {
    const text =
      '{"Version": "2012-10-17", "Statment": [], "Statement": [{"Effect": "Allow", "Actions": "s3:GetObject", "Resource": "*"}]}';
    const fixes = codeActions(text, everywhere(text), { catalog }).filter((f) => f.title.startsWith('Rename'));
    expect(fixes.map((f) => [f.code, f.title, f.edits[0].newText])).toEqual([
      ['validate.unknown-top-level-key', 'Rename to `Statement`', '"Statement"'],
      ['validate.unknown-statement-key', 'Rename to `Action`', '"Action"'],
    ]);
  });
});
