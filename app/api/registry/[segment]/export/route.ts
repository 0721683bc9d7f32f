import { guardedRoute } from "@/lib/auth/guard";
import { csvDownload, csvTypeOfRoute, exportForReader, type SegmentParams } from "@/lib/registry/csv-route";
import { listQuerySchema } from "@/lib/registry/list";

// Every record the reader may see that the list page's filters select — all pages — as CSV.
export const GET = guardedRoute(
  { name: "record.export", entity: "record", access: "signed-in" },
  async (request, { user, actor, ip }, ctx: SegmentParams) => {
    const type = await csvTypeOfRoute(ctx);
    if (type instanceof Response) return type;
    const url = new URL(request.url);
    const query = listQuerySchema.parse(Object.fromEntries(url.searchParams));
    const csv = await exportForReader(type, user!, query, { actor, ip, search: url.search });
    return csvDownload(type, csv, "export");
  },
);
