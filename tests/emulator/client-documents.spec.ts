import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Kind, buildSchema, execute, parse, validate, type DocumentNode, type GraphQLSchema } from "graphql";
import {
  isStateUpload,
  type ClientEntry,
  type ClientFixture,
  type ClientRequest,
} from "../../scripts/client-documents";
import {
  CredentialRegistry,
  type ApiKeyCredential,
  type GitHubTokenCredential,
} from "../../emulator/credentials";
import { stripEmptyArgumentLists } from "../../emulator/emptyArguments";
import type { RequestContext } from "../../emulator/requestContext";
import { buildEmulatorSchema, loadTypeDefs } from "../../emulator/schema";
import { setStackDeletionDelayMs } from "../../emulator/resolvers/settings";
import { handleStateUpload, STATE_UPLOAD_PREFIX } from "../../emulator/resolvers/stateUploads";
import { seed, type SeedInput } from "../../emulator/seed";
import { Store } from "../../emulator/store";
import { TokenService } from "../../emulator/tokens";

/**
 * The documents real Spacelift clients send (recorded into `tests/fixtures/clients/` with
 * `scripts/client-documents.ts`): each must validate against `emulator/schema.graphql`, and the
 * requests of a fixture, replayed in order against a fresh emulator seeded from
 * `tests/fixtures/clients/seed.json`, must each execute without a GraphQL error. A state upload
 * the client made between two requests (a `PUT` to a `stateUploadUrl`, recorded without the state)
 * is replayed with a small fake state through the emulator's own upload handler.
 *
 * Ids the emulator generates (ULIDs, and the UUID object ids of state uploads) differ between
 * recording and replay; they are mapped by walking each recorded answer alongside the replayed one,
 * and substituted into later variables and uploads.
 */

const FIXTURES = join(__dirname, "..", "fixtures", "clients");
const BASE_URL = "http://127.0.0.1:1";

interface SeedFile {
  readonly apiKey: ApiKeyCredential;
  readonly githubTokens: readonly GitHubTokenCredential[];
  readonly seed: SeedInput;
}

const seedFile = JSON.parse(readFileSync(join(FIXTURES, "seed.json"), "utf8")) as SeedFile;
const fixtureFiles = readdirSync(FIXTURES)
  .filter((name) => name.endsWith(".json") && name !== "seed.json")
  .sort();

// A ULID (Crockford base32, 26 characters) or a UUID (state upload object ids), alone or inside a
// composite id or a URL.
const GENERATED = /[0-9A-HJKMNP-TV-Z]{26}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** What the replay uploads where the client uploaded its state: a fake, as the recorded one was. */
const FAKE_STATE = JSON.stringify({ version: 4, serial: 1, lineage: "client-documents", resources: [] });

/**
 * Records recorded→replayed for every generated id (one holding a ULID or UUID) that differs at the same
 * place of two answers. Other differences (a setting the seed changed since the recording) are
 * not ids, and mapping them would rewrite unrelated variables.
 */
export function mapGeneratedValues(recorded: unknown, replayed: unknown, ids: Map<string, string>): void {
  if (typeof recorded === "string" && typeof replayed === "string") {
    if (recorded !== replayed && GENERATED.test(recorded) && GENERATED.test(replayed)) {
      ids.set(recorded, replayed);
    }
    return;
  }
  if (Array.isArray(recorded) && Array.isArray(replayed)) {
    recorded.forEach((item, i) => mapGeneratedValues(item, replayed[i], ids));
    return;
  }
  if (isObject(recorded) && isObject(replayed)) {
    for (const [key, value] of Object.entries(recorded)) {
      mapGeneratedValues(value, replayed[key], ids);
    }
  }
}

/** `value` with every string found in `ids` replaced. */
export function substitute(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") {
    return ids.get(value) ?? value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => substitute(item, ids));
  }
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, ids)]));
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The document as the emulator parses it; fails when it does not parse or validate. */
function checkedDocument(sdlSchema: GraphQLSchema, query: string): DocumentNode {
  let document: DocumentNode;
  try {
    document = parse(stripEmptyArgumentLists(query));
  } catch (err) {
    assert.fail(`the document does not parse: ${(err as Error).message}`);
  }
  assert.deepEqual(
    validate(sdlSchema, document).map((e) => e.message),
    [],
    "the document does not validate against emulator/schema.graphql",
  );
  return document;
}

