/**
 * What IAM keeps outside the world: instance profiles. The world records a profile only as a
 * name on the role it holds (`Role.instanceProfiles`); a profile created empty, and the id, path
 * and creation date of every profile the API made, live here (keyed `ACCOUNT/NAME`).
 */
export interface InstanceProfileRecord {
  account: string;
  name: string;
  path: string;
  id: string;
  createDate: string;
  tags?: Record<string, string>;
}

export interface IamState {
  instanceProfiles: Record<string, InstanceProfileRecord>;
}

export function emptyIamState(): IamState {
  return { instanceProfiles: {} };
}
