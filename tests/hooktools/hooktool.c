/*
 * Stand-in for every Juju hook tool (config-get, relation-set, secret-add, ...).
 *
 * Linked under each tool's name into a folder on the hook's PATH. Like Juju's own tools (the Go
 * binary jujuc), it asks the unit agent over a Unix socket ($JUJU_AGENT_SOCKET_ADDRESS); here the
 * "agent" is the test's HookToolServer. It sends one JSON line
 *
 *   {"tool":..., "args":[...], "stdin": base64 or null, "files": {path: base64},
 *    "context_id": $JUJU_CONTEXT_ID, "unit": $JUJU_UNIT_NAME}
 *
 * -- tool = basename of argv[0]; stdin is read only for `--file -`; files are the contents of
 * those named by `--file PATH`, `--file=PATH` or `key#file=PATH` -- shuts its side down, and gets
 * back `<exit> <stdout bytes> <stderr bytes>\n` followed by stdout and stderr, which it prints
 * before exiting with that code.
 *
 * A hook makes from 2 to a few hundred tool calls, so start-up is what matters: this is C with
 * libc only (a Python client cost ~25 ms a call, most of the benchmark's hook-tool time). It
 * writes the very bytes the Python client it replaced wrote, so the server side is unchanged.
 *
 * Build: cc -O2 -o hooktool hooktool.c (the tests do this themselves, see HookToolClient).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

struct buf {
    char *p;
    size_t len, cap;
};

static void grow(struct buf *b, size_t more)
{
    if (b->cap - b->len >= more)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap - b->len < more) {
        if (cap > ((size_t)-1) / 2)
            goto oom;
        cap *= 2;
    }
    char *p = realloc(b->p, cap);
    if (!p)
        goto oom;
    b->p = p;
    b->cap = cap;
    return;
oom:
    fputs("ERROR hooktool: out of memory\n", stderr);
    exit(1);
}

static void put(struct buf *b, const void *data, size_t n)
{
    grow(b, n);
    memcpy(b->p + b->len, data, n);
    b->len += n;
}

static void puts_(struct buf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* Reads fd to EOF, appending to b; -1 with errno on error. */
static int read_all(int fd, struct buf *b)
{
    for (;;) {
        grow(b, 65536);
        ssize_t n = read(fd, b->p + b->len, b->cap - b->len);
        if (n == 0)
            return 0;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        b->len += (size_t)n;
    }
}

/* Loops because pipes and sockets take a few MB in several partial writes. */
static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/*
 * Length of the well-formed UTF-8 sequence at s (storing its code point), or 0. Overlong forms,
 * UTF-16 surrogates and code points past U+10FFFF are not well formed, as for Python's decoder.
 */
static size_t utf8_char(const unsigned char *s, size_t n, unsigned *cp)
{
    unsigned c = s[0], lo = 0x80, hi = 0xBF;
    size_t len;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        if (c == 0xED)
            hi = 0x9F;
        c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F;
        c &= 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if (s[i] < lo || s[i] > hi)
            return 0;
        lo = 0x80;
        hi = 0xBF;
        c = (c << 6) | (s[i] & 0x3F);
    }
    *cp = c;
    return len;
}

/* A \uXXXX escape of a UTF-16 unit, lowercase hex as Python writes it. */
static void put_u(struct buf *b, unsigned u)
{
    static const char hex[] = "0123456789abcdef";
    char esc[6] = {'\\', 'u', hex[(u >> 12) & 15], hex[(u >> 8) & 15], hex[(u >> 4) & 15], hex[u & 15]};
    put(b, esc, sizeof esc);
}

/*
 * A JSON string, byte for byte what Python's json.encode_basestring_ascii gave for the str
 * Python made of these bytes: UTF-8 decoded with surrogateescape (a byte that is not part of a
 * well-formed sequence becomes U+DC80..U+DCFF), everything outside printable ASCII as a
 * lowercase \uXXXX escape, a surrogate pair past the BMP.
 */
