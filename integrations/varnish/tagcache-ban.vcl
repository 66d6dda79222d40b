# tagcache for Varnish, ban mode: tags and location ids are invalidated with bans on the
# X-Cache-Tags / X-Location-Id headers the origin sends. Include from the site's VCL after
# defining `acl tagcache_invalidators`, and call the three subroutines below from vcl_recv,
# vcl_backend_response and vcl_deliver (example-ban.vcl shows how). See README.md.

vcl 4.1;

include "./tagcache-common.vcl";

sub tagcache_recv {
	call tagcache_common_recv;
	if (req.method == "PURGEKEYS") {
		return (synth(501, "PURGEKEYS needs tagcache-xkey.vcl (this proxy runs in ban mode)"));
	}
}

sub tagcache_backend_response {
	call tagcache_common_backend_response;
}

sub tagcache_deliver {
	call tagcache_common_deliver;
}
