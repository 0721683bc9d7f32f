import { connection } from "next/server";
import { getOpenBatchesResponse } from "@/lib/open/queries";

// Public by design (open data, CC BY 4.0): approved batches, their terms and redemption figures
// from the kept totals — no personal data. Read-only; `?format=csv` for CSV.
export async function GET(request: Request) {
  await connection();
  const url = new URL(request.url);
  const answer = getOpenBatchesResponse({ format: url.searchParams.get("format"), ifNoneMatch: request.headers.get("if-none-match") });
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
