/**
 * "Ask as this principal" / "Ask about this resource": a workbench scenario (documents and a
 * request) made from the world. (Contract stub: the single-path work fills it.)
 */
import type { World } from '../world/types';
import type { DocInput, RequestInput } from './types';

export interface AskAs {
  /** The principal's ARN (a user or a role of the world). */
  principal?: string;
  /** The resource's ARN. */
  resource?: string;
}

export interface WorldScenario {
  /** "As alice", "About arn:aws:s3:::photos". */
  name: string;
  docs: DocInput[];
  request: RequestInput;
}

export function scenarioFromWorld(_world: World, ask: AskAs): WorldScenario {
  return {
    name: ask.principal ?? ask.resource ?? 'From the account',
    docs: [],
    request: {
      principal: ask.principal ?? '',
      actions: [],
      resource: ask.resource ?? '',
      resourceAccount: '',
      context: [],
    },
  };
}
