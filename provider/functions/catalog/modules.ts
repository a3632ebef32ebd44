import { createHash } from "node:crypto";
import { defineFunction, queryOp, type FunctionFields, type FunctionValues } from "../descriptor";
import { FunctionError } from "../invoke";
import { visibleLabels } from "../labels";
import { vcsLists } from "../vcsLists";

// The fields both look-ups read: what `module(id:)` returns is what one `searchModules` node holds.
const MODULE_FIELDS = `id administrative branch description labels localPreviewEnabled name namespace
  projectRoot gitSparseCheckoutPaths protectFromDeletion provider repository repositoryURL runnerImage
  space terraformProvider workflowTool
  integrations { aws { assumeRolePolicyStatement } }
  moduleShares { to { account { subdomain } space { id } } }
  vcsIntegration { id isDefault }
  workerPool { id }`;

const MODULE = queryOp(`query GetModule($id: ID!) { module(id: $id) { ${MODULE_FIELDS} } }`);
const MODULES_PAGE = queryOp(`query GetModulesPage($input: SearchInput!) {
  searchModules(input: $input) {
    edges { node { ${MODULE_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`);

/** Modules per page; Spacelift's own clients ask for 50. */
const PAGE_SIZE = 50;

interface ModuleNode {
  readonly id: string;
  readonly administrative: boolean;
  readonly branch: string;
  readonly description: string | null;
  readonly labels: readonly string[];
  readonly localPreviewEnabled: boolean;
  readonly name: string;
  readonly namespace: string | null;
  readonly projectRoot: string | null;
  readonly gitSparseCheckoutPaths: readonly string[] | null;
  readonly protectFromDeletion: boolean;
  readonly provider: string;
  readonly repository: string;
  readonly repositoryURL: string | null;
  readonly runnerImage: string | null;
  readonly space: string;
  readonly terraformProvider: string;
  readonly workflowTool: string | null;
  readonly integrations: { readonly aws: { readonly assumeRolePolicyStatement: string } | null } | null;
  readonly moduleShares: readonly {
    readonly to: {
      readonly account: { readonly subdomain: string };
      readonly space: { readonly id: string } | null;
    };
  }[];
  readonly vcsIntegration: { readonly id: string; readonly isDefault: boolean } | null;
  readonly workerPool: { readonly id: string } | null;
}

const integrationId = {
  type: "string",
  doc: "Id of the VCS integration the module's repository is read through.",
};
const isDefault = {
  type: "boolean",
  doc: "Whether that integration is the account's default one for this VCS.",
};
const namespaceField = { type: "string", doc: "The repository's namespace (owner, group or workspace)." };

const AZURE_DEVOPS: FunctionFields = {
  id: integrationId,
  isDefault,
  project: { type: "string", doc: "The Azure DevOps project of the repository." },
};
const NAMESPACED: FunctionFields = { id: integrationId, isDefault, namespace: namespaceField };

// Which result list a module's VCS provider fills; the other lists stay empty.
/** What getModule and each getModules element share, from one module node. */
function moduleValues(node: ModuleNode): FunctionValues {
  return {
    administrative: node.administrative,
    awsAssumeRolePolicyStatement: node.integrations?.aws?.assumeRolePolicyStatement ?? "",
    ...vcsLists(node),
    branch: node.branch,
    description: node.description ?? "",
    enableLocalPreview: node.localPreviewEnabled,
    labels: visibleLabels(node.labels),
    moduleId: node.id,
    name: node.name,
    projectRoot: node.projectRoot ?? "",
    protectFromDeletion: node.protectFromDeletion,
    repository: node.repository,
    // Shares with a whole account; shares with a space of this account are listed apart (getModules).
    sharedAccounts: node.moduleShares
      .filter((s) => s.to.space === null)
      .map((s) => s.to.account.subdomain)
      .sort(),
    spaceId: node.space,
    terraformProvider: node.terraformProvider,
    workerPoolId: node.workerPool?.id ?? "",
    workflowTool: node.workflowTool ?? "",
  };
}

const moduleFields = {
  administrative: { type: "boolean", doc: "Whether the module's runs may manage Spacelift objects." },
  awsAssumeRolePolicyStatement: {
    type: "string",
    doc: "The trust policy statement an AWS role needs so that Spacelift can assume it for this module.",
  },
  branch: { type: "string", doc: "The branch the module's runs track." },
  description: { type: "string", doc: "The module's description; empty when it has none." },
  enableLocalPreview: {
    type: "boolean",
    doc: "Whether local preview runs may be started from a workstation.",
  },
  labels: { type: "string[]", doc: "The module's labels, sorted." },
  name: { type: "string", doc: "The module's name in the registry." },
  projectRoot: {
    type: "string",
    doc: "The folder of the repository the module lives in; empty for its root.",
  },
  protectFromDeletion: { type: "boolean", doc: "Whether deleting the module is refused." },
  repository: { type: "string", doc: "The repository's name, without its namespace." },
  sharedAccounts: {
    type: "string[]",
    doc: "Subdomains of other accounts the module is shared with, sorted.",
  },
  spaceId: { type: "string", doc: "Id of the space the module belongs to." },
  terraformProvider: {
    type: "string",
    doc: "The provider part of the module's registry address, e.g. `aws`.",
  },
  workerPoolId: { type: "string", doc: "The private worker pool its runs use; empty for the public pool." },
  workflowTool: {
    type: "string",
    doc: "What runs the module's tests: `TERRAFORM_FOSS`, `OPEN_TOFU` or `CUSTOM`.",
  },
} as const satisfies FunctionFields;

