import { checkHealth } from "@/lib/health";

// Public by design (load balancers, the test runner): it reports reachability, nothing else.
export async function GET() {
  const health = checkHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
