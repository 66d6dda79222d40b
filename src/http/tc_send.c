/* Sending requests to proxies over libevent: every (request, proxy) pair on its own
 * connection ("Connection: close"), all started at once up to max_connections, one
 * event_base per call so nothing is shared between calls or threads. This is the only file
 * that includes libevent.
 *
 * Connecting is done by hand (non-blocking connect plus one event with the connect timeout),
 * because bufferevent_socket_connect reports an immediate refusal through a deferred callback
 * where errno no longer tells why. Once connected, a bufferevent writes the request and
 * buffers the answer. bufferevents write with writev(), which raises SIGPIPE when the proxy
 * has gone away: SIGPIPE is blocked during the run and one we caused is consumed. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>

#include "../tc_alloc.h"
#include "tc_http.h"
#include "tc_response.h"

#define SD_LINE_MAX    8192  /* one status or header line */
#define SD_HEADERS_MAX 65536 /* all header lines of one answer */
#define SD_ADDRS       4     /* addresses tried per proxy name, in the resolver's order */

enum { SD_QUEUED, SD_CONNECTING, SD_STATUS, SD_HEADERS, SD_BODY, SD_DONE };

typedef struct {
	struct sockaddr_storage addr[SD_ADDRS];
	socklen_t addrlen[SD_ADDRS];
	size_t naddr;
	char host_header[300]; /* "host:port", the Host of requests that name none */
	char error[200];       /* set when the proxy cannot be reached at all */
} sd_proxy;

typedef struct sd_run sd_run;

typedef struct {
	sd_run *run;
	size_t index; /* into results: one per (request, proxy) pair */
	size_t req, proxy;
	int phase;
	size_t addr; /* which of the proxy's addresses is being tried */
	int fd;      /* owned here until a bufferevent takes it */
	struct event *connect_ev;
	struct bufferevent *bev;
	tc_response_head head; /* status, 1xx, chunked, Content-Length, reason of the answer */
	long long body_left;   /* -1: until the server closes */
	size_t header_bytes;
} sd_job;

struct sd_run {
	struct event_base *base;
	unsigned connect_ms, total_ms, max_conn;
	const sd_proxy *proxies;
	size_t nproxies;
	const tc_http_request *reqs;
	tc_send_result *results;
	sd_job *jobs;
	size_t njobs, next, active, done;
	int pumping, expired;
};

static void sd_pump(sd_run *run);

static struct timeval sd_tv(unsigned ms)
{
	struct timeval tv;
	tv.tv_sec = (time_t)(ms / 1000);
	tv.tv_usec = (suseconds_t)((ms % 1000) * 1000);
	return tv;
}

static void sd_resolve(const tc_proxy *p, sd_proxy *r)
{
	memset(r, 0, sizeof(*r));
	char host[256];
	size_t len = p->host ? strlen(p->host) : 0;
	if (len == 0) {
		snprintf(r->error, sizeof(r->error), "proxy has no host");
		return;
	}
	if (p->port == 0 || p->port > 65535) {
		snprintf(r->error, sizeof(r->error), "invalid port %u", p->port);
		return;
	}
	/* "[::1]" as well as "::1" */
	const char *h = p->host;
	if (len > 2 && h[0] == '[' && h[len - 1] == ']') {
		h++;
		len -= 2;
	}
	if (len >= sizeof(host)) {
		snprintf(r->error, sizeof(r->error), "host name too long");
		return;
	}
	memcpy(host, h, len);
	host[len] = '\0';
	char port[8];
	snprintf(port, sizeof(port), "%u", p->port);
	struct addrinfo hints, *ai = NULL;
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	int rc = getaddrinfo(host, port, &hints, &ai);
	if (rc == EAI_NONAME) {
		/* A name: the system resolver blocks, before the run's clock starts. */
		hints.ai_flags = AI_NUMERICSERV | AI_ADDRCONFIG;
		rc = getaddrinfo(host, port, &hints, &ai);
	}
	if (rc != 0 || !ai) {
		char why[128];
		snprintf(r->error, sizeof(r->error), "cannot resolve %.100s: %s", host,
			rc == EAI_SYSTEM ? tc_strerror(errno, why, sizeof(why)) : gai_strerror(rc));
		return;
	}
	/* "localhost" may give ::1 first while the proxy listens on 127.0.0.1 only. */
	for (struct addrinfo *a = ai; a && r->naddr < SD_ADDRS; a = a->ai_next) {
		if (a->ai_addrlen <= sizeof(r->addr[0])) {
			memcpy(&r->addr[r->naddr], a->ai_addr, a->ai_addrlen);
			r->addrlen[r->naddr++] = (socklen_t)a->ai_addrlen;
		}
	}
	freeaddrinfo(ai);
	if (r->naddr == 0) {
		snprintf(r->error, sizeof(r->error), "cannot resolve %.100s: no usable address", host);
		return;
	}
	snprintf(r->host_header, sizeof(r->host_header), strchr(host, ':') ? "[%s]:%u" : "%s:%u", host,
		p->port);
}

