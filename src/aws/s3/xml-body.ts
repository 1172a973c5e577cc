/**
 * The little XML S3 requests carry here (`<CreateBucketConfiguration><LocationConstraint>…`),
 * read by a linear scan (no regular expressions on the body): the root element's name, and the
 * text of a child element, with the five XML entities and numeric references decoded.
 */

export type XmlRead = { ok: true; root: string; text: (tag: string) => string | undefined } | { ok: false };

function unescape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '&') {
      out += c;
      continue;
    }
    const end = s.indexOf(';', i);
    if (end < 0 || end - i > 10) {
      out += c;
      continue;
    }
    const name = s.slice(i + 1, end);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (name in named) out += named[name];
    else if (name.startsWith('#x')) out += String.fromCodePoint(parseInt(name.slice(2), 16) || 0xfffd);
    else if (name.startsWith('#')) out += String.fromCodePoint(parseInt(name.slice(1), 10) || 0xfffd);
    else out += `&${name};`;
    i = end;
  }
  return out;
}

export function readXml(body: string): XmlRead {
  let at = 0;
  const s = body;
  // Skip whitespace, the declaration and comments before the root.
  for (;;) {
    while (at < s.length && ' \t\r\n'.includes(s[at])) at++;
    if (s.startsWith('<?', at)) {
      const end = s.indexOf('?>', at);
      if (end < 0) return { ok: false };
      at = end + 2;
    } else if (s.startsWith('<!--', at)) {
      const end = s.indexOf('-->', at);
      if (end < 0) return { ok: false };
      at = end + 3;
    } else break;
  }
  if (s[at] !== '<') return { ok: false };
  let nameEnd = at + 1;
  while (nameEnd < s.length && !' \t\r\n/>'.includes(s[nameEnd])) nameEnd++;
  const root = s.slice(at + 1, nameEnd);
  if (root === '') return { ok: false };
  const close = s.lastIndexOf(`</${root}>`);
  const selfClosing = s.indexOf('/>', nameEnd) >= 0 && s.indexOf('>', nameEnd) === s.indexOf('/>', nameEnd) + 1;
  if (close < 0 && !selfClosing) return { ok: false };
  const inner = close < 0 ? '' : s.slice(s.indexOf('>', nameEnd) + 1, close);
  return {
    ok: true,
    root,
    text(tag: string) {
      const open = inner.indexOf(`<${tag}>`);
      if (open < 0) return inner.includes(`<${tag}/>`) ? '' : undefined;
      const start = open + tag.length + 2;
      const end = inner.indexOf(`</${tag}>`, start);
      if (end < 0) return undefined;
      return unescape(inner.slice(start, end)).trim();
    },
  };
}
