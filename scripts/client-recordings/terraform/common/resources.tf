# ---- space ----
resource "spacelift_space" "team" {
  name             = "tf-team-${local.p}"
  parent_space_id  = "root"
  description      = "team space ${local.p}"
  inherit_entities = local.up
  labels           = ["team", "phase-${local.p}"]
}

# ---- stacks: one per vendor and per source ----
resource "spacelift_stack" "terraform" {
  name                     = "tf-terraform"
  repository               = "infra"
  branch                   = local.up ? "develop" : "main"
  project_root             = "envs/${local.p}"
  additional_project_globs = ["modules/*"]
  description              = "terraform stack ${local.p}"
  labels                   = ["vendor:terraform", "phase-${local.p}"]
  space_id                 = spacelift_space.team.id
  administrative           = local.up
  autodeploy               = local.up
  autoretry                = local.up
  enable_local_preview     = local.up
  protect_from_deletion    = false
  manage_state             = true
  terraform_version        = local.up ? "1.5.7" : "1.5.6"
  terraform_workspace      = "ws-${local.p}"
  terraform_smart_sanitization    = local.up
  terraform_external_state_access = local.up
  before_init              = ["echo before-init-${local.p}"]
  after_apply              = ["echo after-apply-${local.p}"]
  worker_pool_id           = spacelift_worker_pool.pool.id
  runner_image             = "public.ecr.aws/spacelift/runner-terraform:${local.p}"
}

resource "spacelift_stack" "opentofu_wt" {
  name                    = "tf-opentofu-wt"
  repository              = "infra"
  branch                  = "main"
  terraform_workflow_tool = "OPEN_TOFU"
  terraform_version       = local.up ? "1.6.3" : "1.6.2"
  manage_state            = false
}

resource "spacelift_stack" "terragrunt" {
  name       = "tf-terragrunt"
  repository = "infra"
  branch     = "main"
  terragrunt {
    terraform_version      = "1.5.7"
    terragrunt_version     = local.up ? "0.55.1" : "0.55.0"
    use_run_all            = local.up
    use_smart_sanitization = local.up
  }
}

resource "spacelift_stack" "pulumi" {
  name       = "tf-pulumi"
  repository = "infra"
  branch     = "main"
  pulumi {
    login_url  = "s3://state-${local.p}"
    stack_name = "dev-${local.p}"
  }
}

resource "spacelift_stack" "cloudformation" {
  name       = "tf-cloudformation"
  repository = "infra"
  branch     = "main"
  cloudformation {
    entry_template_file = "main-${local.p}.yaml"
    region              = "eu-west-1"
    stack_name          = "cfn-${local.p}"
    template_bucket     = "s3://bucket-${local.p}"
  }
}

resource "spacelift_stack" "kubernetes" {
  name       = "tf-kubernetes"
  repository = "infra"
  branch     = "main"
  kubernetes {
    namespace       = "ns-${local.p}"
    kubectl_version = local.up ? "1.28.0" : "1.27.0"
  }
}

resource "spacelift_stack" "ansible" {
  name       = "tf-ansible"
  repository = "infra"
  branch     = "main"
  ansible {
    playbook = "site-${local.p}.yml"
  }
}

resource "spacelift_stack" "gitlab" {
  name       = "tf-gitlab"
  repository = "infra"
  branch     = "main"
  gitlab {
    namespace = "group-${local.p}"
  }
}

resource "spacelift_stack" "github_enterprise" {
  name       = "tf-ghe"
  repository = "infra"
  branch     = "main"
  github_enterprise {
    namespace = "org-${local.p}"
  }
}

resource "spacelift_stack" "bitbucket_cloud" {
  name       = "tf-bbc"
  repository = "infra"
  branch     = "main"
  bitbucket_cloud {
    namespace = "ws-${local.p}"
  }
}

resource "spacelift_stack" "bitbucket_datacenter" {
  name       = "tf-bbdc"
  repository = "infra"
  branch     = "main"
  bitbucket_datacenter {
    namespace = "PRJ${local.p}"
  }
}

resource "spacelift_stack" "azure_devops" {
  name       = "tf-ado"
  repository = "infra"
  branch     = "main"
  azure_devops {
    project = "proj-${local.p}"
  }
}

