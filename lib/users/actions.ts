"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { guardedAction } from "@/lib/auth/guard";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { signOut } from "@/lib/auth/auth";
import { AppError, fieldError } from "@/lib/errors";
import {
  changeOwnPasswordSchema,
  createUserSchema,
  resetPasswordSchema,
  setDisabledSchema,
  updateUserSchema,
} from "./schema";
import { createUser, getUser, setDisabled, setPasswordHash, updateUser, withoutSecret } from "./service";
import { getDb } from "@/db/client";

const ADMIN = ["admin"] as const;

export const createUserAction = guardedAction({
  name: "user.create",
  entity: "user",
  access: ADMIN,
  schema: createUserSchema,
  prepare: (input) => hashPassword(input.password),
  run: ({ tx, input, prepared }) => {
    const { password: _password, ...fields } = input;
    void _password;
    const user = createUser(tx, { ...fields, passwordHash: prepared });
    return { entityId: user.id, after: withoutSecret(user), data: { id: user.id } };
  },
  after: (change) => {
    revalidatePath("/admin/users");
    redirect(`/admin/users/${change.entityId}?saved=created`);
  },
});

export const updateUserAction = guardedAction({
  name: "user.update",
  entity: "user",
  access: ADMIN,
  schema: updateUserSchema,
  run: ({ tx, input, user }) => {
    if (input.id === user!.id && input.role !== "admin") throw fieldError("role", "cannotDemoteSelf");
    const { before, after } = updateUser(tx, input);
    return { entityId: input.id, before: withoutSecret(before), after: withoutSecret(after), message: "saved" };
  },
  after: () => revalidatePath("/admin/users"),
});

export const resetPasswordAction = guardedAction({
  name: "user.resetPassword",
  entity: "user",
  access: ADMIN,
  schema: resetPasswordSchema,
  prepare: (input) => hashPassword(input.password),
  run: ({ tx, input, prepared }) => {
    const { before, after } = setPasswordHash(tx, input.id, prepared);
    return {
      entityId: input.id,
      before: { sessionVersion: before.sessionVersion },
      after: { sessionVersion: after.sessionVersion, password: "changed" },
      message: "passwordReset",
    };
  },
});

export const setUserDisabledAction = guardedAction({
  name: "user.setDisabled",
  entity: "user",
  access: ADMIN,
  schema: setDisabledSchema,
  run: ({ tx, input, user }) => {
    if (input.id === user!.id) throw new AppError("FORBIDDEN", "cannotDisableSelf");
    const { before, after } = setDisabled(tx, input.id, input.disabled);
    return {
      entityId: input.id,
      before: { disabled: before.disabled, sessionVersion: before.sessionVersion },
      after: { disabled: after.disabled, sessionVersion: after.sessionVersion },
      message: input.disabled ? "userDisabled" : "userEnabled",
    };
  },
  after: () => revalidatePath("/admin/users"),
});

export const changeOwnPasswordAction = guardedAction({
  name: "user.changeOwnPassword",
  entity: "user",
  access: "signed-in",
  schema: changeOwnPasswordSchema,
  secretFields: ["currentPassword", "newPassword", "confirmPassword"],
  prepare: async (input, user) => {
    const current = getUser(getDb(), user!.id);
    if (!(await verifyPassword(input.currentPassword, current?.passwordHash))) {
      throw fieldError("currentPassword", "currentPasswordWrong");
    }
    return hashPassword(input.newPassword);
  },
  run: ({ tx, user, prepared }) => {
    const { before, after } = setPasswordHash(tx, user!.id, prepared);
    return {
      entityId: user!.id,
      before: { sessionVersion: before.sessionVersion },
      after: { sessionVersion: after.sessionVersion, password: "changed" },
    };
  },
  // Every session ends with the old password, this one too: sign in again with the new one.
  after: async () => {
    await signOut({ redirectTo: "/login?passwordChanged=1" });
  },
});
