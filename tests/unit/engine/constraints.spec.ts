import { strict as assert } from "node:assert";
import {
  displayName,
  filePath,
  httpUrl,
  label,
  NAME_MAX_LENGTH,
  type Constraint,
} from "../../../provider/engine/constraints";

function accepts(c: Constraint, values: readonly string[]): void {
  for (const v of values) assert.equal(c.test(v), undefined, `${c.name} refused ${JSON.stringify(v)}`);
}

function refuses(c: Constraint, values: readonly string[], reason: RegExp): void {
  for (const v of values) {
    const got = c.test(v);
    assert.ok(got !== undefined, `${c.name} accepted ${JSON.stringify(v)}`);
    assert.match(got, reason, JSON.stringify(v));
  }
}

describe("constraints", () => {
  describe("displayName and label", () => {
    for (const c of [displayName(), label()]) {
      it(`${c.name}: accepts ordinary names, inner spaces, punctuation and non-ASCII`, () => {
        accepts(c, ["infra", "Prod EU (blue)", "autoattach:prod", "a,b", "équipe données", "x".repeat(255)]);
      });

      it(`${c.name}: refuses control characters, newlines and tabs included`, () => {
        refuses(c, ["two\nlines", "tab\there", "nul\u0000", "del\u007f", "c1\u0085"], /control characters/);
      });

      it(`${c.name}: refuses surrounding whitespace but leaves blank values to nonEmpty`, () => {
        refuses(c, [" infra", "infra ", "\u00a0infra"], /must not start or end with whitespace/);
        accepts(c, ["", "   "]);
      });

      it(`${c.name}: refuses more than ${NAME_MAX_LENGTH} characters, counting code points`, () => {
        refuses(c, ["x".repeat(NAME_MAX_LENGTH + 1)], /at most 255 characters/);
        // 255 emoji are 510 UTF-16 units but 255 characters.
        accepts(c, ["😀".repeat(NAME_MAX_LENGTH)]);
      });
    }

    it("never quotes the value in a reason", () => {
      const secret = "s3cr3t-looking-name ";
      assert.ok(!displayName().test(secret)!.includes("s3cr3t"));
    });
  });

  describe("filePath", () => {
    const c = filePath();

    it("accepts nested paths, spaces and long-but-legal names", () => {
      accepts(c, ["config/app.json", "dir with space/file.txt", `${"d".repeat(255)}/${"f".repeat(255)}`]);
    });

    it("refuses control characters", () => {
      refuses(c, ["config/app\n.json", "a\tb"], /control characters/);
    });

    it("refuses a file or directory name over 255 bytes (NAME_MAX), counting UTF-8 bytes", () => {
      refuses(c, [`dir/${"f".repeat(256)}`, "é".repeat(128)], /over 255 bytes/);
    });

    it("refuses a path over 4095 bytes (PATH_MAX)", () => {
      refuses(c, [Array.from({ length: 20 }, () => "d".repeat(250)).join("/")], /at most 4095 bytes/);
    });
  });

  describe("httpUrl", () => {
    const c = httpUrl();

    it("accepts absolute http and https URLs, with ports, paths, queries and user info", () => {
      accepts(c, [
        "https://example.com",
        "http://hooks.internal:8080/spacelift?x=1#f",
        "https://user:pass@example.com/hook",
        "https://git.example.com/team/repo.git",
        "HTTPS://EXAMPLE.COM/",
      ]);
    });

    it("refuses other schemes, relative URLs and URLs without a host", () => {
      refuses(
        c,
        [
          "ftp://example.com",
          "git@github.com:org/repo.git",
          "example.com/hook",
          "/hook",
          "https://",
          "file:///etc",
        ],
        /absolute http or https URL/,
      );
    });

    it("refuses whitespace and control characters the URL parser would drop silently", () => {
      refuses(
        c,
        ["https://exa\nmple.com", " https://example.com", "https://example.com/a b"],
        /without spaces/,
      );
    });
  });
});
