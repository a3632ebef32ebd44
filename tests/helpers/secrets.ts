import assert from "node:assert/strict";

/** One place where a secret (or something that looks like a credential) was found. */
export interface SecretFinding {
  /** Where it was found: a property path such as `$.outputs.__provider` or `$.stderr`. */
  readonly path: string;
  /** Which secret matched, masked so that a failing assertion does not print it in full. */
  readonly secret: string;
}

/** Options for {@link findSecrets} and {@link assertNoSecrets}. */
export interface SecretScanOptions {
  /**
   * Also report any JWT-shaped string (three base64url segments whose first two decode to JSON
   * objects), even when it is not one of the listed secrets. Defaults to `true`: tokens minted at
   * run time are never known to the test in advance.
   */
  readonly jwts?: boolean;
  /** Name used for the root of reported paths. Defaults to `$`. */
  readonly label?: string;
}

// A secret this short would match ordinary text and turn the scan into noise.
const MIN_SECRET_LENGTH = 6;

const JWT_PATTERN = /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

/**
 * Scans `subject` (any string, Buffer, Error, array, Map, Set or plain object, nested to any depth)
 * for each of `secrets` and, unless disabled, for JWT-shaped strings. Both property values and
 * property names are scanned. Returns every finding; an empty array means the subject is clean.
 */
export function findSecrets(
  subject: unknown,
  secrets: readonly string[],
  options: SecretScanOptions = {},
): SecretFinding[] {
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new Error(`secret ${mask(secret)} is too short to scan for reliably`);
    }
  }
  const findings: SecretFinding[] = [];
  const seen = new Set<object>();
  const scanText = (text: string, path: string): void => {
    for (const secret of secrets) {
      if (text.includes(secret)) {
        findings.push({ path, secret: mask(secret) });
      }
    }
    if (options.jwts ?? true) {
      for (const match of text.matchAll(JWT_PATTERN)) {
        if (looksLikeJwt(match[0]) && !secrets.some((s) => match[0].includes(s))) {
          findings.push({ path, secret: `JWT ${mask(match[0])}` });
        }
      }
    }
  };
  const visit = (value: unknown, path: string): void => {
    if (typeof value === "string") {
      scanText(value, path);
      return;
    }
    if (typeof value !== "object" || value === null) {
      if (typeof value === "function") {
        scanText(value.toString(), `${path}<function>`);
      }
      return;
    }
    if (seen.has(value)) {
      return;
    }
    seen.add(value);
    if (Buffer.isBuffer(value)) {
      scanText(value.toString("utf8"), path);
      return;
    }
    if (value instanceof Error) {
      scanText(value.message, `${path}.message`);
      scanText(value.stack ?? "", `${path}.stack`);
    }
    if (value instanceof Map) {
      for (const [key, entry] of value) {
        visit(key, `${path}<key>`);
        visit(entry, `${path}[${String(key)}]`);
      }
      return;
    }
    if (value instanceof Set || Array.isArray(value)) {
      let index = 0;
      for (const entry of value) {
        visit(entry, `${path}[${index++}]`);
      }
      return;
    }
    for (const key of Object.keys(value)) {
      scanText(key, `${path}<key ${JSON.stringify(key)}>`);
      visit((value as Record<string, unknown>)[key], `${path}.${key}`);
    }
  };
  visit(subject, options.label ?? "$");
  return findings;
}

/**
 * Fails, listing every location, when `subject` contains any of `secrets` or (unless disabled) a
 * JWT-shaped string. Use it on serialized provider text, resource outputs, error messages and
 * captured process output alike.
 */
export function assertNoSecrets(
  subject: unknown,
  secrets: readonly string[],
  options: SecretScanOptions = {},
): void {
  const findings = findSecrets(subject, secrets, options);
  if (findings.length > 0) {
    const lines = findings.map((f) => `  ${f.secret} at ${f.path}`);
    assert.fail(`found ${findings.length} secret(s):\n${lines.join("\n")}`);
  }
}

/**
 * Fails unless `subject` contains `secret`. Pairs with {@link assertNoSecrets} to prove that a
 * scan was looking at the data that should (or should not) carry the value.
 */
export function assertContainsSecret(subject: unknown, secret: string, label = "$"): void {
  const found = findSecrets(subject, [secret], { jwts: false, label });
  assert.ok(found.length > 0, `expected ${mask(secret)} somewhere in ${label}`);
}

function looksLikeJwt(candidate: string): boolean {
  const [header, payload] = candidate.split(".");
  return decodesToObject(header) && decodesToObject(payload);
}

function decodesToObject(segment: string | undefined): boolean {
  if (segment === undefined) {
    return false;
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof parsed === "object" && parsed !== null;
  } catch {
    return false;
  }
}

function mask(secret: string): string {
  return `${secret.slice(0, 3)}…(${secret.length} chars)`;
}
