/**
 * The shortest path to admin of every principal that has one: a breadth-first search backwards
 * from `admin` and the administrators, then, for each principal, a walk forwards that takes at
 * each hop an edge one hop closer (an `always` edge before a conditional one, then the edges'
 * order). An edge to an administrator ends a path as an edge to `admin` does.
 */
import type { EscalationPath, EscalationStep } from '../types';
import { ADMIN } from '../types';

export function shortestPaths(
  edges: readonly EscalationStep[],
  admins: ReadonlySet<string>,
  order: readonly string[],
): EscalationPath[] {
  const terminal = (id: string) => id === ADMIN || admins.has(id);
  const into = new Map<string, EscalationStep[]>();
  const from = new Map<string, EscalationStep[]>();
  for (const e of edges) {
    if (!into.has(e.to)) into.set(e.to, []);
    into.get(e.to)!.push(e);
    if (!from.has(e.from)) from.set(e.from, []);
    from.get(e.from)!.push(e);
  }
  const dist = new Map<string, number>();
  const queue: string[] = [];
  for (const id of [ADMIN, ...admins]) {
    dist.set(id, 0);
    queue.push(id);
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    for (const e of into.get(id) ?? []) {
      if (dist.has(e.from) || terminal(e.from)) continue;
      dist.set(e.from, dist.get(id)! + 1);
      queue.push(e.from);
    }
  }
  const rank = new Map(order.map((id, i) => [id, i]));
  const paths: EscalationPath[] = [];
  for (const start of order) {
    if (terminal(start) || !dist.has(start)) continue;
    const path: EscalationStep[] = [];
    let at = start;
    while (!terminal(at)) {
      const d = dist.get(at)!;
      const next = (from.get(at) ?? []).filter((e) => dist.get(e.to) === d - 1);
      const pick = next.find((e) => e.holds === 'always') ?? next[0];
      path.push(pick);
      at = pick.to;
    }
    paths.push({ principal: start, path });
  }
  paths.sort((a, b) => a.path.length - b.path.length || rank.get(a.principal)! - rank.get(b.principal)!);
  return paths;
}
