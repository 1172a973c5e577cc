/** Turns the JSON paths of import findings into ranges of the input text (a tree is built only when needed). */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Node } from 'jsonc-parser';
import type { Finding, Range, Severity } from '../../engine/diagnostics';
import { LineIndex } from '../../engine/diagnostics';

export type JsonPath = (string | number)[];

export interface PathIssue {
  code: string;
  severity: Severity;
  message: string;
  help?: string;
  path: JsonPath;
}

/** `RoleDetailList[12].AssumeRolePolicyDocument` */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

const NOWHERE: Range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/** The findings, each with the range of its path in `text` (the closest enclosing node that exists), or the start. */
export function locate(issues: PathIssue[], text: string | undefined): Finding[] {
  let tree: Node | undefined;
  let lines: LineIndex | undefined;
  if (text !== undefined && issues.length > 0) {
    tree = parseTree(text, [], { disallowComments: true });
    lines = new LineIndex(text);
  }
  return issues.map((i) => {
    let range = NOWHERE;
    if (tree && lines) {
      let node: Node | undefined;
      for (let cut = i.path.length; !node && cut >= 0; cut--) node = findNodeAtLocation(tree, i.path.slice(0, cut));
      if (node) range = lines.range(node.offset, node.length);
    }
    const f: Finding = { code: i.code, severity: i.severity, message: i.message, range };
    if (i.help) f.help = i.help;
    return f;
  });
}
