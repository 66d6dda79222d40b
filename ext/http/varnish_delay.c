/* VarnishClient's delayed second sends (src/http/tc_delay.h says why they exist): the option,
 * flushDelayed() / getDelayedCount(), sending what is due during flush(), and handing what is
 * still pending at destruction to a forked process that outlives the request.
 *
 * The sender is forked once and stays this process's child: a double fork would reparent it to
 * PID 1, which in a container is often php-fpm's master (it logs "unknown child exited" for it)
 * or a PHP CLI that never reaps (zombies). This process records its pid and reaps it with
 * waitpid(pid, WNOHANG) at the next hand-off, at RSHUTDOWN and at MSHUTDOWN, never blocking and
 * never waiting for a pid it did not fork. One still sending when this process exits is
 * reparented as before: unavoidable.
 *
 * The sender closes every inherited descriptor (a php-fpm worker's FastCGI socket must not stay
 * open in it), sleeps until due, sends with the C sender on a fresh event base, writes failures
 * to the error_log file (or syslog) and _exit()s. Everything it uses is prepared before the fork
 * in malloc'ed memory, the proxies' addresses included (no resolver call after a fork): it never
 * calls into PHP or its allocator. A process with more than one thread (an extension's) is not
 * forked, nor is a threaded (ZTS) build: they send synchronously at destruction, waiting until
 * due. */
#include "http.h"
#include "varnish_obj.h"
#include "exceptions.h"

#include <dirent.h>
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
		/* a string is shown quoted and escaped ("2s"), so a numeric-looking one is told apart */
		char shown[128];
		if (Z_TYPE_P(val) == IS_LONG || Z_TYPE_P(val) == IS_DOUBLE) {
			zend_string *num = zval_get_string(val);
			snprintf(shown, sizeof(shown), "%s", ZSTR_VAL(num));
			zend_string_release(num);
		} else if (Z_TYPE_P(val) == IS_STRING) {
			tc_http_describe((tc_str){Z_STRVAL_P(val), Z_STRLEN_P(val)}, shown, sizeof(shown));
		} else {
			snprintf(shown, sizeof(shown), "%s", zend_zval_type_name(val));
		}
		tagcache_throw(tagcache_invalid_argument_ce,
		               "%s option \"secondSendDelay\" must be a number of seconds from 0 (no second send) to 3600, got %s", owner,
		               shown);
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
	tagcache_purge_add_failure(r->failures, r->msg, &item->req, r->v->proxies.names[item->proxy], res, true);
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
	if (tc_delay_send_due(&v->delayed, &v->send, v->proxies.items, v->proxies.count, tc_delay_now(), v->second_delay, sent,
	                      failed, dl_php_failure, &report, &err) != TC_OK) {
		tagcache_throw_err(&err);
		return false;
	}
	return true;
}

static varnish_obj *constructed_client(zval *this_zv)
{
	varnish_obj *v = varnish_from(Z_OBJ_P(this_zv));
	if (!v->proxies.items) {
		zend_throw_error(NULL, "VarnishClient was not constructed");
		return NULL;
	}
	return v;
}

