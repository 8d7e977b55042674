/**
 * @module server/passwords
 * Password hashing with argon2id (OWASP's recommended parameters for argon2id). The native
 * module is loaded with the first password hashed or checked, not at every server start.
 */

// Algorithm.Argon2id in @node-rs/argon2 (a const enum, which isolated modules cannot import).
const ARGON2ID = 2;

export const OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

const argon2 = () => import("@node-rs/argon2");

export const hashPassword = async (password: string) => (await argon2()).hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await (await argon2()).verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * What a password is verified against when the email is unknown, so timing does not reveal
 * accounts: an argon2id hash with the parameters above (a test keeps them equal) of a random
 * password that was thrown away. Checking against it costs what checking a real one does;
 * whether it matched is never asked, since an unknown email is refused either way. Written
 * here rather than made at each start, which cost every start a hash on the thread pool.
 */
export const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$qtXpisD8pB4zh+iq2qs8hA$BJx5jQQ+9AcJ5HviG32y4x4JDZvo41XxSxKHA+W9Wss";
