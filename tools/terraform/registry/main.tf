# The two image repositories, applied before the main stack: images must be pushed (and their digests known)
# before Lambda and the task definition can reference them. Tags are immutable, so a digest never changes meaning.

resource "aws_ecr_repository" "this" {
  for_each = toset(["api", "parser"])

  name                 = "${var.name}-${each.key}"
  image_tag_mutability = "IMMUTABLE"
  force_delete         = var.force_delete

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
  }
}

# Keep the last images so a rollback to an earlier digest still finds it; untagged leftovers go after a week.
resource "aws_ecr_lifecycle_policy" "this" {
  for_each = aws_ecr_repository.this

  repository = each.value.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Drop untagged images after 7 days"
        selection    = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 7 }
        action       = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Keep the ${var.images_to_keep} most recent images"
        selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = var.images_to_keep }
        action       = { type = "expire" }
      },
    ]
  })
}
