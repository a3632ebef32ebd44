import type { LifecycleCase } from "../lifecycleCase";

const body = (prefix: string) =>
  "inputs:\n  - id: env\n    name: Environment\n    default: dev\n  - id: token\n    name: Token\n    type: secret\n" +
  `stacks:\n  - name: ${prefix}-\${{ inputs.env }}\n    key: app\n`;

/**
 * TemplateDeployment: name, description, inputs (one of them secret) and the version (an upgrade)
 * update in place; another space replaces it. ID `<templateId>/<deploymentId>`. The secret input's
 * value never reaches outputs in plaintext outside the secret `inputs`, and reads back unchanged
 * through its checksum.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "TemplateDeployment",
  parents: [
    { ref: "space", kind: "Space", inputs: { name: "lifecycle-td-space-{run}" } },
    { ref: "template", kind: "Template", inputs: { name: "lifecycle-td-{run}", space: "root" } },
    {
      ref: "v1",
      kind: "TemplateVersion",
      inputs: {
        templateId: "{parent.template.id}",
        versionNumber: "1.0.0",
        state: "PUBLISHED",
        template: body("td-{run}"),
      },
    },
    {
      ref: "v2",
      kind: "TemplateVersion",
      inputs: {
        templateId: "{parent.template.id}",
        versionNumber: "2.0.0",
        state: "PUBLISHED",
        template: body("td-{run}-v2"),
      },
    },
  ],
  create: {
    templateVersionId: "{parent.v1.id}",
    space: "root",
    name: "deployment-{run}",
    description: "first",
    inputs: [
      { id: "env", value: "prod" },
      { id: "token", value: "s3cr3t-{run}" },
    ],
  },
  expect: {
    templateVersionId: "{parent.v1.id}",
    templateId: "{parent.template.id}",
    deploymentId: "deployment-{run}",
    space: "root",
    name: "deployment-{run}",
    description: "first",
    state: "FINISHED",
    inputs: [
      { id: "env", value: "prod" },
      { id: "token", value: "s3cr3t-{run}" },
    ],
    stacks: [{ id: "td-{run}-prod" }],
  },
  update: {
    templateVersionId: "{parent.v2.id}",
    name: "deployment-{run}-renamed",
    description: "second",
    inputs: [
      { id: "env", value: "staging" },
      { id: "token", value: "n3w-s3cr3t-{run}" },
    ],
  },
  replace: { inputs: { space: "{parent.space.id}" }, replaces: ["space"], deleteBeforeReplace: true },
  unknown: [{ property: "inputs" }, { property: "templateVersionId" }, { property: "space", replaces: true }],
  drift: {
    call: {
      query:
        "mutation($id: ID!, $t: ID!, $input: TemplateDeploymentUpdateInput!) { templateDeploymentUpdate(id: $id, templateID: $t, input: $input) { id } }",
      variables: {
        id: "{outs.deploymentId}",
        t: "{outs.templateId}",
        input: {
          description: "changed elsewhere",
          inputs: [
            { id: "env", value: "staging" },
            { id: "token", value: "rotated elsewhere" },
          ],
        },
      },
    },
    expect: {
      description: "changed elsewhere",
      inputs: [
        { id: "env", value: "staging" },
        { id: "token", value: "sha256:9788c1a3d64a80bbb0b870809db0831a3234f056d828299218140e044e412533" },
      ],
    },
  },
  vanish: {
    query: "mutation($id: ID!, $t: ID!) { templateDeploymentDelete(id: $id, templateID: $t) { id } }",
    variables: { id: "{outs.deploymentId}", t: "{outs.templateId}" },
  },
};
