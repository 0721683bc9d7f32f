import { getDb } from "@/db/client";
import { guardedRoute } from "@/lib/auth/guard";
import { csvTemplate } from "@/lib/registry/csv";
import { csvDownload, csvTypeOfRoute, type SegmentParams } from "@/lib/registry/csv-route";

// The import format: the header row and one example line in the user's own area and department.
export const GET = guardedRoute(
  { name: "record.template", entity: "record", access: "signed-in" },
  async (_request, { user }, ctx: SegmentParams) => {
    const type = await csvTypeOfRoute(ctx);
    if (type instanceof Response) return type;
    return csvDownload(type, csvTemplate(getDb(), type, user!), "template");
  },
);
