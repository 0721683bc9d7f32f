// The "1+N" framework as approved: each master policy, its supporting policies and the actions
// under either, with each action's progress. Only approved rows appear.
import { asc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { policies, type Policy } from "@/db/schema";
import { loadApprovedActionsProgress, type ApprovedActionProgress } from "./progress";

export interface FrameworkBranch {
  master: Policy;
  supporting: Policy[];
  /** Actions belonging to the master or to one of its supporting policies, by number. */
  actions: ApprovedActionProgress[];
}

export interface Framework {
  branches: FrameworkBranch[];
  /** Approved actions whose policy is not (yet) an approved part of the framework. */
  otherActions: ApprovedActionProgress[];
  today: string;
}

export function loadFramework(db: Db | Tx, today: string): Framework {
  const approved = db
    .select()
    .from(policies)
    .where(eq(policies.status, "approved"))
    .orderBy(asc(policies.issuedOn), asc(policies.id))
    .all();
  const masters = approved.filter((p) => p.kind === "master");
  const branchOfPolicy = new Map<number, FrameworkBranch>();
  const branches = masters.map((master) => {
    const branch: FrameworkBranch = { master, supporting: [], actions: [] };
    branchOfPolicy.set(master.id, branch);
    return branch;
  });
  for (const policy of approved) {
    if (policy.kind !== "supporting" || policy.masterPolicyId === null) continue;
    const branch = branchOfPolicy.get(policy.masterPolicyId);
    if (!branch) continue;
    branch.supporting.push(policy);
    branchOfPolicy.set(policy.id, branch);
  }
  const otherActions: ApprovedActionProgress[] = [];
  for (const item of loadApprovedActionsProgress(db, today)) {
    const branch = branchOfPolicy.get(item.action.policyId);
    if (branch) branch.actions.push(item);
    else otherActions.push(item);
  }
  return { branches, otherActions, today };
}

/** The policy an action hangs from, for a label beside it. */
export function policyOfAction(branch: FrameworkBranch, id: number): Policy | undefined {
  return branch.master.id === id ? branch.master : branch.supporting.find((p) => p.id === id);
}
