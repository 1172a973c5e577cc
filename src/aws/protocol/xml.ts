/**
 * XML for the Query (IAM, STS) and REST-XML (S3) protocols: an escaping builder, never string
 * concatenation of unescaped values. `el('Arn', arn)` escapes text; `el('User', [el(...), ...])`
 * nests; `undefined` children are left out, so optional fields disappear as AWS omits them.
 */
export type XmlNode = string | undefined | null | false | XmlNode[] | { raw: string };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

function render(node: XmlNode): string {
  if (node === undefined || node === null || node === false) return '';
  if (typeof node === 'string') return escapeXml(node);
  if (Array.isArray(node)) return node.map(render).join('');
  return node.raw;
}

/** An element; a value of `undefined` leaves the element out entirely. */
export function el(tag: string, content: XmlNode | number | boolean, attrs?: Record<string, string>): { raw: string } {
  if (content === undefined) return { raw: '' };
  const a = attrs
    ? Object.entries(attrs)
        .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
        .join('')
    : '';
  const inner = typeof content === 'number' || typeof content === 'boolean' ? String(content) : render(content);
  return { raw: `<${tag}${a}>${inner}</${tag}>` };
}

/** A list as the Query protocol writes it: `<Tag><member>…</member>…</Tag>`. */
export function members(tag: string, items: XmlNode[]): { raw: string } {
  return el(
    tag,
    items.map((i) => el('member', i)),
  );
}

export function xmlDocument(root: { raw: string }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root.raw}`;
}
