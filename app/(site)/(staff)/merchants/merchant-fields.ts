// The merchant details form's fields, shared by the register and edit pages.
import { VOUCHER_CHANNELS } from "@/db/schema";
import type { FieldOption as Option, FormField } from "@/app/_components/action-form";

type T = (key: string) => string;

export function merchantFields(
  t: T,
  channelLabel: (channel: string) => string,
  options: { sectors: Option[]; areas: Option[] },
  values: { name?: string; sectorId?: number | null; areaId?: number | null } = {},
): FormField[] {
  return [
    { name: "name", label: t("name"), required: true, defaultValue: values.name ?? "" },
    { name: "sectorId", label: t("sector"), type: "select", required: true, defaultValue: values.sectorId ? String(values.sectorId) : "", options: [{ value: "", label: t("choose") }, ...options.sectors] },
    { name: "areaId", label: t("area"), type: "select", required: true, defaultValue: values.areaId ? String(values.areaId) : "", options: [{ value: "", label: t("choose") }, ...options.areas] },
    { name: "channel", label: t("channel"), row: "channel", type: "select", defaultValue: "", options: [{ value: "", label: "—" }, ...VOUCHER_CHANNELS.map((c) => ({ value: c, label: channelLabel(c) }))] },
    { name: "channelMerchantId", label: t("channelMerchantId"), row: "channel", defaultValue: "", autoComplete: "off" },
  ];
}
