variable "region" {
  description = "AWS region; must be the main stack's region (Lambda pulls images from its own region only)."
  type        = string
  default     = "eu-central-1"
}

variable "name" {
  description = "Prefix of the repository names; the main stack's api_image_repository and parser_image_repository default to <name>-api and <name>-parser."
  type        = string
  default     = "invoice-pipeline"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}[a-z0-9]$", var.name))
    error_message = "name must be 4-32 characters of a-z, 0-9 and '-', starting with a letter."
  }
}

variable "tags" {
  description = "Extra tags added to every resource."
  type        = map(string)
  default     = {}
}

variable "images_to_keep" {
  description = "How many recent images each repository keeps, i.e. how far back a rollback can go."
  type        = number
  default     = 20

  validation {
    condition     = var.images_to_keep >= 2
    error_message = "images_to_keep must be at least 2, or there is nothing to roll back to."
  }
}

variable "force_delete" {
  description = "Let `terraform destroy` delete repositories that still hold images (the rehearsal sets it; keep false for real)."
  type        = bool
  default     = false
}
