import { openDataGet } from "@/lib/open/queries";

// Public by design (open data, CC BY 4.0): the city's headline figures — aggregates and counts of
// approved records only, no personal data. Read-only; `?format=csv` for CSV.
export function GET(request: Request) {
  return openDataGet("summary", request);
}
