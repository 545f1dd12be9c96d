// Slows password guessing: after FAILURES_ALLOWED wrong tries for one agent from one address, that
// pair is refused for the rest of the window. In memory: it protects one process, which is enough
// for a guessing rate that argon2 already caps at a few dozen tries a second.
export const SIGN_IN_THROTTLE = { failuresAllowed: 5, windowMs: 10 * 60_000, maxKeys: 10_000 };

export class SignInThrottle {
  readonly #failures = new Map<string, { count: number; since: number }>();

  blocked(key: string, now: number): boolean {
    const entry = this.#failures.get(key);
    if (!entry) return false;
    if (now - entry.since > SIGN_IN_THROTTLE.windowMs) {
      this.#failures.delete(key);
      return false;
    }
    return entry.count >= SIGN_IN_THROTTLE.failuresAllowed;
  }

  failed(key: string, now: number): void {
    const entry = this.#failures.get(key);
    if (entry && now - entry.since <= SIGN_IN_THROTTLE.windowMs) entry.count += 1;
    else {
      // Bounded: a flood of made-up names cannot grow the map without limit.
      if (this.#failures.size >= SIGN_IN_THROTTLE.maxKeys) this.#failures.delete(this.#failures.keys().next().value!);
      this.#failures.set(key, { count: 1, since: now });
    }
  }

  succeeded(key: string): void {
    this.#failures.delete(key);
  }
}
