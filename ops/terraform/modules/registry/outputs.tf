output "hcomb_repository_url" {
  description = "Repository URL of the HComb image."
  value       = aws_ecr_repository.image["hcomb"].repository_url
}

output "fuse_repository_url" {
  description = "Repository URL of the Fuse gRPC service image."
  value       = aws_ecr_repository.image["fuse"].repository_url
}
