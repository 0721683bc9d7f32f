import { openDataGet } from "@/lib/open/queries";

// Public by design (open data, CC BY 4.0): the approved, published retail-sales indicators of the
// city and its counties — public statistics, no personal data. Read-only; `?format=csv` for CSV.
export function GET(request: Request) {
  return openDataGet("indicators", request);
}
