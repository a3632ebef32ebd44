# Arguments and blocks newer than v1.9.3.
resource "spacelift_stack" "opentofu" {
  name                             = "tf-opentofu"
  repository                       = "infra"
  branch                           = "main"
  git_sparse_checkout_paths        = ["envs/${local.p}"]
  enable_well_known_secret_masking = local.up
  enable_sensitive_outputs_upload  = local.up
  allow_run_promotion              = local.up
  opentofu {
    version                = local.up ? "1.8.1" : "1.8.0"
    workspace              = "ws-${local.p}"
    workflow_tool          = "OPENTOFU"
    use_smart_sanitization = local.up
    external_state_access  = local.up
    logging {
      concise = local.up
    }
  }
}

resource "spacelift_stack" "terragrunt_tofu" {
  name       = "tf-terragrunt-tofu"
  repository = "infra"
  branch     = "main"
  terragrunt {
    terraform_version                      = "1.8.0"
    terragrunt_version                     = "0.67.0"
    tool                                   = "OPEN_TOFU"
    use_state_management                   = true
    skip_replan_when_run_all               = local.up
    prefix_resource_names_with_module_name = local.up
  }
}

resource "spacelift_stack" "kubernetes_custom" {
  name       = "tf-kubernetes-custom"
  repository = "infra"
  branch     = "main"
  kubernetes {
    namespace                = "ns"
    kubernetes_workflow_tool = "CUSTOM"
  }
}

resource "spacelift_stack" "spacelift_repo" {
  name       = "tf-spacelift-repo"
  repository = "infra"
  branch     = "main"
  spacelift_repo {}
}

resource "spacelift_module" "mod_new" {
  name                      = "dns"
  terraform_provider        = "aws"
  repository                = "terraform-aws-dns"
  branch                    = "main"
  runner_image              = "public.ecr.aws/spacelift/runner-terraform:${local.p}"
  git_sparse_checkout_paths = ["modules/${local.p}"]
  space_shares              = local.up ? [spacelift_space.team.id] : []
  raw_git {
    namespace = "example"
    url       = "https://git.example.com/example/dns-${local.p}.git"
  }
}

resource "spacelift_policy" "described" {
  name        = "tf-described-policy"
  body        = "package spacelift\n# ${local.p}\n"
  type        = "PLAN"
  description = "policy ${local.p}"
  engine_type = "REGO_V1"
}

resource "spacelift_stack_dependency_reference" "always" {
  stack_dependency_id = spacelift_stack_dependency.dep.id
  output_name         = "cluster_name"
  input_name          = "TF_VAR_cluster_name"
  trigger_always      = local.up
}

resource "spacelift_environment_variable" "described" {
  stack_id    = spacelift_stack.terraform.id
  name        = "DESCRIBED_VAR"
  value       = "v-${local.p}"
  description = "variable ${local.p}"
}

resource "spacelift_mounted_file" "described" {
  context_id    = spacelift_context.ctx.id
  relative_path = "described.txt"
  content       = base64encode("phase ${local.p}")
  description   = "file ${local.p}"
}

resource "spacelift_webhook" "retrying" {
  stack_id         = spacelift_stack.terraform.id
  endpoint         = "https://hooks.example.com/retry-${local.p}"
  retry_on_failure = local.up
}

resource "spacelift_named_webhook" "retrying" {
  name             = "tf-named-retry"
  endpoint         = "https://hooks.example.com/named-retry-${local.p}"
  space_id         = "root"
  enabled          = true
  retry_on_failure = local.up
}

resource "spacelift_worker_pool" "limited" {
  name                      = "tf-pool-limited"
  drift_detection_run_limit = local.up ? 5 : 3
}

resource "spacelift_aws_integration" "regional" {
  name                           = "tf-aws-regional"
  role_arn                       = "arn:aws:iam::123456789012:role/regional"
  generate_credentials_in_worker = false
  region                         = local.up ? "eu-central-1" : "eu-west-1"
  autoattach_enabled             = local.up
  tag_assume_role                = local.up
}

# Terraform in the first apply, Terragrunt in the update: a vendor migration.
resource "spacelift_stack" "migrating" {
  name              = "tf-migrating"
  repository        = "infra"
  branch            = "main"
  terraform_version = local.up ? null : "1.5.7"
  dynamic "terragrunt" {
    for_each = local.up ? [1] : []
    content {
      terraform_version    = "1.5.7"
      terragrunt_version   = "0.55.0"
      use_state_management = true
    }
  }
}

resource "spacelift_module" "public" {
  name               = "public-vpc"
  terraform_provider = "aws"
  repository         = "terraform-aws-public-vpc"
  branch             = "main"
  public             = true
  description        = "public ${local.p}"
}

# Cycles the pool's workers; a change of keepers cycles them again (by replacement).
resource "spacelift_worker_pool_recycle" "limited" {
  worker_pool_id = spacelift_worker_pool.limited.id
  keepers = {
    phase = tostring(local.p)
  }
}

resource "spacelift_azure_integration" "autoattach" {
  name               = "tf-azure-autoattach"
  tenant_id          = "33333333-3333-3333-3333-333333333333"
  autoattach_enabled = local.up
}

resource "spacelift_aws_role" "regional" {
  stack_id                       = spacelift_stack.opentofu.id
  role_arn                       = "arn:aws:iam::123456789012:role/regional-${local.p}"
  generate_credentials_in_worker = false
  region                         = local.up ? "eu-central-1" : "eu-west-1"
}

resource "spacelift_stack_destructor" "discarding" {
  stack_id     = spacelift_stack.terragrunt_tofu.id
  discard_runs = local.up
}

resource "spacelift_run" "configured" {
  stack_id = spacelift_stack.opentofu.id
  keepers = {
    phase = tostring(local.p)
  }
  runtime_config {
    before_init  = ["echo before-${local.p}"]
    project_root = "envs/${local.p}"
  }
  wait {
    disabled = true
  }
}

resource "spacelift_audit_trail_webhook" "headers" {
  endpoint         = "https://hooks.example.com/audit-headers-${local.p}"
  enabled          = true
  secret           = "s3cr3t"
  retry_on_failure = local.up
  custom_headers = {
    X-Phase = tostring(local.p)
  }
}

resource "spacelift_idp_group_mapping" "described" {
  name        = "tf-group-described"
  description = "group ${local.p}"
  policy {
    space_id = "root"
    role     = "READ"
  }
}
