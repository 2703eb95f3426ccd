/* juste_prix_load.c: a light load generator for juste prix servers, the C
 * counterpart of `liaison bench` (bench/compare builds it with `cc -O2`).
 *
 * N players, each one connection, play by bisection: read the greeting (its
 * last two numbers are the bounds), send a guess, read the reply, classify it
 * by the server's words (plus/moins/gagné), and after a win answer "o" and
 * read the new greeting. Raw framing, French or English replies.
 *
 * One thread, one level-triggered epoll loop; every player's state and
 * buffer are allocated once at the start, nothing in the loop.
 *
 * Closed loop (default): each player sends its next guess as soon as it has
 * the reply. Open loop (--rate R): the guesses are spread evenly, player i's
 * k-th guess is due at t0 + (k * N + i) / R (one guess every N / R s per
 * player), and its latency is measured from that intended time even when the
 * previous reply made the player late.
 *
 * Each connection is bound to one of --sources (loopback addresses, in turn),
 * so that tens of thousands of connections do not run out of ephemeral ports.
 *
 *   juste_prix_load [--host 127.0.0.1] [--port 50000] [-c 100] [-d 10] [--warmup 1]
 *                   [--rate GUESSES_PER_S] [--sources 127.0.0.1,127.0.0.2]
 *                   [--timeout 5] [--connect-batch 500] [--server-pid PID]
 *
 * It prints one JSON object (the fields bench/compare reads from `liaison
 * bench --json`): guesses/s, latency p50/p99/p99.9/max in µs, errors by kind,
 * the server's CPU time over the measured window, and how long it took to
 * have every player greeted. Exit code 0 without errors, 1 otherwise.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum state { IDLE_SLOT, CONNECTING, GREETING, READY, WAITING, REPLAY, DEAD };
enum phase { CONNECT, WARMUP, MEASURE, STOP };
enum error { REFUSED, TIMEOUT, UNEXPECTED, CLOSED, ERROR_KINDS };
static const char *error_names[ERROR_KINDS] = {"refused", "timeout", "unexpected", "closed"};

struct player {
  int fd;
  unsigned char state, len;
  int lo, hi, guess;
  uint32_t next_k;    /* open loop: the index of this player's next guess */
  int64_t intended;   /* when the guess in flight was due (ns) */
  int64_t deadline;   /* of the operation in flight (ns); 0: none */
  char in[192];
};

/* ---- options ------------------------------------------------------------ */

static const char *host = "127.0.0.1";
static int port = 50000, players = 100, connect_batch = 500, server_pid = 0;
static double duration_s = 10, warmup_s = 1, rate = 0, timeout_s = 5;
static struct in_addr sources[256];
static int source_count = 0;

/* ---- state -------------------------------------------------------------- */

static struct player *all;
static int epoll_fd;
static enum phase phase = CONNECT;
static int next_to_connect, settling, settled, greeted;
static int64_t started, t0, stagger;
static uint64_t cursor; /* open loop: the next scheduled guess (k * N + i) */
static uint64_t guesses, games, errors[ERROR_KINDS];
static char first_error[ERROR_KINDS][160];

/* Log-linear latency histogram in µs: exact below 64, then 64 steps per
 * power of two (about 1.6 % resolution). */
#define STEPS 64
#define BUCKETS (STEPS + 40 * STEPS)
static uint64_t histogram[BUCKETS], latency_count, latency_max;

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static int bucket_of(uint64_t us) {
  if (us < STEPS) return (int)us;
  int shift = 63 - __builtin_clzll(us) - 6; /* us >> shift is in [64, 128) */
  int index = STEPS + shift * STEPS + (int)((us >> shift) - STEPS);
  return index < BUCKETS ? index : BUCKETS - 1;
}

static uint64_t bucket_top(int index) {
  if (index < STEPS) return (uint64_t)index;
  int shift = (index - STEPS) / STEPS;
  return ((uint64_t)(STEPS + (index - STEPS) % STEPS + 1) << shift) - 1;
}

static void record_latency(int64_t ns) {
  uint64_t us = ns > 0 ? (uint64_t)(ns / 1000) : 0;
  ++histogram[bucket_of(us)], ++latency_count;
  if (us > latency_max) latency_max = us;
}

