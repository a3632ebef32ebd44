/**
 * Turns a recording of the GraphQL requests a real client sent (`spacelift-emulator
 * --record-documents FILE`, one JSON line per request, and one per state upload) into a fixture of
 * `tests/fixtures/clients/`, which `tests/emulator/client-documents.spec.ts` validates against the
 * schema and replays against the emulator.
 *
 * Usage:
 *
 *     npx ts-node scripts/client-documents.ts RECORDING.jsonl CLIENT VERSION REPOSITORY LICENCE [OUT]
 *
 * OUT defaults to `tests/fixtures/clients/<CLIENT>-<first word of VERSION>.json`. A `leftOut` list
 * already in OUT is kept. Run `npx prettier --write OUT` afterwards.
 *
 * Steps: the recording script appends a line `# step: <label>` to the recording before each client
 * command (the emulator appends synchronously, so the marker lands between that command's requests
 * and the previous ones); every request after a marker is labelled with it. Requests after a line
 * `# skip` (until the next step marker) are the recording script's own, e.g. fetching a token to
 * hand the client, and are left out.
 *
 * State uploads: a line `{ stateUpload: objectId, status }` (the emulator's record of a `PUT` to a
 * `stateUploadUrl`, without the state) becomes an entry `{ step, stateUpload }` in order with the
 * requests, plus `status` when it was not 200; the replay PUTs a small fake state there.
 *
 * Redaction: the seeded API key's secret (`tests/fixtures/clients/seed.json`) becomes
 * `<api-key-secret>` and every JWT-shaped string becomes `<token>`, wherever they appear. Other
 * write-only values a client sends must be fake in the first place.
 *
 * spacectl's fixture is re-recorded by `scripts/record-spacectl.sh`, which does all of this. By hand
 * (spacectl as the example; any client works the same way):
 *
 *     npm run build
 *     # ID:SECRET: seed.json's apiKey, which the replay logs in with
 *     node dist/emulator/cli.js --port 4000 --api-key ID:SECRET --record-documents /tmp/rec.jsonl &
 *     curl -s -XPOST -H 'content-type: application/json' \
 *       --data "$(node -p 'JSON.stringify(require("./tests/fixtures/clients/seed.json").seed)')" \
 *       http://127.0.0.1:4000/_emulator/seed
 *     echo '# step: spacectl stack list' >> /tmp/rec.jsonl; spacectl stack list
 *     ...
 *     npx ts-node scripts/client-documents.ts /tmp/rec.jsonl spacectl "490d0dd (2026-06-12)" \
 *       https://github.com/spacelift-io/spacectl "MIT, Copyright (c) 2021 Spacelift"
 *
 * This is a development tool; it is not part of the package.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** One recorded GraphQL request of a fixture. */
export interface ClientRequest {
  readonly step: string;
  readonly operationName: string | null;
  readonly query: string;
  readonly variables: unknown;
  readonly data: unknown;
  /** Errors the emulator answered when recording; a fixture with any fails its test until fixed. */
  readonly errors?: unknown;
  /** Why the client itself expects this request to fail; rare. */
  readonly expectError?: string;
}

/**
 * A state upload of a fixture: the client PUT a state to the URL `stateUploadUrl` answered (the
 * emulator's `/state-uploads/<objectId>`), between two of its GraphQL requests. The state itself
 * is not recorded: it may hold secrets.
 */
export interface ClientStateUpload {
  readonly step: string;
  /** The object id, as `stateUploadUrl` answered it when recording. */
  readonly stateUpload: string;
  /** The HTTP status answered when recording, when not 200; a fixture with one fails its test. */
  readonly status?: number;
}

/** One entry of a fixture, in the order the client sent them. */
export type ClientEntry = ClientRequest | ClientStateUpload;

/** Whether `entry` is a state upload rather than a GraphQL request. */
export function isStateUpload(entry: ClientEntry): entry is ClientStateUpload {
  return "stateUpload" in entry;
}

/** A fixture file of `tests/fixtures/clients/`. */
export interface ClientFixture {
  readonly client: string;
  readonly repository: string;
  readonly version: string;
  readonly licence: string;
  readonly recorded: string;
  /** GraphQL requests and state uploads, in order. */
  readonly requests: readonly ClientEntry[];
  /** Commands or documents of the client deliberately not recorded, each with a one-line reason. */
  readonly leftOut?: readonly string[];
}

