/** Small helpers over jsonc-parser nodes: ranges and property lookup. */
import type { Node as JsonNode } from 'jsonc-parser';
import type { LineIndex, Range } from '../diagnostics';

/** The source range of a node (strings include their quotes; properties span key to value). */
export function rangeOf(node: JsonNode, lines: LineIndex): Range {
  return lines.range(node.offset, node.length);
}

/** The properties of an object node, in source order (duplicates included). */
export function propertiesOf(node: JsonNode): { key: JsonNode; value?: JsonNode; property: JsonNode }[] {
  const out: { key: JsonNode; value?: JsonNode; property: JsonNode }[] = [];
  if (node.type !== 'object' || !node.children) return out;
  for (const property of node.children) {
    const key = property.children?.[0];
    if (!key) continue;
    out.push({ key, value: property.children?.[1], property });
  }
  return out;
}

/** The value of the last property named `name` (as JSON.parse keeps the last duplicate). */
export function lastProperty(
  node: JsonNode,
  name: string,
): { key: JsonNode; value?: JsonNode; property: JsonNode } | undefined {
  let found: { key: JsonNode; value?: JsonNode; property: JsonNode } | undefined;
  for (const p of propertiesOf(node)) if (p.key.value === name) found = p;
  return found;
}

/** Property names that occur more than once in an object node, with every occurrence (for validation). */
export function duplicateKeys(node: JsonNode): Map<string, JsonNode[]> {
  const seen = new Map<string, JsonNode[]>();
  for (const p of propertiesOf(node)) {
    const name = String(p.key.value);
    const list = seen.get(name);
    if (list) list.push(p.key);
    else seen.set(name, [p.key]);
  }
  for (const [name, list] of seen) if (list.length < 2) seen.delete(name);
  return seen;
}
