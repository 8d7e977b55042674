/**
 * @module server/passwords
 * Password hashing with argon2id (OWASP's recommended parameters for argon2id).
 */
import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id in @node-rs/argon2 (a const enum, which isolated modules cannot import).
const ARGON2ID = 2;

const OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random password, verified against when the email is unknown, so timing does not
 * reveal accounts. Made on the thread pool while the server starts, not before it may start.
 */
export const DUMMY_HASH: Promise<string> = hashPassword(`unused-${Math.random()}`);
