# tagcache: the part of the Varnish integration shared by both tag modes.
#
# Not meant to be included on its own: include tagcache-ban.vcl or tagcache-xkey.vcl, which
# include this file and define the tagcache_recv / tagcache_backend_response / tagcache_deliver
# subroutines a site calls. See README.md beside this file.
#
# The including VCL must define the ACL `tagcache_invalidators` (the clients that may BAN,
# PURGE, PURGEKEYS, refresh and ask for debug headers).

vcl 4.1;

import std;

# Invalidation requests (BAN, PURGE, PURGEKEYS), refresh and the debug switch.
sub tagcache_common_recv {
	if (req.method == "BAN" || req.method == "PURGE" || req.method == "PURGEKEYS") {
		if (client.ip !~ tagcache_invalidators) {
			return (synth(405, "Not allowed"));
		}
		# The purge target may be an absolute URL; split it the way the hash sees it.
		call tagcache_absolute_url;
		if (req.method == "BAN") {
			call tagcache_ban;
		}
		if (req.method == "PURGE") {
			return (purge);
		}
		# PURGEKEYS is answered by the mode file (tagcache-xkey.vcl, or 501 in ban mode).
	}

	# Refresh: an allowed client's GET with Cache-Control: no-cache fetches anew and replaces
	# the cached object. Anybody else's no-cache (a browser's reload) is served as usual
	# rather than refused, so a reload never turns into an origin fetch or an error.
	if (req.method == "GET" && req.http.Cache-Control ~ "(?i)no-cache" &&
	    client.ip ~ tagcache_invalidators) {
		call tagcache_absolute_url;
		set req.hash_always_miss = true;
	}

	# ESI: tells the origin that this proxy assembles <esi:include/> (the origin then answers
	# with Surrogate-Control: content="ESI/1.0"). Set here rather than taken from the client,
	# so a client cannot claim it; fragment subrequests pass here too.
	set req.http.Surrogate-Capability = "abc=ESI/1.0";

	# Only allowed clients may see the internal headers.
	if (req.http.X-Tagcache-Debug && client.ip !~ tagcache_invalidators) {
		unset req.http.X-Tagcache-Debug;
	}
}

sub tagcache_absolute_url {
	if (req.url ~ "^(?i)https?://") {
		set req.http.Host = regsub(req.url, "^(?i)https?://([^/?#]*).*$", "\1");
		set req.url = regsub(req.url, "^(?i)https?://[^/?#]*", "");
		if (req.url !~ "^/") {
			set req.url = "/" + req.url;
		}
	}
}

# BAN: every condition header becomes one test on obj.http.* (the ban lurker can only evaluate
# those), all tests joined with &&. Several lines of one header are ORed (joined with "|", the
# regex alternation). Values are regular expressions and may not contain whitespace (the ban
# parser splits on it; match blanks with \s). An X-Host, X-Url or X-Content-Type of exactly
# ".*" means "any" and adds no test: FOSHttpCache-style clients send all three with every ban,
# and an object without a Content-Type would not match "obj.http.content-type ~ .*". The short
# conditions come first and the long tag and location lists last: every addition copies the expression so far into the workspace.
sub tagcache_ban {
	unset req.http.x-tagcache-ban;
	unset req.http.x-tagcache-any;
	# tagcache's client sends a location ban in the tag header, the only header FOSHttpCache's
	# VCL tests (a site on that VCL tags its pages with their location ids), and says so with
	# X-Tagcache-Location-Ban; here location ids keep their own header, apart from tags.
	if (req.http.X-Tagcache-Location-Ban && req.http.X-Cache-Tags && !req.http.X-Location-Id) {
		std.collect(req.http.X-Cache-Tags, "|");
		set req.http.X-Location-Id = req.http.X-Cache-Tags;
		unset req.http.X-Cache-Tags;
	}
	if (req.http.X-Host) {
		std.collect(req.http.X-Host, "|");
		if (req.http.X-Host ~ "^\s*$") {
			return (synth(400, "Empty X-Host"));
		}
		if (req.http.X-Host == ".*") {
			set req.http.x-tagcache-any = "1";
		} elsif (req.http.x-tagcache-ban) {
			set req.http.x-tagcache-ban = req.http.x-tagcache-ban + " && obj.http.x-host ~ " +
			    req.http.X-Host;
		} else {
			set req.http.x-tagcache-ban = "obj.http.x-host ~ " + req.http.X-Host;
		}
	}
	if (req.http.X-Url) {
		std.collect(req.http.X-Url, "|");
		if (req.http.X-Url ~ "^\s*$") {
			return (synth(400, "Empty X-Url"));
		}
		if (req.http.X-Url == ".*") {
			set req.http.x-tagcache-any = "1";
		} elsif (req.http.x-tagcache-ban) {
			set req.http.x-tagcache-ban = req.http.x-tagcache-ban + " && obj.http.x-url ~ " +
			    req.http.X-Url;
		} else {
			set req.http.x-tagcache-ban = "obj.http.x-url ~ " + req.http.X-Url;
		}
	}
	if (req.http.X-Content-Type) {
		std.collect(req.http.X-Content-Type, "|");
		if (req.http.X-Content-Type ~ "^\s*$") {
			return (synth(400, "Empty X-Content-Type"));
		}
		if (req.http.X-Content-Type == ".*") {
			set req.http.x-tagcache-any = "1";
		} elsif (req.http.x-tagcache-ban) {
			set req.http.x-tagcache-ban = req.http.x-tagcache-ban + " && obj.http.content-type ~ " +
			    req.http.X-Content-Type;
		} else {
			set req.http.x-tagcache-ban = "obj.http.content-type ~ " + req.http.X-Content-Type;
		}
	}
	if (req.http.X-Location-Id) {
		std.collect(req.http.X-Location-Id, "|");
		if (req.http.X-Location-Id ~ "^\s*$") {
			return (synth(400, "Empty X-Location-Id"));
		}
		if (req.http.x-tagcache-ban) {
			set req.http.x-tagcache-ban = req.http.x-tagcache-ban + " && obj.http.x-location-id ~ " +
			    req.http.X-Location-Id;
		} else {
			set req.http.x-tagcache-ban = "obj.http.x-location-id ~ " + req.http.X-Location-Id;
		}
	}
	if (req.http.X-Cache-Tags) {
		std.collect(req.http.X-Cache-Tags, "|");
		if (req.http.X-Cache-Tags ~ "^\s*$") {
			return (synth(400, "Empty X-Cache-Tags"));
		}
		if (req.http.x-tagcache-ban) {
			set req.http.x-tagcache-ban = req.http.x-tagcache-ban + " && obj.http.x-cache-tags ~ " +
			    req.http.X-Cache-Tags;
		} else {
			set req.http.x-tagcache-ban = "obj.http.x-cache-tags ~ " + req.http.X-Cache-Tags;
		}
	}
	if (!req.http.x-tagcache-ban && req.http.x-tagcache-any) {
		# Every condition given was ".*": a deliberate "ban everything" (FOSHttpCache's way).
		set req.http.x-tagcache-ban = "obj.status != 0";
	}
	if (!req.http.x-tagcache-ban) {
		# Never ban everything because a header was forgotten.
		return (synth(400, "BAN needs X-Cache-Tags, X-Location-Id, X-Host, X-Url or X-Content-Type"));
	}
	if (std.ban(req.http.x-tagcache-ban)) {
		return (synth(200, "Banned"));
	}
	# A malformed ban (bad regex, whitespace in a value) is an error, not a silent 200.
	return (synth(400, "Bad ban: " + std.ban_error()));
}