static void put_json(struct buf *b, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n = strlen(str);
    grow(b, n + 2);
    b->p[b->len++] = '"';
    for (size_t i = 0; i < n;) {
        unsigned c;
        size_t len = utf8_char(s + i, n - i, &c);
        if (len == 0) {
            put_u(b, 0xDC00 + s[i]);
            i++;
            continue;
        }
        i += len;
        switch (c) {
        case '"': puts_(b, "\\\""); break;
        case '\\': puts_(b, "\\\\"); break;
        case '\b': puts_(b, "\\b"); break;
        case '\f': puts_(b, "\\f"); break;
        case '\n': puts_(b, "\\n"); break;
        case '\r': puts_(b, "\\r"); break;
        case '\t': puts_(b, "\\t"); break;
        default:
            if (c >= 0x20 && c <= 0x7E) {
                char ch = (char)c;
                put(b, &ch, 1);
            } else if (c >= 0x10000) {
                put_u(b, 0xD800 + ((c - 0x10000) >> 10));
                put_u(b, 0xDC00 + ((c - 0x10000) & 0x3FF));
            } else {
                put_u(b, c);
            }
        }
    }
    put(b, "\"", 1);
}

/* Standard base64 with padding, quoted (its alphabet needs no JSON escape). */
static void put_b64(struct buf *b, const unsigned char *d, size_t n)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    grow(b, (n + 2) / 3 * 4 + 2);
    char *o = b->p + b->len;
    *o++ = '"';
    size_t i = 0;
    for (; i + 2 < n; i += 3) {
        unsigned v = (unsigned)d[i] << 16 | (unsigned)d[i + 1] << 8 | d[i + 2];
        *o++ = abc[v >> 18];
        *o++ = abc[(v >> 12) & 63];
        *o++ = abc[(v >> 6) & 63];
        *o++ = abc[v & 63];
    }
    if (i < n) {
        unsigned v = (unsigned)d[i] << 16 | (i + 1 < n ? (unsigned)d[i + 1] << 8 : 0);
        *o++ = abc[v >> 18];
        *o++ = abc[(v >> 12) & 63];
        *o++ = i + 1 < n ? abc[(v >> 6) & 63] : '=';
        *o++ = '=';
    }
    *o++ = '"';
    b->len = (size_t)(o - b->p);
}

/*
 * The file an argument names, or NULL: `--file PATH` (PATH is the next argument), `--file=PATH`,
 * or `key#file=PATH` when that `=` is the argument's first (so `k=v#file=x` is a plain value).
 * Every argument is looked at, the one after `--file` included, as the Python client did.
 */
static const char *named_file(char **args, int i, int n)
{
    const char *a = args[i];
    if (strcmp(a, "--file") == 0 && i + 1 < n)
        return args[i + 1];
    if (strncmp(a, "--file=", 7) == 0)
        return a + 7;
    const char *h = strstr(a, "#file=");
    if (h && strchr(a, '=') == h + 5)
        return h + 6;
    return NULL;
}

static const char *env_or_empty(const char *name)
{
    const char *v = getenv(name);
    return v ? v : "";
}

/* Connects, sends the request, half-closes, reads the answer; -1 with errno or *why set. */
static int ask(const char *address, const struct buf *req, struct buf *answer, const char **why)
{
    struct sockaddr_un sa;
    size_t alen = strlen(address);
    if (alen > sizeof sa.sun_path) {
        *why = "AF_UNIX path too long"; /* Python's wording */
        return -1;
    }
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    memcpy(sa.sun_path, address, alen);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    int rc = -1;
    if (connect(fd, (struct sockaddr *)&sa, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + alen)) == 0
            && write_all(fd, req->p, req->len) == 0
            && shutdown(fd, SHUT_WR) == 0
            && read_all(fd, answer) == 0)
        rc = 0;
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Parses "<exit> <out> <err>" as Python's int(x) for x in header.split() did (plain digits). */
static int parse_header(const char *h, size_t n, long v[3])
{
    size_t i = 0;
    for (int k = 0; k < 3; k++) {
        while (i < n && is_space(h[i]))
            i++;
        int neg = i < n && h[i] == '-';
        if (neg || (i < n && h[i] == '+'))
            i++;
        if (i >= n || h[i] < '0' || h[i] > '9')
            return -1;
        long x = 0;
        while (i < n && h[i] >= '0' && h[i] <= '9') {
            if (x > (LONG_MAX - 9) / 10)
                return -1;
            x = x * 10 + (h[i++] - '0');
        }
        v[k] = neg ? -x : x;
        if (i < n && !is_space(h[i]))
            return -1;
    }
    while (i < n && is_space(h[i]))
        i++;
    return i == n ? 0 : -1;
}

