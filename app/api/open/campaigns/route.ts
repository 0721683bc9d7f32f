import { openDataGet } from "@/lib/open/queries";

// Public by design (open data, CC BY 4.0): approved campaigns, their funding and their figures from
// the leverage engine — aggregates only, no personal data. Read-only; `?format=csv` for CSV.
export function GET(request: Request) {
  return openDataGet("campaigns", request);
}
