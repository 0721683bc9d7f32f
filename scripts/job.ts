// `node --import tsx scripts/job.ts <JOB_ID>`: the process the web server starts for each job
// (lib/jobs/start.ts) — an uploaded statement's import or the anomaly checks. It runs from source,
// not from Next's bundle, with the server's DATABASE_PATH; the job row carries what to do.
import { getDb, waitLongForWrites } from "../db/client";
import { runJob } from "../lib/jobs/run";

const id = Number(process.argv[2]);
if (!Number.isInteger(id) || id <= 0) {
  console.error("usage: node --import tsx scripts/job.ts <JOB_ID>");
  process.exit(2);
}

// Its writes (progress, the import, the checks) wait for another process's long write.
waitLongForWrites(getDb());
const started = performance.now();
const job = await runJob(getDb(), id);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const what = job.kind === "import" ? `batch ${job.batchId}, ${job.bytes} bytes` : `${(job.params as { batchIds: number[] }).batchIds.length} batches`;
console.log(`[job] ${job.kind} job ${id} (${what}): ${job.status}${job.error ? ` (${job.error})` : ""} in ${seconds} s`);
getDb().$client.close();
process.exit(job.status === "done" ? 0 : 1);
