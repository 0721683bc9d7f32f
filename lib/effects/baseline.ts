// Baseline sales uploads: a canonical CSV file read whole, its rows saved with the upload in
// one write transaction and audited, or every problem returned and nothing written. The same
// content uploaded again (by its sha256) adds nothing. No "server-only": the demo seed uploads
// its comparison group through here too.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { writeTransaction, type Db } from "@/db/client";
import { areas, baselineUploads, sectors, type BaselineUpload } from "@/db/schema";
import { appendAudit, type AuditActor } from "@/lib/audit/log";
import { areaSubtree, type ScopedUser } from "@/lib/auth/scope";
import { AppError } from "@/lib/errors";
import { baselineHeader, parseBaselineCsv, type BaselineProblem } from "./baseline-csv";

export interface BaselineUploadRequest {
  /** The file's text, decoded (UTF-8 or GBK, a BOM dropped). */
  text: string;
  fileName: string;
  fileBytes: number;
  user: ScopedUser;
  actor: AuditActor;
  ip?: string | null;
}

export type BaselineUploadOutcome =
  | { ok: true; uploadId: number; rows: number; alreadyUploaded: boolean }
  | { ok: false; problems: BaselineProblem[] };

/** Staff and managers upload baseline files for their area and the areas below it. */
export const BASELINE_UPLOAD_ROLES = ["staff", "manager"] as const;

/** The content's hash: the decoded text, so the same figures saved as UTF-8 or GBK are one upload. */
export const baselineSha256 = (text: string) => createHash("sha256").update(text.replace(/^\uFEFF/, ""), "utf8").digest("hex");

export function uploadBaseline(db: Db, request: BaselineUploadRequest): BaselineUploadOutcome {
  if (!(BASELINE_UPLOAD_ROLES as readonly string[]).includes(request.user.role)) throw new AppError("FORBIDDEN", "FORBIDDEN");
  const sha = baselineSha256(request.text);
  const parsed = parseBaselineCsv(request.text, {
    areas: db.select({ id: areas.id, code: areas.code, nameZh: areas.nameZh, nameEn: areas.nameEn }).from(areas).all(),
    sectors: db.select({ id: sectors.id, code: sectors.code, nameZh: sectors.nameZh, nameEn: sectors.nameEn }).from(sectors).all(),
    allowedAreaIds: new Set(areaSubtree(db, request.user.areaId)),
  });
  if (!parsed.ok) return parsed;

  return writeTransaction((tx) => {
    const existing = tx
      .select({ id: baselineUploads.id, rows: baselineUploads.rows })
      .from(baselineUploads)
      .where(and(eq(baselineUploads.fileSha256, sha), eq(baselineUploads.status, "active")))
      .get();
    if (existing) {
      appendAudit(tx, { actor: request.actor, action: "baseline.upload", entity: "baseline_upload", entityId: existing.id, outcome: "success", detail: "already uploaded", after: { file: request.fileName, sha256: sha }, ip: request.ip ?? null });
      return { ok: true as const, uploadId: existing.id, rows: existing.rows, alreadyUploaded: true };
    }
    const upload = tx
      .insert(baselineUploads)
      .values({ fileName: request.fileName, fileSha256: sha, fileBytes: request.fileBytes, rows: parsed.rows.length, areaId: request.user.areaId, uploadedBy: request.user.id, uploadedByName: request.actor.name })
      .returning()
      .get();
    // Prepared statement rather than the query builder: a year of daily sales is tens of thousands of rows.
    const insert = db.$client.prepare(
      `insert into baseline_sales (upload_id, line, merchant, area_id, sector_id, granularity, period, sales_fen, group_label) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of parsed.rows) insert.run(upload.id, r.line, r.merchant, r.areaId, r.sectorId, r.granularity, r.period, r.salesFen, r.groupLabel);
    const salesFen = parsed.rows.reduce((sum, r) => sum + r.salesFen, 0);
    appendAudit(tx, { actor: request.actor, action: "baseline.upload", entity: "baseline_upload", entityId: upload.id, outcome: "success", after: { file: request.fileName, sha256: sha, rows: parsed.rows.length, salesFen }, ip: request.ip ?? null });
    return { ok: true as const, uploadId: upload.id, rows: parsed.rows.length, alreadyUploaded: false };
  }, db);
}

/** Voids an upload: its rows no longer count. Managers of the upload's area (or above) only. */
export function voidBaselineUpload(db: Db, { uploadId, user, actor, ip }: { uploadId: number; user: ScopedUser; actor: AuditActor; ip?: string | null }): BaselineUpload {
  return writeTransaction((tx) => {
    const upload = tx.select().from(baselineUploads).where(eq(baselineUploads.id, uploadId)).get();
    if (!upload) throw new AppError("NOT_FOUND", "NOT_FOUND");
    if (user.role !== "manager" || !areaSubtree(tx, user.areaId).includes(upload.areaId)) throw new AppError("FORBIDDEN", "FORBIDDEN");
    if (upload.status !== "active") throw new AppError("CONFLICT", "CONFLICT");
    const after = tx.update(baselineUploads).set({ status: "voided", voidedBy: user.id, voidedAt: new Date() }).where(eq(baselineUploads.id, uploadId)).returning().get();
    appendAudit(tx, { actor, action: "baseline.void", entity: "baseline_upload", entityId: uploadId, before: { status: upload.status }, after: { status: after.status }, outcome: "success", ip: ip ?? null });
    return after;
  }, db);
}

/** The template: the header and two example lines (a merchant's day, an area's month). */
export function baselineTemplate(): string[][] {
  return [
    baselineHeader(),
    ["牡丹园酒家（东城店）", "371702", "餐饮", "2025-01-02", "3280.50", "未参与活动的餐饮商户"],
    ["", "曹县", "粮油食品类", "2025-02", "1250000.00", "曹县限上超市合计"],
  ];
}
