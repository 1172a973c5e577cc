import type { FlowDefinition } from '../types';
import { info } from './info';
import { machine, outcomes } from './machine';
import { prepare, steps } from './steps';

export const rootUser: FlowDefinition = { ...info, machine, outcomes, steps, prepare };
