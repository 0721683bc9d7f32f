import "server-only";
// Jobs as the web server sees them: it starts a job's process (after the transaction that queued
// the job committed) and revalidates what a finished job changed, once.
import { spawn } from "node:child_process";
import { and, eq, isNull } from "drizzle-orm";
import { databasePath, writeTransactionWhenFree, type Db } from "@/db/client";
import { jobs } from "@/db/schema";
import { abandonJob, JOB_SCRIPT } from "./queue";

export function startJobProcess(db: Db, jobId: number): void {
  const child = spawn(process.execPath, ["--import", "tsx", JOB_SCRIPT, String(jobId)], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_PATH: databasePath() },
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.on("error", (error) => {
    console.error(`[job] job ${jobId}: could not start its process`, error);
    abandonJob(db, jobId, "ERROR");
  });
  // Recorded at once, so a process that dies before it marks the job running is seen as dead; as
  // soon as the write lock is free, without holding up the request (the job records its pid itself
  // when it takes its turn, and one that never starts is settled after a grace period).
  const pid = child.pid;
  if (pid) {
    writeTransactionWhenFree(() => db.update(jobs).set({ pid }).where(and(eq(jobs.id, jobId), eq(jobs.status, "queued"))).run(), db).catch((error: unknown) =>
      console.error(`[job] job ${jobId}: could not record its process`, error),
    );
  }
  child.unref();
}

/** True the first time it is called for a finished job: the pages it changed are revalidated once. */
export async function claimRevalidation(jobId: number): Promise<boolean> {
  const claimed = await writeTransactionWhenFree((tx) =>
    tx
      .update(jobs)
      .set({ revalidatedAt: new Date() })
      .where(and(eq(jobs.id, jobId), eq(jobs.status, "done"), isNull(jobs.revalidatedAt)))
      .run(),
  );
  return claimed.changes === 1;
}
