/** What the flow picker shows of a flow before its machine is loaded. */
import type { BreakSwitch, FlowVariant, Party } from './types';

export interface FlowInfo {
  id: string;
  version: number;
  /** Its number in the list (1–9). */
  order: number;
  title: string;
  summary: string;
  parties: Party[];
  variants: FlowVariant[];
  switches: BreakSwitch[];
}
