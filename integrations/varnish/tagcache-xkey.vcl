# tagcache for Varnish, xkey mode: tags and location ids become surrogate keys of vmod xkey
# (varnish-modules) and are invalidated with PURGEKEYS requests; BAN (path and host bans),
# PURGE and refresh work as in ban mode. Include from the site's VCL after defining
# `acl tagcache_invalidators`, and call the three subroutines below from vcl_recv,
# vcl_backend_response and vcl_deliver (example-xkey.vcl shows how). See README.md.

vcl 4.1;

import std;
import xkey;

include "./tagcache-common.vcl";

sub tagcache_recv {
	call tagcache_common_recv;
	if (req.method == "PURGEKEYS") {
		if (!req.http.xkey-purge && !req.http.xkey-softpurge) {
			return (synth(400, "PURGEKEYS needs xkey-purge or xkey-softpurge"));
		}
		# Several lines of one header are one list; keys are separated by blanks.
		set req.http.x-tagcache-purged = "0";
		if (req.http.xkey-purge) {
			std.collect(req.http.xkey-purge, " ");
			set req.http.x-tagcache-purged = xkey.purge(req.http.xkey-purge);
		}
		if (req.http.xkey-softpurge) {
			std.collect(req.http.xkey-softpurge, " ");
			set req.http.x-tagcache-purged = std.integer(req.http.x-tagcache-purged, 0) +
			    xkey.softpurge(req.http.xkey-softpurge);
		}
		return (synth(200, "Purged " + req.http.x-tagcache-purged));
	}
}

# The origin keeps sending the tag header of ban mode (X-Cache-Tags, comma-separated, possibly
# over several lines, as the response tagger renders it) and X-Location-Id; both become xkey
# keys here, next to any xkey header the origin sends itself.
sub tagcache_backend_response {
	call tagcache_common_backend_response;
	if (beresp.http.xkey) {
		std.collect(beresp.http.xkey, " ");
	}
	if (beresp.http.X-Cache-Tags) {
		set beresp.http.xkey = beresp.http.xkey + " " + regsuball(beresp.http.X-Cache-Tags, ",", " ");
	}
	if (beresp.http.X-Location-Id) {
		set beresp.http.xkey = beresp.http.xkey + " " + regsuball(beresp.http.X-Location-Id, ",", " ");
	}
	if (beresp.http.xkey) {
		set beresp.http.xkey = regsuball(beresp.http.xkey, "^\s+|\s+$", "");
	}
}

sub tagcache_deliver {
	call tagcache_common_deliver;
}
