import type { BadInputCase } from "../badInputCase";

/** DefaultRunnerImage: at least one image, each a non-empty string. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "DefaultRunnerImage",
    inputs: {},
    property: "private",
    reason: /at least one of private, public must be set/,
  },
  { kind: "DefaultRunnerImage", inputs: { public: "" }, property: "public", reason: /must not be empty/ },
  { kind: "DefaultRunnerImage", inputs: { private: 7 }, property: "private", reason: /string/ },
];