# What the bans test is stored on the object itself: the URL and host of the request (so bans
# need no req.* field and the lurker can process them), and the tag and location headers of the
# origin collapsed into one comma-separated line each (the origin may split them over several
# lines; "a, b" and "a,b" read the same).
sub tagcache_common_backend_response {
	# The origin saw one of the page's tags flushed while it built the page (ResponseTagger's
	# guard): the page may hold data from before the change. It goes to this visitor only and
	# is never stored (the built-in VCL then keeps a hit-for-miss marker: the next request
	# fetches anew, and a fresh answer is cached again). Closes the race of an invalidation
	# that happens while the origin renders, whatever the fetch takes.
	if (beresp.http.X-Tagcache-Stale) {
		set beresp.uncacheable = true;
		set beresp.ttl = 0s;
	}
	# ESI: the origin asked for assembly. Varnish then parses the page, fetches each
	# <esi:include/> as its own request (cached under its own URL, with its own TTL and tags,
	# so purging a fragment's tag leaves the page and the other fragments cached), and the
	# header, meant for this proxy only, is not stored.
	if (beresp.http.Surrogate-Control ~ "ESI/1\.0") {
		unset beresp.http.Surrogate-Control;
		set beresp.do_esi = true;
	}
	set beresp.http.x-url = bereq.url;
	set beresp.http.x-host = bereq.http.Host;
	if (beresp.http.X-Cache-Tags) {
		std.collect(beresp.http.X-Cache-Tags, ",");
		set beresp.http.X-Cache-Tags = regsuball(
		    regsuball(beresp.http.X-Cache-Tags, "[\s,]*,[\s,]*", ","), "^[\s,]+|[\s,]+$", "");
	}
	if (beresp.http.X-Location-Id) {
		std.collect(beresp.http.X-Location-Id, ",");
		set beresp.http.X-Location-Id = regsuball(
		    regsuball(beresp.http.X-Location-Id, "[\s,]*,[\s,]*", ","), "^[\s,]+|[\s,]+$", "");
	}
}

# X-Cache for tests and operators; internal headers leave only towards allowed debug clients.
sub tagcache_common_deliver {
	if (obj.uncacheable) {
		set resp.http.X-Cache = "PASS";
	} elsif (obj.hits == 0) {
		set resp.http.X-Cache = "MISS";
	} elsif (obj.ttl <= 0s) {
		set resp.http.X-Cache = "STALE";
	} else {
		set resp.http.X-Cache = "HIT";
	}
	unset resp.http.Surrogate-Control;
	if (!req.http.X-Tagcache-Debug) {
		unset resp.http.X-Cache-Tags;
		unset resp.http.X-Location-Id;
		unset resp.http.x-url;
		unset resp.http.x-host;
		unset resp.http.xkey;
		unset resp.http.X-Tagcache-Stale;
	}
}