static void sd_result(sd_job *j, tc_send_outcome outcome, int status, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void sd_result(sd_job *j, tc_send_outcome outcome, int status, const char *fmt, ...)
{
	tc_send_result *res = &j->run->results[j->index];
	res->outcome = outcome;
	res->status = status;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(res->reason, sizeof(res->reason), fmt, ap);
	va_end(ap);
}

static void sd_release(sd_job *j)
{
	if (j->bev) {
		bufferevent_free(j->bev); /* closes the socket */
		j->bev = NULL;
	}
	if (j->connect_ev) {
		event_free(j->connect_ev);
		j->connect_ev = NULL;
	}
	if (j->fd >= 0) {
		close(j->fd);
		j->fd = -1;
	}
}

static void sd_finish(sd_job *j)
{
	sd_run *run = j->run;
	sd_release(j);
	j->phase = SD_DONE;
	run->active--;
	run->done++;
	sd_pump(run);
	if (run->done == run->njobs) {
		event_base_loopbreak(run->base);
	}
}

static void sd_fail(sd_job *j, tc_send_outcome outcome, const char *reason)
{
	sd_result(j, outcome, j->head.status, "%s", reason);
	sd_finish(j);
}

/* Reads one CRLF- or LF-terminated line into buf. 1: a line, 0: need more, -1: too long. */
static int sd_line(struct evbuffer *in, char *buf, size_t cap, size_t *len)
{
	size_t eol = 0;
	struct evbuffer_ptr at = evbuffer_search_eol(in, NULL, &eol, EVBUFFER_EOL_CRLF);
	if (at.pos < 0) {
		return evbuffer_get_length(in) >= cap ? -1 : 0;
	}
	if ((size_t)at.pos >= cap) {
		return -1;
	}
	*len = (size_t)at.pos;
	evbuffer_remove(in, buf, *len);
	evbuffer_drain(in, eol);
	buf[*len] = '\0';
	return 1;
}

/* Whether what has arrived so far can still be the start of "HTTP/". */
static int sd_looks_http(struct evbuffer *in)
{
	char head[5];
	size_t n = evbuffer_get_length(in);
	n = n < sizeof(head) ? n : sizeof(head);
	evbuffer_copyout(in, head, n);
	return memcmp(head, "HTTP/", n) == 0;
}

/* The outcome is known once the headers are read; the body is only drained. */
static void sd_headers_done(sd_job *j)
{
	const tc_response_head *h = &j->head;
	if (h->interim) {
		j->phase = SD_STATUS;
		return;
	}
	int ok = h->status >= 200 && h->status < 300;
	sd_result(
		j, ok ? TC_SEND_OK : TC_SEND_BAD_RESPONSE, h->status, "HTTP %d %s", h->status, h->reason);
	if (h->status == 204 || h->status == 304 || (!h->chunked && h->length == 0)) {
		sd_finish(j);
		return;
	}
	j->body_left = h->chunked ? -1 : h->length;
	j->phase = SD_BODY;
}

static void sd_parse(sd_job *j)
{
	struct evbuffer *in = bufferevent_get_input(j->bev);
	char line[SD_LINE_MAX];
	size_t len = 0;
	while (j->phase != SD_DONE) {
		if (j->phase == SD_BODY) {
			size_t n = evbuffer_get_length(in);
			if (j->body_left >= 0 && (unsigned long long)j->body_left < n) {
				n = (size_t)j->body_left;
			}
			evbuffer_drain(in, n);
			if (j->body_left >= 0 && (j->body_left -= (long long)n) == 0) {
				sd_finish(j);
			}
			return;
		}
		if (j->phase == SD_STATUS && !sd_looks_http(in)) {
			sd_fail(j, TC_SEND_BAD_RESPONSE, "not an HTTP response");
			return;
		}
		int got = sd_line(in, line, sizeof(line), &len);
		if (got == 0) {
			return;
		}
		if (got < 0) {
			sd_fail(j, TC_SEND_BAD_RESPONSE,
				j->phase == SD_STATUS ? "not an HTTP response (status line too long)"
									  : "response header line too long");
			return;
		}
		if (j->phase == SD_STATUS) {
			if (tc_response_status_line(&j->head, line, len) != 0) {
				sd_fail(j, TC_SEND_BAD_RESPONSE, "not an HTTP response");
				return;
			}
			j->header_bytes = 0;
			j->phase = SD_HEADERS;
			continue;
		}
		j->header_bytes += len + 2;
		if (j->header_bytes > SD_HEADERS_MAX) {
			sd_fail(j, TC_SEND_BAD_RESPONSE, "response headers too long");
		} else if (len == 0) {
			sd_headers_done(j);
		} else {
			tc_response_header(&j->head, line, len);
		}
	}
}

static void sd_on_read(struct bufferevent *bev, void *arg)
{
	(void)bev;
	sd_parse(arg);
}

static void sd_on_event(struct bufferevent *bev, short what, void *arg)
{
	sd_job *j = arg;
	int e = EVUTIL_SOCKET_ERROR();
	char why[200];
	if (!(what & (BEV_EVENT_EOF | BEV_EVENT_ERROR))) {
		return;
	}
	/* A proxy may answer (400) and reset before reading all of a request: a failed write
	 * must not hide an answer that has already arrived. sd_parse has already rejected
	 * bytes that are not HTTP. */
	struct evbuffer *in = bufferevent_get_input(bev);
	size_t pending = evbuffer_get_length(in);
	if (j->phase != SD_BODY && pending > 0) {
		sd_parse(j);
		if (j->phase == SD_DONE) {
			return;
		}
	}
	if (j->phase == SD_BODY) {
		sd_finish(j); /* closed or reset while draining: the answer is already read */
		return;
	}
	if (what & BEV_EVENT_ERROR) {
		char text[128];
		snprintf(why, sizeof(why), "connection lost before a complete answer: %s",
			tc_strerror(e, text, sizeof(text)));
	} else if (j->phase == SD_STATUS && pending == 0) {
		snprintf(why, sizeof(why), "connection closed without an answer");
	} else {
		snprintf(why, sizeof(why), "connection closed before the end of the response headers");
	}
	sd_fail(j, TC_SEND_BAD_RESPONSE, why);
}

static void sd_connected(sd_job *j)
{
	sd_run *run = j->run;
	size_t r = j->req, p = j->proxy;
	j->bev = bufferevent_socket_new(run->base, j->fd, BEV_OPT_CLOSE_ON_FREE);
	if (!j->bev) {
		sd_fail(j, TC_SEND_UNREACHABLE, "out of memory");
		return;
	}
	j->fd = -1;
	size_t len = 0;
	char *bytes = tc_http_request_bytes(&run->reqs[r], run->proxies[p].host_header, 0, &len);
	int failed = !bytes || bufferevent_write(j->bev, bytes, len) != 0;
	tc_free(bytes);
	if (failed) {
		sd_fail(j, TC_SEND_UNREACHABLE, "out of memory");
		return;
	}
	bufferevent_setcb(j->bev, sd_on_read, NULL, sd_on_event, j);
	bufferevent_enable(j->bev, EV_READ | EV_WRITE);
	j->phase = SD_STATUS;
}

static void sd_connect(sd_job *j);

/* A failed connect moves on to the proxy's next address, if it has one. */
static void sd_refused(sd_job *j, int e)
{
	const sd_proxy *px = &j->run->proxies[j->proxy];
	if (j->addr + 1 < px->naddr) {
		sd_release(j);
		j->addr++;
		sd_connect(j);
		return;
	}
	char why[128];
	sd_fail(j, TC_SEND_UNREACHABLE, tc_strerror(e, why, sizeof(why)));
}

static void sd_on_connect(evutil_socket_t fd, short what, void *arg)
{
	sd_job *j = arg;
	char why[160];
	if (what & EV_TIMEOUT) {
		snprintf(why, sizeof(why), "connect timed out after %u ms", j->run->connect_ms);
		sd_fail(j, TC_SEND_UNREACHABLE, why);
		return;
	}
	int e = 0;
	socklen_t elen = sizeof(e);
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &elen) != 0) {
		e = errno;
	}
	if (e != 0) {
		sd_refused(j, e);
		return;
	}
	event_free(j->connect_ev);
	j->connect_ev = NULL;
	sd_connected(j);
}

