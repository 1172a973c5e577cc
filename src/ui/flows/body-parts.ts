/**
 * A message body cut into text and field names (JSON keys, XML element names, form keys), so the
 * panel can explain each field where it stands.
 */
export type BodyPart = { text: string; field?: string };

const FIELD =
  /"([A-Za-z_][\w:.-]{0,80})"(?=\s*:)|<\/?([A-Za-z_][\w.-]{0,80})(?=[\s/>])|^&?([A-Za-z_][\w.-]{0,80})(?==)/gm;

export function bodyParts(body: string): BodyPart[] {
  const out: BodyPart[] = [];
  let last = 0;
  for (const m of body.matchAll(FIELD)) {
    const name = m[1] ?? m[2] ?? m[3]!;
    const start = m.index + m[0].indexOf(name);
    if (start > last) out.push({ text: body.slice(last, start) });
    out.push({ text: name, field: name });
    last = start + name.length;
  }
  if (last < body.length) out.push({ text: body.slice(last) });
  return out;
}