function requestContext(store: Store, now: number): RequestContext {
  const key = seedFile.apiKey;
  return {
    viewer: { id: key.id, name: key.name ?? key.id, credential: key.id },
    store,
    now: () => now,
    baseUrl: BASE_URL,
    tokens: new TokenService({ audience: BASE_URL, ttlSeconds: 3600, now: () => now }),
    credentials: new CredentialRegistry([key], seedFile.githubTokens),
    tokenId: "client-documents-token",
  };
}

/**
 * Replays one entry of a fixture against `store`, mapping ids through `ids` (and recording new
 * ones); fails as the entry's test should.
 */
async function replay(
  sdlSchema: GraphQLSchema,
  schema: GraphQLSchema,
  store: Store,
  now: number,
  entry: ClientEntry,
  ids: Map<string, string>,
): Promise<void> {
  if (isStateUpload(entry)) {
    if (entry.status !== undefined) {
      assert.fail(
        `the upload was answered HTTP ${entry.status} when recorded: fix the emulator and re-record`,
      );
    }
    const objectId = substitute(entry.stateUpload, ids) as string;
    const reply = handleStateUpload(store, {
      method: "PUT",
      path: `${STATE_UPLOAD_PREFIX}${objectId}`,
      headers: { "content-type": "application/octet-stream" },
      body: FAKE_STATE,
    });
    assert.equal(reply.status, 200, `the upload to ${objectId} failed: ${reply.body}`);
    return;
  }
  const request = entry;
  if (request.errors !== undefined && !request.expectError) {
    assert.fail(
      `answered with errors when recorded, so the client failed: fix the emulator and ` +
        `re-record (${JSON.stringify(request.errors)})`,
    );
  }
  const document = checkedDocument(sdlSchema, request.query);
  const variableValues = substitute(request.variables ?? {}, ids) as Record<string, unknown>;
  const result = await execute({
    schema,
    document,
    operationName: request.operationName ?? undefined,
    variableValues,
    contextValue: requestContext(store, now),
  });
  const errors = result.errors?.map((e) => e.message) ?? [];
  if (request.expectError) {
    assert.ok(errors.length > 0, `expected an error (${request.expectError}), got none`);
  } else {
    assert.deepEqual(errors, [], `failed with variables ${JSON.stringify(variableValues)}`);
  }
  mapGeneratedValues(request.data, result.data, ids);
}

/** Names an entry by its step and its operation name, or its root fields when it has none. */
function title(fixture: ClientFixture, entry: ClientEntry, index: number): string {
  if (isStateUpload(entry)) {
    return `${fixture.client}: ${entry.step}: #${index + 1} PUT state upload`;
  }
  const request: ClientRequest = entry;
  let operation = request.operationName;
  if (!operation) {
    try {
      const definition = parse(stripEmptyArgumentLists(request.query)).definitions[0];
      operation =
        definition.kind === Kind.OPERATION_DEFINITION
          ? `${definition.operation} ${definition.selectionSet.selections
              .map((s) => (s.kind === Kind.FIELD ? s.name.value : "..."))
              .join(", ")}`
          : "(no operation)";
    } catch {
      operation = "(unparsable)";
    }
  }
  return `${fixture.client}: ${request.step}: #${index + 1} ${operation}`;
}

