package tsnolatesttag

import rego.v1

pod(image) := {"kind": "Pod", "metadata": {"name": "app"}, "spec": {"containers": [{"name": "app", "image": image}]}}

test_version_tag_is_allowed if {
	inp := {"review": {"object": pod("410987654321.dkr.ecr.us-east-1.amazonaws.com/trading/order-gateway:1.42.0")}}
	count(violation) == 0 with input as inp
}

test_digest_is_allowed if {
	inp := {"review": {"object": pod("registry.example:5000/app@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945")}}
	count(violation) == 0 with input as inp
}

test_latest_tag_is_denied if {
	inp := {"review": {"object": pod("410987654321.dkr.ecr.us-east-1.amazonaws.com/trading/order-gateway:latest")}}
	count(violation) == 1 with input as inp
}

test_missing_tag_is_denied if {
	inp := {"review": {"object": pod("410987654321.dkr.ecr.us-east-1.amazonaws.com/trading/order-gateway")}}
	count(violation) == 1 with input as inp
}

test_registry_port_is_not_a_tag if {
	inp := {"review": {"object": pod("registry.example:5000/trading/order-gateway")}}
	count(violation) == 1 with input as inp
}

test_tag_after_a_registry_port_is_allowed if {
	inp := {"review": {"object": pod("registry.example:5000/trading/order-gateway:1.42.0")}}
	count(violation) == 0 with input as inp
}

test_truncated_digest_is_denied if {
	inp := {"review": {"object": pod("registry.example:5000/app@sha256:4f53cda1")}}
	count(violation) == 1 with input as inp
}
