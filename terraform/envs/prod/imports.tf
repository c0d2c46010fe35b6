# The image repositories may already exist when Terraform first runs: deploy/01-build-and-push-images.sh
# and the CI workflow create a missing repository before pushing to it. Terraform adopts them here and
# from then on owns their scanning, encryption and lifecycle settings.
import {
  for_each = toset(module.stack.service_names)

  to = module.stack.module.ecr.aws_ecr_repository.this["peerprep/${each.key}"]
  id = "peerprep/${each.key}"
}
