// What an action's targets can measure, the unit each is counted in, and whether it is money.
import type { TargetMeasure } from "@/db/schema";

export interface MeasureInfo {
  /** Money measures are kept in fen and entered in yuan. */
  money: boolean;
  unitZh: string;
  unitEn: string;
}

export const MEASURES: Record<TargetMeasure, MeasureInfo> = {
  packages: { money: false, unitZh: "个", unitEn: "packages" },
  events: { money: false, unitZh: "场", unitEn: "events" },
  largeEvents: { money: false, unitZh: "场", unitEn: "events" },
  eventSalesFen: { money: true, unitZh: "元", unitEn: "yuan" },
  eventFootfall: { money: false, unitZh: "人次", unitEn: "visits" },
  carriers: { money: false, unitZh: "个", unitEn: "carriers" },
  carrierSalesFen: { money: true, unitZh: "元", unitEn: "yuan" },
  voucherSubsidyFen: { money: true, unitZh: "元", unitEn: "yuan" },
  stimulatedSpendingFen: { money: true, unitZh: "元", unitEn: "yuan" },
  merchants: { money: false, unitZh: "家", unitEn: "merchants" },
};

/** The number of target rows an action form offers. */
export const TARGET_SLOTS = 6;
