// Test fixtures that need rows the UI has no reason to make (a user to lock out, say) go
// through the same schemas and services as the admin forms, against the e2e database.
import { openDatabase, writeTransaction, type Db } from "../../db/client";
import { appendAudit } from "../../lib/audit/log";
import { hashPassword } from "../../lib/auth/password";
import { createUserSchema } from "../../lib/users/schema";
import { createUser, findUserByUsername } from "../../lib/users/service";
import type { Role } from "../../db/schema";

let db: Db | undefined;

export function e2eDb(): Db {
  if (!process.env.DATABASE_PATH) throw new Error("DATABASE_PATH is not set: run e2e through npm run test:e2e");
  db ??= openDatabase(process.env.DATABASE_PATH);
  return db;
}

/** Creates a user placed like an existing demo user (same department and area). */
export async function createTestUser(opts: { username: string; password: string; role: Role; like?: string }) {
  const database = e2eDb();
  const template = findUserByUsername(database, opts.like ?? "staff");
  if (!template) throw new Error("demo user missing");
  const input = createUserSchema.parse({
    username: opts.username,
    password: opts.password,
    displayName: `测试用户 ${opts.username}`,
    role: opts.role,
    departmentId: String(template.departmentId),
    areaId: String(template.areaId),
  });
  const passwordHash = await hashPassword(input.password);
  return writeTransaction((tx) => {
    const { password: _p, ...fields } = input;
    void _p;
    const user = createUser(tx, { ...fields, passwordHash });
    appendAudit(tx, { actor: { id: null, name: "e2e-fixture" }, action: "user.create", entity: "user", entityId: user.id, outcome: "success" });
    return user;
  }, database);
}

export function auditCount(where: { action?: string; outcome?: string; detail?: string; actorName?: string }): number {
  const clauses: string[] = [];
  const params: string[] = [];
  for (const [column, value] of [
    ["action", where.action],
    ["outcome", where.outcome],
    ["detail", where.detail],
    ["actor_name", where.actorName],
  ] as const) {
    if (value !== undefined) {
      clauses.push(`${column} = ?`);
      params.push(value);
    }
  }
  const sql = `select count(*) as n from audit_log${clauses.length ? ` where ${clauses.join(" and ")}` : ""}`;
  return (e2eDb().$client.prepare(sql).get(...params) as { n: number }).n;
}
