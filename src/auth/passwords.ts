// Password hashes for local sign-in: argon2id (OWASP's first choice) with the library's defaults
// (19 MiB, 2 passes), stored in the PHC string format, which carries its own salt and parameters.
import { hash, verify } from '@node-rs/argon2';

export const PASSWORD_LIMITS = { min: 10, max: 200 };

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** False for a wrong password or a malformed stored hash; never throws for either. */
export async function passwordMatches(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
