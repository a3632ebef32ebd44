import type { LifecycleCase } from "../lifecycleCase";

const base64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");

/**
 * MountedFile, on a module (configured through the stack mutations): no update, so every change
 * replaces it, old one first since the add mutation upserts by path. The content is write-only:
 * only the SHA-256 of its Base64 text comes back.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "MountedFile",
  parents: [
    {
      ref: "module",
      kind: "Module",
      inputs: {
        name: "lifecycle-files-{run}",
        terraformProvider: "aws",
        repository: "terraform-aws-lifecycle",
        branch: "main",
      },
    },
  ],
  create: {
    moduleId: "{parent.module.id}",
    relativePath: "lifecycle/settings.json",
    content: base64('{"lifecycle": "first mounted content"}'),
    description: "first",
  },
  hiddenInputs: ["content"],
  replace: {
    inputs: { content: base64('{"lifecycle": "second mounted content"}') },
    replaces: ["content"],
    deleteBeforeReplace: true,
  },
  unknown: [
    { property: "content", replaces: true },
    { property: "relativePath", replaces: true },
  ],
  drift: {
    call: {
      query:
        "mutation($stack: ID!, $config: ConfigInput!) { stackConfigAdd(stack: $stack, config: $config) { id } }",
      variables: {
        stack: "{parent.module.id}",
        config: {
          id: "lifecycle/settings.json",
          type: "FILE_MOUNT",
          value: base64("changed elsewhere"),
          writeOnly: true,
          description: "changed elsewhere",
        },
      },
    },
    expect: { description: "changed elsewhere" },
    replaces: ["content", "description"],
  },
  vanish: {
    query: "mutation($stack: ID!, $id: ID!) { stackConfigDelete(stack: $stack, id: $id) { id } }",
    variables: { stack: "{parent.module.id}", id: "lifecycle/settings.json" },
  },
};
