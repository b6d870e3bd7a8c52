provider "aws" {
  region = var.region

  default_tags {
    tags = merge({ Application = var.name, ManagedBy = "terraform" }, var.tags)
  }
}
