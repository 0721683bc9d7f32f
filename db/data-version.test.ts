// The data version moves with every change the figures can see, from this connection or another
// process's, and the figures cached on it are recomputed then and only then.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { areas } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit/log";
import { cachedOnDataVersion, readDataVersion } from "@/lib/data-version/cache";
import { importStatement } from "@/lib/imports/pipeline";
import { voidImport } from "@/lib/imports/void";
import { leverageBreakdown } from "@/lib/leverage/breakdown";
import { generateWechatBill } from "@/lib/statements/generate";
import { seededTestDb } from "@/lib/testing/db";
import { ROOT } from "@/lib/testing/source";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { FIGURE_TABLES, FOLLOWING_TABLES, UNRELATED_TABLES, dataVersionTriggersSql } from "./data-version";

const db = await seededTestDb();
const { batchId } = approvedVoucherBatch(db, "HZ-DV-W1");
const c = db.$client;

test("every table is placed in exactly one list, and the triggers are those of the figure tables", () => {
  const tables = (c.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`).all() as { name: string }[]).map((r) => r.name);
  const placed = [...FIGURE_TABLES, ...Object.keys(FOLLOWING_TABLES), ...UNRELATED_TABLES];
  assert.equal(new Set(placed).size, placed.length, "a table is in two lists");
  assert.deepEqual([...tables].sort(), [...placed].sort());
  const triggers = (c.prepare(`select name from sqlite_master where type = 'trigger' and name like 'data_version_%'`).all() as { name: string }[]).map((r) => r.name);
  assert.deepEqual(triggers.sort(), FIGURE_TABLES.flatMap((t) => ["insert", "update", "delete"].map((op) => `data_version_${t}_${op}`)).sort());
  const migration = readFileSync(join(ROOT, "db", "migrations", "0016_data_version.sql"), "utf8");
  assert.ok(migration.includes(dataVersionTriggersSql()), "0016 holds the triggers as db/data-version.ts generates them");
});

test("a change to a figure table moves the version; a login's bookkeeping does not", () => {
  const before = readDataVersion(db);
  c.prepare(`update users set last_login_at = 1 where username = 'staff'`).run();
  c.prepare(`insert into login_throttle (key, failures, window_started_at) values ('dv-test', 1, 0)`).run();
  assert.equal(readDataVersion(db).version, before.version);
  db.update(areas).set({ nameEn: "Heze City" }).where(eq(areas.level, "city")).run();
  const after = readDataVersion(db);
  assert.ok(after.version > before.version);
  assert.ok(after.changedAt.getTime() >= before.changedAt.getTime());
  assert.match(after.instance, /^[0-9a-f]{16}$/);
});

const bill = (id: string) => generateWechatBill({ rows: [{ orderId: `42000DV${id}`, merchantId: "1900000901", merchantName: "测试商户", payer: `oDV${id}`, time: "2025-06-02 12:00:00", orderFen: 30_000, voucherFen: 5_000 }] });
const cityFigures = () => leverageBreakdown(db, { by: "batch", filter: { batchId } })[0]?.subsidyFen ?? 0;

test("cached figures follow an import and its void, and are shared (frozen) in between", async () => {
  assert.equal(cityFigures(), 0);
  const first = leverageBreakdown(db, { by: "batch", filter: { batchId } });
  assert.equal(leverageBreakdown(db, { by: "batch", filter: { batchId } }), first, "the same version gives the same (shared) rows");
  assert.ok(Object.isFrozen(first));
  const outcome = await importStatement(db, { batchCode: "HZ-DV-W1", source: [bill("1")], fileName: "dv.csv", actor: SYSTEM_ACTOR });
  assert.ok(outcome.ok);
  assert.equal(cityFigures(), 5_000);
  voidImport(db, { importId: outcome.importId!, reason: "test", actor: SYSTEM_ACTOR });
  assert.equal(cityFigures(), 0);
});

test("a commit by another connection (the import command's process) is seen by the next read", async () => {
  let computed = 0;
  const count = () => cachedOnDataVersion(db, "dv-test:count", () => ++computed);
  assert.equal(count(), 1);
  assert.equal(count(), 1);
  const other = openDatabase(c.name);
  const outcome = await importStatement(other, { batchCode: "HZ-DV-W1", source: [bill("2")], fileName: "dv2.csv", actor: SYSTEM_ACTOR });
  other.$client.close();
  assert.ok(outcome.ok);
  assert.equal(count(), 2);
  assert.equal(cityFigures(), 5_000);
});
