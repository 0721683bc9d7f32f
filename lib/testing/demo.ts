// Looking up the demo seed's users and areas in tests.
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { areas, users, type Area, type User } from "@/db/schema";

export function demoUser(db: Db | Tx, username: string): User {
  const user = db.select().from(users).where(eq(users.username, username)).get();
  if (!user) throw new Error(`demo user ${username} not seeded`);
  return user;
}

export function demoArea(db: Db | Tx, nameEn: string): Area {
  const area = db.select().from(areas).where(eq(areas.nameEn, nameEn)).get();
  if (!area) throw new Error(`demo area ${nameEn} not seeded`);
  return area;
}