static void sd_connect(sd_job *j)
{
	sd_run *run = j->run;
	const sd_proxy *px = &run->proxies[j->proxy];
	const struct sockaddr_storage *addr = &px->addr[j->addr];
	j->phase = SD_CONNECTING;
	j->fd = socket(addr->ss_family, SOCK_STREAM, 0);
	if (j->fd < 0 || evutil_make_socket_nonblocking(j->fd) != 0 ||
		evutil_make_socket_closeonexec(j->fd) != 0) {
		char why[128];
		sd_fail(j, TC_SEND_UNREACHABLE, tc_strerror(errno, why, sizeof(why)));
		return;
	}
	if (connect(j->fd, (const struct sockaddr *)addr, px->addrlen[j->addr]) == 0) {
		sd_connected(j);
		return;
	}
	if (errno != EINPROGRESS && errno != EINTR) {
		sd_refused(j, errno);
		return;
	}
	struct timeval tv = sd_tv(run->connect_ms);
	j->connect_ev = event_new(run->base, j->fd, EV_WRITE, sd_on_connect, j);
	if (!j->connect_ev || event_add(j->connect_ev, &tv) != 0) {
		sd_fail(j, TC_SEND_UNREACHABLE, "out of memory");
	}
}

static void sd_start(sd_job *j)
{
	const sd_proxy *px = &j->run->proxies[j->proxy];
	if (px->error[0]) {
		sd_fail(j, TC_SEND_UNREACHABLE, px->error);
		return;
	}
	sd_connect(j);
}

