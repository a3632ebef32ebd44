import type { BadInputCase } from "../badInputCase";

/** TemplateVersion: a template, a version number, a known state. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "TemplateVersion",
    inputs: { versionNumber: "1.0.0", state: "DRAFT" },
    property: "templateId",
    reason: /is required/,
  },
  {
    kind: "TemplateVersion",
    inputs: { templateId: "t", versionNumber: "", state: "DRAFT" },
    property: "versionNumber",
    reason: /must not be empty/,
  },
  {
    kind: "TemplateVersion",
    inputs: { templateId: "t", versionNumber: "1.0.0", state: "ARCHIVED" },
    property: "state",
    reason: /DRAFT, PUBLISHED/,
  },
  {
    kind: "TemplateVersion",
    inputs: { templateId: "t", versionNumber: "1.0.0" },
    property: "state",
    reason: /is required/,
  },
];