const vcsDoc = (vcs: string) =>
  `The ${vcs} repository settings: one element when the module's source is there, otherwise empty.`;

/** `getModule`: one module of the private registry by id. */
export const getModule = defineFunction({
  name: "getModule",
  dataSource: "spacelift_module",
  doc: "Looks up a module of the account's private registry by its id: its source, settings and sharing.",
  args: {
    moduleId: { type: "string", doc: "The module's id, e.g. `terraform-aws-vpc`." },
  },
  result: {
    administrative: moduleFields.administrative,
    awsAssumeRolePolicyStatement: moduleFields.awsAssumeRolePolicyStatement,
    azureDevops: { type: "GetModuleAzureDevop[]", doc: vcsDoc("Azure DevOps") },
    bitbucketClouds: { type: "GetModuleBitbucketCloud[]", doc: vcsDoc("Bitbucket Cloud") },
    bitbucketDatacenters: { type: "GetModuleBitbucketDatacenter[]", doc: vcsDoc("Bitbucket Data Center") },
    branch: moduleFields.branch,
    description: moduleFields.description,
    enableLocalPreview: moduleFields.enableLocalPreview,
    githubEnterprises: { type: "GetModuleGithubEnterprise[]", doc: vcsDoc("GitHub (custom application)") },
    gitlabs: { type: "GetModuleGitlab[]", doc: vcsDoc("GitLab") },
    id: { type: "string", doc: "The module's id." },
    labels: moduleFields.labels,
    moduleId: { type: "string", doc: "The id that was looked up." },
    name: moduleFields.name,
    projectRoot: moduleFields.projectRoot,
    protectFromDeletion: moduleFields.protectFromDeletion,
    repository: moduleFields.repository,
    sharedAccounts: moduleFields.sharedAccounts,
    spaceId: moduleFields.spaceId,
    terraformProvider: moduleFields.terraformProvider,
    workerPoolId: moduleFields.workerPoolId,
    workflowTool: moduleFields.workflowTool,
  },
  types: {
    GetModuleAzureDevop: AZURE_DEVOPS,
    GetModuleBitbucketCloud: NAMESPACED,
    GetModuleBitbucketDatacenter: NAMESPACED,
    GetModuleGithubEnterprise: NAMESPACED,
    GetModuleGitlab: NAMESPACED,
  },
  async run(args, api) {
    const moduleId = args.moduleId as string;
    const data = await api.query<{ module: ModuleNode | null }>(MODULE, { id: moduleId });
    if (data.module === null) throw new FunctionError("getModule", `no module "${moduleId}" (moduleId)`);
    return { ...moduleValues(data.module), id: moduleId, moduleId };
  },
});

const anyOfs = (what: string): FunctionFields => ({
  anyOfs: {
    type: "string[]",
    doc:
      what === "label"
        ? "Matches modules with any of these labels (`*` is a wildcard)."
        : `Matches modules whose ${what} is any of these (\`*\` is a wildcard).`,
  },
});

// The filters of `getModules`: each takes the module's field name in Spacelift's search.
const MODULE_FILTERS: readonly { arg: string; field: string; type: string; what: string; list?: boolean }[] =
  [
    { arg: "branch", field: "branch", type: "GetModulesBranch", what: "branch" },
    { arg: "commit", field: "commit", type: "GetModulesCommit", what: "current commit" },
    { arg: "labels", field: "label", type: "GetModulesLabel", what: "label", list: true },
    { arg: "name", field: "name", type: "GetModulesName", what: "name" },
    { arg: "projectRoot", field: "projectRoot", type: "GetModulesProjectRoot", what: "project root" },
    { arg: "repository", field: "repository", type: "GetModulesRepository", what: "repository" },
    { arg: "workerPool", field: "workerPool", type: "GetModulesWorkerPool", what: "worker pool id" },
  ];

const filterArgs: Record<string, { type: string; optional: true; doc: string }> = {
  administrative: {
    type: "GetModulesAdministrative",
    optional: true,
    doc: "Only administrative modules (`{ equals: true }`, the default) or only the others.",
  },
};
for (const f of MODULE_FILTERS) {
  filterArgs[f.arg] = {
    type: f.list ? `${f.type}[]` : f.type,
    optional: true,
    doc: f.list
      ? "Only modules with one of the labels of each element: elements combine with AND, labels in one with OR."
      : `Only modules whose ${f.what} is one of \`anyOfs\`.`,
  };
}

