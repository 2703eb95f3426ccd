/* juste_prix_epoll.c: the juste prix server of liaison in minimal C, the
 * practical limit to compare liaison against (bench/compare builds it with
 * `cc -O2`).
 *
 * One thread, one epoll instance, level triggered, nonblocking sockets. All
 * reads go into one shared buffer; a connection owns memory only while it
 * needs it (a line cut in two, output the kernel would not take yet), so an
 * idle connection costs its small struct.
 *
 * Same protocol as `liaison serve` (docs/protocol.md), in French: greeting
 * ending "\n" before the framing is known, raw or line framing learned from
 * what the client sends, C'est plus / C'est moins / Gagné ... (o/n), FIN.
 *
 *   juste_prix_epoll [--host 127.0.0.1] [--port 50000] [--seed N]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_MESSAGE 1024
#define MIN_SECRET 1
#define MAX_SECRET 100

enum framing { UNKNOWN, RAW, LINE };
enum state { GUESSING, ASKING_REPLAY, CLOSING };

struct conn {
  int fd;
  unsigned char framing, state, discarding;
  int tries;
  long long secret;
  char *partial; /* line framing: an unfinished line, MAX_MESSAGE + 2 bytes */
  size_t partial_len;
  char *pending; /* replies the socket did not take yet */
  size_t pending_len;
};

static int epoll_fd;
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;
static char read_buffer[64 * 1024];

static long long draw_secret(void) { /* xorshift64* */
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return MIN_SECRET + (long long)((rng_state * 2685821657736338717ULL) % (MAX_SECRET - MIN_SECRET + 1));
}

/* ---- words ------------------------------------------------------------ */

static int is_blank(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

static void trim(const char **text, size_t *len) {
  while (*len > 0 && is_blank(**text)) ++*text, --*len;
  while (*len > 0 && is_blank((*text)[*len - 1])) --*len;
}

static int is_word(const char *text, size_t len, const char *word) {
  trim(&text, &len);
  return len == strlen(word) && strncasecmp(text, word, len) == 0;
}

static int is_valid_utf8(const unsigned char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
    if (n == 0 || i + n > len) return 0;
    if (n > 1) {
      unsigned char d = s[i + 1];
      if (c == 0xE0 ? (d < 0xA0 || d > 0xBF) : c == 0xED ? (d < 0x80 || d > 0x9F)
          : c == 0xF0 ? (d < 0x90 || d > 0xBF) : c == 0xF4 ? (d < 0x80 || d > 0x8F) : (d & 0xC0) != 0x80)
        return 0;
    }
    for (size_t k = 2; k < n; ++k)
      if ((s[i + k] & 0xC0) != 0x80) return 0;
    i += n;
  }
  return 1;
}

/* 0: a number in *value; 1: not a number; 2: too big. */
static int parse_number(const char *text, size_t len, long long *value) {
  trim(&text, &len);
  int negative = 0;
  if (len > 0 && (*text == '+' || *text == '-')) negative = *text == '-', ++text, --len;
  if (len == 0) return 1;
  unsigned long long magnitude = 0;
  for (size_t i = 0; i < len; ++i) {
    if (text[i] < '0' || text[i] > '9') return 1;
    if (magnitude > (9223372036854775808ULL - (unsigned)(text[i] - '0')) / 10) {
      for (size_t k = i; k < len; ++k)
        if (text[k] < '0' || text[k] > '9') return 1;
      return 2;
    }
    magnitude = magnitude * 10 + (unsigned)(text[i] - '0');
  }
  if (!negative && magnitude > 9223372036854775807ULL) return 2;
  *value = negative ? (long long)(0 - magnitude) : (long long)magnitude;
  return 0;
}

/* ---- output ------------------------------------------------------------ */

static void close_conn(struct conn *c) {
  epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c->fd, NULL);
  close(c->fd);
  free(c->partial);
  free(c->pending);
  free(c);
}

static void watch(struct conn *c, uint32_t events) {
  struct epoll_event event = {.events = events, .data.ptr = c};
  epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c->fd, &event);
}

static void queue(struct conn *c, const char *bytes, size_t len) {
  c->pending = realloc(c->pending, c->pending_len + len);
  memcpy(c->pending + c->pending_len, bytes, len);
  c->pending_len += len;
}

