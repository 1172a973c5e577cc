/**
 * When the editor must not offer completion: right after a string value the learner has just
 * closed (`"Resource": "arn:aws:s3:::reports/*"|`). The closing quote is one of the completion's
 * trigger characters, so without this the list would open again there with `*` preselected, and
 * the Enter that starts the next line would insert `"*"` after the closed string. Pure: it reads
 * the line's text before the cursor (a JSON string never spans lines).
 */
export function afterClosedString(lineBefore: string): boolean {
  let inString = false;
  let lastQuoteClosed = false;
  for (let i = 0; i < lineBefore.length; i++) {
    const c = lineBefore[i];
    if (inString && c === '\\') {
      i++;
      continue;
    }
    if (c === '"') {
      inString = !inString;
      lastQuoteClosed = !inString;
    } else if (!inString && c.trim() !== '') lastQuoteClosed = false;
  }
  return !inString && lastQuoteClosed;
}