resource "spacelift_stack" "raw_git" {
  name       = "tf-raw-git"
  repository = "infra"
  branch     = "main"
  raw_git {
    namespace = "example"
    url       = "https://git.example.com/example/infra-${local.p}.git"
  }
}

resource "spacelift_stack" "showcase" {
  name       = "tf-showcase"
  repository = "infra"
  branch     = "main"
  showcase {
    namespace = "spacelift-io-examples"
  }
}

# Handing over existing state at creation: the provider asks for a stateUploadUrl, PUTs the state
# there and names the object in stackCreate. The states are small fakes, never a real one.
resource "spacelift_stack" "import_state" {
  name         = "tf-import-state"
  repository   = "infra"
  branch       = "main"
  manage_state = true
  import_state = jsonencode({
    version           = 4
    terraform_version = "1.5.7"
    serial            = 1
    lineage           = "00000000-0000-0000-0000-000000000001"
    outputs           = {}
    resources         = []
  })
}

resource "spacelift_stack" "import_state_file" {
  name              = "tf-import-state-file"
  repository        = "infra"
  branch            = "main"
  manage_state      = true
  import_state_file = "${path.module}/import-state.json"
}

# ---- context & config ----
resource "spacelift_context" "ctx" {
  name        = "tf-context"
  description = "context ${local.p}"
  labels      = ["ctx", "phase-${local.p}"]
  space_id    = spacelift_space.team.id
  before_init = ["echo ctx-${local.p}"]
  after_run   = ["echo done-${local.p}"]
}

resource "spacelift_context_attachment" "stack" {
  context_id = spacelift_context.ctx.id
  stack_id   = spacelift_stack.terraform.id
  priority   = 1
}

resource "spacelift_context_attachment" "module" {
  context_id = spacelift_context.ctx.id
  module_id  = spacelift_module.mod.id
  priority   = 2
}

resource "spacelift_environment_variable" "ctx" {
  context_id = spacelift_context.ctx.id
  name       = "CTX_VAR"
  value      = "ctx-${local.p}"
  write_only = false
}

resource "spacelift_environment_variable" "stack" {
  stack_id   = spacelift_stack.terraform.id
  name       = "STACK_VAR"
  value      = "stack-${local.p}"
  write_only = true
}

resource "spacelift_environment_variable" "module" {
  module_id  = spacelift_module.mod.id
  name       = "MODULE_VAR"
  value      = "module-${local.p}"
  write_only = false
}

resource "spacelift_mounted_file" "ctx" {
  context_id    = spacelift_context.ctx.id
  relative_path = "ctx.json"
  content       = base64encode("{\"phase\": ${local.p}}")
  write_only    = false
}

resource "spacelift_mounted_file" "stack" {
  stack_id      = spacelift_stack.terraform.id
  relative_path = "stack.json"
  content       = base64encode("{\"phase\": ${local.p}}")
}

resource "spacelift_mounted_file" "module" {
  module_id     = spacelift_module.mod.id
  relative_path = "module.json"
  content       = base64encode("{\"phase\": ${local.p}}")
}

# ---- policy ----
resource "spacelift_policy" "plan" {
  name     = "tf-plan-policy"
  body     = "package spacelift\n# phase ${local.p}\ndeny[\"no\"] { false }\n"
  type     = "PLAN"
  labels   = ["policy", "phase-${local.p}"]
  space_id = spacelift_space.team.id
}

resource "spacelift_policy_attachment" "stack" {
  policy_id = spacelift_policy.plan.id
  stack_id  = spacelift_stack.terraform.id
}

resource "spacelift_policy_attachment" "module" {
  policy_id = spacelift_policy.plan.id
  module_id = spacelift_module.mod.id
}

# ---- module ----
resource "spacelift_module" "mod" {
  name                  = "network"
  terraform_provider    = "aws"
  repository            = "terraform-aws-network"
  branch                = local.up ? "develop" : "main"
  description           = "module ${local.p}"
  labels                = ["module", "phase-${local.p}"]
  administrative        = local.up
  enable_local_preview  = local.up
  protect_from_deletion = false
  project_root          = "src-${local.p}"
  space_id              = spacelift_space.team.id
  shared_accounts       = local.up ? ["other-account"] : []
  worker_pool_id        = spacelift_worker_pool.pool.id
  workflow_tool         = "TERRAFORM_FOSS"
}

