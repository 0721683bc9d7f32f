"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guardedAction } from "@/lib/auth/guard";
import { merchantDetailsSchema, merchantEditSchema, merchantStatusSchema } from "./schema";
import { createMerchant, setMerchantStatus, updateMerchantDetails } from "./service";

/**
 * Staff and managers change a merchant's status (active / suspended / blacklisted) and clear
 * its review flag, for merchants in their area (the service checks); audited as merchant.status.
 */
export const setMerchantStatusAction = guardedAction({
  name: "merchant.status",
  entity: "merchant",
  access: ["staff", "manager"],
  schema: merchantStatusSchema,
  run: ({ tx, user, input }) => {
    const { before, after } = setMerchantStatus(tx, user!, input.id, { status: input.status, reviewed: input.reviewed });
    return { entityId: input.id, before, after, message: "saved" };
  },
  after: (_change, input) => {
    revalidatePath("/merchants");
    revalidatePath(`/merchants/${input.id}`);
  },
});

/** Staff and managers register a merchant in their area; audited as merchant.create. */
export const createMerchantAction = guardedAction({
  name: "merchant.create",
  entity: "merchant",
  access: ["staff", "manager"],
  schema: merchantDetailsSchema,
  run: ({ tx, user, input }) => {
    const merchant = createMerchant(tx, user!, input);
    return { entityId: merchant.id, after: { ...merchant, channel: input.channel, channelMerchantId: input.channelMerchantId } };
  },
  after: (change) => {
    revalidatePath("/merchants");
    redirect(`/merchants/${change.entityId}?saved=created`);
  },
});

/** Name, sector and area corrected, a channel id added; the review flag cleared. Audited as merchant.update. */
export const updateMerchantAction = guardedAction({
  name: "merchant.update",
  entity: "merchant",
  access: ["staff", "manager"],
  schema: merchantEditSchema,
  run: ({ tx, user, input }) => {
    const { before, after } = updateMerchantDetails(tx, user!, input.id, input);
    return { entityId: input.id, before, after: { ...after, channel: input.channel, channelMerchantId: input.channelMerchantId }, message: "saved" };
  },
  after: (_change, input) => {
    revalidatePath("/merchants");
    revalidatePath(`/merchants/${input.id}`);
  },
});
