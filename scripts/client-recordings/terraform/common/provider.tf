terraform {
  required_providers {
    spacelift = { source = "spacelift-io/spacelift" }
  }
}

variable "endpoint" { type = string }
variable "key_id" { type = string }
variable "key_secret" {
  type      = string
  sensitive = true
}
# "1" for the first apply, "2" for the update apply: every updatable argument differs.
variable "phase" {
  type    = number
  default = 1
}

provider "spacelift" {
  api_key_endpoint = var.endpoint
  api_key_id       = var.key_id
  api_key_secret   = var.key_secret
}

locals {
  p  = var.phase
  up = var.phase == 2
}