/* One write per reply; what the kernel does not take waits for EPOLLOUT. */
static void send_bytes(struct conn *c, const char *bytes, size_t len) {
  if (c->pending_len == 0) {
    ssize_t sent = send(c->fd, bytes, len, MSG_NOSIGNAL);
    if (sent < 0 && errno != EAGAIN) sent = (ssize_t)len; /* reset: the read will see it */
    if (sent < 0) sent = 0;
    bytes += sent, len -= (size_t)sent;
    if (len == 0) return;
    watch(c, EPOLLIN | EPOLLOUT);
  }
  queue(c, bytes, len);
}

static void reply(struct conn *c, const char *text, size_t len, int last) {
  char framed[MAX_MESSAGE + 2];
  if (len > MAX_MESSAGE) len = MAX_MESSAGE;
  memcpy(framed, text, len);
  int bare_fin = c->framing == UNKNOWN && last;
  if (c->framing != RAW && !bare_fin) framed[len++] = '\n';
  send_bytes(c, framed, len);
  if (last) {
    c->state = CLOSING; /* read until the client closes too, then close */
    if (c->pending_len == 0) shutdown(c->fd, SHUT_WR);
  }
}

static void replyf(struct conn *c, int last, const char *format, ...) __attribute__((format(printf, 3, 4)));
static void replyf(struct conn *c, int last, const char *format, ...) {
  char text[MAX_MESSAGE + 64];
  va_list args;
  va_start(args, format);
  int len = vsnprintf(text, sizeof text, format, args);
  va_end(args);
  reply(c, text, len < (int)sizeof text ? (size_t)len : sizeof text - 1, last);
}

static void greet(struct conn *c) {
  c->secret = draw_secret();
  c->tries = 0;
  c->state = GUESSING;
  replyf(c, 0, "Bienvenue au juste prix ! Devinez le nombre entier entre %d et %d.", MIN_SECRET, MAX_SECRET);
}

/* ---- the game ---------------------------------------------------------- */

static void on_guess(struct conn *c, const char *text, size_t len) {
  long long guess = 0;
  int error = parse_number(text, len, &guess);
  const char *shown = text;
  size_t shown_len = len;
  trim(&shown, &shown_len);
  if (shown_len == 0) {
    replyf(c, 0, "Message vide : proposez un nombre entre %d et %d.", MIN_SECRET, MAX_SECRET);
  } else if (error == 1) {
    replyf(c, 0, "Ce n'est pas un nombre entier : proposez un nombre entre %d et %d.", MIN_SECRET, MAX_SECRET);
  } else if (error == 2 || guess < MIN_SECRET || guess > MAX_SECRET) {
    char number[32];
    if (error == 0) shown_len = (size_t)snprintf(number, sizeof number, "%lld", guess), shown = number;
    replyf(c, 0, "%.*s n'est pas entre %d et %d : proposez un nombre dans l'intervalle.", (int)shown_len, shown,
           MIN_SECRET, MAX_SECRET);
  } else if (++c->tries, guess < c->secret) {
    reply(c, "C'est plus !", 12, 0);
  } else if (guess > c->secret) {
    reply(c, "C'est moins !", 13, 0);
  } else {
    c->state = ASKING_REPLAY;
    replyf(c, 0, "Gagné ! C'était %lld, trouvé en %d essai(s). Rejouer ? (o/n)", c->secret, c->tries);
  }
}

static int is_yes(const char *text, size_t len) {
  return is_word(text, len, "o") || is_word(text, len, "oui") || is_word(text, len, "y") || is_word(text, len, "yes");
}

static int is_no(const char *text, size_t len) {
  return is_word(text, len, "n") || is_word(text, len, "non") || is_word(text, len, "no");
}

static void on_message(struct conn *c, const char *text, size_t len) {
  if (c->state == CLOSING) return;
  if (is_word(text, len, "FIN")) reply(c, "FIN", 3, 1);
  else if (!is_valid_utf8((const unsigned char *)text, len)) replyf(c, 0, "Texte illisible (UTF-8 invalide) : écrivez en UTF-8.");
  else if (c->state == GUESSING) on_guess(c, text, len);
  else if (is_yes(text, len)) greet(c);
  else if (is_no(text, len)) reply(c, "FIN", 3, 1);
  else replyf(c, 0, "Répondez o pour rejouer ou n pour arrêter.");
}

static void too_long(struct conn *c) {
  replyf(c, 0, "Message trop long (plus de %d octets) : il a été ignoré.", MAX_MESSAGE);
}

/* ---- framing: raw chunks or lines, learned from the client ------------- */

