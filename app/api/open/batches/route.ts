import { openDataGet } from "@/lib/open/queries";

// Public by design (open data, CC BY 4.0): approved batches, their terms and redemption figures
// from the kept totals — no personal data. Read-only; `?format=csv` for CSV.
export function GET(request: Request) {
  return openDataGet("batches", request);
}