describe("client documents: what real Spacelift clients send, against the emulator", () => {
  let sdlSchema: GraphQLSchema;
  let schema: GraphQLSchema;

  before(() => {
    sdlSchema = buildSchema(loadTypeDefs());
    schema = buildEmulatorSchema();
  });

  it("has fixtures to check", () => {
    assert.ok(fixtureFiles.length > 0, `no fixtures in ${FIXTURES}`);
  });

  it("accepts Spacelift's empty argument lists but not a field the schema lacks", () => {
    checkedDocument(sdlSchema, "{spaces(){id}}");
    assert.throws(() => checkedDocument(sdlSchema, "{spaces(){id,noSuchField}}"), /does not validate/);
  });

  it("maps generated ids (ULIDs, UUIDs) from recording to replay, and no other differing string", () => {
    const ids = new Map<string, string>();
    mapGeneratedValues(
      {
        ulid: "01HZX3K8Q5W7YB2C4D6E8F0G1H",
        uuid: "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b",
        setting: "1.5.6",
        same: "01HZX3K8Q5W7YB2C4D6E8F0G9K",
      },
      {
        ulid: "01HZX3K8Q5W7YB2C4D6E8F0G2J",
        uuid: "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918",
        setting: "1.5.7",
        same: "01HZX3K8Q5W7YB2C4D6E8F0G9K",
      },
      ids,
    );
    assert.deepEqual(
      [...ids],
      [
        ["01HZX3K8Q5W7YB2C4D6E8F0G1H", "01HZX3K8Q5W7YB2C4D6E8F0G2J"],
        ["3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b", "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918"],
      ],
    );
  });

  it("replays a state upload between stateUploadUrl and stackCreate, and a create without it fails", async () => {
    // As Spacelift's Terraform provider sends them for import_state; recorded ids are mapped.
    const recordedId = "00000000-0000-4000-8000-000000000000";
    const entries: ClientEntry[] = [
      {
        step: "import_state",
        operationName: "StateUploadUrl",
        query: "mutation StateUploadUrl{stateUploadUrl{objectId,url}}",
        variables: {},
        data: {
          stateUploadUrl: { objectId: recordedId, url: `http://127.0.0.1:4100/state-uploads/${recordedId}` },
        },
      },
      { step: "import_state", stateUpload: recordedId },
      {
        step: "import_state",
        operationName: null,
        query:
          "mutation($input:StackInput!$manageState:Boolean!$stackObjectID:String){stackCreate(input: $input, manageState: $manageState, stackObjectID: $stackObjectID){id}}",
        variables: {
          input: {
            name: "imported",
            repository: "infra",
            branch: "main",
            administrative: false,
            autodeploy: false,
          },
          manageState: true,
          stackObjectID: recordedId,
        },
        data: { stackCreate: { id: "imported" } },
      },
    ];
    const run = async (fixture: readonly ClientEntry[]): Promise<void> => {
      const store = new Store();
      seed(store, seedFile.seed, 0);
      const ids = new Map<string, string>();
      for (const entry of fixture) {
        await replay(sdlSchema, schema, store, 0, entry, ids);
      }
    };
    await run(entries);
    await assert.rejects(
      run(entries.filter((entry) => !isStateUpload(entry))),
      /no uploaded state object [0-9a-f-]{36}/,
    );
  });

  for (const file of fixtureFiles) {
    const fixture = JSON.parse(readFileSync(join(FIXTURES, file), "utf8")) as ClientFixture;

    describe(file, () => {
      const now = Date.UTC(2026, 5, 12, 12);
      const ids = new Map<string, string>([["<api-key-secret>", seedFile.apiKey.secret]]);
      let store: Store;

      before(() => {
        store = new Store();
        seed(store, seedFile.seed, now);
        // The replay's clock stands still, so a deleted stack would stay "deleting" and keep its
        // space occupied for ever; clients that wait for the deletion (Spacelift's Terraform
        // provider polls `deleting`) are recorded with --stack-deletion-delay 0 to match.
        setStackDeletionDelayMs(store, 0);
      });

      it("names its client, version, source and licence", () => {
        for (const field of ["client", "repository", "version", "licence", "recorded"] as const) {
          assert.ok(fixture[field], `${file}: ${field} is missing`);
        }
        assert.ok(fixture.requests.length > 0, `${file}: no requests`);
      });

      fixture.requests.forEach((entry, index) => {
        it(title(fixture, entry, index), async () => {
          await replay(sdlSchema, schema, store, now, entry, ids);
        });
      });
    });
  }
});