static void feed_lines(struct conn *c, const char *bytes, size_t len) {
  while (len > 0) {
    const char *newline = memchr(bytes, '\n', len);
    size_t piece = newline ? (size_t)(newline - bytes) : len;
    if (!c->discarding) {
      if (c->partial_len + piece > MAX_MESSAGE + 1) {
        c->partial_len = 0, c->discarding = 1;
        too_long(c);
      } else {
        if (!c->partial) c->partial = malloc(MAX_MESSAGE + 2);
        memcpy(c->partial + c->partial_len, bytes, piece);
        c->partial_len += piece;
      }
    }
    if (!newline) return;
    if (!c->discarding) {
      size_t line = c->partial_len;
      if (line > 0 && c->partial[line - 1] == '\r') --line;
      c->partial_len = 0;
      if (line > MAX_MESSAGE) too_long(c); else on_message(c, c->partial ? c->partial : "", line);
    }
    c->discarding = 0;
    bytes += piece + 1, len -= piece + 1;
  }
}

static void feed(struct conn *c, const char *bytes, size_t len) {
  if (c->framing != LINE && !memchr(bytes, '\n', len)) {
    c->framing = RAW;
    if (len > MAX_MESSAGE) too_long(c); else on_message(c, bytes, len);
    return;
  }
  c->framing = LINE;
  feed_lines(c, bytes, len);
}

/* ---- events ------------------------------------------------------------ */

static void on_readable(struct conn *c) {
  ssize_t got = recv(c->fd, read_buffer, sizeof read_buffer, 0);
  if (got < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (got > 0) {
    feed(c, read_buffer, (size_t)got);
  } else if (got == 0 && c->state != CLOSING) {
    reply(c, "FIN", 3, 1); /* the client closed its side: say FIN in case it still reads */
  } else {
    close_conn(c); /* the client closed after our FIN, or vanished */
  }
}

/* Returns 0 when the connection is gone. */
static int on_writable(struct conn *c) {
  ssize_t sent = send(c->fd, c->pending, c->pending_len, MSG_NOSIGNAL);
  if (sent < 0 && errno == EAGAIN) return 1;
  if (sent < 0) {
    close_conn(c);
    return 0;
  }
  memmove(c->pending, c->pending + sent, c->pending_len - (size_t)sent);
  c->pending_len -= (size_t)sent;
  if (c->pending_len > 0) return 1;
  free(c->pending), c->pending = NULL;
  watch(c, EPOLLIN);
  if (c->state == CLOSING) shutdown(c->fd, SHUT_WR);
  return 1;
}

static void accept_all(int listener) {
  for (;;) {
    int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return; /* EAGAIN, or out of descriptors: try again at the next event */
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct conn *c = calloc(1, sizeof *c);
    c->fd = fd;
    struct epoll_event event = {.events = EPOLLIN, .data.ptr = c};
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &event);
    greet(c);
  }
}

static int open_listener(const char *host, int port) {
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  if (inet_pton(AF_INET, host, &address.sin_addr) != 1) return -1;
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0 || listen(fd, SOMAXCONN) != 0) return -1;
  return fd;
}

int main(int argc, char **argv) {
  const char *host = "127.0.0.1";
  int port = 50000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--host") == 0) host = argv[i + 1];
    else if (strcmp(argv[i], "--port") == 0) port = atoi(argv[i + 1]);
    else if (strcmp(argv[i], "--seed") == 0) rng_state = strtoull(argv[i + 1], NULL, 10) * 2 + 1;
  }
  int listener = open_listener(host, port);
  if (listener < 0) {
    fprintf(stderr, "Impossible de démarrer le service sur %s:%d : %s\n", host, port, strerror(errno));
    return 1;
  }
  struct sockaddr_in bound;
  socklen_t bound_len = sizeof bound;
  getsockname(listener, (struct sockaddr *)&bound, &bound_len);
  printf("Serveur prêt sur %s:%d, en attente de requêtes ...\n", host, ntohs(bound.sin_port));
  fflush(stdout);

  epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event event = {.events = EPOLLIN, .data.ptr = NULL};
  epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listener, &event);
  struct epoll_event events[256];
  for (;;) {
    int ready = epoll_wait(epoll_fd, events, 256, -1);
    for (int i = 0; i < ready; ++i) {
      struct conn *c = events[i].data.ptr;
      if (!c) {
        accept_all(listener);
        continue;
      }
      /* Each connection has at most one event per batch, and is closed only
       * from its own: no event of this batch can point to a freed one. */
      if ((events[i].events & EPOLLOUT) && !on_writable(c)) continue;
      if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) on_readable(c);
    }
  }
}