const filterTypes: Record<string, FunctionFields> = {
  GetModulesAdministrative: {
    equals: {
      type: "boolean",
      optional: true,
      doc: "True (the default) for administrative modules, false for the others.",
    },
  },
};
for (const f of MODULE_FILTERS) filterTypes[f.type] = anyOfs(f.what);

/** `fields` in name order, as Pulumi lists a data source's attributes. */
function byFieldName(fields: FunctionFields): FunctionFields {
  return Object.fromEntries(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)));
}

const raw = {
  namespace: namespaceField,
  url: { type: "string", doc: "The HTTPS URL of the Git repository." },
};

/** `getModules`: the modules matching filters, through every page of Spacelift's search. */
export const getModules = defineFunction({
  name: "getModules",
  dataSource: "spacelift_modules",
  doc: "Lists the registry's modules the caller can see, optionally filtered by branch, labels, name, repository and more (every filter given must match).",
  args: filterArgs,
  result: byFieldName({
    ...Object.fromEntries(
      Object.entries(filterArgs).map(([name, spec]) => [name, { ...spec, doc: "The filter, as given." }]),
    ),
    id: { type: "string", doc: "An identifier of the look-up, derived from its filters." },
    modules: { type: "GetModulesModule[]", doc: "The matching modules, by name." },
  }),
  types: {
    ...filterTypes,
    GetModulesModule: byFieldName({
      ...moduleFields,
      azureDevops: { type: "GetModulesModuleAzureDevop[]", doc: vcsDoc("Azure DevOps") },
      bitbucketClouds: { type: "GetModulesModuleBitbucketCloud[]", doc: vcsDoc("Bitbucket Cloud") },
      bitbucketDatacenters: {
        type: "GetModulesModuleBitbucketDatacenter[]",
        doc: vcsDoc("Bitbucket Data Center"),
      },
      gitSparseCheckoutPaths: {
        type: "string[]",
        doc: "The only paths checked out of the repository; empty for all of it.",
      },
      githubEnterprises: {
        type: "GetModulesModuleGithubEnterprise[]",
        doc: vcsDoc("GitHub (custom application)"),
      },
      gitlabs: { type: "GetModulesModuleGitlab[]", doc: vcsDoc("GitLab") },
      moduleId: { type: "string", doc: "The module's id." },
      rawGits: { type: "GetModulesModuleRawGit[]", doc: vcsDoc("plain Git (read-only link)") },
      runnerImage: { type: "string", doc: "The container image its runs use; empty for the default." },
      spaceShares: {
        type: "string[]",
        doc: "Ids of spaces of this account the module is shared with, sorted.",
      },
    }),
    GetModulesModuleAzureDevop: AZURE_DEVOPS,
    GetModulesModuleBitbucketCloud: NAMESPACED,
    GetModulesModuleBitbucketDatacenter: NAMESPACED,
    GetModulesModuleGithubEnterprise: NAMESPACED,
    GetModulesModuleGitlab: NAMESPACED,
    GetModulesModuleRawGit: raw,
  },
  async run(args, api) {
    const predicates: FunctionValues[] = [];
    const administrative = args.administrative as { equals?: boolean } | undefined;
    if (administrative !== undefined) {
      predicates.push({
        field: "administrative",
        constraint: { booleanEquals: [administrative.equals ?? true] },
      });
    }
    for (const f of MODULE_FILTERS) {
      const given = args[f.arg] as { anyOfs: string[] } | { anyOfs: string[] }[] | undefined;
      if (given === undefined) continue;
      for (const element of Array.isArray(given) ? given : [given]) {
        predicates.push({ field: f.field, constraint: { stringMatches: element.anyOfs } });
      }
    }
    const modules: FunctionValues[] = [];
    let after: string | undefined;
    for (;;) {
      const data = await api.query<{
        searchModules: {
          edges: { node: ModuleNode }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      }>(MODULES_PAGE, {
        input: { first: PAGE_SIZE, predicates, ...(after === undefined ? {} : { after }) },
      });
      for (const { node } of data.searchModules.edges) modules.push(elementOf(node));
      const { hasNextPage, endCursor } = data.searchModules.pageInfo;
      if (!hasNextPage || endCursor === null) break;
      after = endCursor;
    }
    const filters = Object.fromEntries(
      Object.keys(filterArgs).flatMap((k) => (args[k] === undefined ? [] : [[k, args[k]]])),
    );
    return {
      ...filters,
      id: `modules-${createHash("sha256").update(JSON.stringify(predicates)).digest("hex").slice(0, 16)}`,
      modules,
    };
  },
});

function elementOf(node: ModuleNode): FunctionValues {
  return {
    ...moduleValues(node),
    gitSparseCheckoutPaths: [...(node.gitSparseCheckoutPaths ?? [])].sort(),
    rawGits:
      node.provider === "GIT" ? [{ namespace: node.namespace ?? "", url: node.repositoryURL ?? "" }] : [],
    runnerImage: node.runnerImage ?? "",
    spaceShares: node.moduleShares.flatMap((s) => (s.to.space === null ? [] : [s.to.space.id])).sort(),
  };
}
