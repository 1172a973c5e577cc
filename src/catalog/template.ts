/**
 * Matches a documented condition key template (`aws:requesttag/${tagkey}`,
 * `codebuild:secondarysources/${id}.auth.type`) against a key as written, both lower-cased.
 * Each `${…}` stands for one or more characters. Literal segments are found left to right
 * (leftmost-first is exact for patterns whose only wildcard is "one or more of anything"), so
 * the cost is linear in the template's literal text times the key's length, never a RegExp.
 */
export function templateMatches(template: string, key: string): boolean {
  const literals: string[] = [];
  let rest = template;
  for (;;) {
    const open = rest.indexOf('${');
    if (open < 0) {
      literals.push(rest);
      break;
    }
    const close = rest.indexOf('}', open);
    if (close < 0) {
      literals.push(rest);
      break;
    }
    literals.push(rest.slice(0, open));
    rest = rest.slice(close + 1);
  }
  if (literals.length === 1) return template === key;
  const first = literals[0];
  const last = literals[literals.length - 1];
  if (!key.startsWith(first) || !key.endsWith(last)) return false;
  let pos = first.length;
  const end = key.length - last.length;
  for (let i = 1; i < literals.length - 1; i++) {
    // at least one character for the variable before this literal
    const at = key.indexOf(literals[i], pos + 1);
    if (at < 0 || at + literals[i].length > end) return false;
    pos = at + literals[i].length;
  }
  return end - pos >= 1;
}

/**
 * The documented key in the form `templateMatches` reads: the data writes placeholders as
 * `${TagKey}`, and for a few keys as `<key>` (`s3:ExistingObjectTag/<key>`) or a trailing
 * `tag-key` (`secretsmanager:ResourceTag/tag-key`); the last two become `${…}` here.
 */
export function templateForm(key: string): string {
  return key.replace(/<[^<>]*>/g, '${key}').replace(/\/tag-key$/i, '/${TagKey}');
}
