// Password hashes for local sign-in: argon2id (OWASP's first choice) with the library's defaults
// (19 MiB, 2 passes), stored in the PHC string format, which carries its own salt and parameters.

export const PASSWORD_LIMITS = { min: 10, max: 200 };

// The native library loads on first use: most starts never check a password.
const argon2 = () => import('@node-rs/argon2');

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password);
}

/** False for a wrong password or a malformed stored hash; never throws for either. */
export async function passwordMatches(stored: string, password: string): Promise<boolean> {
  try {
    return await (await argon2()).verify(stored, password);
  } catch {
    return false;
  }
}
