/*
** util.h -- the error path, memory helpers, UTF-8 and command-line options.
**
** The one error path: a function that can fail takes an Err* and returns
** nonzero after err_set().  The caller decides how to show it: the CLI prints
** "luoshi: MESSAGE" and exits 1, the web pages render it as HTML with the
** HTTP status in code, the JSON API as {"error":{"code":..,"message":..}}.
*/
#ifndef LUOSHI_UTIL_H
#define LUOSHI_UTIL_H
#include <stddef.h>
#include <stdint.h>

/* Error codes follow HTTP so that every front end can map them directly. */
#define ERR_INPUT     400   /* bad input: a value, a file, a field */
#define ERR_AUTH      401   /* not logged in / wrong password */
#define ERR_FORBIDDEN 403   /* logged in but not allowed */
#define ERR_NOTFOUND  404   /* no such object */
#define ERR_CONFLICT  409   /* already exists / wrong state */
#define ERR_TOOBIG    413   /* input over a limit */
#define ERR_INTERNAL  500   /* database or system failure */

typedef struct Err Err;
struct Err {
  int code;          /* 0 when no error, else one of ERR_* */
  char zMsg[512];    /* one line, no trailing newline */
};

int err_set(Err *e, int code, const char *zFmt, ...)
  __attribute__((format(printf, 3, 4)));
void err_clear(Err *e);

void fatal(const char *zFmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t sz);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *z);
char *xstrndup(const char *z, size_t n);
char *xprintf(const char *zFmt, ...) __attribute__((format(printf, 1, 2)));

/* Growable arrays: T *a; int n, nAlloc; then ARRAY_PUSH(a, n, nAlloc) gives
** a pointer to a new zeroed slot at the end. */
#define ARRAY_PUSH(a, n, nAlloc) \
  ((n) >= (nAlloc) ? ((a) = array_grow((a), &(nAlloc), sizeof(*(a)))) : 0, \
   memset(&(a)[(n)], 0, sizeof(*(a))), &(a)[(n)++])
void *array_grow(void *a, int *pnAlloc, size_t sz);

/* UTF-8 */
int utf8_decode(const unsigned char *z, size_t n, unsigned *pCp);
int utf8_encode(unsigned cp, char *z);
size_t utf8_valid_prefix(const unsigned char *z, size_t n);
size_t utf8_count(const char *z, size_t n);
size_t utf8_prefix(const char *z, int nCp);
char *utf8_cut(const char *z, int nCp);

/* Files */
int read_file(const char *zPath, char **pz, size_t *pn, Err *e);

/* SHA-256 of n bytes as 64 lowercase hex digits into zOut[65]. */
void sha256_hex(const void *p, size_t n, char zOut[65]);

/* Command-line options (Fossil style): remove "--name VALUE" or "--name"
** from argv and return the value (or "" for a flag); NULL when absent. */
const char *find_option(int *pArgc, char **argv, const char *zName, int hasArg);
int verify_all_options(int argc, char **argv, Err *e);

/* Today's date as YYYY-MM-DD: --today / LUOSHI_TODAY, else the clock. */
const char *today(void);
void set_today(const char *zDate);
int date_valid(const char *z);

#endif
