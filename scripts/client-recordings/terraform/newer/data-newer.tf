data "spacelift_modules" "all" {}

data "spacelift_stack" "opentofu" {
  stack_id = "@{spacelift_stack.opentofu.id}"
}

data "spacelift_module" "mod_new" {
  module_id = "@{spacelift_module.mod_new.id}"
}

data "spacelift_aws_integration" "regional" {
  name   = "@{spacelift_aws_integration.regional.name}"
  region = "@{spacelift_aws_integration.regional.region}"
}

data "spacelift_user" "user" {
  username = "@{spacelift_user.user.username}"
}

data "spacelift_idp_group_mapping" "group" {
  name = "@{spacelift_idp_group_mapping.group.name}"
}
