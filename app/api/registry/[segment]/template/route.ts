import { guardedRoute } from "@/lib/auth/guard";
import { csvDownload, csvTypeOfRoute, templateForReader, type SegmentParams } from "@/lib/registry/csv-route";

// The import format: the header row and one example line in the user's own area and department.
export const GET = guardedRoute(
  { name: "record.template", entity: "record", access: "signed-in" },
  async (_request, { user }, ctx: SegmentParams) => {
    const type = await csvTypeOfRoute(ctx);
    if (type instanceof Response) return type;
    return csvDownload(type, templateForReader(type, user!), "template");
  },
);
