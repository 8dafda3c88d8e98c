package treum.lib.images_test

import data.treum.lib.images

test_parse_docker_hub_short_names if {
	images.parse("nginx") == {"registry": "docker.io", "repository": "nginx", "tag": "", "digest": ""}
	images.parse("library/nginx:1.27") == {"registry": "docker.io", "repository": "library/nginx", "tag": "1.27", "digest": ""}
}

test_parse_registry_hosts if {
	images.parse("ghcr.io/acme/api:2.0.0").registry == "ghcr.io"
	images.parse("registry:5000/api:1.0.0") == {"registry": "registry:5000", "repository": "api", "tag": "1.0.0", "digest": ""}
	images.parse("localhost/api").registry == "localhost"
}

test_parse_digest if {
	images.parse("111122223333.dkr.ecr.ap-south-1.amazonaws.com/api:1.0.0@sha256:abc") == {
		"registry": "111122223333.dkr.ecr.ap-south-1.amazonaws.com",
		"repository": "api", "tag": "1.0.0", "digest": "sha256:abc",
	}
}

test_ecr_hosts if {
	images.ecr("111122223333.dkr.ecr.ap-southeast-1.amazonaws.com") == {"account": "111122223333", "region": "ap-southeast-1"}
	images.ecr("111122223333.dkr.ecr-fips.us-east-1.amazonaws.com").region == "us-east-1"
	not images.ecr("public.ecr.aws")
	not images.ecr("1111.dkr.ecr.ap-south-1.amazonaws.com")
}

test_immutable_tags if {
	every tag in ["1.0.0", "v2.3.4", "1.0.0-rc.1", "1.0.0+build.5", "3f2a9c1", "0123456789abcdef0123456789abcdef01234567"] {
		images.immutable_tag(tag)
	}
	every tag in ["main", "stable", "1.0", "v1", "latest", "3F2A9C1"] {
		not images.immutable_tag(tag)
	}
}
