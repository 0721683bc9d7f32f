import "server-only";
// What the admin pages read about users; never the password hash.
import { getDb } from "@/db/client";
import { getUser, listUsers, withoutSecret, type PublicUser, type UserListRow } from "./service";

export function getUserList(): UserListRow[] {
  return listUsers(getDb());
}

export function getUserById(id: number): PublicUser | undefined {
  const user = getUser(getDb(), id);
  return user ? withoutSecret(user) : undefined;
}
