import { guardedRoute } from "@/lib/auth/guard";
import { canonicalTemplate } from "@/lib/statements/canonical";

// The app's own statement format, for channels without a known export (UnionPay, Meituan, bank
// apps): the header and three example lines, UTF-8 with BOM so Excel and WPS open it right.
export const GET = guardedRoute({ name: "statement.template", entity: "batch", access: "signed-in" }, async () => {
  return new Response(canonicalTemplate(), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="statement-template.csv"; filename*=UTF-8''${encodeURIComponent("核销对账单标准格式模板.csv")}`,
      "cache-control": "no-store",
    },
  });
});