const JWT = /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

/** Replaces the API key secret and JWTs in every string of `value`. */
export function redact(value: unknown, apiKeySecret: string): unknown {
  if (typeof value === "string") {
    return value === apiKeySecret
      ? "<api-key-secret>"
      : value.split(apiKeySecret).join("<api-key-secret>").replace(JWT, "<token>");
  }
  if (Array.isArray(value)) {
    return value.map((item) => redact(item, apiKeySecret));
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redact(item, apiKeySecret)]));
  }
  return value;
}

interface RecordedLine {
  readonly operationName: string | null;
  readonly query: string | null;
  readonly variables: unknown;
  readonly response: { readonly data: unknown; readonly errors?: unknown };
}

interface RecordedStateUpload {
  readonly stateUpload: string;
  readonly status: number;
}

function isIntrospection(data: unknown): boolean {
  return data !== null && typeof data === "object" && ("__schema" in data || "__type" in data);
}

/** Converts the text of a recording into the requests (and state uploads) of a fixture. */
export function convertRecording(text: string, apiKeySecret: string): ClientEntry[] {
  const requests: ClientEntry[] = [];
  let step: string | null = "(no step)";
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "") {
      continue;
    }
    const marker = /^#\s*step:\s*(.+)$/.exec(trimmed);
    if (marker) {
      step = marker[1].trim();
      continue;
    }
    if (/^#\s*skip\b/.test(trimmed)) {
      step = null;
      continue;
    }
    if (trimmed.startsWith("#")) {
      continue;
    }
    const parsed = JSON.parse(trimmed) as RecordedLine | RecordedStateUpload;
    if (step === null) {
      continue;
    }
    if ("stateUpload" in parsed) {
      requests.push({
        step,
        stateUpload: parsed.stateUpload,
        ...(parsed.status === 200 ? {} : { status: parsed.status }),
      });
      continue;
    }
    const recorded = parsed;
    if (recorded.query === null) {
      continue;
    }
    const request: ClientRequest = {
      step,
      operationName: recorded.operationName,
      query: recorded.query,
      variables: redact(recorded.variables ?? {}, apiKeySecret),
      // Introspection answers are large, change with every schema change and hold no ids to map.
      data: isIntrospection(recorded.response.data) ? null : redact(recorded.response.data, apiKeySecret),
      ...(recorded.response.errors ? { errors: redact(recorded.response.errors, apiKeySecret) } : {}),
    };
    requests.push(request);
  }
  return requests;
}

function main(argv: readonly string[]): void {
  const [recording, client, version, repository, licence, out] = argv;
  if (!recording || !client || !version || !repository || !licence) {
    process.stderr.write(
      "usage: ts-node scripts/client-documents.ts RECORDING.jsonl CLIENT VERSION REPOSITORY LICENCE [OUT]\n",
    );
    process.exit(2);
  }
  const fixtures = join(__dirname, "..", "tests", "fixtures", "clients");
  const seed = JSON.parse(readFileSync(join(fixtures, "seed.json"), "utf8")) as {
    apiKey: { secret: string };
  };
  const target = out ?? join(fixtures, `${client}-${version.split(/\s+/)[0]}.json`);
  const previous = existsSync(target)
    ? (JSON.parse(readFileSync(target, "utf8")) as Partial<ClientFixture>)
    : {};
  const fixture: ClientFixture = {
    client,
    repository,
    version,
    licence,
    recorded:
      "how: the client built unchanged from its public source and run against spacelift-emulator " +
      "--record-documents; documents and variables as sent; responses kept for id mapping",
    requests: convertRecording(readFileSync(recording, "utf8"), seed.apiKey.secret),
    ...(previous.leftOut ? { leftOut: previous.leftOut } : {}),
  };
  writeFileSync(target, JSON.stringify(fixture, null, 2) + "\n");
  const failed = fixture.requests.filter((r) =>
    isStateUpload(r) ? r.status !== undefined : r.errors !== undefined,
  ).length;
  process.stdout.write(
    `${target}: ${fixture.requests.length} requests` + (failed ? `, ${failed} answered with errors\n` : "\n"),
  );
}

if (require.main === module) {
  main(process.argv.slice(2));
}