static uint64_t percentile(double p) {
  uint64_t rank = (uint64_t)(p / 100 * (double)latency_count + 0.999999), seen = 0;
  if (rank == 0) rank = 1;
  for (int i = 0; i < BUCKETS; ++i)
    if ((seen += histogram[i]) >= rank) return bucket_top(i) < latency_max ? bucket_top(i) : latency_max;
  return latency_max;
}

/* ---- players ------------------------------------------------------------ */

static void fail(struct player *p, enum error kind, const char *what) {
  if (errors[kind]++ == 0) {
    int shown = p->len < 100 ? p->len : 100;
    snprintf(first_error[kind], sizeof first_error[kind], "%s: \"%.*s\"", what, shown, p->in);
    for (char *c = first_error[kind]; *c; ++c)
      if (*c == '"' || *c == '\\' || (unsigned char)*c < 32) *c = '?';
  }
  if (p->state == CONNECTING || p->state == GREETING) ++settled, --settling;
  if (p->fd >= 0) close(p->fd); /* also leaves the epoll set */
  p->fd = -1, p->state = DEAD, p->deadline = 0;
}

static void send_text(struct player *p, const char *text, int len, enum state next) {
  p->len = 0, p->state = (unsigned char)next;
  p->deadline = now_ns() + (int64_t)(timeout_s * 1e9);
  if (send(p->fd, text, (size_t)len, MSG_NOSIGNAL) != len) fail(p, CLOSED, "send");
}

static void send_guess(struct player *p, int64_t intended) {
  char digits[16];
  p->guess = p->lo + (p->hi - p->lo) / 2;
  int len = snprintf(digits, sizeof digits, "%d", p->guess);
  p->intended = intended;
  send_text(p, digits, len, WAITING);
}

/* Open loop: player i's k-th guess is due at t0 + (k * N + i) * stagger. */
static int64_t due_of(uint64_t slot) { return t0 + (int64_t)slot * stagger; }

static void take_turn(struct player *p, int64_t now) {
  if (phase == STOP || phase == CONNECT) return;
  if (rate <= 0) {
    send_guess(p, now);
    return;
  }
  int64_t due = due_of((uint64_t)p->next_k * (uint64_t)players + (uint64_t)(p - all));
  if (due > now) return; /* the schedule's sweep will send it */
  ++p->next_k;
  send_guess(p, due);
}

/* The last two numbers of the greeting are its bounds. */
static int take_bounds(struct player *p) {
  int numbers[2] = {0, 0}, found = 0;
  for (int i = 0; i < p->len; ++i) {
    if (p->in[i] < '0' || p->in[i] > '9') continue;
    int negative = i > 0 && p->in[i - 1] == '-', value = 0;
    while (i < p->len && p->in[i] >= '0' && p->in[i] <= '9') value = value * 10 + (p->in[i++] - '0');
    numbers[0] = numbers[1], numbers[1] = negative ? -value : value, ++found;
  }
  if (found < 2 || numbers[0] > numbers[1]) return 0;
  p->lo = numbers[0], p->hi = numbers[1];
  return 1;
}

static int starts(const char *text, int len, const char *head) {
  int n = (int)strlen(head);
  return len >= n ? memcmp(text, head, (size_t)n) == 0 : memcmp(text, head, (size_t)len) == 0;
}

static int ends(const char *text, int len, const char *tail) {
  int n = (int)strlen(tail);
  return len >= n && memcmp(text + len - n, tail, (size_t)n) == 0;
}

static int is(const char *text, int len, const char *word) {
  return len == (int)strlen(word) && memcmp(text, word, (size_t)len) == 0;
}

enum reply { PARTIAL, HIGHER, LOWER, WON, GREETED, OTHER };

/* What the server said, by its words; PARTIAL while a reply cut by TCP may
 * still become one (raw framing has no terminator). */
