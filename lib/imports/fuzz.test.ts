// Fuzzed statements through the real import path (importStatement, as the job process and
// `npm run import` run it): every mutant of a real-shaped file is either imported whole — rows
// read = inserted + duplicates + refunds + revoked + non-voucher, nothing rejected, the kept
// totals moved by exactly what it reports and equal to a recomputation — or refused with a
// reason the user is shown (naming the line and column where there is one) and not one row of
// any table changed. An exception that is not a refusal counts as a crash.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openDatabase } from "@/db/client";
import { verifyAuditChain } from "@/lib/audit/log";
import { AppError } from "@/lib/errors";
import en from "@/lib/i18n/messages/en.json";
import { seededTestDb } from "@/lib/testing/db";
import { changedTables, databaseFingerprint } from "@/lib/testing/fingerprint";
import { statementMutants } from "@/lib/testing/statement-mutants";
import { recordFaultFigures } from "@/lib/testing/suite-report";
import { approvedVoucherBatch } from "@/lib/testing/vouchers";
import { importStatement } from "./pipeline";
import { checkTotals } from "./totals";

const SEED = 20261128;
const MUTANTS = 300;
/** Every this many mutants are parsed in the worker thread, as the job process parses uploads. */
const IN_WORKER_EVERY = 6;
/** What an import may change; a refused one changes none of it. */
const IMPORT_TABLES = ["audit_log", "campaign_merchants", "data_version", "merchant_channel_ids", "merchants", "redemption_refunds", "redemption_totals", "redemptions", "sqlite_sequence", "statement_imports"];

const errors = en.errors as unknown as Record<string, string>;
const reasons = en.imports.reasons as Record<string, string>;

test(`@fault ${MUTANTS} fuzzed statements of every format are each imported whole or refused with a reason, and a refusal writes nothing`, async () => {
  const db = await seededTestDb();
  const batches = { wechat: "HZ-FUZZ-W1", alipay: "HZ-FUZZ-A1" } as const;
  const { campaignId } = approvedVoucherBatch(db, batches.wechat, "wechat");
  approvedVoucherBatch(db, batches.alipay, "alipay", db.$client.prepare(`select action_id from campaigns where id = ?`).pluck().get(campaignId) as number);
  const kept = (code: string) => db.$client.prepare(`select coalesce(sum(t.subsidy_fen), 0) s, coalesce(sum(t.gross_fen), 0) g from redemption_totals t join batches b on b.id = t.batch_id where b.code = ?`).get(code) as { s: number; g: number };

  const figures = { tried: 0, inWorker: 0, imported: 0, alreadyImported: 0, refused: 0, crashes: 0, halfWritten: 0, bytes: 0 };
  const refusedBy = new Map<string, number>();
  const crashes: string[] = [];
  let before = databaseFingerprint(db.$client);
  for (const mutant of statementMutants(SEED, MUTANTS)) {
    figures.tried++;
    if (figures.tried % IN_WORKER_EVERY === 0) figures.inWorker++;
    figures.bytes += mutant.bytes.length;
    const code = batches[mutant.sample.channel];
    const totalsBefore = kept(code);
    // Half the mutants say their format, half leave it to detection, as the upload form allows.
    const format = figures.tried % 2 ? mutant.sample.format : "auto";
    let refusal: string | null = null;
    let crashed = false;
    try {
      const outcome = await importStatement(db, { batchCode: code, source: [mutant.bytes], format, fileName: `${mutant.name}.csv`, actor: { id: null, name: "fuzz" }, parseInWorker: figures.tried % IN_WORKER_EVERY === 0 });
      if (!outcome.ok) {
        refusal = outcome.reason;
        // The job's poll shows imports.refused ("N problems: … nothing was changed") over the problems.
        assert.ok(["importRejected", "statementTotalsDisagree"].includes(outcome.reason), `${mutant.name}: refusal ${outcome.reason}`);
        assert.ok(outcome.problems.length > 0, `${mutant.name}: a refusal lists its problems`);
        for (const p of outcome.problems) {
          assert.ok(reasons[p.reason], `${mutant.name}: problem reason ${p.reason} has a message`);
          if (p.reason === "statementTotalsDisagree") assert.ok(p.value, `${mutant.name}: the disagreeing totals are named`);
          else assert.ok(p.line >= 1, `${mutant.name}: the problem names its line`);
        }
      } else if (outcome.alreadyImported) {
        figures.alreadyImported++;
      } else {
        const c = outcome.counts;
        assert.equal(c.rejected, 0, mutant.name);
        assert.equal(c.rowsRead, c.inserted + c.duplicates + c.refunds + c.revoked + c.nonVoucher + c.rejected, `${mutant.name}: rows read = inserted + duplicates + refunds + revoked + non-voucher + rejected`);
        const totalsAfter = kept(code);
        assert.deepEqual({ s: totalsAfter.s - totalsBefore.s, g: totalsAfter.g - totalsBefore.g }, { s: c.subsidyFen, g: c.grossFen }, `${mutant.name}: the kept totals moved by what the import reports`);
        assert.deepEqual(checkTotals(db), [], `${mutant.name}: kept totals = recomputation`);
        figures.imported++;
      }
    } catch (error) {
      if (error instanceof AppError) {
        refusal = error.messageKey;
        assert.ok(errors[error.messageKey], `${mutant.name}: refusal ${error.messageKey} has a message`);
      } else if (error instanceof assert.AssertionError) {
        throw error;
      } else {
        crashed = true;
        figures.crashes++;
        crashes.push(`${mutant.name}: ${(error as Error).stack ?? error}`);
      }
    }
    const after = databaseFingerprint(db.$client);
    const changed = changedTables(before, after);
    if (refusal !== null || crashed) {
      if (refusal !== null) {
        figures.refused++;
        refusedBy.set(refusal, (refusedBy.get(refusal) ?? 0) + 1);
      }
      if (changed.length) figures.halfWritten++;
      assert.deepEqual(changed, [], `${mutant.name}: refused (${refusal}) yet changed tables`);
    } else {
      assert.deepEqual(changed.filter((t) => !IMPORT_TABLES.includes(t)), [], `${mutant.name}: an import changes only its own tables`);
    }
    before = after;
  }
  assert.deepEqual(crashes, [], "no mutant made the import throw anything but a refusal");
  assert.equal(figures.tried, MUTANTS);
  assert.ok(figures.imported > 0 && figures.refused > 0, `both outcomes occur: ${JSON.stringify(figures)}`);
  assert.equal(db.$client.pragma("integrity_check", { simple: true }), "ok");
  assert.equal(verifyAuditChain(db).intact, true);
  // The import's staging tables went with each import: the temp schema is empty again.
  assert.deepEqual(db.$client.prepare(`select name from temp.sqlite_master`).all(), []);
  db.$client.close();
  assert.equal(openDatabase(db.$client.name).$client.pragma("quick_check", { simple: true }), "ok");
  recordFaultFigures("fuzzed statements, in process", {
    mutantsTried: figures.tried,
    parsedInWorker: figures.inWorker,
    imported: figures.imported,
    alreadyImported: figures.alreadyImported,
    refused: figures.refused,
    crashes: figures.crashes,
    halfWritten: figures.halfWritten,
    megabytes: Math.round(figures.bytes / 1024 / 1024),
    reasons: [...refusedBy].map(([k, v]) => `${k} ${v}`).join("; "),
  });
});
