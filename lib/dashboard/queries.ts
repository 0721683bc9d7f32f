import "server-only";
import { count } from "drizzle-orm";
import { getDb } from "@/db/client";
import { areas, departments, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { getArea, getDepartment } from "@/lib/org/service";
import { listInbox } from "@/lib/workflow/revisions";

/** What the workbench shows a user: their place, their inbox, reference-data counts. */
export function getWorkbench(user: SessionUser) {
  const db = getDb();
  return {
    area: getArea(db, user.areaId),
    department: getDepartment(db, user.departmentId),
    inboxCount: user.role === "manager" ? listInbox(db, user).length : 0,
    counts: {
      users: db.select({ n: count() }).from(users).get()?.n ?? 0,
      departments: db.select({ n: count() }).from(departments).get()?.n ?? 0,
      areas: db.select({ n: count() }).from(areas).get()?.n ?? 0,
    },
  };
}
