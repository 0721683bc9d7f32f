import { guardedRoute } from "@/lib/auth/guard";
import { toCsv } from "@/lib/csv/csv";
import { baselineTemplate } from "@/lib/effects/baseline";

// The canonical baseline file: its header and two example lines (a merchant's day, an area's month).
export const GET = guardedRoute({ name: "baseline.template", entity: "baseline_upload", access: "signed-in" }, async () => {
  return new Response(toCsv(baselineTemplate()), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="baseline-template.csv"; filename*=UTF-8''${encodeURIComponent("基期销售模板.csv")}`,
      "cache-control": "no-store",
    },
  });
});
