/** Diagnostics for the editor: the validation findings of a text (parse findings included). */
import type { Catalog } from '../catalog';
import type { Finding } from '../engine/diagnostics';
import type { PolicyType } from '../engine/model';
import { validatePolicy } from '../engine/validate';

/** Never throws: validation answers every text with findings (a document nested too deep gets `parse.too-deep`). */
export function diagnose(text: string, options: { type?: PolicyType; catalog?: Catalog } = {}): Finding[] {
  return validatePolicy(text, { type: options.type ?? 'identity', catalog: options.catalog });
}
