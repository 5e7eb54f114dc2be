package tsallowedregistries

import rego.v1

ecr := "410987654321.dkr.ecr.us-east-1.amazonaws.com"

review(obj) := {"review": {"object": obj}, "parameters": {"registries": [ecr]}}

pod(image) := {"kind": "Pod", "metadata": {"name": "app"}, "spec": {"containers": [{"name": "app", "image": image}]}}

test_image_from_the_account_ecr_is_allowed if {
	inp := review(pod(concat("", [ecr, "/trading/order-gateway:1.42.0"])))
	count(violation) == 0 with input as inp
}

test_pull_through_cache_image_is_allowed if {
	inp := review(pod(concat("", [ecr, "/docker-hub/library/busybox:1.36.1"])))
	count(violation) == 0 with input as inp
}

test_docker_hub_image_is_denied if {
	inp := review(pod("nginx:1.27.0"))
	count(violation) == 1 with input as inp
}

test_lookalike_registry_is_denied if {
	inp := review(pod(concat("", [ecr, ".evil.example/order-gateway:1.42.0"])))
	count(violation) == 1 with input as inp
}

test_another_accounts_ecr_is_denied if {
	inp := review(pod("999999999999.dkr.ecr.us-east-1.amazonaws.com/trading/order-gateway:1.42.0"))
	count(violation) == 1 with input as inp
}

test_init_container_of_a_deployment_is_checked if {
	deployment := {
		"kind": "Deployment",
		"metadata": {"name": "app"},
		"spec": {"template": {"spec": {
			"initContainers": [{"name": "migrate", "image": "ghcr.io/acme/migrate:2.0.0"}],
			"containers": [{"name": "app", "image": concat("", [ecr, "/trading/order-gateway:1.42.0"])}],
		}}},
	}
	inp := review(deployment)
	count(violation) == 1 with input as inp
}
