/** A policy document of an entity, as the Account section's editor shows it. */
import type { DocKind, StoredAs } from '../../workbench/types';

export interface EditorDoc {
  /** Stable for the entity's page: `inline:Notes`, `trust`, `managed:ARN`, `resource`. */
  key: string;
  /** The tab's title: the policy's name, “Trust policy”, … */
  label: string;
  /** What it is: “Inline policy”, “AWS managed policy”, … */
  sub: string;
  text: string;
  /** How the policy language checks it. */
  kind: DocKind;
  storedAs?: StoredAs;
  /** Why it cannot be edited here (AWS managed), or absent when it can. */
  readonly?: string;
  /** Saves an edit burst (one undoable change). */
  save?: (text: string) => void;
}
