/** Where a stack names a secret config key of its own (the platform's: receivers' `secret`, apps' `secretEnv`). */
export interface SecretUse {
  /** The secret key (without namespace). */
  key: string;
  /** The config path that names it, e.g. `apps[0].secretEnv.SECRET_KEY`. */
  namedBy: (string | number)[];
  /** What the secret is, for the set-it hint. */
  what: string;
}