int main(int argc, char **argv)
{
    /* A reader that went away must give an error, not kill us silently (Python ignored it too). */
    signal(SIGPIPE, SIG_IGN);

    const char *tool = argc > 0 ? argv[0] : "";
    const char *slash = strrchr(tool, '/');
    if (slash)
        tool = slash + 1;
    const char *address = getenv("JUJU_AGENT_SOCKET_ADDRESS");
    if (!address || !*address) {
        fputs("ERROR JUJU_AGENT_SOCKET_ADDRESS is not set: run hook tools from a hook\n", stderr);
        return 1;
    }

    struct buf req = {0}, files = {0}, stdin_json = {0};
    puts_(&stdin_json, "null");
    char **args = argv + 1;
    int nargs = argc > 0 ? argc - 1 : 0;
    for (int i = 0; i < nargs; i++) {
        const char *path = named_file(args, i, nargs);
        if (!path)
            continue;
        struct buf data = {0};
        if (strcmp(path, "-") == 0) {
            /* Only here: a hook's stdin may be a pipe that never closes. */
            if (read_all(0, &data) < 0) {
                fprintf(stderr, "ERROR cannot read stdin: %s\n", strerror(errno));
                return 1;
            }
            stdin_json.len = 0;
            put_b64(&stdin_json, (unsigned char *)data.p, data.len);
        } else {
            /* An unreadable file is left out: the agent answers "open PATH: no such file ...". */
            int fd = open(path, O_RDONLY);
            if (fd >= 0) {
                if (read_all(fd, &data) == 0) {
                    if (files.len)
                        put(&files, ",", 1);
                    put_json(&files, path);
                    put(&files, ":", 1);
                    put_b64(&files, (unsigned char *)data.p, data.len);
                }
                close(fd);
            }
        }
        free(data.p);
    }

    puts_(&req, "{\"tool\":");
    put_json(&req, tool);
    puts_(&req, ",\"args\":[");
    for (int i = 0; i < nargs; i++) {
        if (i)
            put(&req, ",", 1);
        put_json(&req, args[i]);
    }
    puts_(&req, "],\"stdin\":");
    put(&req, stdin_json.p, stdin_json.len);
    puts_(&req, ",\"files\":{");
    if (files.len)
        put(&req, files.p, files.len);
    puts_(&req, "},\"context_id\":");
    put_json(&req, env_or_empty("JUJU_CONTEXT_ID"));
    puts_(&req, ",\"unit\":");
    put_json(&req, env_or_empty("JUJU_UNIT_NAME"));
    puts_(&req, "}\n");
    free(files.p);
    free(stdin_json.p);

    struct buf answer = {0};
    const char *why = NULL;
    if (ask(address, &req, &answer, &why) < 0) {
        if (why)
            fprintf(stderr, "ERROR cannot reach the unit agent at %s: %s\n", address, why);
        else
            fprintf(stderr, "ERROR cannot reach the unit agent at %s: [Errno %d] %s\n", address, errno, strerror(errno));
        return 1;
    }
    free(req.p);

    /* Header up to the first newline, body after it (none without one), as bytes.partition. */
    char *nl = answer.len ? memchr(answer.p, '\n', answer.len) : NULL;
    size_t header_len = nl ? (size_t)(nl - answer.p) : answer.len;
    long v[3];
    if (parse_header(answer.p, header_len, v) < 0 || v[1] < 0 || v[2] < 0) {
        fprintf(stderr, "ERROR bad answer from the unit agent at %s\n", address);
        return 1;
    }
    /* Slices clamped to what arrived, as Python's body[a:b] was. */
    const char *body = nl ? nl + 1 : answer.p + answer.len;
    size_t have = answer.len - (size_t)(body - answer.p);
    size_t out = (size_t)v[1] < have ? (size_t)v[1] : have;
    size_t err = (size_t)v[2] < have - out ? (size_t)v[2] : have - out;
    int failed = write_all(1, body, out) < 0 || write_all(2, body + out, err) < 0;
    free(answer.p);
    return failed ? 1 : (int)v[0];
}