resource "spacelift_module" "mod_gitlab" {
  name               = "storage"
  terraform_provider = "google"
  repository         = "terraform-google-storage"
  branch             = "main"
  gitlab {
    namespace = "mods-${local.p}"
  }
}

# ---- stack dependencies ----
resource "spacelift_stack_dependency" "dep" {
  stack_id            = spacelift_stack.kubernetes.id
  depends_on_stack_id = spacelift_stack.terraform.id
}

resource "spacelift_stack_dependency_reference" "ref" {
  stack_dependency_id = spacelift_stack_dependency.dep.id
  output_name         = "cluster_endpoint"
  input_name          = local.up ? "TF_VAR_endpoint2" : "TF_VAR_endpoint"
}

# ---- drift detection ----
resource "spacelift_drift_detection" "dd" {
  stack_id     = spacelift_stack.terraform.id
  schedule     = local.up ? ["0 */2 * * *"] : ["0 * * * *"]
  timezone     = local.up ? "Europe/Berlin" : "UTC"
  reconcile    = local.up
  ignore_state = local.up
}

# ---- webhooks ----
resource "spacelift_webhook" "stack" {
  stack_id = spacelift_stack.terraform.id
  endpoint = "https://hooks.example.com/stack-${local.p}"
  secret   = "s3cr3t"
  enabled  = true
}

resource "spacelift_webhook" "module" {
  module_id = spacelift_module.mod.id
  endpoint  = "https://hooks.example.com/module-${local.p}"
  enabled   = true
}

resource "spacelift_named_webhook" "named" {
  name     = "tf-named-${local.p}"
  endpoint = "https://hooks.example.com/named-${local.p}"
  space_id = spacelift_space.team.id
  labels   = ["hook", "phase-${local.p}"]
  secret   = "s3cr3t"
  enabled  = true
}

# ---- worker pool ----
resource "spacelift_worker_pool" "pool" {
  name        = "tf-pool"
  description = "pool ${local.p}"
  labels      = ["pool", "phase-${local.p}"]
  space_id    = spacelift_space.team.id
}

# ---- AWS integration ----
resource "spacelift_aws_integration" "aws" {
  name                           = "tf-aws"
  role_arn                       = "arn:aws:iam::123456789012:role/spacelift-${local.p}"
  generate_credentials_in_worker = false
  external_id                    = "ext-${local.p}"
  duration_seconds               = local.up ? 1800 : 900
  labels                         = ["aws", "phase-${local.p}"]
  space_id                       = spacelift_space.team.id
}

resource "spacelift_aws_integration_attachment" "stack" {
  integration_id = spacelift_aws_integration.aws.id
  stack_id       = spacelift_stack.terraform.id
  read           = true
  write          = local.up
}

resource "spacelift_aws_integration_attachment" "module" {
  integration_id = spacelift_aws_integration.aws.id
  module_id      = spacelift_module.mod.id
  read           = true
  write          = true
}

# ---- stack companions the emulator models ----
resource "spacelift_stack_activator" "act" {
  stack_id = spacelift_stack.ansible.id
  enabled  = !local.up
}

resource "spacelift_stack_aws_role" "role" {
  stack_id = spacelift_stack.pulumi.id
  role_arn = "arn:aws:iam::123456789012:role/legacy-${local.p}"
}

resource "spacelift_named_webhook_secret_header" "auth" {
  webhook_id = spacelift_named_webhook.named.id
  key        = "X-Auth"
  value      = "fake-header-${local.p}"
}

# ---- Azure integration ----
resource "spacelift_azure_integration" "az" {
  name                    = "tf-azure"
  tenant_id               = "00000000-0000-0000-0000-000000000001"
  default_subscription_id = "11111111-1111-1111-1111-11111111111${local.p}"
  labels                  = ["azure", "phase-${local.p}"]
  space_id                = spacelift_space.team.id
}

resource "spacelift_azure_integration_attachment" "stack" {
  integration_id  = spacelift_azure_integration.az.id
  stack_id        = spacelift_stack.terraform.id
  read            = true
  write           = local.up
  subscription_id = "22222222-2222-2222-2222-22222222222${local.p}"
}

