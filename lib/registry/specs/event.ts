import { z } from "zod";
import { events, type PromotionEvent } from "@/db/schema";
import { fenToYuanText } from "@/lib/money/fen";
import { checkbox, optionalText, requiredId, requiredText } from "@/lib/validation";
import { isoDate, optionalCount, optionalYuanAsFen, periodInOrder } from "../fields";
import type { RecordSpec } from "../types";
import { requireReference } from "./references";

export const eventSchema = z
  .object({
    name: requiredText(120),
    actionId: requiredId,
    venue: requiredText(200),
    startsOn: isoDate,
    endsOn: isoDate,
    largeScale: checkbox,
    footfall: optionalCount,
    sales: optionalYuanAsFen,
    note: optionalText(1000),
  })
  .superRefine(periodInOrder);
export type EventInput = z.infer<typeof eventSchema>;

export const eventSpec: RecordSpec<EventInput, PromotionEvent> = {
  type: "event",
  table: events,
  schema: eventSchema,
  title: (input) => input.name,
  toColumns: (input) => ({
    name: input.name,
    actionId: input.actionId,
    venue: input.venue,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    largeScale: input.largeScale,
    footfall: input.footfall ?? null,
    salesFen: input.sales ?? null,
    note: input.note ?? null,
  }),
  toRaw: (row) => ({
    name: row.name,
    actionId: String(row.actionId),
    venue: row.venue,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    largeScale: row.largeScale ? "on" : "",
    footfall: row.footfall === null ? "" : String(row.footfall),
    sales: row.salesFen === null ? "" : fenToYuanText(row.salesFen),
    note: row.note ?? "",
  }),
  checkReferences: (tx, input) => requireReference(tx, "action", "actionId", input.actionId),
};
