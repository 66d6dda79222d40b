/* VarnishClient's delayed second sends (src/http/tc_delay.h says why they exist): the option,
 * flushDelayed() / getDelayedCount(), sending what is due during flush(), and handing what is
 * still pending at destruction to a detached process that outlives the request and the PHP
 * process.
 *
 * The detached sender is a double-forked grandchild (reparented, so never a zombie) that closes
 * every inherited descriptor (a php-fpm worker's FastCGI socket must not stay open in it), sleeps
 * until due, sends with the C sender on a fresh event base, writes failures to the error_log file
 * (or stderr) and _exit()s. Everything it uses is prepared before the fork in malloc'ed memory:
 * it never calls into PHP or its allocator. Threaded (ZTS) builds do not fork a multi-threaded
 * process: they send synchronously at destruction, waiting until due. */
#include "http.h"
#include "varnish_obj.h"
#include "exceptions.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

/* A detached sender retries a failed second send this often, this far apart, then logs it. */
#define DL_ATTEMPTS 3
#define DL_RETRY_SECONDS 1.0

bool tagcache_varnish_parse_delay(zval *val, const char *owner, double *out)
{
	double sec = Z_TYPE_P(val) == IS_LONG ? (double)Z_LVAL_P(val) : Z_TYPE_P(val) == IS_DOUBLE ? Z_DVAL_P(val) : -1;
	/* An hour is far past any origin fetch; the bound keeps a typo from parking a process. */
	if (!(sec >= 0 && sec <= 3600)) {
		zend_string *shown = Z_TYPE_P(val) == IS_LONG || Z_TYPE_P(val) == IS_DOUBLE ? zval_get_string(val) : NULL;
		tagcache_throw(tagcache_invalid_argument_ce,
		               "%s option \"secondSendDelay\" must be a number of seconds from 0 (no second send) to 3600, got %s", owner,
		               shown ? ZSTR_VAL(shown) : zend_zval_type_name(val));
		if (shown) {
			zend_string_release(shown);
		}
		return false;
	}
	*out = sec;
	return true;
}

bool tagcache_varnish_delay_record(varnish_obj *v, const tc_http_request *req, size_t p, double now)
{
	tc_err err;
	tc_err_clear(&err);
	if (tc_delay_add(&v->delayed, req, p, now, v->second_delay, &err) != TC_OK) {
		tagcache_throw_err(&err);
		return false;
	}
	return true;
}

typedef struct {
	varnish_obj *v;
	zval *failures;
	smart_str *msg;
} dl_php_report;

static void dl_php_failure(void *ud, const tc_delay_item *item, const tc_send_result *res)
{
	dl_php_report *r = ud;
	tagcache_varnish_add_failure(r->failures, r->msg, &item->req, r->v->proxy_names[item->proxy], res, true);
}

bool tagcache_varnish_send_due(varnish_obj *v, zval *failures, smart_str *msg, size_t *sent, size_t *failed)
{
	*sent = *failed = 0;
	if (v->delayed.count == 0) {
		return true;
	}
	dl_php_report report = {v, failures, msg};
	tc_err err;
	tc_err_clear(&err);
	if (tc_delay_send_due(&v->delayed, &v->send, v->proxies, v->nproxies, tc_delay_now(), v->second_delay, sent,
	                      failed, dl_php_failure, &report, &err) != TC_OK) {
		tagcache_throw_err(&err);
		return false;
	}
	return true;
}

static varnish_obj *constructed_client(zval *this_zv)
{
	varnish_obj *v = varnish_from(Z_OBJ_P(this_zv));
	if (!v->proxies) {
		zend_throw_error(NULL, "VarnishClient was not constructed");
		return NULL;
	}
	return v;
}

