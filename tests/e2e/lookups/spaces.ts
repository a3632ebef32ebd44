import { strict as assert } from "node:assert";
import { createHash, randomBytes } from "node:crypto";
import type { LookupDomain } from "./domain";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

// The write-only variable's value: set as secret stack config, never to be seen in the state.
const deployToken = `dt-${randomBytes(12).toString("hex")}`;

/** Spaces, contexts, their variables and files, the account and the IPs (`examples/lookups/spaces.ts`). */
export const spaces: LookupDomain = {
  output: "spaceLookups",
  async prepare(emulator, prefix) {
    // The stack the program "runs as": a run token of it is what getCurrentSpace needs.
    await emulator.controls.seed({
      spaces: [
        { id: `${prefix}-runner`, name: `${prefix}-runner`, inheritEntities: true },
        { id: `${prefix}-review`, name: "review", parentSpace: `${prefix}-runner`, inheritEntities: true },
      ],
      stacks: [{ name: `${prefix}-runner`, slug: `${prefix}-runner`, space: `${prefix}-runner` }],
    });
    const { jwt } = await emulator.mintRunToken(`${prefix}-runner`);
    return {
      spacesRunToken: { value: jwt, secret: true },
      spacesDeployToken: { value: deployToken, secret: true },
    };
  },
  check(found, _emulator, prefix) {
    const space = found.space as Record<string, unknown>;
    assert.equal(space.name, `${prefix}-app`);
    const byPath = found.spaceByPath as Record<string, unknown>;
    assert.equal(byPath.id, space.id, "the path root/<team>/<app> leads to the app space");
    assert.equal(byPath.parentSpaceId, space.parentSpaceId);
    assert.deepEqual(byPath.labels, []);
    assert.deepEqual(
      [...(found.ourSpaces as string[])].sort(),
      [space.id, space.parentSpaceId, `${prefix}-runner`].sort(),
      "getSpaces lists the team and app spaces and the seeded one",
    );

    const context = found.context as Record<string, unknown>;
    assert.equal(context.name, `${prefix}-shared`);
    assert.deepEqual(context.labels, ["env:prod", `${prefix}-lookups`].sort());
    assert.equal(context.spaceId, space.parentSpaceId);
    assert.deepEqual(context.beforeInits, ["terraform fmt -check"]);
    assert.deepEqual(found.labelledContexts, [context.id], "only our context has our label");

    const attachment = found.attachment as Record<string, unknown>;
    assert.equal(attachment.priority, 2);
    assert.equal(
      attachment.id,
      attachment.resourceAttachmentId,
      "the look-up finds the attachment the resource made",
    );

    const region = found.region as Record<string, unknown>;
    assert.equal(region.id, `context/${String(context.id)}/AWS_REGION`);
    assert.equal(region.value, "eu-west-1");
    assert.equal(region.checksum, sha256("eu-west-1"));
    assert.deepEqual(found.deployToken, { value: "", writeOnly: true, checksum: sha256(deployToken) });
    const tagsFile = found.tagsFile as Record<string, unknown>;
    assert.equal(tagsFile.writeOnly, false);
    assert.deepEqual(JSON.parse(Buffer.from(String(tagsFile.content), "base64").toString("utf8")), {
      tags: { team: prefix },
    });

    const ids = found.accessIds as Record<string, unknown>;
    assert.deepEqual(found.user, {
      id: ids.ada,
      invitationEmail: `${prefix}-ada@example.com`,
      policies: [{ spaceId: space.parentSpaceId, role: "WRITE" }],
    });
    assert.deepEqual(found.group, { id: ids.sre, policies: [{ spaceId: space.id, role: "ADMIN" }] });

    assert.deepEqual(found.account, { name: "emulator", tier: "ENTERPRISE", awsAccountId: "000000000000" });
    assert.deepEqual(found.ips, ["192.0.2.10", "192.0.2.11", "198.51.100.20", "198.51.100.21"]);

    assert.equal(found.currentSpace, `${prefix}-runner`, "the run token's stack lives in the runner space");
    assert.equal(found.reviewSpace, `${prefix}-review`, "review is found below the current space");
  },
  secrets() {
    return [deployToken];
  },
};
