import type { BadInputCase } from "../badInputCase";

/** TemplateDeployment: a version, a space, inputs each with an id and a value. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "TemplateDeployment",
    inputs: { space: "root" },
    property: "templateVersionId",
    reason: /is required/,
  },
  {
    kind: "TemplateDeployment",
    inputs: { templateVersionId: "t-01HZX3V6Q4JYB5T2N8M0C7D9EB" },
    property: "space",
    reason: /is required/,
  },
  {
    kind: "TemplateDeployment",
    inputs: { templateVersionId: "t-01HZX3V6Q4JYB5T2N8M0C7D9EB", space: "root", inputs: [{ id: "env" }] },
    property: "inputs[0].value",
    reason: /is required/,
  },
  {
    kind: "TemplateDeployment",
    inputs: {
      templateVersionId: "t-01HZX3V6Q4JYB5T2N8M0C7D9EB",
      space: "root",
      inputs: [{ id: "", value: "v" }],
    },
    property: "inputs[0].id",
    reason: /must not be empty/,
  },
];