zend_long tagcache_varnish_flush_delayed(zend_object *client, bool wait)
{
	varnish_obj *v = varnish_from(client);
	if (!v->proxies.items) {
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
			char head[96];
			snprintf(head, sizeof(head), "%zu of %zu delayed second sends failed (kept for the next flush())", failed,
			         failed + sent);
			tagcache_purge_throw(head, false, &failures, &msg);
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
	tc_resolved *resolved; /* the proxies' addresses, looked up before forking */
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
	tc_http_resolved_free(s->resolved);
}

/* Copies what the sender needs out of request memory; false when out of memory. */
static bool dl_sender_init(dl_sender *s, varnish_obj *v)
{
	memset(s, 0, sizeof(*s));
	s->proxies = calloc(v->proxies.count, sizeof(*s->proxies));
	s->names = calloc(v->proxies.count, sizeof(*s->names));
	if (!s->proxies || !s->names) {
		dl_sender_free(s);
		return false;
	}
	for (size_t i = 0; i < v->proxies.count; i++) {
		s->proxies[i].host = strdup(v->proxies.items[i].host);
		s->proxies[i].port = v->proxies.items[i].port;
		s->names[i] = strdup(ZSTR_VAL(v->proxies.names[i]));
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
/* Senders this process forked and has not reaped yet. An NTS build has one thread, so one list
 * per process; plain malloc, for it spans requests. Only these pids are ever waited for: a
 * SIGCHLD handler of the script (pcntl) still sees every child of its own. */
static pid_t *dl_children;
static size_t dl_nchildren, dl_cap;

static bool dl_children_reserve(void)
{
	if (dl_nchildren < dl_cap) {
		return true;
	}
	size_t cap = dl_cap ? dl_cap * 2 : 8;
	pid_t *grown = realloc(dl_children, cap * sizeof(*grown));
	if (!grown) {
		return false;
	}
	dl_children = grown;
	dl_cap = cap;
	return true;
}
#endif

void tagcache_varnish_reap_senders(void)
{
#ifndef ZTS
	size_t keep = 0;
	for (size_t i = 0; i < dl_nchildren; i++) {
		int status;
		pid_t got;
		while ((got = waitpid(dl_children[i], &status, WNOHANG)) < 0 && errno == EINTR) {
		}
		/* 0: still sending. Its pid, or ECHILD (SIGCHLD ignored, or a handler's waitpid(-1)
		 * took it): gone. */
		if (got == 0) {
			dl_children[keep++] = dl_children[i];
		}
	}
	dl_nchildren = keep;
#endif
}

void tagcache_varnish_senders_shutdown(void)
{
#ifndef ZTS
	/* One still sending outlives the process and is reparented (to PID 1 or a subreaper). */
	tagcache_varnish_reap_senders();
	free(dl_children);
	dl_children = NULL;
	dl_nchildren = dl_cap = 0;
#endif
}

#ifndef ZTS
/* Threads of this process; 0 when unknown (no /proc). */
static long dl_threads(void)
{
	DIR *d = opendir("/proc/self/task");
	if (!d) {
		return 0;
	}
	long n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		n += e->d_name[0] != '.';
	}
	closedir(d);
	return n;
}

static void dl_close_inherited(void)
{
#if defined(__linux__) && defined(SYS_close_range)
	if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0) {
		return;
	}
#endif
	/* Only the descriptors that are open: RLIMIT_NOFILE can be a million. Closing changes the
	 * listing being read, so read it again until a pass finds nothing left to close. */
	DIR *d = opendir("/proc/self/fd");
	if (d) {
		for (bool closed = true; closed;) {
			closed = false;
			rewinddir(d);
			struct dirent *e;
			while ((e = readdir(d))) {
				char *end;
				long fd = strtol(e->d_name, &end, 10);
				if (*end == '\0' && end != e->d_name && fd > 2 && fd != dirfd(d) && close((int)fd) == 0) {
					closed = true;
				}
			}
		}
		closedir(d);
		return;
	}
	long max = sysconf(_SC_OPEN_MAX); /* no /proc: the only way left */
	for (long fd = 3; fd < (max > 0 && max < 65536 ? max : 65536); fd++) {
		close((int)fd);
	}
}

/* The forked sender: never returns. Its parent reaps it (tagcache_varnish_reap_senders). */
static void dl_detached(const dl_sender *s, tc_delay_queue *q)
{
	setsid();
	closelog(); /* the syslog socket is among what is closed next: openlog() anew on use */
	dl_close_inherited();
	if (chdir("/") != 0) {
		/* stays where it was: it opens only absolute paths (error_log) */
	}
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
	q->resolved = s->resolved; /* no resolver call after the fork */
	dl_drain(s, q);
	_exit(0);
}

/* Forks the sender; false when this process cannot (threads, no memory, fork failed). */
static bool dl_fork(dl_sender *s, tc_delay_queue *q)
{
	/* A thread of another extension may hold a lock (NSS, syslog, the time zone's) at the
	 * fork, which the child would then wait on for ever: fork only a single-threaded process. */
	if (dl_threads() > 1 || !dl_children_reserve()) {
		return false;
	}
	s->resolved = tc_http_resolve(s->proxies, s->nproxies);
	if (!s->resolved) {
		return false;
	}
	fflush(NULL);
	pid_t child = fork();
	if (child == 0) {
		s->detached = true;
		dl_detached(s, q);
	}
	if (child < 0) {
		return false;
	}
	dl_children[dl_nchildren++] = child;
	return true;
}
#endif

void tagcache_varnish_delay_handoff(varnish_obj *v)
{
#ifndef ZTS
	tagcache_varnish_reap_senders();
#endif
	if (v->delayed.count == 0 || !v->proxies.items) {
		return;
	}
	dl_sender s;
	if (!dl_sender_init(&s, v)) {
		return; /* out of memory at shutdown: nothing better to do than the first sends */
	}
#ifndef ZTS
	if (!dl_fork(&s, &v->delayed)) {
		dl_drain(&s, &v->delayed); /* no process to hand off to: wait here instead */
	}
#else
	dl_drain(&s, &v->delayed);
#endif
	tc_delay_free(&v->delayed);
	dl_sender_free(&s);
}
