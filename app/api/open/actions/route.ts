import { openDataGet } from "@/lib/open/queries";

// Public by design (open data, CC BY 4.0): approved actions, their targets and progress, and
// counts of approved records — no personal data. Read-only; `?format=csv` for CSV.
export function GET(request: Request) {
  return openDataGet("actions", request);
}
