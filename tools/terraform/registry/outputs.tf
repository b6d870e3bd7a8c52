output "repository_urls" {
  description = "Push targets by image: api and parser."
  value       = { for key, repo in aws_ecr_repository.this : key => repo.repository_url }
}

output "repository_names" {
  description = "Repository names by image, as the main stack's api_image_repository / parser_image_repository take them."
  value       = { for key, repo in aws_ecr_repository.this : key => repo.name }
}