zend_long tagcache_varnish_flush_delayed(zend_object *client, bool wait)
{
	varnish_obj *v = varnish_from(client);
	if (!v->proxies) {
		zend_throw_error(NULL, "VarnishClient was not constructed");
		return -1;
	}
	zend_long total = 0;
	for (;;) {
		zval failures;
		array_init(&failures);
		smart_str msg = {0};
		size_t sent, failed;
		if (!tagcache_varnish_send_due(v, &failures, &msg, &sent, &failed)) {
			zval_ptr_dtor(&failures);
			smart_str_free(&msg);
			return -1;
		}
		total += (zend_long)sent;
		if (failed) {
			/* The failed copies stay due: waiting on would send them again at once. */
			smart_str_0(&msg);
			uint32_t nfail = zend_hash_num_elements(Z_ARRVAL(failures));
			zend_string *text = zend_strpprintf(0, "%zu of %zu delayed second sends failed (kept for the next flush()) (%u failures)%s%s%s",
			                                    failed, failed + sent, nfail, ZSTR_VAL(msg.s), nfail > 5 ? "; and " : "",
			                                    nfail > 5 ? "more: see getFailures()" : "");
			smart_str_free(&msg);
			tagcache_varnish_throw_failures(text, &failures);
			zend_string_release(text);
			return -1;
		}
		zval_ptr_dtor(&failures);
		smart_str_free(&msg);
		double next = tc_delay_next_due(&v->delayed);
		if (!wait || next < 0) {
			return total;
		}
		tc_delay_sleep_until(next);
	}
}

PHP_METHOD(TagCache_Http_VarnishClient, flushDelayed)
{
	bool wait = true;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(wait)
	ZEND_PARSE_PARAMETERS_END();
	zend_long sent = tagcache_varnish_flush_delayed(Z_OBJ_P(ZEND_THIS), wait);
	if (sent < 0) {
		RETURN_THROWS();
	}
	RETURN_LONG(sent);
}

PHP_METHOD(TagCache_Http_VarnishClient, getDelayedCount)
{
	ZEND_PARSE_PARAMETERS_NONE();
	varnish_obj *v = constructed_client(ZEND_THIS);
	if (!v) {
		RETURN_THROWS();
	}
	RETURN_LONG((zend_long)v->delayed.count);
}

zend_long tagcache_varnish_delayed_count(zend_object *client)
{
	return (zend_long)varnish_from(client)->delayed.count;
}

bool tagcache_varnish_set_delay(zend_object *client, double delay)
{
	varnish_obj *v = varnish_from(client);
	v->second_delay = delay;
	return true;
}

/* ---- the detached sender: plain C from here on, nothing of PHP --------------------------- */

typedef struct {
	tc_proxy *proxies;
	char **names; /* "host:port" for log lines */
	size_t nproxies;
	tc_send_options send;
	double delay;
	char *log_path; /* error_log, "syslog", or NULL */
	bool detached;  /* no error_log: syslog when detached, else stderr */
} dl_sender;

static void dl_sender_free(dl_sender *s)
{
	for (size_t i = 0; i < s->nproxies; i++) {
		free((char *)s->proxies[i].host);
		free(s->names[i]);
	}
	free(s->proxies);
	free(s->names);
	free(s->log_path);
}

/* Copies what the sender needs out of request memory; false when out of memory. */
static bool dl_sender_init(dl_sender *s, varnish_obj *v)
{
	memset(s, 0, sizeof(*s));
	s->proxies = calloc(v->nproxies, sizeof(*s->proxies));
	s->names = calloc(v->nproxies, sizeof(*s->names));
	if (!s->proxies || !s->names) {
		dl_sender_free(s);
		return false;
	}
	for (size_t i = 0; i < v->nproxies; i++) {
		s->proxies[i].host = strdup(v->proxies[i].host);
		s->proxies[i].port = v->proxies[i].port;
		s->names[i] = strdup(ZSTR_VAL(v->proxy_names[i]));
		s->nproxies++;
		if (!s->proxies[i].host || !s->names[i]) {
			dl_sender_free(s);
			return false;
		}
	}
	s->send = v->send;
	s->delay = v->second_delay;
	const char *log = INI_STR("error_log");
	if (log && *log) {
		s->log_path = strdup(log);
	}
	return true;
}

/* One line per failure, in PHP's error_log format. Opened per line (O_APPEND): the file may
 * be rotated while the sender sleeps. */
