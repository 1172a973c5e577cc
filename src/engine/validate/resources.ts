/**
 * `Resource` / `NotResource` values: ARN shape (`arn:partition:service:region:account:resource`)
 * and whether each ARN fits a resource type of the statement's actions (Service Authorization
 * Reference, "Resource types"). ARNs are case-sensitive; `*` and `?` are wildcards.
 */
import type { Statement } from '../model';
import type { Ctx } from './context';
import { globsIntersect } from './glob';
import { resolveAction } from './resolve';

/** `${…}` (a policy variable, or a template placeholder) stands for any text. */
export function variablesToWildcards(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (s[i] === '$' && s[i + 1] === '{') {
      const close = s.indexOf('}', i + 2);
      if (close >= 0) {
        out += '*';
        i = close + 1;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

/** Why an ARN is malformed, or undefined when its shape is fine. */
export function arnProblem(value: string): string | undefined {
  if (value === '*') return undefined;
  const v = variablesToWildcards(value);
  if (!v.startsWith('arn:') && !/^\*+:/.test(v) && !/^arn\*/.test(v)) return 'an ARN starts with `arn:`';
  const parts = v.split(':');
  // `arn:aws:s3:::*` has 6 parts; a trailing `*` may stand for the rest.
  if (parts.length < 6 && !parts[parts.length - 1].includes('*'))
    return 'an ARN has six parts: arn:partition:service:region:account:resource';
  if (parts[1] === '' || !/^[a-z*?-]+$/.test(parts[1]))
    return 'the partition (second part) is `aws`, `aws-cn`, `aws-us-gov` or a wildcard';
  if (parts.length >= 3 && parts[2] === '') return 'the service (third part) is missing';
  return undefined;
}

function checkFit(ctx: Ctx, s: Statement): void {
  const catalog = ctx.catalog;
  if (!catalog || !s.action || !s.resource) return;
  const templates = new Set<string>();
  let takesNoResource = false;
  for (const v of s.action.values) {
    const r = resolveAction(v.value, catalog);
    if (r.kind === 'all') return;
    if (r.kind !== 'exact' && r.kind !== 'wildcard') return; // unknown actions: nothing to compare against
    for (const a of r.actions) {
      if (a.resourceTypes.length === 0) takesNoResource = true;
      for (const rt of a.resourceTypes) {
        const info = catalog.resourceType(a.service, rt.name);
        if (info) templates.add(variablesToWildcards(info.arn));
      }
    }
  }
  if (templates.size === 0 && !takesNoResource) return;
  // A budget on the product-automaton work keeps hostile lists (thousands of long ARNs) fast:
  // once spent, the remaining values are not compared.
  let budget = 20_000_000;
  for (const v of s.resource.values) {
    if (v.value === '*' || arnProblem(v.value)) continue;
    const pattern = variablesToWildcards(v.value);
    let fits = false;
    for (const t of templates) {
      budget -= (t.length + 1) * (pattern.length + 1);
      if (budget < 0) return;
      if (globsIntersect(t, pattern)) {
        fits = true;
        break;
      }
    }
    if (fits) continue;
    const examples = [...templates].slice(0, 3).map((t) => `\`${t}\``);
    ctx.report(
      'validate.resource-no-match',
      `\`${v.value}\` fits none of the resource types of the statement's actions`,
      v.range,
      templates.size === 0
        ? 'The Service Authorization Reference lists no resource type for these actions: requests for them are authorized against "*", which this ARN does not match.'
        : `The actions act on resources such as ${examples.join(', ')}${templates.size > 3 ? ', …' : ''}${takesNoResource ? '; some take no resource and need "*"' : ''}. By the Service Authorization Reference, this ARN matches none of their requests.`,
    );
  }
}

export function checkResources(ctx: Ctx): void {
  for (const s of ctx.policy.statements) {
    for (const list of [s.resource, s.notResource]) {
      if (!list) continue;
      for (const v of list.values) {
        const problem = arnProblem(v.value);
        if (problem) {
          ctx.report(
            'validate.resource-malformed',
            `\`${v.value}\` is not a valid resource ARN`,
            v.range,
            `${problem[0].toUpperCase()}${problem.slice(1)}, e.g. arn:aws:s3:::amzn-s3-demo-bucket/*; write "*" for every resource.`,
          );
        }
      }
    }
    checkFit(ctx, s);
  }
}