/* Starts queued jobs while connection slots are free. Jobs that fail at once finish inside
 * sd_start and call back here: the guard keeps that a loop instead of a deep recursion. */
static void sd_pump(sd_run *run)
{
	if (run->pumping) {
		return;
	}
	run->pumping = 1;
	while (!run->expired && run->active < run->max_conn && run->next < run->njobs) {
		sd_job *j = &run->jobs[run->next++];
		run->active++;
		sd_start(j);
	}
	run->pumping = 0;
}

static void sd_on_deadline(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	sd_run *run = arg;
	run->expired = 1;
	event_base_loopbreak(run->base);
}

/* After the loop: what is still under way ran out of time. */
static void sd_sweep(sd_run *run)
{
	for (size_t i = 0; i < run->njobs; i++) {
		sd_job *j = &run->jobs[i];
		unsigned ms = run->total_ms;
		switch (j->phase) {
		case SD_QUEUED:
			sd_result(j, TC_SEND_TIMEOUT, 0,
				"not sent: no connection slot free within the total timeout of %u ms", ms);
			break;
		case SD_CONNECTING:
			sd_result(j, TC_SEND_TIMEOUT, 0, "no connection within the total timeout of %u ms", ms);
			break;
		case SD_STATUS:
		case SD_HEADERS:
			sd_result(j, TC_SEND_TIMEOUT, 0, "no answer within %u ms", ms);
			break;
		default:
			break; /* done, or draining a body after the answer was read */
		}
		sd_release(j);
	}
}

static tc_status sd_run_loop(sd_run *run, tc_err *err)
{
	run->base = event_base_new();
	if (!run->base) {
		return tc_err_set(err, TC_ERR_IO, "cannot create an event loop to send purge requests");
	}
	struct event *deadline = evtimer_new(run->base, sd_on_deadline, run);
	struct timeval tv = sd_tv(run->total_ms);
	if (!deadline || evtimer_add(deadline, &tv) != 0) {
		if (deadline) {
			event_free(deadline);
		}
		event_base_free(run->base);
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory sending purge requests");
	}
	sd_pump(run);
	if (run->done < run->njobs) {
		event_base_dispatch(run->base);
	}
	sd_sweep(run);
	event_free(deadline);
	event_base_free(run->base);
	return TC_OK;
}

tc_status tc_http_send(const tc_send_options *opts, const tc_proxy *proxies, size_t nproxies,
	const tc_http_request *reqs, size_t nreqs, tc_send_result *results, tc_err *err)
{
	if (nproxies == 0 || nreqs == 0) {
		return TC_OK;
	}
	if (nreqs > (size_t)-1 / sizeof(sd_job) / nproxies) {
		return tc_err_set(err, TC_ERR_ARG, "too many requests to send");
	}
	tc_send_pair *pairs = tc_calloc(nreqs * nproxies, sizeof(*pairs));
	if (!pairs) {
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory sending purge requests");
	}
	for (size_t i = 0; i < nreqs * nproxies; i++) {
		pairs[i].request = i / nproxies;
		pairs[i].proxy = i % nproxies;
	}
	tc_status st = tc_http_send_pairs(opts, proxies, nproxies, reqs, pairs, nreqs * nproxies, results, err);
	tc_free(pairs);
	return st;
}