static void dl_log(const dl_sender *s, const tc_delay_item *item, const tc_send_result *res, bool giving_up)
{
	char line[1024], when[64];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%d-%b-%Y %H:%M:%S UTC", &tm);
	const tc_http_request *r = &item->req;
	const char *hname = r->nheaders ? r->headers[0].name : "", *hval = r->nheaders ? r->headers[0].value : "";
	int n = snprintf(line, sizeof(line), "[%s] tagcache: second send of %s %s%s%s%s%.300s on %s failed: %s (attempt %u%s)\n", when,
	                 r->method, r->target, r->nheaders ? " " : "", hname, r->nheaders ? ": " : "", hval, s->names[item->proxy],
	                 res->reason, item->failures, giving_up ? ", giving up" : ", will retry");
	if (n < 0) {
		return;
	}
	size_t len = (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1;
	if ((s->log_path && !strcmp(s->log_path, "syslog")) || (!s->log_path && s->detached)) {
		syslog(LOG_WARNING, "%.*s", (int)len - 1, strchr(line, ']') + 2);
		return;
	}
	int fd = s->log_path ? open(s->log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644) : 2;
	if (fd < 0) {
		return;
	}
	ssize_t w = write(fd, line, len);
	(void)w;
	if (fd != 2) {
		close(fd);
	}
}

static void dl_c_failure(void *ud, const tc_delay_item *item, const tc_send_result *res)
{
	const dl_sender *s = ud;
	dl_log(s, item, res, item->failures >= DL_ATTEMPTS);
}

/* Sends everything in q as it comes due; failures are retried, then logged and dropped. */
static void dl_drain(const dl_sender *s, tc_delay_queue *q)
{
	while (q->count > 0) {
		tc_delay_sleep_until(tc_delay_next_due(q));
		size_t sent, failed;
		tc_err err;
		tc_err_clear(&err);
		if (tc_delay_send_due(q, &s->send, s->proxies, s->nproxies, tc_delay_now(), s->delay, &sent, &failed, dl_c_failure,
		                      (void *)s, &err) != TC_OK) {
			/* nothing could be attempted (out of memory): count it as a failed attempt of all */
			for (size_t i = 0; i < q->count; i++) {
				q->items[i].failures++;
			}
		}
		tc_delay_reschedule_failed(q, tc_delay_now() + DL_RETRY_SECONDS, DL_ATTEMPTS);
	}
}

#ifndef ZTS
static void dl_close_inherited(void)
{
#if defined(__linux__) && defined(SYS_close_range)
	if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0) {
		return;
	}
#endif
	long max = sysconf(_SC_OPEN_MAX);
	for (long fd = 3; fd < (max > 0 ? max : 65536); fd++) {
		close((int)fd);
	}
}

/* The grandchild: never returns. */
static void dl_detached(const dl_sender *s, tc_delay_queue *q)
{
	setsid();
	dl_close_inherited();
	/* Holding the caller's stdout or stderr would make whoever reads them to the end (a shell's
	 * $(php purge.php), a cron wrapper, a test runner) wait for the second send: failures go to
	 * the error_log file, or to syslog when none is set. */
	int null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		if (null > 2) {
			close(null);
		}
	}
	/* PHP's or php-fpm's handlers must not run here; the sender's own SIGPIPE is handled */
	int sigs[] = {SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM, SIGPROF, SIGCHLD};
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		signal(sigs[i], SIG_DFL);
	}
	signal(SIGPIPE, SIG_IGN);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	dl_drain(s, q);
	_exit(0);
}
#endif

void tagcache_varnish_delay_handoff(varnish_obj *v)
{
	if (v->delayed.count == 0 || !v->proxies) {
		return;
	}
	dl_sender s;
	if (!dl_sender_init(&s, v)) {
		return; /* out of memory at shutdown: nothing better to do than the first sends */
	}
#ifndef ZTS
	fflush(NULL);
	pid_t child = fork();
	if (child == 0) {
		pid_t grandchild = fork();
		if (grandchild == 0) {
			s.detached = true;
			dl_detached(&s, &v->delayed);
		}
		_exit(grandchild > 0 ? 0 : 1);
	}
	int status = 0;
	bool detached = false;
	if (child > 0) {
		pid_t got;
		while ((got = waitpid(child, &status, 0)) < 0 && errno == EINTR) {
		}
		/* ECHILD: a SIGCHLD handler reaped it first (it exits only after forking) */
		detached = got < 0 ? errno == ECHILD : WIFEXITED(status) && WEXITSTATUS(status) == 0;
	}
	if (!detached) {
		dl_drain(&s, &v->delayed); /* no process to hand off to: wait here instead */
	}
#else
	dl_drain(&s, &v->delayed);
#endif
	tc_delay_free(&v->delayed);
	dl_sender_free(&s);
}
