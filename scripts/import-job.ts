// `node --import tsx scripts/import-job.ts <JOB_ID>`: the process the web server starts for each
// uploaded statement (lib/imports/service.ts). It runs from source, not from Next's bundle, with
// the server's DATABASE_PATH; the job row carries the file, the batch and who uploaded it.
import { getDb } from "../db/client";
import { runImportJob } from "../lib/imports/jobs";

const id = Number(process.argv[2]);
if (!Number.isInteger(id) || id <= 0) {
  console.error("usage: node --import tsx scripts/import-job.ts <JOB_ID>");
  process.exit(2);
}

const started = performance.now();
const job = await runImportJob(getDb(), id);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`[import-job] job ${id} (batch ${job.batchId}, ${job.bytes} bytes): ${job.status}${job.error ? ` (${job.error})` : ""} in ${seconds} s`);
getDb().$client.close();
process.exit(job.status === "done" ? 0 : 1);
