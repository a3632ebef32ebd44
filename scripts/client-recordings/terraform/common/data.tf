# @{address.attribute} is replaced by that attribute of the main configuration's state.
data "spacelift_account" "this" {}

data "spacelift_space" "team" {
  space_id = "@{spacelift_space.team.id}"
}

data "spacelift_spaces" "all" {}

data "spacelift_space_by_path" "team" {
  space_path = "root/@{spacelift_space.team.name}"
}

data "spacelift_stack" "terraform" {
  stack_id = "@{spacelift_stack.terraform.id}"
}

data "spacelift_stack" "terragrunt" {
  stack_id = "@{spacelift_stack.terragrunt.id}"
}

data "spacelift_stack" "gitlab" {
  stack_id = "@{spacelift_stack.gitlab.id}"
}

data "spacelift_stacks" "all" {}

data "spacelift_stacks" "filtered" {
  administrative {
    equals = true
  }
  branch {
    any_of = ["develop"]
  }
  labels {
    any_of = ["vendor:terraform"]
  }
  name {
    any_of = ["tf-terraform"]
  }
  project_root {
    any_of = ["envs/2"]
  }
  repository {
    any_of = ["infra"]
  }
  vendor {
    any_of = ["Terraform"]
  }
  worker_pool {
    any_of = ["@{spacelift_worker_pool.pool.id}"]
  }
}

data "spacelift_context" "ctx" {
  context_id = "@{spacelift_context.ctx.id}"
}

data "spacelift_contexts" "all" {}

data "spacelift_context_attachment" "stack" {
  context_id = "@{spacelift_context.ctx.id}"
  stack_id   = "@{spacelift_stack.terraform.id}"
}

data "spacelift_context_attachment" "module" {
  context_id = "@{spacelift_context.ctx.id}"
  module_id  = "@{spacelift_module.mod.id}"
}

data "spacelift_environment_variable" "ctx" {
  context_id = "@{spacelift_context.ctx.id}"
  name       = "CTX_VAR"
}

data "spacelift_environment_variable" "stack" {
  stack_id = "@{spacelift_stack.terraform.id}"
  name     = "STACK_VAR"
}

data "spacelift_environment_variable" "module" {
  module_id = "@{spacelift_module.mod.id}"
  name      = "MODULE_VAR"
}

data "spacelift_mounted_file" "ctx" {
  context_id    = "@{spacelift_context.ctx.id}"
  relative_path = "ctx.json"
}

data "spacelift_mounted_file" "stack" {
  stack_id      = "@{spacelift_stack.terraform.id}"
  relative_path = "stack.json"
}

data "spacelift_mounted_file" "module" {
  module_id     = "@{spacelift_module.mod.id}"
  relative_path = "module.json"
}

data "spacelift_policy" "plan" {
  policy_id = "@{spacelift_policy.plan.id}"
}

data "spacelift_policies" "all" {}

data "spacelift_policies" "filtered" {
  type   = "PLAN"
  labels = ["policy"]
}

data "spacelift_module" "mod" {
  module_id = "@{spacelift_module.mod.id}"
}

data "spacelift_drift_detection" "dd" {
  stack_id = "@{spacelift_stack.terraform.id}"
}

data "spacelift_webhook" "stack" {
  stack_id   = "@{spacelift_stack.terraform.id}"
  webhook_id = "@{spacelift_webhook.stack.id}"
}

data "spacelift_webhook" "module" {
  module_id  = "@{spacelift_module.mod.id}"
  webhook_id = "@{spacelift_webhook.module.id}"
}

data "spacelift_named_webhook" "named" {
  webhook_id = "@{spacelift_named_webhook.named.id}"
}

data "spacelift_worker_pool" "pool" {
  worker_pool_id = "@{spacelift_worker_pool.pool.id}"
}

data "spacelift_worker_pools" "all" {}

data "spacelift_aws_integration" "by_id" {
  integration_id = "@{spacelift_aws_integration.aws.id}"
}

data "spacelift_aws_integration" "by_name" {
  name = "@{spacelift_aws_integration.aws.name}"
}

data "spacelift_aws_integrations" "all" {}

data "spacelift_aws_integration_attachment" "stack" {
  integration_id = "@{spacelift_aws_integration.aws.id}"
  stack_id       = "@{spacelift_stack.terraform.id}"
}

data "spacelift_aws_integration_attachment" "module" {
  integration_id = "@{spacelift_aws_integration.aws.id}"
  module_id      = "@{spacelift_module.mod.id}"
}

data "spacelift_aws_integration_attachment_external_id" "stack" {
  integration_id = "@{spacelift_aws_integration.aws.id}"
  stack_id       = "@{spacelift_stack.terraform.id}"
  read           = true
  write          = true
}

data "spacelift_stack_aws_role" "role" {
  stack_id = "@{spacelift_stack.pulumi.id}"
}

data "spacelift_ips" "this" {}

data "spacelift_azure_integration" "by_id" {
  integration_id = "@{spacelift_azure_integration.az.id}"
}

data "spacelift_azure_integration" "by_name" {
  name = "@{spacelift_azure_integration.az.name}"
}

data "spacelift_azure_integrations" "all" {}

data "spacelift_azure_integration_attachment" "stack" {
  integration_id = "@{spacelift_azure_integration.az.id}"
  stack_id       = "@{spacelift_azure_integration_attachment.stack.stack_id}"
}

data "spacelift_azure_integration_attachment" "module" {
  integration_id = "@{spacelift_azure_integration.az.id}"
  module_id      = "@{spacelift_azure_integration_attachment.module.module_id}"
}

data "spacelift_aws_role" "module" {
  module_id = "@{spacelift_aws_role.module.module_id}"
}

data "spacelift_gcp_service_account" "module" {
  module_id = "@{spacelift_gcp_service_account.module.module_id}"
}

data "spacelift_stack_gcp_service_account" "stack" {
  stack_id = "@{spacelift_stack_gcp_service_account.stack.stack_id}"
}

data "spacelift_scheduled_task" "task" {
  scheduled_task_id = "@{spacelift_scheduled_task.task.id}"
}

data "spacelift_scheduled_delete_stack" "delete" {
  scheduled_delete_stack_id = "@{spacelift_scheduled_delete_stack.delete.id}"
}

data "spacelift_vcs_agent_pool" "agents" {
  vcs_agent_pool_id = "@{spacelift_vcs_agent_pool.agents.id}"
}

data "spacelift_vcs_agent_pools" "all" {}
