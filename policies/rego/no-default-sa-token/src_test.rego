package tsnodefaultsatoken

import rego.v1

pod(spec) := {"kind": "Pod", "metadata": {"name": "app"}, "spec": object.union({"containers": [{"name": "app", "image": "app:1.0.0"}]}, spec)}

test_dedicated_service_account_is_allowed if {
	inp := {"review": {"object": pod({"serviceAccountName": "order-gateway"})}}
	count(violation) == 0 with input as inp
}

test_default_account_without_token_is_allowed if {
	inp := {"review": {"object": pod({"automountServiceAccountToken": false})}}
	count(violation) == 0 with input as inp
}

test_implicit_default_account_is_denied if {
	inp := {"review": {"object": pod({})}}
	count(violation) == 1 with input as inp
}

test_explicit_default_account_with_token_is_denied if {
	inp := {"review": {"object": pod({"serviceAccountName": "default", "automountServiceAccountToken": true})}}
	count(violation) == 1 with input as inp
}

test_deployment_on_default_account_is_denied if {
	deployment := {"kind": "Deployment", "metadata": {"name": "app"}, "spec": {"template": {"spec": {"containers": []}}}}
	inp := {"review": {"object": deployment}}
	count(violation) == 1 with input as inp
}
