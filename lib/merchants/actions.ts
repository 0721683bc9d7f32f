"use server";
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/auth/guard";
import { merchantStatusSchema } from "./schema";
import { setMerchantStatus } from "./service";

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