static enum reply classify(const char *text, int len) {
  if (len > 0 && text[len - 1] == '\n') --len;
  if (len > 0 && text[len - 1] == '\r') --len;
  if (is(text, len, "C'est plus !") || is(text, len, "Higher!")) return HIGHER;
  if (is(text, len, "C'est moins !") || is(text, len, "Lower!")) return LOWER;
  int won = starts(text, len, "Gagné !") || starts(text, len, "You won!");
  if (won && (ends(text, len, "(o/n)") || ends(text, len, "(y/n)"))) return WON;
  int greeting = starts(text, len, "Bienvenue") || starts(text, len, "Welcome");
  if (greeting && ends(text, len, ".")) return GREETED;
  if (won || greeting || starts(text, len, "C'est plus !") || starts(text, len, "C'est moins !") ||
      starts(text, len, "Higher!") || starts(text, len, "Lower!"))
    return len < (int)sizeof all->in - 1 ? PARTIAL : OTHER;
  return OTHER;
}

static void on_reply(struct player *p, enum reply reply, int64_t now) {
  if (p->state == GREETING || p->state == REPLAY) {
    if (reply != GREETED || !take_bounds(p)) return fail(p, UNEXPECTED, "not a greeting");
    if (p->state == GREETING) ++settled, --settling, ++greeted;
    p->state = READY, p->deadline = 0;
    return take_turn(p, now);
  }
  if (phase == MEASURE) ++guesses, record_latency(now - p->intended);
  p->state = READY, p->deadline = 0;
  if (reply == HIGHER) p->lo = p->guess + 1;
  else if (reply == LOWER) p->hi = p->guess - 1;
  else if (reply == WON) {
    if (phase == MEASURE) ++games;
    if (phase != STOP) send_text(p, "o", 1, REPLAY);
    return;
  } else return fail(p, UNEXPECTED, "reply to a guess");
  if (p->lo > p->hi) return fail(p, UNEXPECTED, "bisection: no number left");
  take_turn(p, now);
}

