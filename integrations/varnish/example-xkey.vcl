# A complete VCL for a site behind Varnish with tagcache in xkey mode, usable as it is:
#     varnishd -a :80 -f /etc/varnish/example-xkey.vcl
# with tagcache-xkey.vcl and tagcache-common.vcl in the same folder. Replace the backend
# address (the test suite substitutes the two placeholders) and list the machines that send
# invalidations in the ACL.

vcl 4.1;

backend default {
	.host = "__BACKEND_HOST__";
	.port = "__BACKEND_PORT__";
}

# Who may BAN, PURGE, PURGEKEYS, refresh (GET with Cache-Control: no-cache) and ask for the
# internal headers (X-Tagcache-Debug). Anybody else gets 405 for the invalidation methods.
acl tagcache_invalidators {
	"localhost";
	"127.0.0.1";
	"::1";
}

include "./tagcache-xkey.vcl";

sub vcl_recv {
	call tagcache_recv;
	# ... the site's own request handling; the built-in vcl_recv runs after this.
}

sub vcl_backend_response {
	call tagcache_backend_response;
}

sub vcl_deliver {
	call tagcache_deliver;
}
