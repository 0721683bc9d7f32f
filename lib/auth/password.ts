import bcrypt from "bcryptjs";

const COST = 10;
// Compared against when the user is unknown, so both answers take the same time.
const DUMMY_HASH = bcrypt.hashSync("huimin-dummy-password", COST);

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export async function verifyPassword(plain: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(plain, hash ?? DUMMY_HASH);
  return ok && hash != null;
}
