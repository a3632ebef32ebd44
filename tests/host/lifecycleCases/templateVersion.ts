import type { LifecycleCase } from "../lifecycleCase";

const BODY =
  "inputs:\n  - id: env\n    name: Environment\nstacks:\n  - name: app-${{ inputs.env }}\n    key: app\n";

/**
 * TemplateVersion: a draft whose number, instructions and body update in place and which an update
 * publishes; moving it to another template replaces it. ID `<templateId>-<versionUlid>`.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "TemplateVersion",
  parents: [
    { ref: "template", kind: "Template", inputs: { name: "lifecycle-tv-{run}", space: "root" } },
    { ref: "other", kind: "Template", inputs: { name: "lifecycle-tv-other-{run}", space: "root" } },
  ],
  create: {
    templateId: "{parent.template.id}",
    versionNumber: "1.0.0",
    state: "DRAFT",
    template: "not checked while a draft",
    instructions: "first",
  },
  update: { versionNumber: "1.0.1", state: "PUBLISHED", template: BODY, instructions: "second" },
  replace: {
    inputs: { templateId: "{parent.other.id}" },
    replaces: ["templateId"],
    deleteBeforeReplace: false,
  },
  unknown: [{ property: "template" }, { property: "state" }, { property: "templateId", replaces: true }],
  drift: {
    call: {
      query:
        "mutation($id: ID!, $input: TemplateVersionUpdateInput!) { templateVersionUpdate(id: $id, input: $input) { id } }",
      variables: {
        id: "{id}",
        input: {
          versionNumber: "{outs.versionNumber}",
          state: "{outs.state}",
          template: "{outs.template}",
          instructions: "changed elsewhere",
          labels: [],
        },
      },
    },
    expect: { instructions: "changed elsewhere" },
  },
  vanish: {
    query: "mutation($id: ID!) { templateVersionDelete(id: $id) { id } }",
    variables: { id: "{id}" },
  },
};
