// One job, whatever its kind, run in this process (scripts/job.ts, and tests).
import type { Db } from "@/db/client";
import type { Job } from "@/db/schema";
import { runAnomalyCheckJob } from "@/lib/anomalies/check-jobs";
import { runImportJob } from "@/lib/imports/jobs";
import { getJob } from "./queue";

export async function runJob(db: Db, id: number): Promise<Job> {
  const job = getJob(db, id);
  if (!job) throw new Error(`no job ${id}`);
  return job.kind === "import" ? runImportJob(db, id) : runAnomalyCheckJob(db, id);
}
