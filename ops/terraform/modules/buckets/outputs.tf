output "results_bucket" {
  description = "Name of the results bucket."
  value       = aws_s3_bucket.results.id
}

output "artifacts_bucket" {
  description = "Name of the bucket holding the Lambda zips."
  value       = aws_s3_bucket.artifacts.id
}
