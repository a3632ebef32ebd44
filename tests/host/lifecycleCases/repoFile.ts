import type { LifecycleCase } from "../lifecycleCase";

const base64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");

/**
 * RepoFile: content and mode change in place (a revision that changes the file); a new path
 * replaces it (a revision adding the new file, then one deleting the old). Out-of-band changes are
 * revisions too: one changing the content is drift, one deleting the file makes it gone.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "RepoFile",
  parents: [{ ref: "repo", kind: "Repo", inputs: { name: "lifecycle-repo-file-{run}", spaceId: "root" } }],
  create: { repoId: "{parent.repo.id}", path: "modules/vpc/main.tf", content: "# first\n" },
  expect: {
    repoId: "{parent.repo.id}",
    path: "modules/vpc/main.tf",
    content: "# first\n",
    fileMode: "0644",
    encrypt: false,
    sizeBytes: 8,
  },
  update: { content: "# second, longer\n", fileMode: "0755" },
  replace: { inputs: { path: "modules/vpc/other.tf" }, replaces: ["path"], deleteBeforeReplace: false },
  unknown: [{ property: "content" }, { property: "path", replaces: true }],
  drift: {
    call: {
      query: "mutation($input: RevisionCreateInput!) { revisionCreate(input: $input) { id } }",
      variables: {
        input: {
          repoID: "{parent.repo.id}",
          message: "Edited in the UI",
          authorName: "someone",
          files: [{ path: "{outs.path}", content: base64("changed elsewhere\n"), action: "UPDATE" }],
        },
      },
    },
    expect: { content: "changed elsewhere\n", fileMode: "0644" },
  },
  vanish: {
    query: "mutation($input: RevisionCreateInput!) { revisionCreate(input: $input) { id } }",
    variables: {
      input: {
        repoID: "{parent.repo.id}",
        message: "Deleted in the UI",
        authorName: "someone",
        files: [{ path: "{outs.path}", action: "DELETE" }],
      },
    },
  },
};
