import "server-only";
// The period a report opens on when none is asked for: 1–N月 of the latest year with an approved
// batch (up to this year), through this month when that year is this year.
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { formatShanghai } from "@/lib/datetime";
import { lastDayOfMonth, yearToDate, type Period } from "./period";

export function defaultPeriod(db: Db | Tx, today = formatShanghai(new Date()).slice(0, 10)): Period {
  const thisYear = Number(today.slice(0, 4));
  const latest = db.get<{ day: string | null }>(sql`select max(valid_from) as day from batches where status = 'approved' and valid_from <= ${today}`)?.day;
  const year = latest ? Number(latest.slice(0, 4)) : thisYear;
  return year < thisYear ? { from: `${year}-01-01`, to: lastDayOfMonth(year, 12) } : yearToDate(today);
}
