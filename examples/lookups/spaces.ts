import * as pulumi from "@pulumi/pulumi";
import * as spacelift from "pulumi-spacelift";

const config = new pulumi.Config();
const prefix = config.get("prefix") ?? "lookups";
const label = `${prefix}-lookups`;

// A team space with an application space below it, a context of shared settings for the team,
// and a stack of the application that uses them.
const team = new spacelift.Space("team", {
  name: `${prefix}-team`,
  description: "The team's stacks and shared settings.",
  inheritEntities: true,
  labels: [label],
});
const appSpace = new spacelift.Space("app", {
  name: `${prefix}-app`,
  parentSpaceId: team.id,
  inheritEntities: true,
});
const shared = new spacelift.Context("shared", {
  name: `${prefix}-shared`,
  spaceId: team.id,
  description: "Settings every stack of the team uses.",
  labels: [label, "env:prod"],
  beforeInits: ["terraform fmt -check"],
});
const region = new spacelift.EnvironmentVariable("region", {
  contextId: shared.id,
  name: "AWS_REGION",
  value: "eu-west-1",
  writeOnly: false,
});
const deployToken = new spacelift.EnvironmentVariable("deploy-token", {
  contextId: shared.id,
  name: "DEPLOY_TOKEN",
  value: config.requireSecret("spacesDeployToken"),
});
const tags = new spacelift.MountedFile("tags", {
  contextId: shared.id,
  relativePath: "tags.auto.tfvars.json",
  content: Buffer.from(JSON.stringify({ tags: { team: prefix } })).toString("base64"),
  writeOnly: false,
});
const app = new spacelift.Stack("space-app", {
  name: `${prefix}-space-app`,
  spaceId: appSpace.id,
  repository: "app-infrastructure",
  branch: "main",
});
const attachment = new spacelift.ContextAttachment("app-shared", {
  contextId: shared.id,
  stackId: app.id,
  priority: 2,
});
// Who may work there: an invited user, and the members of a group of the identity provider.
const ada = new spacelift.User("ada", {
  username: `${prefix}-ada`,
  invitationEmail: `${prefix}-ada@example.com`,
  policies: [{ spaceId: team.id, role: "WRITE" }],
});
const sre = new spacelift.IdpGroupMapping("sre", {
  name: `${prefix}-sre`,
  policies: [{ spaceId: appSpace.id, role: "ADMIN" }],
});

// Read them back. Arguments taken from a resource's outputs make a look-up wait for the resource.
const space = spacelift.getSpaceOutput({ spaceId: appSpace.id });
const context = spacelift.getContextOutput({ contextId: shared.id });
const contextAttachment = spacelift.getContextAttachmentOutput({
  contextId: attachment.contextId,
  stackId: app.id,
});
const regionVariable = spacelift.getEnvironmentVariableOutput({ contextId: shared.id, name: region.name });
// A write-only variable comes back with its checksum only.
const tokenVariable = spacelift.getEnvironmentVariableOutput({
  contextId: shared.id,
  name: deployToken.name,
});
const tagsFile = spacelift.getMountedfileOutput({ contextId: shared.id, relativePath: tags.relativePath });

// Look-ups whose arguments are known from the start run at once, even in a preview; `apply` makes
// them wait until our objects exist.
const spaces = appSpace.id.apply(() => spacelift.getSpaces());
const byPath = appSpace.id.apply(() =>
  spacelift.getSpaceByPath({ spacePath: `root/${prefix}-team/${prefix}-app` }),
);
const labelled = attachment.id.apply(() => spacelift.getContexts({ labels: [{ anyOfs: [label] }] }));
const user = ada.id.apply(() => spacelift.getUser({ username: `${prefix}-ada` }));
const group = sre.id.apply(() => spacelift.getIdpGroupMapping({ name: `${prefix}-sre` }));

// What the program cannot create: the account it talks to and the addresses Spacelift connects
// from, to allow-list in a firewall in front of a private VCS or registry.
const account = spacelift.getAccountOutput();
const ips = spacelift.getIPsOutput();

// Inside a Spacelift run, its API token (SPACELIFT_API_TOKEN) tells which stack the program runs
// as; a provider with that token finds the stack's space, and spaces by paths relative to it
// (here its child space "review").
const run = new spacelift.Provider("run", { apiToken: config.requireSecret("spacesRunToken") });
const currentSpace = spacelift.getCurrentSpaceOutput({ provider: run });
const review = spacelift.getSpaceByPathOutput({ spacePath: "review" }, { provider: run });

/** What this part of the example found. */
export const lookups = {
  space: { id: space.id, name: space.name, parentSpaceId: space.parentSpaceId },
  spaceByPath: { id: byPath.id, parentSpaceId: byPath.parentSpaceId, labels: byPath.labels },
  ourSpaces: spaces.apply((found) =>
    found.spaces.filter((s) => s.name.startsWith(`${prefix}-`)).map((s) => s.spaceId),
  ),
  context: {
    id: context.id,
    name: context.name,
    labels: context.labels,
    spaceId: context.spaceId,
    beforeInits: context.beforeInits,
  },
  labelledContexts: labelled.apply((found) => found.contexts.map((c) => c.contextId)),
  attachment: {
    id: contextAttachment.id,
    priority: contextAttachment.priority,
    resourceAttachmentId: attachment.attachmentId,
  },
  region: { id: regionVariable.id, value: regionVariable.value, checksum: regionVariable.checksum },
  deployToken: {
    value: tokenVariable.value,
    writeOnly: tokenVariable.writeOnly,
    checksum: tokenVariable.checksum,
  },
  tagsFile: { content: tagsFile.content, writeOnly: tagsFile.writeOnly },
  user: user.apply((u) => ({ id: u.id, invitationEmail: u.invitationEmail, policies: u.policies })),
  group: group.apply((g) => ({ id: g.id, policies: g.policies })),
  accessIds: { ada: ada.id, sre: sre.id },
  account: { name: account.name, tier: account.tier, awsAccountId: account.awsAccountId },
  ips: ips.ips,
  currentSpace: currentSpace.id,
  reviewSpace: review.id,
};