resource "spacelift_azure_integration_attachment" "module" {
  integration_id = spacelift_azure_integration.az.id
  module_id      = spacelift_module.mod.id
  read           = true
  write          = true
}

# ---- legacy cloud credentials on a stack or module ----
resource "spacelift_aws_role" "module" {
  module_id                      = spacelift_module.mod_gitlab.id
  role_arn                       = "arn:aws:iam::123456789012:role/module-${local.p}"
  external_id                    = "ext-${local.p}"
  duration_seconds               = local.up ? 1800 : 900
  generate_credentials_in_worker = false
}

resource "spacelift_gcp_service_account" "module" {
  module_id    = spacelift_module.mod.id
  token_scopes = local.up ? ["https://www.googleapis.com/auth/cloud-platform", "https://www.googleapis.com/auth/userinfo.email"] : ["https://www.googleapis.com/auth/cloud-platform"]
}

resource "spacelift_stack_gcp_service_account" "stack" {
  stack_id     = spacelift_stack.kubernetes.id
  token_scopes = ["https://www.googleapis.com/auth/cloud-platform"]
}

# ---- runs ----
resource "spacelift_run" "run" {
  stack_id = spacelift_stack.terraform.id
  proposed = true
  keepers = {
    phase = tostring(local.p)
  }
}

# Active after the update: its delete destroys the stack's resources and deletes the stack.
resource "spacelift_stack_destructor" "destructor" {
  stack_id    = spacelift_stack.cloudformation.id
  deactivated = !local.up
}

# ---- schedules ----
resource "spacelift_scheduled_task" "task" {
  stack_id = spacelift_stack.terraform.id
  command  = "echo task-${local.p}"
  every    = local.up ? ["0 */2 * * *"] : ["0 * * * *"]
  timezone = local.up ? "Europe/Berlin" : "UTC"
}

resource "spacelift_scheduled_task" "once" {
  stack_id = spacelift_stack.terraform.id
  command  = "echo once"
  at       = local.up ? 1893542400 : 1893456000
}

resource "spacelift_scheduled_delete_stack" "delete" {
  stack_id         = spacelift_stack.kubernetes.id
  at               = local.up ? 1893542400 : 1893456000
  delete_resources = local.up
}

# ---- account ----
resource "spacelift_security_email" "email" {
  email = "security-${local.p}@example.com"
}

resource "spacelift_audit_trail_webhook" "audit" {
  endpoint     = "https://hooks.example.com/audit-${local.p}"
  enabled      = true
  secret       = "s3cr3t-${local.p}"
  include_runs = local.up
}

# ---- access ----
resource "spacelift_user" "user" {
  username         = "tf-user"
  invitation_email = "tf-user@example.com"
  policy {
    space_id = "root"
    role     = "READ"
  }
  policy {
    space_id = spacelift_space.team.id
    role     = local.up ? "ADMIN" : "WRITE"
  }
}

resource "spacelift_idp_group_mapping" "group" {
  name = "tf-group"
  policy {
    space_id = spacelift_space.team.id
    role     = local.up ? "WRITE" : "READ"
  }
}

# ---- registry ----
resource "spacelift_terraform_provider" "provider" {
  type        = "tfexample"
  space_id    = spacelift_space.team.id
  description = "provider ${local.p}"
  labels      = ["provider", "phase-${local.p}"]
  public      = local.up
}

resource "spacelift_vcs_agent_pool" "agents" {
  name        = "tf-vcs-agents-${local.p}"
  description = "agents ${local.p}"
}

resource "spacelift_version" "version" {
  module_id      = spacelift_module.mod.id
  version_number = local.up ? "1.0.1" : "1.0.0"
  keepers = {
    phase = tostring(local.p)
  }
}

# ---- blueprints ----
resource "spacelift_blueprint" "blueprint" {
  name        = "tf-blueprint"
  space       = spacelift_space.team.id
  state       = local.up ? "PUBLISHED" : "DRAFT"
  description = "blueprint ${local.p}"
  labels      = ["blueprint", "phase-${local.p}"]
  template    = "inputs: []\nstack:\n  name: from-blueprint-${local.p}\n  space: root\n  vcs:\n    branch: main\n    repository: infra\n    provider: GITHUB\n  vendor:\n    terraform:\n      manage_state: true\n      version: 1.5.7\n"
}
