/** Diagnostics for the editor: the validation findings of a text (parse findings included). */
import type { Catalog } from '../catalog';
import type { Finding } from '../engine/diagnostics';
import type { PolicyType } from '../engine/model';
import { validatePolicy } from '../engine/validate';

export function diagnose(text: string, options: { type?: PolicyType; catalog?: Catalog } = {}): Finding[] {
  return validatePolicy(text, { type: options.type ?? 'identity', catalog: options.catalog });
}