static void on_readable(struct player *p, int64_t now) {
  ssize_t got = recv(p->fd, p->in + p->len, sizeof p->in - 1 - p->len, 0);
  if (got < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (got <= 0) return fail(p, CLOSED, got == 0 ? "the server closed the connection" : "recv");
  if (p->state != GREETING && p->state != WAITING && p->state != REPLAY)
    return fail(p, UNEXPECTED, "a message nobody asked for");
  p->len = (unsigned char)(p->len + got);
  enum reply reply = classify(p->in, p->len);
  if (reply == OTHER) return fail(p, UNEXPECTED, "not a reply of the game");
  if (reply != PARTIAL) on_reply(p, reply, now);
}

static void on_connected(struct player *p) {
  int error = 0;
  socklen_t len = sizeof error;
  getsockopt(p->fd, SOL_SOCKET, SO_ERROR, &error, &len);
  if (error) return fail(p, REFUSED, strerror(error));
  struct epoll_event event = {.events = EPOLLIN, .data.ptr = p};
  epoll_ctl(epoll_fd, EPOLL_CTL_MOD, p->fd, &event);
  p->state = GREETING, p->len = 0;
}

static void start_connection(struct player *p) {
  struct sockaddr_in server = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  inet_pton(AF_INET, host, &server.sin_addr);
  struct sockaddr_in source = {.sin_family = AF_INET, .sin_addr = sources[(p - all) % source_count]};
  int one = 1;
  ++settling;
  p->state = CONNECTING, p->deadline = now_ns() + (int64_t)(timeout_s * 1e9);
  p->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (p->fd < 0) return fail(p, REFUSED, strerror(errno));
  setsockopt(p->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  setsockopt(p->fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one); /* port chosen at connect */
  if (bind(p->fd, (struct sockaddr *)&source, sizeof source) != 0) return fail(p, REFUSED, strerror(errno));
  if (connect(p->fd, (struct sockaddr *)&server, sizeof server) != 0 && errno != EINPROGRESS)
    return fail(p, REFUSED, strerror(errno));
  struct epoll_event event = {.events = EPOLLOUT, .data.ptr = p};
  epoll_ctl(epoll_fd, EPOLL_CTL_ADD, p->fd, &event);
}

static void connect_more(void) {
  while (next_to_connect < players && settling < connect_batch) start_connection(&all[next_to_connect++]);
}

/* ---- the clock: phases, the open-loop schedule, deadlines ----------------- */

static uint64_t server_cpu_us(void) {
  char path[64], text[1024];
  snprintf(path, sizeof path, "/proc/%d/stat", server_pid);
  FILE *file = fopen(path, "r");
  if (!file) return 0;
  size_t len = fread(text, 1, sizeof text - 1, file);
  fclose(file);
  text[len] = 0;
  char *rest = strrchr(text, ')');
  unsigned long long utime = 0, stime = 0;
  if (!rest || sscanf(rest + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2) return 0;
  return (utime + stime) * 1000000ULL / (unsigned long long)sysconf(_SC_CLK_TCK);
}

static uint64_t server_status_kib(const char *key) {
  char path[64], line[256];
  snprintf(path, sizeof path, "/proc/%d/status", server_pid);
  FILE *file = fopen(path, "r");
  unsigned long long value = 0;
  while (file && fgets(line, sizeof line, file))
    if (strncmp(line, key, strlen(key)) == 0) sscanf(line + strlen(key) + 1, "%llu", &value);
  if (file) fclose(file);
  return value;
}

static void sweep_schedule(int64_t now) {
  for (; due_of(cursor) <= now; ++cursor) {
    struct player *p = &all[cursor % (uint64_t)players];
    if (p->state == READY && p->next_k == cursor / (uint64_t)players) take_turn(p, now);
  }
}

static void enforce_deadlines(int64_t now) {
  for (int i = 0; i < next_to_connect; ++i)
    if (all[i].deadline && all[i].deadline < now) fail(&all[i], TIMEOUT, "no answer within the timeout");
}

static int in_flight(void) {
  int count = 0;
  for (int i = 0; i < players; ++i) count += all[i].state == WAITING || all[i].state == REPLAY;
  return count;
}

static void parse_sources(char *list) {
  for (char *item = strtok(list, ","); item && source_count < 256; item = strtok(NULL, ","))
    if (inet_pton(AF_INET, item, &sources[source_count]) == 1) ++source_count;
    else fprintf(stderr, "juste_prix_load: not an IPv4 address: %s\n", item), exit(2);
}

static void parse_options(int argc, char **argv) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const char *name = argv[i], *value = argv[i + 1];
    if (strcmp(name, "--host") == 0) host = value;
    else if (strcmp(name, "--port") == 0) port = atoi(value);
    else if (strcmp(name, "-c") == 0) players = atoi(value);
    else if (strcmp(name, "-d") == 0) duration_s = atof(value);
    else if (strcmp(name, "--warmup") == 0) warmup_s = atof(value);
    else if (strcmp(name, "--rate") == 0) rate = atof(value);
    else if (strcmp(name, "--timeout") == 0) timeout_s = atof(value);
    else if (strcmp(name, "--connect-batch") == 0) connect_batch = atoi(value);
    else if (strcmp(name, "--server-pid") == 0) server_pid = atoi(value);
    else if (strcmp(name, "--sources") == 0) parse_sources(argv[i + 1]);
    else fprintf(stderr, "juste_prix_load: unknown option %s\n", name), exit(2);
  }
  if (source_count == 0) inet_pton(AF_INET, "127.0.0.1", &sources[source_count++]);
  if (players < 1 || connect_batch < 1) fprintf(stderr, "juste_prix_load: -c and --connect-batch >= 1\n"), exit(2);
}

int main(int argc, char **argv) {
  parse_options(argc, argv);
  struct rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) limit.rlim_cur = limit.rlim_max, setrlimit(RLIMIT_NOFILE, &limit);
  all = calloc((size_t)players, sizeof *all);
  for (int i = 0; i < players; ++i) all[i].fd = -1;
  epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event events[512];
  started = now_ns();
  int64_t phase_end = 0, measure_start = 0, measure_end = 0, greeted_at = 0, next_scan = started;
  uint64_t cpu_start = 0, cpu_end = 0, rss_before = server_pid ? server_status_kib("VmRSS:") : 0, rss_connected = 0;
  for (;;) {
    int64_t now = now_ns();
    if (phase == CONNECT && settled == players) {
      phase = WARMUP, greeted_at = now, phase_end = now + (int64_t)(warmup_s * 1e9);
      rss_connected = server_pid ? server_status_kib("VmRSS:") : 0;
      if (rate > 0) t0 = now, stagger = (int64_t)(1e9 / rate);
      for (int i = 0; i < players; ++i)
        if (all[i].state == READY) take_turn(&all[i], now);
    }
    if (phase == WARMUP && now >= phase_end)
      phase = MEASURE, measure_start = now, phase_end = now + (int64_t)(duration_s * 1e9), cpu_start = server_cpu_us();
    if (phase == MEASURE && now >= phase_end) phase = STOP, measure_end = now, cpu_end = server_cpu_us();
    if (phase == STOP && (in_flight() == 0 || now > measure_end + (int64_t)(timeout_s * 1e9))) break;
    if (phase == CONNECT) connect_more();
    if (rate > 0 && (phase == WARMUP || phase == MEASURE)) sweep_schedule(now);
    if (now >= next_scan) enforce_deadlines(now), next_scan = now + 100000000;

    int64_t wake = next_scan;
    if (phase_end && phase_end < wake && phase != STOP) wake = phase_end;
    if (rate > 0 && phase != CONNECT && phase != STOP && due_of(cursor) < wake) wake = due_of(cursor);
    int64_t wait = wake > now ? wake - now : 0;
    struct timespec timeout = {.tv_sec = wait / 1000000000, .tv_nsec = wait % 1000000000};
    int ready = epoll_pwait2(epoll_fd, events, 512, &timeout, NULL);
    now = now_ns();
    for (int i = 0; i < ready; ++i) {
      struct player *p = events[i].data.ptr;
      if (p->state == DEAD) continue; /* failed earlier in this batch */
      if (p->state == CONNECTING) on_connected(p);
      else on_readable(p, now);
    }
  }

  uint64_t error_total = 0;
  for (int k = 0; k < ERROR_KINDS; ++k) error_total += errors[k];
  for (int k = 0; k < ERROR_KINDS; ++k)
    if (errors[k]) fprintf(stderr, "juste_prix_load: %llu %s, e.g. %s\n", (unsigned long long)errors[k], error_names[k], first_error[k]);
  double seconds = (double)(measure_end - measure_start) / 1e9;
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  uint64_t own_us = (uint64_t)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000 +
                    (uint64_t)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
  printf("{\"players\":%d,\"sources\":%d,\"rate\":%.1f,\"duration_s\":%.3f,\"greeted\":%d,\"greeted_after_s\":%.3f,",
         players, source_count, rate, seconds, greeted, (double)(greeted_at - started) / 1e9);
  printf("\"guesses\":%llu,\"games\":%llu,\"guesses_per_s\":%.1f,", (unsigned long long)guesses,
         (unsigned long long)games, seconds > 0 ? (double)guesses / seconds : 0.0);
  printf("\"latency_us\":{\"p50\":%llu,\"p99\":%llu,\"p999\":%llu,\"max\":%llu,\"count\":%llu},",
         (unsigned long long)percentile(50), (unsigned long long)percentile(99), (unsigned long long)percentile(99.9),
         (unsigned long long)latency_max, (unsigned long long)latency_count);
  printf("\"errors\":{\"refused\":%llu,\"timeout\":%llu,\"unexpected\":%llu,\"closed\":%llu,\"total\":%llu},",
         (unsigned long long)errors[REFUSED], (unsigned long long)errors[TIMEOUT],
         (unsigned long long)errors[UNEXPECTED], (unsigned long long)errors[CLOSED], (unsigned long long)error_total);
  printf("\"bench_cpu_us\":%llu,\"server\":", (unsigned long long)own_us);
  if (!server_pid) printf("null}\n");
  else
    printf("{\"pid\":%d,\"cpu_us\":%llu,\"cpu_us_per_guess\":%.2f,\"rss_kib_before\":%llu,\"rss_kib_connected\":%llu,"
           "\"hwm_kib\":%llu}}\n",
           server_pid, (unsigned long long)(cpu_end - cpu_start),
           guesses ? (double)(cpu_end - cpu_start) / (double)guesses : 0.0, (unsigned long long)rss_before,
           (unsigned long long)rss_connected, (unsigned long long)server_status_kib("VmHWM:"));
  for (int i = 0; i < players; ++i)
    if (all[i].fd >= 0) close(all[i].fd);
  return error_total ? 1 : 0;
}