struct tc_resolved {
	size_t n;
	sd_proxy px[];
};

tc_resolved *tc_http_resolve(const tc_proxy *proxies, size_t nproxies)
{
	if (nproxies > ((size_t)-1 - sizeof(tc_resolved)) / sizeof(sd_proxy)) {
		return NULL;
	}
	tc_resolved *r = tc_malloc(sizeof(*r) + nproxies * sizeof(sd_proxy));
	if (!r) {
		return NULL;
	}
	r->n = nproxies;
	for (size_t i = 0; i < nproxies; i++) {
		sd_resolve(&proxies[i], &r->px[i]);
	}
	return r;
}

void tc_http_resolved_free(tc_resolved *r)
{
	tc_free(r);
}

static tc_status sd_send(const tc_send_options *opts, const tc_proxy *proxies, const tc_resolved *resolved,
	size_t nproxies, const tc_http_request *reqs, const tc_send_pair *pairs, size_t npairs,
	tc_send_result *results, tc_err *err);

tc_status tc_http_send_pairs(const tc_send_options *opts, const tc_proxy *proxies, size_t nproxies,
	const tc_http_request *reqs, const tc_send_pair *pairs, size_t npairs, tc_send_result *results,
	tc_err *err)
{
	return sd_send(opts, proxies, NULL, nproxies, reqs, pairs, npairs, results, err);
}

tc_status tc_http_send_pairs_resolved(const tc_send_options *opts, const tc_resolved *resolved,
	const tc_http_request *reqs, const tc_send_pair *pairs, size_t npairs, tc_send_result *results,
	tc_err *err)
{
	return sd_send(opts, NULL, resolved, resolved->n, reqs, pairs, npairs, results, err);
}

static tc_status sd_send(const tc_send_options *opts, const tc_proxy *proxies, const tc_resolved *resolved,
	size_t nproxies, const tc_http_request *reqs, const tc_send_pair *pairs, size_t npairs,
	tc_send_result *results, tc_err *err)
{
	if (nproxies == 0 || npairs == 0) {
		return TC_OK;
	}
	if (npairs > (size_t)-1 / sizeof(sd_job)) {
		return tc_err_set(err, TC_ERR_ARG, "too many requests to send");
	}
	for (size_t i = 0; i < npairs; i++) {
		if (pairs[i].proxy >= nproxies) {
			return tc_err_set(err, TC_ERR_ARG, "request paired with proxy %zu of %zu", pairs[i].proxy, nproxies);
		}
	}
	sd_run run;
	memset(&run, 0, sizeof(run));
	run.connect_ms = opts && opts->connect_timeout_ms ? opts->connect_timeout_ms : 1000;
	run.total_ms = opts && opts->total_timeout_ms ? opts->total_timeout_ms : 5000;
	run.max_conn = opts && opts->max_connections ? opts->max_connections : 64;
	run.nproxies = nproxies;
	run.reqs = reqs;
	run.results = results;
	run.njobs = npairs;
	sd_proxy *px = tc_calloc(nproxies, sizeof(*px));
	run.jobs = tc_calloc(run.njobs, sizeof(*run.jobs));
	if (!px || !run.jobs) {
		tc_free(px);
		tc_free(run.jobs);
		return tc_err_set(err, TC_ERR_NOMEM, "out of memory sending purge requests");
	}
	for (size_t i = 0; i < nproxies; i++) {
		if (resolved) {
			px[i] = resolved->px[i]; /* resolved before a fork: no resolver call here */
		} else {
			sd_resolve(&proxies[i], &px[i]);
		}
	}
	run.proxies = px;
	for (size_t i = 0; i < run.njobs; i++) {
		run.jobs[i].run = &run;
		run.jobs[i].index = i;
		run.jobs[i].req = pairs[i].request;
		run.jobs[i].proxy = pairs[i].proxy;
		run.jobs[i].fd = -1;
		run.jobs[i].head.length = -1;
		memset(&results[i], 0, sizeof(results[i]));
		results[i].request = pairs[i].request;
		results[i].proxy = pairs[i].proxy;
	}

	sigset_t pipe_set, old_set, pending;
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	int masked = pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set) == 0;
	int was_pending = masked && sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE);

	tc_status st = sd_run_loop(&run, err);

	if (masked) {
		if (!was_pending && sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE)) {
			struct timespec zero = {0, 0};
			sigtimedwait(&pipe_set, NULL, &zero);
		}
		pthread_sigmask(SIG_SETMASK, &old_set, NULL);
	}
	tc_free(run.jobs);
	tc_free(px);
	return st;
}
