import { getDb, writeTransaction } from "@/db/client";
import { appendAudit } from "@/lib/audit/log";
import { guardedRoute } from "@/lib/auth/guard";
import { exportCsv } from "@/lib/registry/csv";
import { csvDownload, csvTypeOfRoute, type SegmentParams } from "@/lib/registry/csv-route";
import { listQuerySchema } from "@/lib/registry/list";

// Every record the reader may see that the list page's filters select — all pages — as CSV.
export const GET = guardedRoute(
  { name: "record.export", entity: "record", access: "signed-in" },
  async (request, { user, actor, ip }, ctx: SegmentParams) => {
    const type = await csvTypeOfRoute(ctx);
    if (type instanceof Response) return type;
    const url = new URL(request.url);
    const query = listQuerySchema.parse(Object.fromEntries(url.searchParams));
    const db = getDb();
    // One read transaction: the references and the rows come from the same snapshot.
    const { csv, count } = db.transaction((tx) => exportCsv(tx, type, user!, query));
    writeTransaction((tx) =>
      appendAudit(tx, { actor, action: "record.export", entity: type, outcome: "success", detail: JSON.stringify({ rows: count, query: url.search }), ip }),
    );
    return csvDownload(type, csv, "export");
  },
);
